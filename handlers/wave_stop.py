"""Stopping a confirmed reminder wave: nothing more is queued, what is still queued is taken back.

A wave's mails are queued in the background and sent by the mail sender at the SMTP server's pace,
so "stop" has three parts: a durable stop mark the queuing job checks before each mail, withdrawing
the wave's mails that are still queued (the outbox moves only a mail that is *still* queued, so one
already handed to the mail server is never marked unsent), and an honest count for the person who
stopped it - how many had gone out, how many were being sent at that moment, how many will not be.
"""

from __future__ import annotations

from dataclasses import dataclass

from handlers.auth import Caller, audit_privileged, authorize
from handlers.waves import STOPPED_KEY_KIND
from storage import OutboxState, Store, Wave


@dataclass(frozen=True, slots=True)
class StopResult:
    wave: Wave
    already_stopped: bool
    sent: int  # accepted by the mail server before the stop
    sending: int  # being handed over at that moment: they may still arrive
    withdrawn: int  # taken out of the queue by this stop

    @property
    def not_sent(self) -> int:
        """Planned mails that will not go out: withdrawn, never queued, or failed earlier."""
        return max(self.wave.planned - self.sent - self.sending, 0)


def stop(store: Store, caller: Caller, wave_id: int) -> StopResult:
    """Team leads only: stop wave ``wave_id`` (a second stop only reports)."""
    authorize(store.audit, caller, "remind", f"wave:{wave_id}")
    wave = store.waves.get(wave_id)
    first = store.dedupe.mark(STOPPED_KEY_KIND, str(wave_id))
    withdrawn = withdraw_queued(store, wave_id, f"withdrawn: wave {wave_id} stopped by {caller.user_id}")
    if first:
        audit_privileged(store.audit, caller, "wave_stop", f"wave:{wave_id}", {"withdrawn": withdrawn})
    counts = store.outbox.counts(wave_id)
    return StopResult(wave, not first, counts[OutboxState.SENT], counts[OutboxState.SENDING], withdrawn)


def withdraw_queued(store: Store, wave_id: int, reason: str) -> int:
    """Take the wave's still-queued mails out of the queue; returns how many."""
    with store.batch():
        return sum(store.outbox.withdraw(item.id, reason) for item in store.outbox.for_wave(wave_id))
