"""Notices for staff: what the mail loop and the waves tell the Slack channel.

They are plain frozen data so that the decision code can emit them without knowing about Slack;
``bot.blocks`` renders them as Block Kit, the demo renders them in the terminal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from rmi.analysis.changes import Changes


class TriageKind(StrEnum):
    UNKNOWN_SENDER = "unknown_sender"
    COMPANY_MISMATCH = "company_mismatch"
    AUTH_FAILED = "auth_failed"
    QUARANTINED = "quarantined"
    UNDELIVERABLE = "undeliverable"
    RATE_LIMITED = "rate_limited"
    NEW_REVISION = "new_revision"
    HELD_FOR_REVIEW = "held_for_review"
    SUPPLIER_ANSWERED = "supplier_answered"  # a reply in a thread where staff asked the supplier
    UNCERTAIN_DELIVERY = "uncertain_delivery"
    ESCALATED = "escalated"  # a supplier still owes a valid file after N reminders (handlers.cadence)
    AGREEMENT_FILE = "agreement_file"  # a PDF/image that may be a signed policy acknowledgement

    @property
    def heading(self) -> str:
        """The heading people read, in Slack and in the staff digest mail alike."""
        return TRIAGE_TITLES[self]


TRIAGE_TITLES: dict[TriageKind, str] = {
    TriageKind.UNKNOWN_SENDER: "Mail from an unknown sender",
    TriageKind.COMPANY_MISMATCH: "Company in the file does not match the sender",
    TriageKind.AUTH_FAILED: "Sender authentication failed (possible spoofing)",
    TriageKind.QUARANTINED: "Mail quarantined",
    TriageKind.UNDELIVERABLE: "Mail to a supplier bounced",
    TriageKind.RATE_LIMITED: "Automatic replies paused for a busy mail thread",
    TriageKind.NEW_REVISION: "A template revision newer than our layouts arrived",
    TriageKind.HELD_FOR_REVIEW: "A file was held for a person to check",
    TriageKind.SUPPLIER_ANSWERED: "A supplier answered a question from staff",
    TriageKind.UNCERTAIN_DELIVERY: "Delivery of a mail is uncertain",
    TriageKind.ESCALATED: "A supplier still has no valid file after its reminders",
    TriageKind.AGREEMENT_FILE: "A supplier sent what may be their signed policy agreement",
}


@dataclass(frozen=True, slots=True)
class FindingSummary:
    code: str
    severity: str
    sheet: str | None
    cell: str | None
    message: str


@dataclass(frozen=True, slots=True)
class FileJudged:
    """A supplier's returned file was judged (accepted or rejected)."""

    supplier_id: str
    supplier_name: str
    campaign_id: str | None
    submission_id: str
    file_name: str
    template: str | None
    version: str | None
    accepted: bool
    findings: tuple[FindingSummary, ...] = ()
    changes: Changes | None = None  # an accepted file: what changed since the supplier's previous one


@dataclass(frozen=True, slots=True)
class TriageItem:
    """Something a person must look at: unknown sender, company mismatch, spoofing, quarantine."""

    kind: TriageKind
    summary: str
    sender: str | None = None
    subject: str | None = None
    supplier_id: str | None = None
    message_key: str | None = None
    details: tuple[str, ...] = field(default=())
    submission_id: str | None = None  # a held file staff can decide on from the notice
    owner: str | None = None  # the supplier's owner (a Slack user id), mentioned in the notice
    agreement_file: str | None = None  # SHA-256 of a kept file staff may record as the policy agreement
    agreement_file_name: str = ""


@dataclass(frozen=True, slots=True)
class DeliveryProblems:
    """Outgoing mail failures, reported as a rate per period, never one notice per message."""

    failed: int
    attempted: int
    sample_reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class WaveProgress:
    wave_id: str
    campaign_id: str
    queued: int
    sent: int
    failed: int
    done: bool
    label: str = "Reminder wave"  # "Scheduled reminder wave", "Invitation wave"


Notice = FileJudged | TriageItem | DeliveryProblems | WaveProgress
