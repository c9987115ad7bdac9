"""One supplier's story for staff: campaigns, files received, the latest verdict and its findings.

Also the two things staff do from that story: read all findings of a file, and send the supplier's
last correction mail again (a staff action, audited; it goes through the outbox like any mail).
Findings are rendered in English here, whatever language the supplier was answered in.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from handlers.auth import Caller, audit_privileged, authorize
from handlers.notices import FindingSummary
from handlers.supplier_analysis import SupplierAnalysis, supplier_analysis
from rmi.messages import outside_mail, render_key
from storage import Campaign, OutboxItem, Store, Submission, Supplier, SupplierHistory
from storage import FindingSummary as StoredFinding
from surveybot.errors import UserFacingError

TOP_FINDINGS = 3
#: Outbox keys of mails that answer a file: automatic replies (``handlers.answering``) and resends.
CORRECTION_KEYS = ("reply:", "resend:")
HISTORY_SHOWN = 10


@dataclass(frozen=True, slots=True)
class SupplierChoices:
    """Several suppliers match the query; the user picks one."""

    query: str
    candidates: tuple[Supplier, ...]


@dataclass(frozen=True, slots=True)
class SupplierCard:
    history: SupplierHistory
    campaigns: dict[int, Campaign]
    latest: Submission | None
    latest_findings: tuple[FindingSummary, ...]
    correction: OutboxItem | None  # the last mail sent after the latest rejected file
    analysis: SupplierAnalysis | None = None  # the latest accepted declaration against our requests

    @property
    def supplier(self) -> Supplier:
        return self.history.supplier


@dataclass(frozen=True, slots=True)
class FindingsResult:
    submission: Submission
    supplier: Supplier | None
    findings: tuple[FindingSummary, ...]


@dataclass(frozen=True, slots=True)
class ResendResult:
    supplier: Supplier
    item: OutboxItem
    original: OutboxItem
    already_queued: bool


def supplier_card(store: Store, query: str, policy_version: str = "") -> SupplierCard | SupplierChoices:
    found = store.suppliers.search(query, limit=10)
    if not found:
        raise UserFacingError("No supplier matches `{}` (I looked at codes, names and emails).", query)
    exact = store.suppliers.by_code(query)
    if exact is not None:
        return card_for(store, exact.id, policy_version)
    if len(found) > 1:
        return SupplierChoices(query, found)
    return card_for(store, found[0].id, policy_version)


def card_for(store: Store, supplier_id: int, policy_version: str = "") -> SupplierCard:
    history = store.reports.supplier_history(supplier_id)
    campaigns = {a.campaign_id: store.campaigns.get(a.campaign_id) for a in history.assignments}
    latest = max(history.submissions, key=lambda s: (s.received_at, s.id), default=None)
    return SupplierCard(
        history=history,
        campaigns=campaigns,
        latest=latest,
        latest_findings=english_findings(latest.findings) if latest else (),
        correction=last_correction(history),
        analysis=supplier_analysis(store, supplier_id, policy_version=policy_version),
    )


def english_findings(stored: tuple[StoredFinding, ...]) -> tuple[FindingSummary, ...]:
    """Errors first, then warnings, each with its message in English."""
    ordered = sorted(stored, key=lambda f: f.severity != "error")
    return tuple(FindingSummary(f.code, f.severity, f.sheet, f.cell, _english(f)) for f in ordered)


def _english(f: StoredFinding) -> str:
    """The message as staff read it in Slack, where no blank template is attached."""
    return render_key(outside_mail(f.message_key), _params(f), "en")


def _params(f: StoredFinding) -> dict[str, str | int]:
    """The message parameters, with the finding's own sheet and cell as ``rmi.messages.render`` does."""
    return {"sheet": f.sheet or "", "cell": f.cell or "", **f.params}


def last_correction(history: SupplierHistory) -> OutboxItem | None:
    """The newest reply to the supplier's latest file (or a resend of it), if that file was rejected."""
    latest = max(history.submissions, key=lambda s: (s.received_at, s.id), default=None)
    if latest is None or latest.verdict != "rejected":
        return None
    replies = [
        m
        for m in history.mails
        if m.draft.dedupe_key.startswith(CORRECTION_KEYS) and m.created_at >= latest.received_at
    ]
    return max(replies, key=lambda m: (m.created_at, m.id), default=None)


def findings(store: Store, caller: Caller, submission_id: int) -> FindingsResult:
    authorize(store.audit, caller, "findings")
    submission = store.submissions.get(submission_id)
    supplier = store.suppliers.get(submission.supplier_id) if submission.supplier_id is not None else None
    return FindingsResult(submission, supplier, english_findings(submission.findings))


def resend_correction(store: Store, caller: Caller, supplier_id: int, request_key: str) -> ResendResult:
    """Queue the supplier's last correction mail again; the same request twice queues it once."""
    authorize(store.audit, caller, "resend", f"supplier:{supplier_id}")
    card = card_for(store, supplier_id)
    original = card.correction
    if original is None:
        raise UserFacingError("{} has no correction mail to resend.", card.supplier.name)
    key = f"resend:{original.id}:{request_key}"
    existing = store.outbox.by_dedupe_key(key)
    item = existing or store.outbox.enqueue(replace(original.draft, dedupe_key=key))
    if existing is None:
        audit_privileged(
            store.audit, caller, "resend", f"supplier:{card.supplier.code}", {"outbox_id": item.id}
        )
    return ResendResult(card.supplier, item, original, already_queued=existing is not None)
