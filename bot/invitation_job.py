"""Invitations confirmed from Slack: the click is answered at once, the wave is queued in the
background and its progress is shown in the channel.

Why: opening a campaign for a thousand suppliers queues a thousand mails with the blank template
attached; done inside the button's listener, the lead stares at a spinner and Slack retries the
click. So *Open and invite* only opens the campaign and records its invitation wave (the one wave
machinery, ``handlers.waves``: one mail per (wave, supplier), at most once across restarts), posts
the wave's message and hands the queuing to the runtime's pool. If the service stops before the job
ran, its start finishes the wave (``surveybot.wiring.Service.resume_waves``). The message counts up
while the mails are queued (edited at most once per ``progress_interval_seconds``) and then while
they are sent (``bot.wave_progress``), and a last line in its thread says how many were sent, failed
and skipped. The job is an entry point of its own, with its own error boundary.
"""

from __future__ import annotations

import logging
import time
from concurrent.futures import Future

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.blocks import SlackMessage
from bot.origin import Origin
from bot.render.campaign_setup import (
    invitations_done_message,
    invitations_queuing_message,
    invitations_sending_message,
)
from bot.runtime import Runtime
from bot.wave_progress import Pace, SendingView, WaveThread, edit_message, follow_sending, report_wave_failure
from handlers.auth import Caller
from handlers.campaigns import OpenResult, queue_unfinished_invitations
from handlers.invitations import InvitationOptions

log = logging.getLogger(__name__)


def start_invitations(
    rt: Runtime,
    client: WebClient,
    caller: Caller,
    result: OpenResult,
    options: InvitationOptions,
    origin: Origin,
) -> Future[None] | None:
    """Post the wave's message where the lead confirmed (else in their DM) and queue the wave's work."""
    if result.wave is None:
        return None  # nobody newly invited: nothing to send
    first = invitations_queuing_message(result, caller.user_id, 0)
    try:
        where = _post_first(client, origin, first)
    except (SlackApiError, SlackClientError, OSError) as refused:  # Slack down: the mails still go
        log.warning("could not post the invitation wave's message; queuing it without: %s", refused)
        return rt.executor.submit(_queue_without_progress, rt, result, options)
    return rt.executor.submit(run_invitations, rt, client, caller, result, options, where)


def _queue_without_progress(rt: Runtime, result: OpenResult, options: InvitationOptions) -> None:
    try:
        queue_unfinished_invitations(rt.store, result.campaign, options, chunk=rt.deps.wave_chunk)
    except Exception:  # this job's error boundary: the service's next start finishes the wave
        log.error("could not queue the invitations of %s", result.campaign.name, exc_info=True)


def run_invitations(
    rt: Runtime,
    client: WebClient,
    caller: Caller,
    result: OpenResult,
    options: InvitationOptions,
    where: WaveThread,
) -> None:
    try:
        editor = _QueueEditor(client, where, result, caller.user_id, rt.deps.progress_interval_seconds)
        queue_unfinished_invitations(rt.store, result.campaign, options, editor, rt.deps.wave_chunk)
        assert result.wave is not None
        counts = rt.store.waves.progress(result.wave.id)  # queued by someone else too (a restart)
        editor.show(counts.queued + counts.sending + counts.sent + counts.failed)
        view = SendingView(
            progress=lambda p: invitations_sending_message(result, caller.user_id, p),
            finished=lambda p: invitations_done_message(result, p),
            gave_up="Still sending the invitations; `surveybot status` shows how far the wave has got.",
        )
        follow_sending(rt.store, client, where, result.wave.id, view, Pace.of(rt.deps))
    except Exception as exc:  # the background job's error boundary (see module docstring)
        report_wave_failure(client, where, "Queuing the invitations stopped.", exc)


def _post_first(client: WebClient, origin: Origin, message: SlackMessage) -> WaveThread:
    try:
        posted = client.chat_postMessage(channel=origin.channel or origin.user, **message.kwargs())
    except SlackApiError as refused:  # a private channel the bot is not in: the lead's DM
        log.info("cannot post the invitation wave in %s (%s)", origin.channel, refused.response.get("error"))
        posted = client.chat_postMessage(channel=origin.user, **message.kwargs())
    ts = str(posted["ts"])
    return WaveThread(str(posted["channel"]), ts, ts)


class _QueueEditor:
    """``progress(done, total)`` of the queuing loop, as edits of the wave's message (throttled)."""

    def __init__(
        self, client: WebClient, where: WaveThread, result: OpenResult, user: str, interval: float
    ) -> None:
        self._client, self._where, self._result, self._user = client, where, result, user
        self._interval = interval
        self._last = float("-inf")
        self._shown = 0  # the message was posted saying "queued 0"

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._last < self._interval:
            return
        self._last = now
        self.show(done)

    def show(self, done: int) -> None:
        if done != self._shown:
            self._shown = done
            message = invitations_queuing_message(self._result, self._user, done)
            edit_message(self._client, self._where, message)
