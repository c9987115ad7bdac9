"""Templates as suppliers send them today, through the inbound route with the real store: the 2026
revisions are accepted as compatible (staff told once per revision), a newer file whose cells do not
match is held for a person, and an old revision is answered in one round with a blank attached —
through the outbox and real SMTP (aiosmtpd) as a MIME attachment."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

import pytest

from handlers.inbound_context import Outcome
from handlers.notices import FileJudged, TriageItem, TriageKind
from handlers.replies import FileOutcome, FileReply, Reply, ReplyKind
from handlers.supplier_card import english_findings
from mail.render import MailRenderer, create_environment
from mail.sender import OutboxSender
from mail.smtp import SmtpMailer
from rmi.blanks import blank_template
from storage import AttachmentRef
from surveybot.settings import CampaignSettings, Secret, SmtpSettings
from tests.handlers.conftest import XLSX, Mailroom, build_mail
from tests.support.answers import AnswerSet, valid_answers
from tests.support.fixtures import FACTORY_TODAY
from tests.support.mailservers import SMTP_PASSWORD, SMTP_USER, CollectingHandler, TlsCert
from tests.support.revisions import relabelled, saved_as_xls, with_label, with_requester_columns
from tests.support.workbooks import WorkbookFactory

XLS = "application/vnd.ms-excel"


def workbook_jobs() -> list[AnswerSet]:
    """Built up front with every other module's workbooks (tests/support/prebuild.py)."""
    valid = [valid_answers(key, today=FACTORY_TODAY) for key in ("CMRT/6.5", "CMRT/6.01")]
    return valid + [
        valid_answers("CMRT/6.01", today=FACTORY_TODAY, language=name) for name in ("Chinese", "Japanese")
    ]


@pytest.fixture(scope="module")
def files(workbook_factory: WorkbookFactory) -> Mapping[str, bytes]:
    """A CMRT 6.6 built from a filled 6.5, its held twin, and a CMRT 5.12 saved as protected .xls."""
    paths = workbook_factory.libreoffice_many(
        [workbook_factory.answers(k) for k in ("CMRT/6.5", "CMRT/6.01")]
    )
    current, oldest = (path.read_bytes() for path in paths)
    cmrt_66 = with_requester_columns(relabelled(current, "CMRT", "6.6"))
    retired = relabelled(oldest, "CMRT", "5.12", date="May 1, 2019")
    return {
        "6.6": cmrt_66,
        "6.6.1": with_requester_columns(relabelled(current, "CMRT", "6.6.1")),
        "held": with_label(cmrt_66, "Declaration", "B8", "Supplier name (*):"),
        "5.12.xls": saved_as_xls(retired, protect_structure=True),
        "6.5.xls": saved_as_xls(current, protect_structure=True),
    }


def send(mailroom: Mailroom, name: str, data: bytes, number: int, content_type: str = XLSX) -> Outcome:
    mail = build_mail(
        message_id=f"<rev-{number}@mail.kestrel-components.example>", attachments=[(name, data, content_type)]
    )
    return mailroom.receive(mail, f"7:{number}")


def triage(mailroom: Mailroom, kind: TriageKind) -> list[TriageItem]:
    return [n for n in mailroom.notifier.notices if isinstance(n, TriageItem) and n.kind is kind]


def test_a_cmrt_66_is_accepted_as_65_compatible_and_staff_hear_once_per_revision(
    mailroom: Mailroom, files: Mapping[str, bytes]
) -> None:
    assert send(mailroom, "RMI_CMRT_6.6.xlsx", files["6.6"], 1) is Outcome.JUDGED
    [reply] = mailroom.outbox()
    assert "ACCEPTED: CMRT revision 6.6" in reply.draft.text
    assert "read as 6.5-compatible" in reply.draft.text
    assert mailroom.assignment_states() == ["invited", "received", "accepted"]
    [submission] = mailroom.store.submissions.for_supplier(mailroom.supplier.id)
    assert (submission.verdict, submission.version) == ("accepted", "6.6")
    [notice] = triage(mailroom, TriageKind.NEW_REVISION)
    assert "CMRT 6.6" in notice.summary and "6.5-compatible" in notice.summary

    # Another CMRT 6.6 (a different file, another mail): judged the same way, no second notice.
    again = relabelled(files["6.6"], "CMRT", "6.6", date="April 18, 2026")
    assert send(mailroom, "cmrt_again.xlsx", again, 2) is Outcome.JUDGED
    assert send(mailroom, "CMRT_6.6.1.xlsx", files["6.6.1"], 3) is Outcome.JUDGED
    assert [n.summary.split(" arrived")[0] for n in triage(mailroom, TriageKind.NEW_REVISION)] == [
        "The first CMRT 6.6",
        "The first CMRT 6.6.1",
    ]
    assert mailroom.store.dedupe.seen("new_revision_notice", "CMRT/6.6")


def test_a_newer_file_whose_anchor_cells_disagree_is_held_with_a_polite_reply_and_a_staff_item(
    mailroom: Mailroom, files: Mapping[str, bytes]
) -> None:
    assert send(mailroom, "RMI_CMRT_6.6.xlsx", files["held"], 4) is Outcome.JUDGED
    [submission] = mailroom.store.submissions.for_supplier(mailroom.supplier.id)
    assert (submission.verdict, submission.family, submission.version) == ("held", "CMRT", "6.6")
    assert mailroom.store.submissions.original(submission.id) == files["held"]
    assert mailroom.assignment_states() == ["invited", "received"]  # a person decides
    [logged] = mailroom.store.audit.entries("mail:<rev-4@mail.kestrel-components.example>")
    assert (logged.details["outcome"], logged.details["held_for_review"], logged.details["accepted"]) == (
        "judged",
        1,
        0,
    )
    [reply] = mailroom.outbox()
    text = reply.draft.text
    assert "RECEIVED: A MEMBER OF OUR TEAM WILL CHECK IT" in text
    assert "a member of our team will check it and reply to you" in text
    assert "NOT ACCEPTED" not in text and "current template" not in text and "reporting-templates" not in text
    assert not reply.draft.attachments
    [item] = triage(mailroom, TriageKind.HELD_FOR_REVIEW)
    assert "CMRT 6.6" in item.summary and "judge it by hand" in item.summary
    assert triage(mailroom, TriageKind.NEW_REVISION) == []
    assert not [n for n in mailroom.notifier.notices if isinstance(n, FileJudged)]  # not "rejected"


def test_an_old_cmrt_xls_is_answered_in_the_first_reply_with_the_newest_shipped_blank_attached(
    mailroom: Mailroom, files: Mapping[str, bytes]
) -> None:
    assert send(mailroom, "CMRT_Kestrel_2019.xls", files["5.12.xls"], 5, XLS) is Outcome.JUDGED
    [reply] = mailroom.outbox()
    text = reply.draft.text
    assert "is CMRT revision 5.12, a revision that is no longer accepted" in text
    assert "The current revision is CMRT 6.6" in text
    assert "password" not in text and "97-2003" not in text and "not an RMI" not in text
    shipped = blank_template("CMRT")
    assert shipped is not None
    [ref] = reply.draft.attachments
    assert ref.filename == shipped.filename and f"Attached to this mail: {shipped.filename}" in text
    assert mailroom.store.blobs.read(ref.sha256) == shipped.read_bytes()
    assert mailroom.assignment_states() == ["invited", "received", "rejected"]
    [submission] = mailroom.store.submissions.for_supplier(mailroom.supplier.id)
    assert (submission.family, submission.version, submission.verdict) == ("CMRT", "5.12", "rejected")


def test_staff_read_a_retired_revision_without_the_suppliers_attached_blank_pointer(
    mailroom: Mailroom, files: Mapping[str, bytes]
) -> None:
    """The supplier's reply says the blank is attached to it; the Slack notice and card are not that mail."""
    assert send(mailroom, "CMRT_Kestrel_2019.xls", files["5.12.xls"], 5, XLS) is Outcome.JUDGED
    [reply] = mailroom.outbox()
    assert "attached to this mail" in reply.draft.text
    [notice] = [n for n in mailroom.notifier.notices if isinstance(n, FileJudged)]
    [submission] = mailroom.store.submissions.for_supplier(mailroom.supplier.id)
    for finding in (*notice.findings, *english_findings(submission.findings)):
        assert "is CMRT revision 5.12, a revision that is no longer accepted" in finding.message
        assert "attached to this mail" not in finding.message


def test_a_current_cmrt_saved_as_protected_xls_is_asked_for_as_xlsx_by_name_without_a_password_hint(
    mailroom: Mailroom, files: Mapping[str, bytes]
) -> None:
    assert send(mailroom, "CMRT_Kestrel.xls", files["6.5.xls"], 8, XLS) is Outcome.JUDGED
    [reply] = mailroom.outbox()
    text = reply.draft.text
    assert "is CMRT revision 6.5, saved in the old Excel 97-2003 format (.xls)" in text
    assert "Save As > Excel Workbook (.xlsx)" in text
    assert "password" not in text and not reply.draft.attachments
    [submission] = mailroom.store.submissions.for_supplier(mailroom.supplier.id)
    assert (submission.family, submission.version, submission.verdict) == ("CMRT", "6.5", "rejected")


@pytest.fixture(scope="module")
def retired_in(workbook_factory: WorkbookFactory) -> Mapping[str, bytes]:
    """CMRT 5.12 files filled with Chinese and Japanese picked in Declaration!D3."""
    jobs = [workbook_factory.answers("CMRT/6.01", language=name) for name in ("Chinese", "Japanese")]
    zh, ja = (path.read_bytes() for path in workbook_factory.libreoffice_many(jobs))
    return {
        code: relabelled(data, "CMRT", "5.12", date="May 1, 2019") for code, data in (("zh", zh), ("ja", ja))
    }


@pytest.mark.parametrize(
    ("language", "retired", "attached"),
    [
        ("zh", "该版本已不再被接受。当前版本为 CMRT 6.6", "本邮件附件：RMI_CMRT_6.5.xlsx"),
        (
            "ja",
            "現在は受け付けていない改訂版です。現行の改訂版は CMRT 6.6 です",
            "本メールの添付ファイル：RMI_CMRT_6.5.xlsx",
        ),
    ],
)
def test_an_old_revision_filled_in_chinese_or_japanese_is_answered_in_that_language_with_the_blank(
    mailroom: Mailroom, retired_in: Mapping[str, bytes], language: str, retired: str, attached: str
) -> None:
    assert send(mailroom, "CMRT.xlsx", retired_in[language], 9) is Outcome.JUDGED
    [reply] = mailroom.outbox()
    assert reply.draft.headers["Content-Language"] == language
    assert retired in reply.draft.text and attached in reply.draft.text
    assert [ref.filename for ref in reply.draft.attachments] == ["RMI_CMRT_6.5.xlsx"]


@pytest.mark.parametrize(
    ("language", "held", "attached"),
    [
        ("en", "A MEMBER OF OUR TEAM WILL CHECK IT", "Attached to this mail: RMI_CMRT_6.5.xlsx"),
        ("zh", "我们的工作人员将进行检查", "本邮件附件：RMI_CMRT_6.5.xlsx"),
        ("ja", "担当者が確認します", "本メールの添付ファイル：RMI_CMRT_6.5.xlsx"),
    ],
)
def test_held_files_and_attached_blanks_are_worded_in_every_reply_language(
    language: str, held: str, attached: str
) -> None:
    files = (
        FileReply("new.xlsx", FileOutcome.HELD, "CMRT", "6.6", reason="(reason)"),
        FileReply("old.xls", FileOutcome.REJECTED, "CMRT", "5.12"),
    )
    reply = Reply(ReplyKind.VERDICT, language, "Kestrel", files, attachments=("RMI_CMRT_6.5.xlsx",))
    body = MailRenderer(create_environment(), "Survey").render_reply(reply)
    for rendered in (body.text, body.html):
        assert held in rendered and attached in rendered and "(reason)" in rendered


def test_a_configured_campaign_blank_is_attached_and_sent_as_a_real_mime_attachment(
    mailroom: Mailroom,
    files: Mapping[str, bytes],
    smtp_server: CollectingHandler,
    tls_cert: TlsCert,
    tmp_path: Path,
) -> None:
    configured = tmp_path / "CMRT_6.6.1.xlsx"
    configured.write_bytes(b"PK\x03\x04 the blank the buyer's team distributes")
    campaign = CampaignSettings(blank_templates={"CMRT": str(configured)})
    mailroom.deps = replace(mailroom.deps, settings=replace(mailroom.deps.settings, campaign=campaign))
    assert send(mailroom, "CMRT_Kestrel_2019.xls", files["5.12.xls"], 7, XLS) is Outcome.JUDGED
    [reply] = mailroom.outbox()
    assert reply.draft.attachments[0] == AttachmentRef(
        "CMRT_6.6.1.xlsx", XLSX, sha256=reply.draft.attachments[0].sha256
    )

    smtp = SmtpSettings(
        host="127.0.0.1", port=smtp_server.port, security="starttls", username=SMTP_USER,
        from_address="rmi-survey@buyer.example",
    )  # fmt: skip
    mailer = SmtpMailer(smtp, Secret(SMTP_PASSWORD), ssl_context=tls_cert.client_context())
    try:
        sender = OutboxSender(mailroom.store, mailer, smtp, notifier=mailroom.notifier, clock=mailroom.clock)
        assert sender.drain().sent == 1
    finally:
        mailer.close()
    (got,) = smtp_server.messages
    parts = [part for part in got.message.iter_attachments()]
    [attachment] = parts
    assert attachment.get_filename() == "CMRT_6.6.1.xlsx"
    assert attachment.get_content_type() == XLSX
    assert attachment.get_payload(decode=True) == configured.read_bytes()
    body = got.message.get_body(preferencelist=("plain",))
    assert body is not None and "CMRT revision 5.12" in body.get_content()
