"""Reminder waves: choose who to remind, show it, then queue one mail per supplier.

``plan`` is a pure look: which suppliers match the selection today, which are skipped and why, and
what the mail says. It creates nothing, so a preview that nobody confirms leaves no trace. ``run``
re-plans (someone may have answered since the preview), records the wave, and queues one outbox
item per supplier keyed ``wave:<id>:supplier:<id>``, so running the same wave twice queues nothing
new. Each queued reminder also moves the assignment to ``reminded``. Work is done in chunks inside
a store batch (one flush per chunk, not per mail) and reported through ``progress`` after each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from handlers.answering import campaign_tag as campaign_subject_tag
from handlers.auth import Caller, audit_privileged
from handlers.invocation import Selection
from handlers.reminders import ReminderMail, ReminderRenderer, reminder_subject
from handlers.threads import CAMPAIGN_HEADER, thread_key
from storage import (
    ALLOWED,
    Assignment,
    AssignmentState,
    Campaign,
    MailDraft,
    Store,
    Supplier,
    TransitionRefused,
    Wave,
)

S = AssignmentState
SELECTED_STATES: dict[Selection, frozenset[AssignmentState]] = {
    Selection.MISSING: frozenset({S.INVITED, S.REMINDED, S.ESCALATED}),
    Selection.OVERDUE: frozenset({S.INVITED, S.REMINDED, S.ESCALATED, S.REJECTED}),
    Selection.REJECTED: frozenset({S.REJECTED}),
}
PROGRESS_CHUNK = 200

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class WaveTarget:
    supplier: Supplier
    assignment: Assignment


@dataclass(frozen=True, slots=True)
class Skipped:
    supplier: Supplier
    reason: str


@dataclass(frozen=True, slots=True)
class WavePlan:
    campaign: Campaign
    selection: Selection
    targets: tuple[WaveTarget, ...]
    skipped: tuple[Skipped, ...]
    sample: ReminderMail | None
    sample_subject: str
    mail_tag: str  # the campaign's subject tag, e.g. "[RMI CMRT 2026]"

    @property
    def count(self) -> int:
        return len(self.targets)


@dataclass(frozen=True, slots=True)
class WaveSummary:
    wave: Wave
    queued: int
    already_queued: int
    skipped: tuple[Skipped, ...]


def plan(
    store: Store, campaign: Campaign, selection: Selection, today: dt.date, subject_tag: str
) -> WavePlan:
    """Who a ``selection`` wave would remind in ``campaign`` today; nothing is written."""
    wanted = SELECTED_STATES[selection]
    if selection is Selection.OVERDUE and today <= campaign.due:
        wanted = frozenset()
    targets: list[WaveTarget] = []
    skipped: list[Skipped] = []
    for assignment in store.assignments.for_campaign(campaign.id):
        if assignment.state not in wanted:
            continue
        supplier = store.suppliers.get(assignment.supplier_id)
        reason = _skip_reason(supplier, assignment)
        if reason:
            skipped.append(Skipped(supplier, reason))
        else:
            targets.append(WaveTarget(supplier, assignment))
    targets.sort(key=lambda t: t.supplier.code.casefold())
    sample = reminder_for(campaign, selection, targets[0]) if targets else None
    tag = campaign_subject_tag(subject_tag, campaign)
    subject = reminder_subject(sample, tag) if sample else ""
    return WavePlan(campaign, selection, tuple(targets), tuple(skipped), sample, subject, tag)


def _skip_reason(supplier: Supplier, assignment: Assignment) -> str:
    if not supplier.emails:
        return "no contact email"
    if assignment.undeliverable:
        return "mail bounced (fix the contact first)"
    if S.REMINDED not in ALLOWED[assignment.state]:
        return f"cannot be reminded while {assignment.state.value}"
    return ""


def reminder_for(campaign: Campaign, selection: Selection, target: WaveTarget) -> ReminderMail:
    supplier = target.supplier
    contact = supplier.contacts[0] if supplier.contacts else None
    return ReminderMail(
        supplier_name=supplier.name,
        contact_name=contact.name if contact else "",
        campaign_name=campaign.name,
        family=campaign.family,
        min_version=campaign.min_version,
        due=campaign.due,
        reason=selection,
        reminder_number=target.assignment.reminder_count + 1,
        language=supplier.language or "en",
    )


def run(
    store: Store,
    wave_plan: WavePlan,
    caller: Caller,
    render: ReminderRenderer,
    progress: Progress | None = None,
    chunk: int = PROGRESS_CHUNK,
) -> WaveSummary:
    """Record the wave and queue its mails (see module docstring); ``progress(done, total)`` per chunk."""
    ids = [t.supplier.id for t in wave_plan.targets]
    wave = store.waves.create(wave_plan.campaign.id, caller.actor, wave_plan.selection.value, ids)
    audit_privileged(
        store.audit,
        caller,
        "remind",
        f"wave:{wave.id}",
        {"campaign_id": wave.campaign_id, "planned": wave.planned},
    )
    queued = already = 0
    skipped = list(wave_plan.skipped)
    targets = wave_plan.targets
    for start in range(0, len(targets), chunk):
        with store.batch():
            for target in targets[start : start + chunk]:
                outcome = _queue_one(store, wave, wave_plan, target, caller, render)
                if isinstance(outcome, Skipped):
                    skipped.append(outcome)
                elif outcome:
                    queued += 1
                else:
                    already += 1
        if progress is not None:
            progress(min(start + chunk, len(targets)), len(targets))
    return WaveSummary(wave, queued, already, tuple(skipped))


def _queue_one(
    store: Store,
    wave: Wave,
    wave_plan: WavePlan,
    target: WaveTarget,
    caller: Caller,
    render: ReminderRenderer,
) -> bool | Skipped:
    """Queue one reminder: ``True``; already queued by this wave: ``False``; changed since: ``Skipped``."""
    key = f"wave:{wave.id}:supplier:{target.supplier.id}"
    if store.outbox.by_dedupe_key(key) is not None:
        return False
    try:
        store.assignments.transition(target.assignment.id, S.REMINDED, caller.actor, note=f"wave {wave.id}")
    except TransitionRefused:
        current = store.assignments.get(target.assignment.id).state.value
        return Skipped(target.supplier, f"became {current} before its reminder was queued")
    mail = reminder_for(wave_plan.campaign, wave_plan.selection, target)
    body = render(mail)
    subject = reminder_subject(mail, wave_plan.mail_tag)
    draft = MailDraft(
        to=target.supplier.emails,
        subject=subject,
        text=body.text,
        html=body.html,
        dedupe_key=key,
        headers={CAMPAIGN_HEADER: wave_plan.mail_tag} if wave_plan.mail_tag else {},
        thread_key=f"supplier:{target.supplier.id}:" + thread_key(subject, (), "", ""),
        campaign_id=wave.campaign_id,
        wave_id=wave.id,
        supplier_id=target.supplier.id,
    )
    store.outbox.enqueue(draft)
    return True


def names(skipped: Sequence[Skipped], limit: int = 10) -> str:
    """``ACME (no contact email), BOLT (…)`` and ``+N more`` - for summaries."""
    shown = ", ".join(f"{s.supplier.code} ({s.reason})" for s in skipped[:limit])
    return shown + (f" +{len(skipped) - limit} more" if len(skipped) > limit else "")
