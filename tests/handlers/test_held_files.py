"""Staff decisions on a held file that names another company: accept it for the supplier, or ask."""

from __future__ import annotations

import pytest

from handlers.auth import Caller, PermissionRefused, Role
from handlers.held_files import HeldDecision, decide_held_file
from handlers.inbound_context import Outcome
from handlers.notices import TriageItem, TriageKind
from storage import KeyKind, Submission
from surveybot.errors import UserFacingError
from tests.handlers.conftest import XLSX, Mailroom, build_mail
from tests.support.answers import AnswerSet, valid_answers
from tests.support.fixtures import FACTORY_TODAY
from tests.support.mistakes import field_cell
from tests.support.workbooks import WorkbookFactory

MID = "<CAF1distributor-0001@mail.kestrel-components.example>"
SHARED = "rmi-compliance@kestrel-components.example"
STAFF = Caller("U0STAFF", frozenset({Role.STAFF}))
NOBODY = Caller("U0NOBODY", frozenset())


NEXT_NAMES = {"same": "FALCON METALS TRADING LIMITED", "third": "Osprey Alloys GmbH"}


def named(company: str) -> AnswerSet:
    valid = valid_answers("CMRT/6.5", today=FACTORY_TODAY)
    return valid.with_cells({field_cell(valid, "company_name"): company})


def workbook_jobs() -> list[AnswerSet]:
    """Built up front with every other module's workbooks (tests/support/prebuild.py)."""
    return [named(name) for name in ("Falcon Metals Trading Co., Ltd.", *NEXT_NAMES.values())]


@pytest.fixture(scope="module")
def other_company(workbook_factory: WorkbookFactory) -> bytes:
    """A valid CMRT 6.5 that names the manufacturer, not the supplier (what a distributor forwards)."""
    (path,) = workbook_factory.libreoffice_many([named("Falcon Metals Trading Co., Ltd.")])
    return path.read_bytes()


def hold(mailroom: Mailroom, data: bytes) -> Submission:
    raw = build_mail(
        subject="Our CMRT (from our manufacturer)",
        message_id=MID,
        attachments=[("Falcon_CMRT.xlsx", data, XLSX)],
        headers=[("Reply-To", SHARED), ("References", "<invite.7@buyer.example>")],
    )
    assert mailroom.receive(raw) is Outcome.HELD_COMPANY_MISMATCH
    [held] = mailroom.store.submissions.for_supplier(mailroom.supplier.id)
    return held


def test_accepting_a_held_file_judges_it_and_answers_in_the_suppliers_thread(
    mailroom: Mailroom, other_company: bytes
) -> None:
    held = hold(mailroom, other_company)
    result = decide_held_file(mailroom.deps, STAFF, held.id, HeldDecision.ACCEPT)
    assert (result.verdict, result.repeated, result.decided_by) == ("accepted", False, "U0STAFF")
    settled = mailroom.store.submissions.get(held.id)
    assert (settled.verdict, settled.family, settled.version) == ("accepted", "CMRT", "6.5")
    assert settled.campaign_id == mailroom.campaign.id
    assert mailroom.assignment_states() == ["invited", "received", "accepted"]
    [item] = mailroom.outbox()
    draft = item.draft
    assert draft.to == (SHARED,)
    assert draft.subject == "Re: Our CMRT (from our manufacturer)"
    assert draft.headers["In-Reply-To"] == MID
    assert draft.headers["References"] == f"<invite.7@buyer.example> {MID}"
    assert "ACCEPTED: CMRT revision 6.5" in draft.text
    assert "differs from the name" not in draft.text
    assert mailroom.store.dedupe.seen(KeyKind.ATTACHMENT, f"{mailroom.supplier.id}:{held.sha256}")
    [entry] = mailroom.store.audit.entries(subject=f"submission:{held.id}")
    assert (entry.action, entry.actor.id, entry.details["decision"]) == (
        "slack.held_file",
        "U0STAFF",
        "accept",
    )


def test_asking_for_their_own_declaration_mails_the_supplier_and_keeps_the_file_held(
    mailroom: Mailroom, other_company: bytes
) -> None:
    mailroom.store.suppliers.update(mailroom.supplier.id, language="zh")
    held = hold(mailroom, other_company)
    result = decide_held_file(mailroom.deps, STAFF, held.id, HeldDecision.ASK)
    assert result.verdict == "held"
    assert mailroom.store.submissions.get(held.id).verdict == "held"
    assert mailroom.assignment_states() == ["invited"]
    [item] = mailroom.outbox()
    draft = item.draft
    assert draft.to == (SHARED,) and draft.headers["In-Reply-To"] == MID
    assert draft.subject == "Re: Our CMRT (from our manufacturer)"
    assert draft.headers["Content-Language"] == "en"  # the template was filled in English
    assert 'The company named in it is "Falcon Metals Trading Co., Ltd.", not Kestrel' in draft.text
    assert "Falcon_CMRT.xlsx" in draft.text


def test_a_second_click_changes_nothing_and_names_who_decided(
    mailroom: Mailroom, other_company: bytes
) -> None:
    held = hold(mailroom, other_company)
    decide_held_file(mailroom.deps, STAFF, held.id, HeldDecision.ASK)
    again = decide_held_file(
        mailroom.deps, Caller("U0OTHER", frozenset({Role.STAFF})), held.id, HeldDecision.ACCEPT
    )
    assert (again.repeated, again.decision, again.decided_by) == (True, HeldDecision.ASK, "U0STAFF")
    assert len(mailroom.outbox()) == 1
    assert mailroom.store.submissions.get(held.id).verdict == "held"
    assert len(mailroom.store.audit.entries(subject=f"submission:{held.id}")) == 1


def test_only_staff_may_decide_and_a_refusal_is_audited(mailroom: Mailroom, other_company: bytes) -> None:
    held = hold(mailroom, other_company)
    with pytest.raises(PermissionRefused, match="staff"):
        decide_held_file(mailroom.deps, NOBODY, held.id, HeldDecision.ACCEPT)
    assert mailroom.outbox() == []
    [refusal] = mailroom.store.audit.entries(subject=f"submission:{held.id}")
    assert refusal.action == "slack.refused" and refusal.actor.id == "U0NOBODY"


def test_after_staff_asked_the_suppliers_answer_in_that_thread_goes_to_staff_not_to_a_robot(
    mailroom: Mailroom, other_company: bytes
) -> None:
    held = hold(mailroom, other_company)
    decide_held_file(mailroom.deps, STAFF, held.id, HeldDecision.ASK)
    mailroom.notifier.notices.clear()
    answer = build_mail(
        subject="Re: Our CMRT (from our manufacturer)",
        message_id="<answer@kestrel>",
        body="We are a distributor; Falcon declares for the smelters we buy from.",
        headers=[("In-Reply-To", "<sb.request@buyer.example>")],
    )
    assert mailroom.receive(answer) is Outcome.HANDED_TO_STAFF
    assert len(mailroom.outbox()) == 1  # only the request staff sent
    [notice] = mailroom.notifier.notices
    assert isinstance(notice, TriageItem) and notice.kind is TriageKind.SUPPLIER_ANSWERED
    assert notice.details == ("We are a distributor; Falcon declares for the smelters we buy from.",)
    assert notice.message_key == "<answer@kestrel>"
    # another conversation still gets the automatic answer
    other = build_mail(subject="Invoice question", message_id="<other@kestrel>")
    assert mailroom.receive(other) is Outcome.ASKED_FOR_ATTACHMENT


def test_a_file_held_because_authentication_failed_cannot_be_released_by_these_buttons(
    mailroom: Mailroom, other_company: bytes
) -> None:
    forged = build_mail(dmarc="fail", attachments=[("CMRT.xlsx", other_company, XLSX)])
    assert mailroom.receive(forged) is Outcome.HELD_AUTH_FAILED
    [held] = mailroom.store.submissions.for_supplier(mailroom.supplier.id)
    with pytest.raises(UserFacingError, match="not a file held for naming another company"):
        decide_held_file(mailroom.deps, STAFF, held.id, HeldDecision.ACCEPT)
    assert mailroom.outbox() == [] and mailroom.store.submissions.get(held.id).verdict == "held"


@pytest.fixture(scope="module")
def next_files(workbook_factory: WorkbookFactory) -> dict[str, bytes]:
    """Later CMRTs: the accepted company spelled another way, and a third company."""
    names = NEXT_NAMES
    paths = workbook_factory.libreoffice_many([named(name) for name in names.values()])
    return {key: path.read_bytes() for key, path in zip(names, paths, strict=True)}


def test_a_company_staff_accepted_is_judged_without_a_hold_next_time_and_no_other(
    mailroom: Mailroom, other_company: bytes, next_files: dict[str, bytes]
) -> None:
    decide_held_file(mailroom.deps, STAFF, hold(mailroom, other_company).id, HeldDecision.ACCEPT)
    again = build_mail(
        message_id="<again@kestrel>", attachments=[("Falcon_2.xlsx", next_files["same"], XLSX)]
    )
    assert mailroom.receive(again) is Outcome.JUDGED
    third = build_mail(message_id="<third@kestrel>", attachments=[("Osprey.xlsx", next_files["third"], XLSX)])
    assert mailroom.receive(third) is Outcome.HELD_COMPANY_MISMATCH
    verdicts = [s.verdict for s in mailroom.store.submissions.for_supplier(mailroom.supplier.id)]
    assert sorted(verdicts) == ["accepted", "accepted", "held"]
