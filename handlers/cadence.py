"""Reminders on the campaign's cadence until the file validates, and one escalation when they don't.

The scheduler calls ``run`` every minute. Each active campaign has cadence days: ``before_due`` days
before its due date (default 14 and 3), then every ``overdue_every`` days after it (default 7). On
the latest cadence day that has come (a service down on the day catches up once, never with a burst),
one scheduled wave goes out - once, by a dedupe key per campaign and day - to suppliers who have not
answered and to those whose last file was rejected (the reminder repeats the open findings). Never
to accepted suppliers or ones whose file is being judged, never to an undeliverable address, never
after the campaign closes, never twice within ``min_gap`` days, and at the supplier's local business
hours where its country is known (the mail waits in the outbox until then).

The wave goes through ``handlers.waves.queue_mails`` like any other, so a crash mid-wave is finished
by ``handlers.wave_resume`` without a second mail. After a supplier's ``escalate_after``-th reminder
its owner is told in Slack, once, with the history: mails sent, files received, open findings.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from handlers.agreement_words import sentence
from handlers.business_hours import next_business_moment
from handlers.cadence_notices import escalation_notice, progress_notice
from handlers.invocation import Selection
from handlers.ports import Notifier
from handlers.reminders import ReminderMail, ReminderRenderer
from handlers.replies import RenderedBody
from handlers.waves import (
    Skipped,
    WavePlan,
    WaveSummary,
    WaveTarget,
    is_finished,
    plan,
    queue_mails,
    reminder_draft,
)
from rmi.messages import render_key
from storage import SYSTEM, AssignmentState, Campaign, FindingSummary, MailDraft, Store, Wave

S = AssignmentState
CADENCE_SELECTION = "cadence"
DAY_KEY_KIND = "cadence_day"  # campaign id and cadence day: that day's wave was started
ESCALATED_KEY_KIND = "escalated"  # assignment id: its owner was told
REPORTED_KEY_KIND = "wave_reported"  # wave id: its final progress was posted
Lines = tuple[str, ...]
SETTLED_OR_JUDGING = frozenset({S.ACCEPTED, S.RECEIVED, S.RESUBMITTED, S.OPTED_OUT, S.NOT_APPLICABLE})


@dataclass(frozen=True, slots=True)
class Cadence:
    before_due: tuple[int, ...] = (14, 3)
    overdue_every: int = 7
    min_gap: int = 0  # 0: the campaign's own reminder days
    escalate_after: int = 3
    business_hours: tuple[int, int] = (9, 17)
    policy_version: str = ""  # reminders repeat the agreement sentence to suppliers who owe it


def for_campaign(cadence: Cadence, campaign: Campaign) -> Cadence:
    """The configured cadence with what the campaign's own set-up changes (``handlers.campaign_setup``)."""
    return replace(
        cadence,
        before_due=campaign.reminder_days_before_due or cadence.before_due,
        overdue_every=campaign.overdue_reminder_every_days or cadence.overdue_every,
        escalate_after=campaign.escalate_after_reminders or cadence.escalate_after,
    )


def cadence_day(due: dt.date, today: dt.date, cadence: Cadence) -> dt.date | None:
    """The latest cadence day on or before ``today``, or None before the first one."""
    if today > due:
        overdue = due + dt.timedelta(days=(today - due).days // cadence.overdue_every * cadence.overdue_every)
        if overdue > due:
            return overdue
    days = [due - dt.timedelta(days=n) for n in cadence.before_due if due - dt.timedelta(days=n) <= today]
    return max(days, default=None)


@dataclass(frozen=True, slots=True)
class NextWave:
    """The next scheduled wave: its campaign, the day it goes, how many suppliers it would reach if it
    went now (replies before then make it smaller)."""

    campaign: Campaign
    day: dt.date
    suppliers: int


def next_wave(store: Store, today: dt.date, cadence: Cadence, subject_tag: str) -> NextWave | None:
    """The earliest coming cadence wave over the active campaigns (``surveybot status``); nothing is written.

    A cadence day that has come without its wave (the service was down) goes at the next tick, today.
    """
    coming = []
    for campaign in store.campaigns.active():
        own = for_campaign(cadence, campaign)
        day = _next_day(store, campaign, today, own)
        if day is not None:
            reached = len(_plan(store, campaign, day, subject_tag, own).targets)
            coming.append(NextWave(campaign, day, reached))
    return min(coming, key=lambda w: (w.day, w.campaign.name.casefold()), default=None)


def _next_day(store: Store, campaign: Campaign, today: dt.date, cadence: Cadence) -> dt.date | None:
    latest = cadence_day(campaign.due, today, cadence)
    if latest is not None and not store.dedupe.seen(DAY_KEY_KIND, f"{campaign.id}:{latest.isoformat()}"):
        return today
    due = campaign.due
    days = [due - dt.timedelta(days=n) for n in cadence.before_due if due - dt.timedelta(days=n) > today]
    if cadence.overdue_every > 0:
        periods = max(1, (today - due).days // cadence.overdue_every + 1)
        days.append(due + dt.timedelta(days=periods * cadence.overdue_every))
    return min(days, default=None)


def run(
    store: Store,
    now: dt.datetime,
    cadence: Cadence,
    subject_tag: str,
    render: ReminderRenderer,
    notifier: Notifier,
) -> list[WaveSummary]:
    """Start the scheduled waves that are due, report finished ones, escalate (module docstring)."""
    summaries = []
    for campaign in store.campaigns.active():
        own = for_campaign(cadence, campaign)
        summary = _cadence_wave(store, campaign, now, own, subject_tag, render)
        if summary is not None:
            notifier.post(progress_notice(store, summary.wave))
            summaries.append(summary)
        escalate(store, campaign, own, notifier)
    report_finished(store, notifier)
    return summaries


def _cadence_wave(
    store: Store,
    campaign: Campaign,
    now: dt.datetime,
    cadence: Cadence,
    subject_tag: str,
    render: ReminderRenderer,
) -> WaveSummary | None:
    """Today's scheduled wave for ``campaign`` if today's cadence day has not had one yet."""
    day = cadence_day(campaign.due, now.date(), cadence)
    day_key = f"{campaign.id}:{day.isoformat()}" if day else ""
    if day is None or store.dedupe.seen(DAY_KEY_KIND, day_key):
        return None
    with store.batch():
        store.dedupe.mark(DAY_KEY_KIND, day_key)
        chosen = [t.supplier.id for t in _plan(store, campaign, now.date(), subject_tag, cadence).targets]
        if not chosen:
            return None
        wave = store.waves.create(campaign.id, SYSTEM, CADENCE_SELECTION, chosen)
    return queue_wave(store, wave, now, cadence, subject_tag, render)


def _plan(store: Store, campaign: Campaign, today: dt.date, subject_tag: str, cadence: Cadence) -> WavePlan:
    """Who is reminded today: every supplier still owing a valid file, not reminded within the gap."""
    missing = plan(store, campaign, Selection.MISSING, today, subject_tag, min_days=cadence.min_gap)
    rejected = plan(store, campaign, Selection.REJECTED, today, subject_tag, min_days=cadence.min_gap)
    targets = sorted((*missing.targets, *rejected.targets), key=lambda t: t.supplier.code.casefold())
    return replace(missing, targets=tuple(targets), skipped=missing.skipped + rejected.skipped)


def queue_wave(
    store: Store, wave: Wave, now: dt.datetime, cadence: Cadence, subject_tag: str, render: ReminderRenderer
) -> WaveSummary:
    """Queue (or, after a crash, finish queuing) a scheduled wave for the suppliers it was recorded for."""
    campaign = store.campaigns.get(wave.campaign_id)
    wave_plan = _plan(store, campaign, now.date(), subject_tag, replace(cadence, min_gap=1))
    wanted = set(wave.supplier_ids)
    hours = cadence.business_hours
    targets = [
        replace(t, send_from=next_business_moment(now, t.supplier.country, hours))
        for t in wave_plan.targets
        if t.supplier.id in wanted
    ]

    agreed = store.agreements.agreed(cadence.policy_version) if cadence.policy_version else frozenset()

    def mail_for(target: WaveTarget) -> MailDraft | Skipped:
        selection, findings = _why(store, campaign, target, now.date())
        this_plan = replace(wave_plan, selection=selection)
        owed = cadence.policy_version and target.supplier.id not in agreed
        agreement = sentence(target.supplier.language or "en", cadence.policy_version) if owed else ""
        personal = _personalised(render, findings, agreement)
        return reminder_draft(store, wave, this_plan, target, SYSTEM, personal)

    return queue_mails(store, wave, targets, mail_for)


def _why(store: Store, campaign: Campaign, target: WaveTarget, today: dt.date) -> tuple[Selection, Lines]:
    """Why this supplier hears from us again, and the open findings of its last rejected file."""
    submission_id = target.assignment.last_submission_id
    if submission_id is not None:
        submission = store.submissions.get(submission_id)
        if submission.verdict == "rejected":
            language = target.supplier.language or "en"
            errors = [f for f in submission.findings if f.severity == "error"]
            return Selection.REJECTED, tuple(_finding_line(f, language) for f in errors)
    return (Selection.OVERDUE if today > campaign.due else Selection.MISSING), ()


def _finding_line(finding: FindingSummary, language: str) -> str:
    text = render_key(finding.message_key, finding.params, language)
    return f"{finding.sheet}!{finding.cell}: {text}" if finding.sheet and finding.cell else text


def _personalised(render: ReminderRenderer, findings: Lines, agreement: str) -> ReminderRenderer:
    """``render`` with the supplier's open findings and the agreement sentence it still owes."""
    if not findings and not agreement:
        return render

    def rendered(mail: ReminderMail) -> RenderedBody:
        return render(replace(mail, open_findings=findings, policy_sentence=agreement))

    return rendered


def escalate(store: Store, campaign: Campaign, cadence: Cadence, notifier: Notifier) -> None:
    """Tell the owner of each supplier that has had ``escalate_after`` reminders and still owes a valid
    file, once per supplier and campaign, however the reminders were sent (scheduled or from Slack)."""
    if cadence.escalate_after < 1:
        return
    for assignment in store.assignments.for_campaign(campaign.id):
        if assignment.reminder_count < cadence.escalate_after or assignment.state in SETTLED_OR_JUDGING:
            continue
        if store.dedupe.mark(ESCALATED_KEY_KIND, str(assignment.id)):
            notifier.post(escalation_notice(store, campaign, assignment))


def report_finished(store: Store, notifier: Notifier) -> None:
    """Post the final progress of each scheduled wave whose mails have all gone (or failed), once."""
    for campaign in store.campaigns.active():
        for wave in store.waves.for_campaign(campaign.id):
            if wave.selection != CADENCE_SELECTION or store.dedupe.seen(REPORTED_KEY_KIND, str(wave.id)):
                continue
            if is_finished(store, wave.id) and store.waves.progress(wave.id).done:
                store.dedupe.mark(REPORTED_KEY_KIND, str(wave.id))
                notifier.post(progress_notice(store, wave))
