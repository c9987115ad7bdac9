"""Running a confirmed reminder wave in the background, with progress in Slack.

The click that confirms a wave is acknowledged at once and records the wave; queuing thousands of
mails happens on the runtime's executor. The progress message carries a Stop button for the wave's
whole life (queued mails can be withdrawn until the mail sender has sent them); once stopped, the job
queues nothing more and leaves the telling to the stop, which knows how many went out.

The channel sees one message that counts up (edited at most once per
``progress_interval_seconds``, Slack's rate for edits) and a summary in its thread once queued; then
the message counts the mails sent ("queued N / sent M of N", ``bot.wave_progress``, at most once per
``send_progress_seconds``) and a last line says how many were sent, failed and skipped. This job
is its own entry point, so it has its own error boundary: a failure is logged with its traceback
and the thread is told the reference, never the exception text.
"""

from __future__ import annotations

import time
from concurrent.futures import Future

from slack_sdk import WebClient

from bot.render.waves import progress_message, sending_message, sent_message, started_message, summary_message
from bot.runtime import Runtime
from bot.wave_progress import (
    Pace,
    SendingView,
    WaveThread,
    edit_message,
    follow_sending,
    post_in_thread,
    report_wave_failure,
)
from handlers import waves
from handlers.auth import Caller
from handlers.wave_stop import withdraw_queued
from handlers.waves import WavePlan
from storage import Wave


def start_wave(
    rt: Runtime, client: WebClient, caller: Caller, plan: WavePlan, channel: str, thread_ts: str | None
) -> Future[None]:
    """Record the wave, post its progress message (in ``thread_ts`` if given), queue the wave's work."""
    wave = waves.start(rt.store, plan, caller)
    started = client.chat_postMessage(
        channel=channel, thread_ts=thread_ts, **started_message(plan, caller.user_id, wave.id).kwargs()
    )
    message_ts = str(started["ts"])
    where = WaveThread(str(started["channel"]), message_ts, thread_ts or message_ts)
    return rt.executor.submit(run_wave_job, rt, client, caller, plan, wave, where)


def run_wave_job(
    rt: Runtime, client: WebClient, caller: Caller, plan: WavePlan, wave: Wave, where: WaveThread
) -> None:
    try:
        progress = _ProgressEditor(rt, client, where, plan, caller.user_id, wave.id)
        summary = waves.queue(
            rt.store, wave, plan, caller, rt.deps.render_reminder, progress=progress, chunk=rt.deps.wave_chunk
        )
        if summary.stopped:  # whoever stopped it was told the truth; take back what slipped in since
            withdraw_queued(rt.store, wave.id, f"withdrawn: wave {wave.id} stopped")
            return
        post_in_thread(client, where, summary_message(summary, plan))
        view = SendingView(
            progress=lambda p: sending_message(plan, caller.user_id, wave.id, p),
            finished=lambda p: sent_message(wave.id, p, len(summary.skipped)),
            gave_up="Still sending this wave; `surveybot status` shows how far it has got.",
        )
        follow_sending(rt.store, client, where, wave.id, view, Pace.of(rt.deps))
    except Exception as exc:  # the background job's error boundary (see module docstring)
        report_wave_failure(client, where, "The reminder wave stopped.", exc)


class _ProgressEditor:
    def __init__(
        self, rt: Runtime, client: WebClient, where: WaveThread, plan: WavePlan, user: str, wave_id: int
    ) -> None:
        self._rt, self._client, self._where, self._plan, self._user = rt, client, where, plan, user
        self._wave_id = wave_id
        self._interval = rt.deps.progress_interval_seconds
        self._last = float("-inf")

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._last < self._interval:
            return
        if waves.is_stopped(self._rt.store, self._wave_id):
            return  # the stop replaced this message; do not bring the Stop button back
        self._last = now
        message = progress_message(self._plan, self._user, done, self._wave_id)
        edit_message(self._client, self._where, message)
