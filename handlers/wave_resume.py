"""After a crash or a restart: finish queuing the waves that were cut short.

A wave records who it is for before its first mail is queued (``handlers.waves``), and its loop
marks it finished at the end, so a wave without that mark was interrupted. Queuing it again goes
through the same loop: targets that already have their (wave, supplier) mail are counted, not
queued again, and the rest get theirs. Reminder waves re-plan their selection (someone may have
answered meanwhile) but keep to the suppliers the wave was recorded for.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from handlers.cadence import CADENCE_SELECTION, Cadence, for_campaign, queue_wave
from handlers.invitations import INVITE_SELECTION, InvitationOptions, queue_invitations
from handlers.invocation import Selection
from handlers.reminders import ReminderRenderer
from handlers.waves import Skipped, WaveSummary, WaveTarget, plan, queue_mails, reminder_draft, unfinished
from storage import Campaign, MailDraft, Store, Wave

log = logging.getLogger(__name__)
OptionsFor = Callable[[Campaign], InvitationOptions]


def resume_all(
    store: Store,
    now: dt.datetime,
    subject_tag: str,
    render: ReminderRenderer,
    options_for: OptionsFor,
    cadence: Cadence,
) -> list[WaveSummary]:
    """Finish every unfinished wave; returns what each one queued now."""
    done = []
    for wave in unfinished(store):
        if wave.selection == CADENCE_SELECTION:
            own = for_campaign(cadence, store.campaigns.get(wave.campaign_id))
            summary: WaveSummary | None = queue_wave(store, wave, now, own, subject_tag, render)
        else:
            summary = resume(store, wave, now.date(), subject_tag, render, options_for)
        if summary is not None:
            log.info("wave %d resumed after a restart: %d more mails queued", wave.id, summary.queued)
            done.append(summary)
    return done


def resume(
    store: Store,
    wave: Wave,
    today: dt.date,
    subject_tag: str,
    render: ReminderRenderer,
    options_for: OptionsFor,
) -> WaveSummary | None:
    campaign = store.campaigns.get(wave.campaign_id)
    if wave.selection == INVITE_SELECTION:
        return queue_invitations(store, wave, options_for(campaign))
    try:
        selection = Selection(wave.selection.partition(":")[0])
    except ValueError:
        log.warning("wave %d has a selection (%r) that cannot be resumed", wave.id, wave.selection)
        return None
    wave_plan = plan(store, campaign, selection, today, subject_tag, include_recent=True)
    wanted = set(wave.supplier_ids)
    targets = [t for t in wave_plan.targets if t.supplier.id in wanted]

    def mail_for(target: WaveTarget) -> MailDraft | Skipped:
        return reminder_draft(store, wave, wave_plan, target, wave.triggered_by, render)

    return queue_mails(store, wave, targets, mail_for)
