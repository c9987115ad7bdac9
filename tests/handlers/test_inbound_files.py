"""Route 5 with real RMI templates: judge, store, move the assignment, answer once in the thread."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import replace

import pytest

from handlers.inbound_context import Outcome
from handlers.notices import FileJudged, TriageItem, TriageKind
from rmi.check import CheckResult, check_bytes
from rmi.policy import Policy
from storage import AssignmentState, KeyKind
from surveybot.settings import CampaignPolicy
from tests.handlers.conftest import SENDER, XLSX, Mailroom, build_mail
from tests.support.mistakes import field_cell
from tests.support.workbooks import WorkbookFactory

MID = "<CAF1kestrel-0001@mail.kestrel-components.example>"
PDF_AS_XLSX = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


@pytest.fixture(scope="module")
def files(workbook_factory: WorkbookFactory) -> Mapping[str, bytes]:
    """Filled CMRT 6.5 files saved by LibreOffice: valid, Chinese, broken contact email, other company."""
    valid = workbook_factory.answers("CMRT/6.5")
    chinese = workbook_factory.answers("CMRT/6.5", language="Chinese")
    broken = valid.with_cells({field_cell(valid, "contact_email"): "jane.miller at kestrel"})
    other = valid.with_cells({field_cell(valid, "company_name"): "Falcon Metals Trading Co., Ltd."})
    paths = workbook_factory.libreoffice_many([valid, chinese, broken, other])
    return dict(zip(("valid", "chinese", "broken", "other"), (p.read_bytes() for p in paths), strict=True))


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def send(
    mailroom: Mailroom, *attachments: tuple[str, bytes], message_id: str = MID, key: str = "7:1"
) -> Outcome:
    parts = [(name, data, XLSX) for name, data in attachments]
    return mailroom.receive(build_mail(message_id=message_id, attachments=parts), key)


def test_a_valid_cmrt_is_accepted_stored_and_confirmed_in_the_suppliers_thread(
    mailroom: Mailroom, files: Mapping[str, bytes]
) -> None:
    data = files["valid"]
    assert send(mailroom, ("Kestrel_CMRT_2026.xlsx", data)) is Outcome.JUDGED

    [item] = mailroom.outbox()
    draft = item.draft
    assert draft.to == (SENDER,)
    assert draft.subject == "Re: CMRT 2026"
    assert draft.dedupe_key == f"reply:{MID}:{sha(data)}"
    assert draft.headers == {
        "Auto-Submitted": "auto-replied",
        "X-Auto-Response-Suppress": "All",
        "Content-Language": "en",
        "X-Surveybot-Campaign": "[RMI 2026-H1]",
        "In-Reply-To": MID,
        "References": MID,
    }
    assert "1. Kestrel_CMRT_2026.xlsx\n   ACCEPTED: CMRT revision 6.5\n" in draft.text
    assert "   Declaration scope: A. Company\n" in draft.text
    assert "   Metals in scope: Tantalum, Tin, Gold, Tungsten\n" in draft.text
    assert "   Smelters listed: 8\n" in draft.text
    assert "NOT ACCEPTED" not in draft.text and "differs from the name" not in draft.text

    assert mailroom.assignment_states() == ["invited", "received", "accepted"]
    [submission] = mailroom.store.submissions.for_supplier(mailroom.supplier.id)
    assert (submission.verdict, submission.family, submission.version) == ("accepted", "CMRT", "6.5")
    assert submission.campaign_id == mailroom.campaign.id
    assert mailroom.store.submissions.original(submission.id) == data
    [notice] = mailroom.notifier.notices
    assert isinstance(notice, FileJudged)
    assert (notice.accepted, notice.template, notice.version, notice.submission_id) == (
        True,
        "CMRT",
        "6.5",
        str(submission.id),
    )
    assert mailroom.store.dedupe.seen(KeyKind.ATTACHMENT, f"{mailroom.supplier.id}:{sha(data)}")


def test_a_broken_file_is_rejected_with_numbered_findings_naming_sheet_and_cell(
    mailroom: Mailroom, files: Mapping[str, bytes]
) -> None:
    assert send(mailroom, ("cmrt.xlsx", files["broken"])) is Outcome.JUDGED
    [item] = mailroom.outbox()
    text = item.draft.text
    assert "   NOT ACCEPTED YET: CMRT revision 6.5\n" in text
    assert "   1) " in text
    first_finding = text.split("   1) ", 1)[1].splitlines()[0]
    assert "Declaration!D16" in first_finding and "jane.miller at kestrel" in first_finding
    assert mailroom.assignment_states() == ["invited", "received", "rejected"]
    [notice] = mailroom.notifier.notices
    assert isinstance(notice, FileJudged) and not notice.accepted
    assert ("Declaration", "D16") in {(f.sheet, f.cell) for f in notice.findings}


def test_a_corrected_file_after_a_rejection_is_resubmitted_then_accepted(
    mailroom: Mailroom, files: Mapping[str, bytes]
) -> None:
    send(mailroom, ("cmrt.xlsx", files["broken"]))
    assert (
        send(mailroom, ("cmrt-v2.xlsx", files["valid"]), message_id="<fix@kestrel>", key="7:2")
        is Outcome.JUDGED
    )
    assert mailroom.assignment_states() == ["invited", "received", "rejected", "resubmitted", "accepted"]
    second = mailroom.outbox()[1].draft
    assert second.headers["In-Reply-To"] == "<fix@kestrel>"
    assert "ACCEPTED: CMRT revision 6.5" in second.text


def test_a_chinese_template_is_answered_in_chinese(mailroom: Mailroom, files: Mapping[str, bytes]) -> None:
    mailroom.store.suppliers.update(mailroom.supplier.id, name="苏州精工电子有限公司")
    send(mailroom, ("CMRT_中文.xlsx", files["chinese"]))
    [item] = mailroom.outbox()
    assert item.draft.headers["Content-Language"] == "zh"
    assert "已接受：CMRT 版本 6.5" in item.draft.text
    assert "苏州精工电子有限公司 团队，您好：" in item.draft.text
    assert not [n for n in mailroom.notifier.notices if isinstance(n, TriageItem)]


def test_another_companys_declaration_is_held_for_staff_without_a_verdict_or_reply(
    mailroom: Mailroom, files: Mapping[str, bytes]
) -> None:
    assert send(mailroom, ("cmrt.xlsx", files["other"])) is Outcome.HELD_COMPANY_MISMATCH
    assert mailroom.outbox() == []
    assert mailroom.assignment_states() == ["invited"]
    [held] = mailroom.store.submissions.for_supplier(mailroom.supplier.id)
    assert (held.verdict, held.family, held.version, held.findings) == ("held", "CMRT", "6.5", ())
    assert mailroom.store.submissions.original(held.id) == files["other"]
    assert not mailroom.store.dedupe.seen(KeyKind.ATTACHMENT, f"{mailroom.supplier.id}:{sha(files['other'])}")
    [triage] = mailroom.notifier.notices
    assert isinstance(triage, TriageItem) and triage.kind is TriageKind.COMPANY_MISMATCH
    assert triage.supplier_id == str(mailroom.supplier.id) and triage.submission_id == str(held.id)
    assert "company in the file: Falcon Metals Trading Co., Ltd." in triage.details
    assert "It is held" in triage.summary
    [entry] = [e for e in mailroom.store.audit.entries() if e.action.startswith("mail.")]
    assert entry.action == "mail.held_company_mismatch"
    assert entry.details["thread_to"] == SENDER and entry.details["thread_subject"] == "CMRT 2026"


def test_a_held_file_beside_the_suppliers_own_one_leaves_the_own_one_answered(
    mailroom: Mailroom, files: Mapping[str, bytes]
) -> None:
    outcome = send(mailroom, ("ours.xlsx", files["valid"]), ("theirs.xlsx", files["other"]))
    assert outcome is Outcome.JUDGED
    [item] = mailroom.outbox()
    assert "ours.xlsx" in item.draft.text and "theirs.xlsx" not in item.draft.text
    assert mailroom.assignment_states() == ["invited", "received", "accepted"]
    verdicts = {
        s.attachment_name: s.verdict for s in mailroom.store.submissions.for_supplier(mailroom.supplier.id)
    }
    assert verdicts == {"ours.xlsx": "accepted", "theirs.xlsx": "held"}


def test_a_pdf_renamed_to_xlsx_gets_a_polite_explanation_and_nothing_internal(mailroom: Mailroom) -> None:
    assert send(mailroom, ("CMRT.xlsx", PDF_AS_XLSX)) is Outcome.JUDGED
    [item] = mailroom.outbox()
    text = item.draft.text
    assert "1. CMRT.xlsx\n   WE COULD NOT USE THIS FILE\n" in text
    assert "PDF" in text
    assert "Excel workbook (.xlsx)" in text
    assert "If you need a blank template: https://www.responsiblemineralsinitiative.org/" in text
    for leak in ("Traceback", "Error:", "/work/", "/tmp/", "site-packages"):
        assert leak not in text and leak not in item.draft.html
    [submission] = mailroom.store.submissions.for_supplier(mailroom.supplier.id)
    assert submission.verdict == "unreadable"
    assert mailroom.assignment_states() == ["invited", "received", "rejected"]


def test_a_file_too_large_to_open_is_refused_with_its_size(mailroom: Mailroom) -> None:
    mailroom.deps = replace(
        mailroom.deps,
        settings=replace(
            mailroom.deps.settings, mailbox=replace(mailroom.deps.settings.mailbox, max_attachment_mb=1)
        ),
    )
    raw = build_mail(attachments=[("CMRT_with_photos.xlsx", b"PK\x03\x04" + bytes(2_200_000), XLSX)])
    assert mailroom.receive(raw, "7:1", max_attachment_bytes=1_048_576) is Outcome.JUDGED
    text = mailroom.outbox()[0].draft.text
    assert "1. CMRT_with_photos.xlsx\n   WE COULD NOT USE THIS FILE\n" in text
    assert "2.1 MB, above the 1 MB limit" in text
    assert mailroom.assignment_states() == ["invited", "received", "rejected"]


def test_two_files_get_one_reply_and_the_accepted_one_decides_the_status(
    mailroom: Mailroom, files: Mapping[str, bytes]
) -> None:
    assert (
        send(mailroom, ("CMRT_final.xlsx", files["valid"]), ("CMRT_scan.xlsx", PDF_AS_XLSX)) is Outcome.JUDGED
    )
    [item] = mailroom.outbox()
    text = item.draft.text
    assert text.index("1. CMRT_final.xlsx\n   ACCEPTED") < text.index(
        "2. CMRT_scan.xlsx\n   WE COULD NOT USE"
    )
    assert item.draft.dedupe_key == f"reply:{MID}:" + ",".join(
        sorted((sha(files["valid"]), sha(PDF_AS_XLSX)))
    )
    assert mailroom.assignment_states()[-1] == "accepted"
    assert [n.accepted for n in mailroom.notifier.notices if isinstance(n, FileJudged)] == [True, False]


def test_the_same_file_sent_again_in_a_new_mail_is_a_duplicate(
    mailroom: Mailroom, files: Mapping[str, bytes]
) -> None:
    send(mailroom, ("cmrt.xlsx", files["valid"]))
    again = send(mailroom, ("cmrt (1).xlsx", files["valid"]), message_id="<resent@kestrel>", key="7:2")
    assert again is Outcome.DUPLICATE
    assert len(mailroom.outbox()) == 1
    assert len(mailroom.store.submissions.for_supplier(mailroom.supplier.id)) == 1


def test_a_crash_midway_replays_without_double_work(mailroom: Mailroom, files: Mapping[str, bytes]) -> None:
    calls: list[str] = []

    def crashing_checker(data: bytes, filename: str, policy: Policy) -> CheckResult:
        calls.append(filename)
        if len(calls) == 2:
            raise RuntimeError("power cut while checking the second file")
        return check_bytes(data, filename, policy)

    mailroom.deps = replace(mailroom.deps, checker=crashing_checker)
    attachments = (("a.xlsx", files["valid"]), ("b.xlsx", files["broken"]))
    with pytest.raises(RuntimeError):
        send(mailroom, *attachments)
    assert mailroom.outbox() == [] and not mailroom.store.dedupe.seen(KeyKind.IMAP_UID, "7:1")

    mailroom.deps = replace(mailroom.deps, checker=check_bytes)
    assert send(mailroom, *attachments) is Outcome.JUDGED
    assert len(mailroom.store.submissions.for_supplier(mailroom.supplier.id)) == 2
    assert mailroom.assignment_states() == ["invited", "received", "rejected", "resubmitted", "accepted"]
    assert len(mailroom.outbox()) == 1
    assert send(mailroom, *attachments) is Outcome.DUPLICATE


def test_an_opted_out_supplier_still_gets_a_verdict_but_keeps_its_status(
    mailroom: Mailroom, files: Mapping[str, bytes]
) -> None:
    assignment = mailroom.store.assignments.find(mailroom.supplier.id, mailroom.campaign.id)
    assert assignment is not None
    mailroom.store.assignments.transition(assignment.id, AssignmentState.OPTED_OUT)
    assert send(mailroom, ("cmrt.xlsx", files["valid"])) is Outcome.JUDGED
    assert mailroom.assignment_states() == ["invited", "opted_out"]
    assert "ACCEPTED: CMRT revision 6.5" in mailroom.outbox()[0].draft.text


def test_the_campaigns_configured_date_limit_reaches_the_mail_verdict(
    mailroom: Mailroom, files: Mapping[str, bytes]
) -> None:
    """[campaign] declarations_dated_from: a declaration dated before it is rejected by mail too."""
    settings = mailroom.deps.settings
    strict = replace(settings.campaign, declarations_dated_from="2026-11-01")
    mailroom.deps = replace(mailroom.deps, settings=replace(settings, campaign=strict))
    assert send(mailroom, ("cmrt.xlsx", files["valid"])) is Outcome.JUDGED  # dated 2026-10-26
    [item] = mailroom.outbox()
    assert "NOT ACCEPTED YET: CMRT revision 6.5" in item.draft.text
    assert "1 November 2026" in item.draft.text and "Declaration!D22" in item.draft.text
    assert mailroom.assignment_states() == ["invited", "received", "rejected"]


def test_a_campaigns_own_date_limit_reaches_the_mail_verdict_of_its_suppliers(
    mailroom: Mailroom, files: Mapping[str, bytes]
) -> None:
    """[campaign.policies."2026-H1"]: the campaign the supplier is invited to sets its own limit."""
    settings = mailroom.deps.settings
    own = {"2026-H1": CampaignPolicy(declarations_dated_from="2026-11-01")}
    campaign = replace(settings.campaign, policies=own)
    mailroom.deps = replace(mailroom.deps, settings=replace(settings, campaign=campaign))
    assert send(mailroom, ("cmrt.xlsx", files["valid"])) is Outcome.JUDGED  # dated 2026-10-26
    [item] = mailroom.outbox()
    assert "NOT ACCEPTED YET: CMRT revision 6.5" in item.draft.text
    assert "1 November 2026" in item.draft.text and "Declaration!D22" in item.draft.text
