"""Mail as it really arrives, end to end: real Dovecot in, the production mail service, aiosmtpd out.

Each test delivers supplier mail (or a mail server's report) by IMAP APPEND and asserts what a
supplier and staff would notice: the exact reply that reached the SMTP server (or that none did),
its envelope recipient and headers, and what the store recorded.
"""

from __future__ import annotations

import datetime as dt
import email.utils
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import pytest

from handlers.auth import Caller, Role
from handlers.held_files import HeldDecision, decide_held_file
from handlers.inbound_context import InboundDeps
from handlers.notices import TriageItem, TriageKind
from storage import (
    CampaignState,
    Contact,
    KeyKind,
    OutboxState,
    SupplierDraft,
    SystemClock,
)
from tests.mail.mail_builders import fixture
from tests.support.answers import AnswerSet, valid_answers
from tests.support.fixtures import FACTORY_TODAY, workbook_factory
from tests.support.mail_service import LiveMailService, running
from tests.support.mailservers import (
    CollectingHandler,
    Dovecot,
    Received,
    TlsCert,
)
from tests.support.mistakes import field_cell
from tests.support.supplier_mail import SENDER, TRUSTED_MX, XLSX, build_mail
from tests.support.workbooks import WorkbookFactory

__all__ = ["workbook_factory"]

SUPPLIER = SENDER
SHARED = "rmi-compliance@kestrel-components.example"
TAG = "[RMI 2026-H1]"


def workbook_jobs() -> list[AnswerSet]:
    """Built up front with every other module's workbooks (tests/support/prebuild.py)."""
    valid = valid_answers("CMRT/6.5", today=FACTORY_TODAY)
    return [valid, valid.with_cells({field_cell(valid, "company_name"): "Falcon Metals Trading Co., Ltd."})]


@pytest.fixture(scope="module")
def templates(workbook_factory: WorkbookFactory) -> Mapping[str, bytes]:
    """CMRT 6.5 files as LibreOffice saves them: Kestrel's own, and its manufacturer's."""
    paths = workbook_factory.libreoffice_many(workbook_jobs())
    return dict(zip(("own", "manufacturer"), (p.read_bytes() for p in paths), strict=True))


class Flow(LiveMailService):
    """The production mail service on its own mailbox, with Kestrel invited to one campaign."""

    def __init__(self, dovecot: Dovecot, smtp: CollectingHandler, cert: TlsCert, tmp: Path) -> None:
        super().__init__(dovecot, smtp, cert, tmp, trusted_authserv_ids=(TRUSTED_MX,))
        self.supplier_id, self.campaign_id = self._invite_kestrel()
        self.handled = 0

    def _invite_kestrel(self) -> tuple[int, int]:
        draft = SupplierDraft("KESTREL", "Kestrel Precision Components", (Contact(SUPPLIER, "Jane Miller"),))
        supplier = self.store.suppliers.add(draft)
        campaign = self.store.campaigns.create("2026-H1", "CMRT", "6.31", dt.date(2026, 12, 31))
        self.store.campaigns.set_state(campaign.id, CampaignState.ACTIVE)
        self.store.assignments.invite(campaign.id, [supplier.id])
        return supplier.id, campaign.id

    def deliver(self, raw: bytes) -> None:
        """Append one mail and wait until the service has handled it and sent what it queued."""
        self.dovecot.append(self.user, raw)
        self.handled += 1
        self.settled(self.handled)

    def outcomes(self) -> list[str]:
        return [
            e.action.removeprefix("mail.") for e in self.store.audit.entries() if e.action.startswith("mail.")
        ]

    def states(self) -> list[str]:
        found = self.store.assignments.find(self.supplier_id, self.campaign_id)
        assert found is not None
        return [step.state.value for step in found.history]

    def service_deps(self) -> InboundDeps:
        """The ports a staff decision from Slack uses: the same store, renderer and settings."""
        return InboundDeps(self.store, SystemClock(), self.notifier, self.renderer, self.settings)

    def triage(self) -> list[TriageItem]:
        return [n for n in self.notifier.notices if isinstance(n, TriageItem)]


@pytest.fixture
def flow(
    dovecot: Dovecot, smtp_server: CollectingHandler, tls_cert: TlsCert, tmp_path: Path
) -> Iterator[Flow]:
    with running(Flow(dovecot, smtp_server, tls_cert, tmp_path)) as made:
        yield made


def supplier_mail(
    subject: str,
    message_id: str,
    *,
    attachment: bytes | None = None,
    headers: Sequence[tuple[str, str]] = (),
    dmarc: str = "pass",
    sender: str = SUPPLIER,
) -> bytes:
    """A supplier's mail as our receiving server stores it, with its Authentication-Results stamp."""
    return build_mail(
        sender=sender,
        to="rmi-survey@example.com",
        subject=subject,
        body="Dear team,\n\nplease see below.\n\nJane",
        message_id=message_id,
        date=email.utils.formatdate(),
        attachments=[("CMRT.xlsx", attachment, XLSX)] if attachment is not None else [],
        headers=headers,
        dmarc=dmarc,
    )


def header_block(received: Received) -> str:
    return received.raw.decode("ascii").split("\r\n\r\n")[0]


# --- 1. threads stay threads ----------------------------------------------------------------------


def test_a_gmail_thread_keeps_its_subject_and_its_references_grow(
    flow: Flow, templates: Mapping[str, bytes]
) -> None:
    subject = "CMRT 2026 for Kestrel"
    flow.deliver(supplier_mail(subject, "<CAG1@mail.gmail.com>"))
    (first,) = flow.smtp.wait_for(1)
    ours1 = str(first.message["Message-ID"])

    answer = f"Re: {subject}"
    thread = ["<CAG1@mail.gmail.com>", ours1]
    headers = [("In-Reply-To", ours1), ("References", " ".join(thread))]
    flow.deliver(supplier_mail(answer, "<CAG2@mail.gmail.com>", attachment=templates["own"], headers=headers))
    second = flow.smtp.wait_for(2)[1]
    ours2 = str(second.message["Message-ID"])

    thread += ["<CAG2@mail.gmail.com>", ours2]
    headers = [("In-Reply-To", ours2), ("References", " ".join(thread))]
    flow.deliver(supplier_mail(answer, "<CAG3@mail.gmail.com>", headers=headers))
    third = flow.smtp.wait_for(3)[2]

    replies = [first, second, third]
    assert [r.message["Subject"] for r in replies] == [answer] * 3
    assert all(f"\r\nSubject: {answer}\r\n" in header_block(r) for r in replies)
    assert [r.message["In-Reply-To"] for r in replies] == [
        "<CAG1@mail.gmail.com>",
        "<CAG2@mail.gmail.com>",
        "<CAG3@mail.gmail.com>",
    ]
    assert [r.message["References"].split() for r in replies] == [
        ["<CAG1@mail.gmail.com>"],
        ["<CAG1@mail.gmail.com>", ours1, "<CAG2@mail.gmail.com>"],
        ["<CAG1@mail.gmail.com>", ours1, "<CAG2@mail.gmail.com>", ours2, "<CAG3@mail.gmail.com>"],
    ]
    assert [r.message["X-Surveybot-Campaign"] for r in replies] == [TAG] * 3
    assert all(r.rcpt_tos == [SUPPLIER] and r.message["To"] == SUPPLIER for r in replies)
    assert TAG in second.message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "ACCEPTED: CMRT revision 6.5" in second.message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert flow.outcomes() == ["asked_for_attachment", "judged", "asked_for_attachment"]
    assert flow.states() == ["invited", "received", "accepted"]


def test_localized_and_long_subjects_come_back_unchanged_with_at_most_one_reply_prefix(flow: Flow) -> None:
    long_word = "Kestrel_Precision_Components_CMRT_2026_H1_final_signed_v3_corrected"
    chinese = "回复：关于2026年冲突矿产报告模板（CMRT）的提交说明，请查收"
    sent = {
        "AW: Anfrage Konfliktmineralien": "AW: Anfrage Konfliktmineralien",
        chinese: chinese,
        "SV: CMRT": "SV: CMRT",
        f"Re:{long_word}": f"Re:{long_word}",
        f"{long_word} and more words after it": f"Re: {long_word} and more words after it",
    }
    for n, subject in enumerate(sent):
        flow.deliver(supplier_mail(subject, f"<subject{n}@kestrel>"))
    replies = flow.smtp.wait_for(len(sent))
    assert [r.message["Subject"] for r in replies] == list(sent.values())
    assert not any("\r\nSubject:\r\n" in header_block(r) for r in replies)
    assert f"\r\nSubject: Re:{long_word}\r\n" in header_block(replies[3])


# --- 2. answer the right address ------------------------------------------------------------------


def test_the_answer_goes_to_the_reply_to_address_while_the_sender_identifies_the_supplier(flow: Flow) -> None:
    flow.deliver(
        supplier_mail("Question", "<q1@kestrel>", headers=[("Reply-To", f"Kestrel Compliance <{SHARED}>")])
    )
    (reply,) = flow.smtp.wait_for(1)
    assert reply.rcpt_tos == [SHARED]
    assert reply.message["To"] == SHARED
    assert reply.message["In-Reply-To"] == "<q1@kestrel>"
    [item] = flow.store.outbox.for_supplier(flow.supplier_id)
    assert item.draft.to == (SHARED,) and item.state is OutboxState.SENT


# --- 3. every new file gets its verdict -----------------------------------------------------------


def test_a_new_template_is_answered_after_the_threads_daily_limit_is_used_up(
    flow: Flow, templates: Mapping[str, bytes]
) -> None:
    limit = flow.settings.replies.max_auto_replies_per_thread_per_day
    for n in range(limit + 1):
        flow.deliver(supplier_mail("Re: CMRT 2026", f"<question{n}@kestrel>"))
    assert len(flow.smtp.wait_for(limit)) == limit
    flow.deliver(supplier_mail("Re: CMRT 2026", "<file@kestrel>", attachment=templates["own"]))
    replies = flow.smtp.wait_for(limit + 1)
    assert len(replies) == limit + 1
    assert replies[-1].message["In-Reply-To"] == "<file@kestrel>"
    assert replies[-1].message["Subject"] == "Re: CMRT 2026"
    assert flow.outcomes() == ["asked_for_attachment"] * limit + ["rate_limited", "judged"]
    assert flow.states() == ["invited", "received", "accepted"]


# --- 4. route order and sender trust --------------------------------------------------------------


def test_a_spoofed_mail_carrying_a_file_already_received_is_held_and_shown_to_staff(
    flow: Flow, templates: Mapping[str, bytes]
) -> None:
    genuine = supplier_mail("CMRT 2026", "<real@kestrel>", attachment=templates["own"])
    flow.deliver(genuine)
    flow.smtp.wait_for(1)
    flow.deliver(supplier_mail("CMRT 2026", "<forged@attacker>", attachment=templates["own"], dmarc="fail"))
    flow.deliver(genuine)  # the very same mail again: still a plain duplicate
    assert flow.outcomes() == ["judged", "held_auth_failed", "duplicate"]
    assert len(flow.smtp.snapshot()) == 1
    [alarm] = flow.triage()
    assert alarm.kind is TriageKind.AUTH_FAILED and alarm.message_key == "<forged@attacker>"
    verdicts = sorted(s.verdict for s in flow.store.submissions.for_supplier(flow.supplier_id))
    assert verdicts == ["accepted", "held"]


def test_another_companys_template_waits_for_staff_and_their_acceptance_answers_in_the_thread(
    flow: Flow, templates: Mapping[str, bytes]
) -> None:
    headers = [("Reply-To", SHARED)]
    flow.deliver(
        supplier_mail(
            "CMRT from our manufacturer",
            "<fwd@kestrel>",
            attachment=templates["manufacturer"],
            headers=headers,
        )
    )
    assert flow.outcomes() == ["held_company_mismatch"]
    assert flow.smtp.snapshot() == [] and flow.states() == ["invited"]
    [notice] = flow.triage()
    assert notice.kind is TriageKind.COMPANY_MISMATCH and notice.submission_id is not None

    staff = Caller("U0STAFF", frozenset({Role.STAFF}))
    result = decide_held_file(flow.service_deps(), staff, int(notice.submission_id), HeldDecision.ACCEPT)
    assert result.verdict == "accepted"
    (reply,) = flow.smtp.wait_for(1)
    assert reply.rcpt_tos == [SHARED]
    assert reply.message["Subject"] == "Re: CMRT from our manufacturer"
    assert reply.message["In-Reply-To"] == "<fwd@kestrel>"
    assert flow.states() == ["invited", "received", "accepted"]
    assert flow.store.dedupe.seen(KeyKind.ATTACHMENT, f"{flow.supplier_id}:{result.submission.sha256}")


def test_staff_ask_for_the_suppliers_own_declaration_and_the_answer_comes_back_to_staff(
    flow: Flow, templates: Mapping[str, bytes]
) -> None:
    mail = supplier_mail("Our CMRT", "<fwd2@kestrel>", attachment=templates["manufacturer"])
    flow.deliver(mail)
    [notice] = flow.triage()
    assert notice.submission_id is not None
    staff = Caller("U0STAFF", frozenset({Role.STAFF}))
    decide_held_file(flow.service_deps(), staff, int(notice.submission_id), HeldDecision.ASK)
    (request,) = flow.smtp.wait_for(1)
    assert request.rcpt_tos == [SUPPLIER]
    assert request.message["Subject"] == "Re: Our CMRT"
    assert request.message["In-Reply-To"] == "<fwd2@kestrel>"
    assert request.message["X-Surveybot-Campaign"] == TAG
    text = request.message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert (
        'The company named in it is "Falcon Metals Trading Co., Ltd.", not Kestrel Precision Components.'
        in text
    )
    assert flow.states() == ["invited"]
    [held] = flow.store.submissions.for_supplier(flow.supplier_id)
    assert held.verdict == "held"

    ours = str(request.message["Message-ID"])
    headers = [("In-Reply-To", ours), ("References", f"<fwd2@kestrel> {ours}")]
    flow.deliver(supplier_mail("Re: Our CMRT", "<answer@kestrel>", headers=headers))
    assert flow.outcomes() == ["held_company_mismatch", "handed_to_staff"]
    assert len(flow.smtp.snapshot()) == 1
    assert [n.kind for n in flow.triage()] == [TriageKind.COMPANY_MISMATCH, TriageKind.SUPPLIER_ANSWERED]


# --- 5. bounces as mail servers write them --------------------------------------------------------


def test_a_delay_warning_marks_nothing_and_a_qmail_bounce_marks_the_supplier(flow: Flow) -> None:
    flow.deliver(fixture("exim_delay.eml"))
    assignment = flow.store.assignments.find(flow.supplier_id, flow.campaign_id)
    assert assignment is not None and not assignment.undeliverable
    assert flow.triage() == []

    flow.deliver(fixture("qmail_failure.eml"))
    assignment = flow.store.assignments.find(flow.supplier_id, flow.campaign_id)
    assert assignment is not None and assignment.undeliverable
    [notice] = flow.triage()
    assert notice.kind is TriageKind.UNDELIVERABLE and notice.sender == SUPPLIER
    assert notice.supplier_id == str(flow.supplier_id)
    assert any("5.1.1" in line for line in notice.details)
    assert flow.outcomes() == ["delivery_delayed", "bounce_recorded"]
    assert flow.smtp.snapshot() == []
