"""``surveybot status``: is the service alive and what is it doing, and where does each campaign stand.

The running service answers the ``status`` operation over its control socket with what only it
knows - when it last finished a mailbox cycle, when Slack last reached it, the next scheduled wave -
next to the outbox depth and each active campaign's counts from its live store. With no service the
CLI runs the same operation on the store read-only and says the service is not running; the counts
are the same, and the last mailbox cycle still comes from the heartbeat file the watcher left.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from surveybot.control.protocol import Reply

if TYPE_CHECKING:
    from storage import CampaignStatus, Store
    from surveybot.control.operations import OpContext

WAITING_OUTBOX = ("queued", "sending", "failed")


class Activity:
    """What the running service did last, in memory (the Slack app marks every request it accepts)."""

    def __init__(self, started_at: dt.datetime) -> None:
        self.started_at = started_at
        self._lock = threading.Lock()
        self._slack_event: dt.datetime | None = None

    def slack_event(self, when: dt.datetime) -> None:
        with self._lock:
            self._slack_event = when

    @property
    def last_slack_event(self) -> dt.datetime | None:
        with self._lock:
            return self._slack_event


@dataclass(frozen=True)
class LiveState:
    """The running service as the status operation reports it."""

    pid: int
    started_at: dt.datetime
    mailbox_on: bool
    slack_on: bool
    last_mailbox_cycle: dt.datetime | None
    last_slack_event: dt.datetime | None
    next_wave: str  # "" when nothing is scheduled


def status_operation(ctx: OpContext, args: Mapping[str, Any]) -> Reply:
    now = ctx.store.clock.now()
    lines = service_lines(ctx.live, now, ctx.settings.data_dir)
    lines.extend(outbox_lines(ctx.store))
    lines.extend(campaign_lines(ctx.store, now.date()))
    return Reply(0, tuple(lines))


def service_lines(live: LiveState | None, now: dt.datetime, data_dir: Any) -> list[str]:
    if live is None:
        from mail.heartbeat import HeartbeatFile

        last = HeartbeatFile.in_data_dir(data_dir).last()
        return [
            f"service: not running (nothing answers on {data_dir}/control/sock)",
            f"  last mailbox cycle:  {_when(last, now)} (heartbeat file)",
        ]
    return [
        f"service: running (pid {live.pid}, since {_stamp(live.started_at)})",
        f"  last mailbox cycle:  {_when(live.last_mailbox_cycle, now) if live.mailbox_on else 'off'}",
        f"  last Slack event:    {_when(live.last_slack_event, now) if live.slack_on else 'off'}",
        f"  next scheduled wave: {live.next_wave or 'none scheduled'}",
    ]


def outbox_lines(store: Store) -> list[str]:
    counts = {state.value: n for state, n in store.outbox.counts().items()}
    depth = sum(counts.get(state, 0) for state in WAITING_OUTBOX)
    parts = ", ".join(f"{counts.get(state, 0)} {state}" for state in WAITING_OUTBOX)
    uncertain = counts.get("uncertain", 0)
    extra = f"; {uncertain} uncertain (not resent automatically)" if uncertain else ""
    return [f"  outbox depth:        {depth} ({parts}){extra}"]


def campaign_lines(store: Store, today: dt.date) -> list[str]:
    campaigns = store.campaigns.active()
    if not campaigns:
        return ["campaigns: none active"]
    lines = ["campaigns:"]
    for campaign in campaigns:
        lines.extend(campaign_block(store.reports.campaign_status(campaign.id), today))
        lines.extend(wave_lines(store, campaign.id))
    return lines


def wave_lines(store: Store, campaign_id: int) -> list[str]:
    """Waves still queuing or sending: how far each has got (finished ones are history, not status).

    A wave recorded but not yet queued to its end (a large one confirmed from Slack is queued in the
    background) is still going: its mails not yet queued count as waiting."""
    from handlers.waves import is_finished, is_stopped

    lines = []
    for wave in store.waves.for_campaign(campaign_id):
        progress = store.waves.progress(wave.id)
        queuing = not (is_finished(store, wave.id) or is_stopped(store, wave.id))
        if progress.done and not queuing:
            continue
        waiting = progress.queued + progress.sending
        if queuing:
            waiting = max(waiting, progress.planned - progress.sent - progress.failed)
        failed = f", {progress.failed:,} failed" if progress.failed else ""
        lines.append(
            f"    wave {wave.id} ({wave.selection}): {progress.sent:,} of {progress.planned:,} sent, "
            f"{waiting:,} waiting{failed}"
        )
    return lines


def campaign_block(status: CampaignStatus, today: dt.date) -> list[str]:
    campaign = status.campaign
    counts = " · ".join(f"{state.value.replace('_', ' ')} {n:,}" for state, n in status.counts.items() if n)
    days = (campaign.due - today).days
    due = f"due {campaign.due.isoformat()} ({f'in {days} days' if days >= 0 else f'{-days} days overdue'})"
    return [
        f"  {campaign.name} ({campaign.family}) {due}",
        f"    {counts or 'no suppliers'}",
        f"    response rate {status.response_rate:.1%} · acceptance rate {status.acceptance_rate:.1%}"
        f" · overdue {status.overdue:,}",
    ]


def live_state(
    activity: Activity, *, mailbox_on: bool, slack_on: bool, last_cycle: dt.datetime | None, next_wave: str
) -> LiveState:
    return LiveState(
        pid=os.getpid(),
        started_at=activity.started_at,
        mailbox_on=mailbox_on,
        slack_on=slack_on,
        last_mailbox_cycle=last_cycle,
        last_slack_event=activity.last_slack_event,
        next_wave=next_wave,
    )


def _stamp(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _when(when: dt.datetime | None, now: dt.datetime) -> str:
    if when is None:
        return "never"
    seconds = max(0, int((now - when).total_seconds()))
    ago = (
        f"{seconds} s"
        if seconds < 120
        else f"{seconds // 60} min"
        if seconds < 7200
        else f"{seconds // 3600} h"
    )
    return f"{_stamp(when)} ({ago} ago)"
