"""Reminder waves: choose who to remind, show it, then queue one mail per supplier.

``plan`` is a pure look: which suppliers match the selection today, which are skipped and why, and
what the mail says. It creates nothing, so a preview that nobody confirms leaves no trace. A
supplier reminded fewer than ``min_days`` days ago (default: the campaign's reminder cadence) is
left out - suppliers notice, and resent reminders read as spam - unless the lead asks to include
them; each target carries the date of its last reminder so the preview can show it. ``start``
records the wave and ``queue`` re-plans (someone may have answered since the preview) and queues one
outbox item per supplier keyed ``wave:<id>:supplier:<id>``, so running the same wave twice queues
nothing new. Each queued reminder also moves the assignment to ``reminded``. Work is done in chunks
inside a store batch (one flush per chunk, not per mail) and reported through ``progress`` after
each; a wave stopped meanwhile (``handlers.wave_stop``) queues nothing more.

``queue_mails`` is the one loop every wave goes through - reminder waves from Slack, scheduled
reminders (``handlers.cadence``) and invitations (``handlers.invitations``) - with the mail itself
built by the caller. A wave whose loop got to its end is marked finished; ``unfinished`` lists the
ones a crash cut short, and queuing them again only adds the mails still missing.
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
    Actor,
    Assignment,
    AssignmentState,
    Campaign,
    MailDraft,
    OutboxState,
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
STOPPED_KEY_KIND = "wave_stopped"  # dedupe key per stopped wave id: durable, checked before each mail
FINISHED_KEY_KIND = "wave_finished"  # dedupe key per wave whose queuing got to its end

Progress = Callable[[int, int], None]
MailFor = Callable[["WaveTarget"], "MailDraft | Skipped"]


@dataclass(frozen=True, slots=True)
class WaveTarget:
    supplier: Supplier
    assignment: Assignment
    last_reminded: dt.date | None = None
    send_from: dt.datetime | None = None  # not before this moment (the supplier's business hours)


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
    recent: tuple[WaveTarget, ...] = ()  # reminded less than ``min_days`` ago
    include_recent: bool = False  # True: ``recent`` are among the targets; False: left out
    min_days: int = 0

    @property
    def count(self) -> int:
        return len(self.targets)


@dataclass(frozen=True, slots=True)
class WaveSummary:
    wave: Wave
    queued: int
    already_queued: int
    skipped: tuple[Skipped, ...]
    stopped: bool = False


def plan(
    store: Store,
    campaign: Campaign,
    selection: Selection,
    today: dt.date,
    subject_tag: str,
    *,
    min_days: int = 0,
    include_recent: bool = False,
) -> WavePlan:
    """Who a ``selection`` wave would remind in ``campaign`` today; nothing is written.

    ``min_days`` 0 means the campaign's reminder cadence.
    """
    gap = min_days or campaign.reminder_days
    wanted = _wanted_states(campaign, selection, today)
    targets, recent, skipped = _sort_out(store, campaign, wanted, today, gap, include_recent)
    sample = reminder_for(campaign, selection, targets[0]) if targets else None
    tag = campaign_subject_tag(subject_tag, campaign)
    subject = reminder_subject(sample, tag) if sample else ""
    return WavePlan(
        campaign,
        selection,
        tuple(targets),
        tuple(skipped),
        sample,
        subject,
        tag,
        tuple(recent),
        include_recent,
        gap,
    )


def _sort_out(
    store: Store,
    campaign: Campaign,
    wanted: frozenset[AssignmentState],
    today: dt.date,
    gap: int,
    include_recent: bool,
) -> tuple[list[WaveTarget], list[WaveTarget], list[Skipped]]:
    """The ``wanted`` assignments as targets (by code), reminded within ``gap`` days (oldest reminder
    first; among the targets too with ``include_recent``) and skipped."""
    targets: list[WaveTarget] = []
    recent: list[WaveTarget] = []
    skipped: list[Skipped] = []
    for assignment in store.assignments.for_campaign(campaign.id):
        if assignment.state not in wanted:
            continue
        supplier = store.suppliers.get(assignment.supplier_id)
        reason = _skip_reason(supplier, assignment)
        if reason:
            skipped.append(Skipped(supplier, reason))
            continue
        # never reminded (most of a fresh campaign): no history to read
        last = last_reminded(store, assignment) if assignment.reminder_count else None
        if last is not None and (today - last).days < gap:
            recent.append(WaveTarget(supplier, assignment, last))
            if not include_recent:
                continue
        targets.append(WaveTarget(supplier, assignment, last))
    targets.sort(key=lambda t: t.supplier.code.casefold())
    recent.sort(key=lambda t: (t.last_reminded or today, t.supplier.code.casefold()))
    return targets, recent, skipped


def _wanted_states(campaign: Campaign, selection: Selection, today: dt.date) -> frozenset[AssignmentState]:
    if selection is Selection.OVERDUE and today <= campaign.due:
        return frozenset()  # nobody is overdue before the due date
    return SELECTED_STATES[selection]


def last_reminded(store: Store, assignment: Assignment) -> dt.date | None:
    """The day of the supplier's last reminder; one withdrawn before sending does not count."""
    for step in reversed(assignment.history):
        if step.state is S.REMINDED and not _withdrawn(store, step.note, assignment.supplier_id):
            return step.at.date()
    return None


def _withdrawn(store: Store, note: str, supplier_id: int) -> bool:
    """Was this reminder's mail taken back because its wave was stopped before it went out?"""
    wave_id = note.removeprefix("wave ")
    if not wave_id.isdigit() or not store.dedupe.seen(STOPPED_KEY_KIND, wave_id):
        return False
    item = store.outbox.by_dedupe_key(wave_key(int(wave_id), supplier_id))
    return item is None or item.state is OutboxState.FAILED


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


def start(store: Store, wave_plan: WavePlan, caller: Caller) -> Wave:
    """Record the confirmed wave (who, what, how many), before any mail is queued."""
    ids = [t.supplier.id for t in wave_plan.targets]
    wave = store.waves.create(wave_plan.campaign.id, caller.actor, wave_plan.selection.value, ids)
    audit_privileged(
        store.audit,
        caller,
        "remind",
        f"wave:{wave.id}",
        {"campaign_id": wave.campaign_id, "planned": wave.planned},
    )
    return wave


def queue(
    store: Store,
    wave: Wave,
    wave_plan: WavePlan,
    caller: Caller,
    render: ReminderRenderer,
    progress: Progress | None = None,
    chunk: int = PROGRESS_CHUNK,
) -> WaveSummary:
    """Queue the wave's reminders (see module docstring); ``progress(done, total)`` after each chunk."""

    def mail_for(target: WaveTarget) -> MailDraft | Skipped:
        return reminder_draft(store, wave, wave_plan, target, caller.actor, render)

    return queue_mails(store, wave, wave_plan.targets, mail_for, wave_plan.skipped, progress, chunk)


def queue_mails(
    store: Store,
    wave: Wave,
    targets: Sequence[WaveTarget],
    mail_for: MailFor,
    skipped_before: Sequence[Skipped] = (),
    progress: Progress | None = None,
    chunk: int = PROGRESS_CHUNK,
) -> WaveSummary:
    """The one queuing loop of every wave, reminders and invitations alike: one outbox item per target
    keyed ``wave:<id>:supplier:<id>`` (a target that has one already is counted, not queued again), in
    chunks of one store batch each; a stopped wave queues nothing more. A wave that got to its end is
    marked finished, so ``unfinished`` finds only waves a crash or restart cut short."""
    queued = already = 0
    skipped = list(skipped_before)
    for start_at in range(0, len(targets), chunk):
        with store.batch():
            for target in targets[start_at : start_at + chunk]:
                if is_stopped(store, wave.id):
                    return WaveSummary(wave, queued, already, tuple(skipped), stopped=True)
                if store.outbox.by_dedupe_key(wave_key(wave.id, target.supplier.id)) is not None:
                    already += 1
                    continue
                outcome = mail_for(target)
                if isinstance(outcome, Skipped):
                    skipped.append(outcome)
                    continue
                store.outbox.enqueue(outcome, not_before=target.send_from)
                queued += 1
        if progress is not None:
            progress(min(start_at + chunk, len(targets)), len(targets))
    stopped = is_stopped(store, wave.id)  # stopped while the last mail was queued: the caller takes it back
    if not stopped:
        store.dedupe.mark(FINISHED_KEY_KIND, str(wave.id))
    return WaveSummary(wave, queued, already, tuple(skipped), stopped=stopped)


def wave_key(wave_id: int, supplier_id: int) -> str:
    """The outbox dedupe key of one wave's mail to one supplier: at most one, across restarts."""
    return f"wave:{wave_id}:supplier:{supplier_id}"


def is_stopped(store: Store, wave_id: int) -> bool:
    """Has someone stopped this wave (``handlers.wave_stop``)?"""
    return store.dedupe.seen(STOPPED_KEY_KIND, str(wave_id))


def is_finished(store: Store, wave_id: int) -> bool:
    """Did queuing this wave get to its end (every target has its mail, or was skipped)?"""
    return store.dedupe.seen(FINISHED_KEY_KIND, str(wave_id))


def unfinished(store: Store) -> tuple[Wave, ...]:
    """Waves of active campaigns whose queuing a crash or a restart cut short, and nobody stopped."""
    found: list[Wave] = []
    for campaign in store.campaigns.active():
        waves_here = store.waves.for_campaign(campaign.id)
        found.extend(w for w in waves_here if not (is_finished(store, w.id) or is_stopped(store, w.id)))
    return tuple(found)


def reminder_draft(
    store: Store,
    wave: Wave,
    wave_plan: WavePlan,
    target: WaveTarget,
    actor: Actor,
    render: ReminderRenderer,
) -> MailDraft | Skipped:
    """One reminder, moving its assignment to ``reminded``; ``Skipped`` if it changed since the plan."""
    try:
        store.assignments.transition(target.assignment.id, S.REMINDED, actor, note=f"wave {wave.id}")
    except TransitionRefused:
        current = store.assignments.get(target.assignment.id).state.value
        return Skipped(target.supplier, f"became {current} before its reminder was queued")
    mail = reminder_for(wave_plan.campaign, wave_plan.selection, target)
    body = render(mail)
    subject = reminder_subject(mail, wave_plan.mail_tag)
    return MailDraft(
        to=target.supplier.emails,
        subject=subject,
        text=body.text,
        html=body.html,
        dedupe_key=wave_key(wave.id, target.supplier.id),
        headers={CAMPAIGN_HEADER: wave_plan.mail_tag} if wave_plan.mail_tag else {},
        thread_key=f"supplier:{target.supplier.id}:" + thread_key(subject, (), "", ""),
        campaign_id=wave.campaign_id,
        wave_id=wave.id,
        supplier_id=target.supplier.id,
    )


def names(skipped: Sequence[Skipped], limit: int = 10) -> str:
    """``ACME (no contact email), BOLT (…)`` and ``+N more`` - for summaries."""
    shown = ", ".join(f"{s.supplier.code} ({s.reason})" for s in skipped[:limit])
    return shown + (f" +{len(skipped) - limit} more" if len(skipped) > limit else "")
