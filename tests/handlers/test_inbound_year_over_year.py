"""A supplier's second accepted declaration: the staff notice says what changed since the first."""

from __future__ import annotations

from handlers.inbound_context import Outcome
from handlers.notices import FileJudged
from tests.handlers.conftest import XLSX, Mailroom, build_mail
from tests.support.workbooks import WorkbookFactory


def test_the_notice_of_a_second_accepted_file_names_the_smelter_dropped(
    mailroom: Mailroom, workbook_factory: WorkbookFactory
) -> None:
    valid = workbook_factory.answers("CMRT/6.5")
    first, second = workbook_factory.libreoffice_many([valid, valid.with_smelters(valid.smelters[1:])])
    for number, path in enumerate((first, second), start=1):
        mail = build_mail(
            message_id=f"<yoy-{number}@kestrel.example>", attachments=[(path.name, path.read_bytes(), XLSX)]
        )
        assert mailroom.receive(mail, f"7:{number}") is Outcome.JUDGED

    first_notice, second_notice = (n for n in mailroom.notifier.notices if isinstance(n, FileJudged))
    assert first_notice.accepted and first_notice.changes is None  # nothing to compare with yet
    assert second_notice.accepted and second_notice.changes is not None
    (dropped,) = second_notice.changes.dropped
    assert dropped.row == 5 and dropped.metal == "Tantalum"
    assert second_notice.changes.added == () and second_notice.changes.answers == ()
