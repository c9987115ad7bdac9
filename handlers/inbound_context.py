"""What every inbound route works with: the mail, its keys, the ports, and the one outcome it ends in.

Kept apart from the route table so the table (``handlers.inbound``) reads as a list of decisions and
the bigger routes (judging files, answering) can live in their own modules without import cycles.
``InboundContext`` looks the sender up once, collects staff notices while the route's store batch
runs (they are posted after it, so a route that fails half-way tells staff nothing it did not
record), and records the outcome together with the mail's keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from handlers.check_facts import Checker
from handlers.notices import Notice, TriageItem, TriageKind
from handlers.ports import Clock, Notifier
from handlers.replies import ReplyRenderer
from mail.model import InboundMail
from rmi.check import check_bytes
from storage import SYSTEM, KeyKind, Store, Supplier
from surveybot.settings import Settings


class Outcome(StrEnum):
    """How a mail ended; exactly one per mail, recorded in the store and the audit log."""

    DUPLICATE = "duplicate"
    IGNORED_AUTOMATED = "ignored_automated"
    BOUNCE_RECORDED = "bounce_recorded"
    DELIVERY_DELAYED = "delivery_delayed"
    TRIAGE_UNKNOWN = "triage_unknown"
    HELD_AUTH_FAILED = "held_auth_failed"
    HELD_COMPANY_MISMATCH = "held_company_mismatch"
    JUDGED = "judged"
    ASKED_FOR_ATTACHMENT = "asked_for_attachment"
    HANDED_TO_STAFF = "handed_to_staff"
    RATE_LIMITED = "rate_limited"
    AGREEMENT_RECORDED = "agreement_recorded"  # a reply agreeing to the policy, nothing else in it
    AGREEMENT_FILE_HELD = "agreement_file_held"  # a PDF/image that may be the signed policy: staff decide


@dataclass(frozen=True)
class InboundDeps:
    """The ports the route table needs; ``checker`` is ``rmi.check.check_bytes`` in production."""

    store: Store
    clock: Clock
    notifier: Notifier
    renderer: ReplyRenderer
    settings: Settings
    checker: Checker = check_bytes


@dataclass
class InboundContext:
    mail: InboundMail
    imap_key: str | None
    deps: InboundDeps
    notices: list[Notice] = field(default_factory=list)
    known_supplier: Supplier | None = None  # set when staff act on a stored mail: no sender look-up

    @property
    def store(self) -> Store:
        return self.deps.store

    @cached_property
    def matching_suppliers(self) -> tuple[Supplier, ...]:
        """Suppliers this sender belongs to: a listed contact first, else an allowed domain."""
        if self.known_supplier is not None:
            return (self.known_supplier,)
        return self.store.suppliers.for_sender(self.mail.from_address)

    @property
    def supplier(self) -> Supplier | None:
        """The one supplier the sender belongs to; None when unknown or ambiguous (staff decide)."""
        found = self.matching_suppliers
        return found[0] if len(found) == 1 else None

    @property
    def message_key(self) -> str:
        """How staff notices name the mail: its Message-ID, which survives moves between folders."""
        return self.mail.message_id

    def notify(self, notice: Notice) -> None:
        """Queue a staff notice; ``route`` posts it once this mail's outcome is recorded."""
        self.notices.append(notice)

    def triage(
        self,
        kind: TriageKind,
        summary: str,
        supplier: Supplier | None = None,
        details: tuple[str, ...] = (),
        submission_id: int | None = None,
        agreement_file: tuple[str, str] | None = None,  # (SHA-256, file name)
    ) -> None:
        """Queue a triage item about this mail: its sender, subject and Message-ID go with it."""
        self.notify(
            TriageItem(
                kind=kind,
                summary=summary,
                sender=self.mail.from_address,
                subject=self.mail.subject,
                supplier_id=str(supplier.id) if supplier else None,
                message_key=self.message_key,
                details=details,
                submission_id=str(submission_id) if submission_id is not None else None,
                agreement_file=agreement_file[0] if agreement_file else None,
                agreement_file_name=agreement_file[1] if agreement_file else "",
            )
        )

    def finish(
        self, outcome: Outcome, attachment_keys: tuple[str, ...] = (), **details: str | int
    ) -> Outcome:
        """Record ``outcome`` with the mail's keys (IMAP UID, Message-ID, judged attachments)."""
        dedupe = self.store.dedupe
        dedupe.mark(KeyKind.MESSAGE_ID, self.mail.message_id)
        for key in attachment_keys:
            dedupe.mark(KeyKind.ATTACHMENT, key)
        self.store.audit.record(
            SYSTEM,
            f"mail.{outcome.value}",
            f"mail:{self.mail.message_id}",
            outcome=outcome.value,
            imap_key=self.imap_key or "",
            sender=self.mail.from_address,
            **details,
        )
        if self.imap_key:
            dedupe.mark(KeyKind.IMAP_UID, self.imap_key)  # last: the watcher treats it as "handled"
        return outcome


def attachment_key(supplier_id: int, sha256: str) -> str:
    """Attachment dedupe is per supplier: two suppliers may forward the same sub-supplier's file."""
    return f"{supplier_id}:{sha256}"
