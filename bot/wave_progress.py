"""A wave's one Slack message, kept up to date while its mails are queued and then sent.

Why a watcher: queuing is quick, but the mail sender delivers at the SMTP server's pace, so a lead who
confirmed 1,000 invitations wants to see "queued 1,000 / sent 420 of 1,000" move, and a last line
with what was sent, what failed and who was left out. The counts are the store's
(``store.waves.progress``, the same numbers ``surveybot status`` prints), read every
``poll_seconds``; the message is edited only when they changed and at most once per
``interval_seconds`` (plus the final edit), so a 1,000-supplier wave makes a few dozen Slack calls,
not a thousand.

The watcher runs on its own daemon thread, not on the runtime's small pool: it lives as long as the
sending does, and must not hold up previews and other waves. It stops when every mail of the wave
is sent or failed, when the wave is stopped (the stop tells its own story), or after
``give_up_seconds`` (the message then points to ``surveybot status``). It is an entry point of its
own, so it has its own error boundary: a failure is logged with its traceback, never shown.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.blocks import SlackMessage, section
from bot.errors import user_message
from handlers import waves
from storage import Store, WaveProgress

if TYPE_CHECKING:
    from bot.runtime import BotDeps

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class WaveThread:
    """The message that shows the wave's progress, and the thread its summary goes into."""

    channel: str
    message_ts: str
    thread_ts: str


@dataclass(frozen=True, slots=True)
class SendingView:
    """How one kind of wave words its sending: the edited message, the final line, the give-up line."""

    progress: Callable[[WaveProgress], SlackMessage]  # the message while sending and once done
    finished: Callable[[WaveProgress], SlackMessage]  # the final line, in the thread
    gave_up: str  # posted in the thread when the watcher stops before the last mail went


@dataclass(frozen=True, slots=True)
class Pace:
    interval_seconds: float = 5.0  # at most one edit per this, besides the final one
    poll_seconds: float = 1.0
    give_up_seconds: float = 6 * 3600.0

    @classmethod
    def of(cls, deps: BotDeps) -> Pace:
        """The app's pace (``BotDeps.send_progress_seconds``, ``send_watch_seconds``)."""
        every = deps.send_progress_seconds
        return cls(every, min(every, 1.0), deps.send_watch_seconds)


def follow_sending(
    store: Store, client: WebClient, where: WaveThread, wave_id: int, view: SendingView, pace: Pace
) -> threading.Thread:
    """Start watching the wave's mails go out (see the module docstring)."""
    watcher = threading.Thread(
        target=_watch, args=(store, client, where, wave_id, view, pace), name=f"wave-{wave_id}-progress"
    )
    watcher.daemon = True
    watcher.start()
    return watcher


def _watch(
    store: Store, client: WebClient, where: WaveThread, wave_id: int, view: SendingView, pace: Pace
) -> None:
    try:
        _edit_until_sent(store, client, where, wave_id, view, pace)
    except Exception:  # the watcher's error boundary (see module docstring)
        log.error("could not follow the sending of wave %d in Slack", wave_id, exc_info=True)


def _edit_until_sent(
    store: Store, client: WebClient, where: WaveThread, wave_id: int, view: SendingView, pace: Pace
) -> None:
    shown: WaveProgress | None = None
    last_edit = float("-inf")
    give_up_at = time.monotonic() + pace.give_up_seconds
    while True:
        if waves.is_stopped(store, wave_id):
            return  # the stop replaced the message and said how many went out
        now = time.monotonic()
        progress = store.waves.progress(wave_id)
        done = progress.done and waves.is_finished(store, wave_id)
        moved = progress.sent + progress.failed > 0  # before that, the queuing message says it all
        if progress != shown and (done or (moved and now - last_edit >= pace.interval_seconds)):
            edit_message(client, where, view.progress(progress))
            shown, last_edit = progress, now
        if done:
            post_in_thread(client, where, view.finished(progress))
            return
        if now >= give_up_at:
            post_in_thread(client, where, SlackMessage(text=view.gave_up, blocks=(section(view.gave_up),)))
            return
        time.sleep(pace.poll_seconds)


def edit_message(client: WebClient, where: WaveThread, message: SlackMessage) -> None:
    """Edit the wave's message; a refused edit (rate limit, message deleted) is logged and skipped:
    the next one shows the counts, and the mails are not held up by Slack."""
    try:
        client.chat_update(channel=where.channel, ts=where.message_ts, **message.kwargs())
    except (SlackApiError, SlackClientError, OSError) as refused:
        log.warning("could not update the wave's progress message in Slack: %s", refused)


def post_in_thread(client: WebClient, where: WaveThread, message: SlackMessage) -> None:
    client.chat_postMessage(channel=where.channel, thread_ts=where.thread_ts, **message.kwargs())


def report_wave_failure(client: WebClient, where: WaveThread, opening: str, error: Exception) -> None:
    """A wave job's door (the app's pool has no Bolt error boundary): "<opening> <what the user may
    know>" in the wave's thread, the traceback in the log; a Slack that refuses even that is logged."""
    text = f"{opening} {user_message(error)}"
    try:
        client.chat_postMessage(channel=where.channel, thread_ts=where.thread_ts, text=text)
    except (SlackApiError, SlackClientError, OSError) as post_error:
        log.warning("could not post %r to Slack: %s", opening, post_error)
