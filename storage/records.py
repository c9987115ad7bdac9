"""The survey's memory as frozen records: what the store hands out and what callers hand in.

Records are immutable (``frozen=True``) so nobody can change state by mutating an object they were
given; every change goes through an explicit ``Store`` method that validates, timestamps, audits and
persists it. Ids are small integers assigned by the store (they are also the TinyDB document ids in
the files). Times are aware UTC datetimes; dates are plain ``date``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

JsonScalar = str | int | float | bool | None


class CampaignState(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    CLOSED = "closed"


class AssignmentState(StrEnum):
    INVITED = "invited"
    REMINDED = "reminded"
    RECEIVED = "received"
    REJECTED = "rejected"
    RESUBMITTED = "resubmitted"
    ACCEPTED = "accepted"
    ESCALATED = "escalated"
    OPTED_OUT = "opted_out"
    NOT_APPLICABLE = "not_applicable"


class OutboxState(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    UNCERTAIN = "uncertain"  # interrupted twice while sending: not resent automatically (mail.sender)


class ActorKind(StrEnum):
    SUPPLIER = "supplier"
    STAFF = "staff"
    SYSTEM = "system"


@dataclass(frozen=True, slots=True)
class Actor:
    """Who caused a change: a supplier (by email), a staff member (Slack user id) or the system."""

    kind: ActorKind
    id: str


SYSTEM = Actor(ActorKind.SYSTEM, "surveybot")


@dataclass(frozen=True, slots=True)
class Contact:
    """One e-mail address of a supplier, with the person's name and role when known."""

    email: str
    name: str = ""
    role: str = ""


@dataclass(frozen=True, slots=True)
class Supplier:
    """A supplier as stored: code, name, contacts, the domains it may send from, language, owner."""

    id: int
    code: str
    name: str
    contacts: tuple[Contact, ...]
    sender_domains: tuple[str, ...]
    language: str = "en"
    country: str = ""
    owner: str = ""  # buyer's Slack user id (or name until the settings map it)
    tags: tuple[str, ...] = ()

    @property
    def emails(self) -> tuple[str, ...]:
        return tuple(c.email for c in self.contacts)


@dataclass(frozen=True, slots=True)
class SupplierDraft:
    """A supplier as imported or typed in, before the store gives it an id.

    Empty ``language``/``country``/``owner`` mean "not given": an update keeps the current value and
    a new supplier gets ``en``/""/"". Empty ``sender_domains`` means "the contacts' email domains".
    """

    code: str
    name: str
    contacts: tuple[Contact, ...]
    sender_domains: tuple[str, ...] = ()
    language: str = ""
    country: str = ""
    owner: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Campaign:
    """A survey campaign: which template family, minimum revision, due date and state."""

    id: int
    name: str
    family: str  # "CMRT", "EMRT", "CRT", "AMRT"
    min_version: str  # lowest accepted template version, e.g. "6.31"
    due: date
    reminder_days: int
    state: CampaignState
    created_at: datetime
    template_version: str = ""  # the blank revision invitations attach; "" = the newest one shipped
    # Set up by ``handlers.campaign_setup``; empty/0 = the [campaign] defaults of the config.
    selection: str = ""  # "" every supplier, "tag:T", "owner:U…", "codes:A,B"
    reminder_days_before_due: tuple[int, ...] = ()
    overdue_reminder_every_days: int = 0
    escalate_after_reminders: int = 0


@dataclass(frozen=True, slots=True)
class Transition:
    """One step in an assignment's history; the first one is the invitation."""

    state: AssignmentState
    at: datetime
    actor: Actor
    note: str = ""


@dataclass(frozen=True, slots=True)
class Assignment:
    """One supplier's place in one campaign, and where it stands."""

    id: int
    supplier_id: int
    campaign_id: int
    state: AssignmentState
    history: tuple[Transition, ...]
    last_contact: datetime | None = None
    reminder_count: int = 0
    last_submission_id: int | None = None
    undeliverable: bool = False

    @property
    def changed_at(self) -> datetime:
        return self.history[-1].at


@dataclass(frozen=True, slots=True)
class FindingSummary:
    """What the store keeps of a finding: enough to re-render it, never the whole workbook."""

    code: str
    severity: str  # rmi.findings.Severity value: "error" / "warning"
    message_key: str
    params: Mapping[str, str | int] = field(default_factory=dict)
    sheet: str | None = None
    cell: str | None = None


@dataclass(frozen=True, slots=True)
class NewSubmission:
    """A received file as the mail handler describes it; the original bytes go in separately."""

    message_id: str
    sender: str
    received_at: datetime
    attachment_name: str
    family: str = ""
    version: str = ""
    language: str = ""
    verdict: str = ""  # "accepted" / "rejected" / "unreadable" …, decided by handlers
    findings: tuple[FindingSummary, ...] = ()
    supplier_id: int | None = None
    campaign_id: int | None = None


@dataclass(frozen=True, slots=True)
class Submission:
    """One returned file as received and judged (the file itself is a blob)."""

    id: int
    message_id: str
    sender: str
    received_at: datetime
    attachment_name: str
    sha256: str  # the original file, stored beside the DB under blobs/ by this hash
    family: str
    version: str
    language: str
    verdict: str
    findings: tuple[FindingSummary, ...]
    supplier_id: int | None
    campaign_id: int | None


@dataclass(frozen=True, slots=True)
class AttachmentRef:
    """An attachment by reference: a stored blob (``sha256``) or a file on disk (``path``)."""

    filename: str
    content_type: str = "application/octet-stream"
    sha256: str = ""
    path: str = ""
    # A blank template to personalise when the mail is built: this company name goes into the
    # family's company-name cell (``rmi.prefill``), so a 1,000-supplier wave stores one blank, not 1,000.
    fill_company: str = ""
    fill_family: str = ""


@dataclass(frozen=True, slots=True)
class MailDraft:
    """A mail to send. ``dedupe_key`` is unique across the outbox: enqueueing it twice is a no-op."""

    to: tuple[str, ...]
    subject: str
    text: str
    dedupe_key: str
    html: str = ""
    headers: Mapping[str, str] = field(default_factory=dict)
    attachments: tuple[AttachmentRef, ...] = ()
    thread_key: str = ""
    campaign_id: int | None = None
    wave_id: int | None = None
    supplier_id: int | None = None


@dataclass(frozen=True, slots=True)
class OutboxItem:
    """A queued mail: its draft, state, retries and when it was sent."""

    id: int
    draft: MailDraft
    state: OutboxState
    created_at: datetime
    next_attempt_at: datetime
    retries: int = 0
    reason: str = ""  # why the last attempt failed
    sent_at: datetime | None = None
    body_sha256: str = ""  # where text+html are kept; the draft handed out always has them filled in
    interruptions: int = 0  # how often a crash left it "sending" (bounds the resends, mail.sender)


@dataclass(frozen=True, slots=True)
class Wave:
    """A reminder wave: who asked, for which selection, and how many mails were planned."""

    id: int
    campaign_id: int
    triggered_by: Actor
    selection: str  # e.g. "overdue", "missing", "codes:ACME,BOLT"
    supplier_ids: tuple[int, ...]
    planned: int
    created_at: datetime


@dataclass(frozen=True, slots=True)
class WaveProgress:
    """How far a reminder wave has got: planned, queued, sending, sent, failed."""

    planned: int
    queued: int
    sending: int
    sent: int
    failed: int

    @property
    def done(self) -> bool:
        return self.queued == 0 and self.sending == 0


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One line of the audit log: when, who, what, on which subject."""

    at: datetime
    actor: Actor
    action: str  # dotted verb, e.g. "assignment.transition", "suppliers.import"
    subject: str  # what it is about, e.g. "assignment:12", "supplier:ACME"
    details: Mapping[str, JsonScalar] = field(default_factory=dict)
