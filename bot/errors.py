"""The Slack app's one error boundary: users get a short answer, the log gets the traceback.

Every exception raised by a listener or middleware ends in ``report_error``, and the request is
still acknowledged with a 200 (a storage failure in the duplicate filter, say): Slack retries a 500,
which would only fail again and show the user nothing. Requests no listener handles (an event type
we do not use, a malformed interaction) are logged and acknowledged the same way.

An expected problem (``UserFacingError``: unknown campaign, missing role) is shown as its own
message, with the outside text it quotes escaped and shortened (``bot.mrkdwn.echo``). Anything else is a
bug: it is logged with its traceback and an incident reference, and the user sees only that
reference - never the exception text, which can hold paths, addresses or tokens.

Two doors lead to it. ``@app.error`` receives whatever escapes middleware and listeners. Listeners
that acknowledge by hand wrap their work in ``reported_errors``: with Bolt 1.30's thread runner, a
listener that raises just after ``ack()`` resets the acknowledgement, so the HTTP request waits the
full 3 seconds and Slack gets a 404 instead of the 200 it was already promised (see
``tests/bot/test_reliability.py``). The wrapper keeps the exception from reaching that code path.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from slack_bolt import App, BoltResponse, Respond
from slack_bolt.error import BoltUnhandledRequestError
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.blocks import SlackMessage, section
from bot.mrkdwn import echo, escape_plain
from bot.origin import Origin, tell_privately
from surveybot.errors import UserFacingError

log = logging.getLogger(__name__)


def incident_ref() -> str:
    return uuid.uuid4().hex[:8].upper()


def user_message(error: Exception) -> str:
    """What the user is told about ``error`` (logging the bug first if it is one)."""
    if isinstance(error, UserFacingError):
        log.info("refused a Slack request: %s", error)
        return error.render(echo, escape_plain)
    ref = incident_ref()
    log.error("Slack request failed (ref %s)", ref, exc_info=error)
    return f"Sorry, something went wrong on my side (ref {ref}). The team can find the details in the log."


def report_error(
    error: Exception, body: Mapping[str, Any], client: WebClient, respond: Respond | None
) -> None:
    tell_user(body, client, respond, user_message(error))


def register_error_boundary(app: App) -> None:
    """Every failure is answered with a 200: a 500 or 404 makes Slack deliver the request again."""

    def on_error(
        error: Exception, body: dict[str, Any], client: WebClient, respond: Respond | None
    ) -> BoltResponse:
        if isinstance(error, BoltUnhandledRequestError):
            kind = body.get("type") or body.get("command") or "request"
            log.info("acknowledged a Slack %s that no listener handles", kind)
        else:
            report_error(error, body, client, respond)
        return BoltResponse(status=200, body="")

    app.error(on_error)


@contextmanager
def reported_errors(body: Mapping[str, Any], client: WebClient, respond: Respond | None) -> Iterator[None]:
    """Send any failure of the enclosed (already acknowledged) work to ``report_error``."""
    try:
        yield
    except Exception as error:  # the listener's door into the boundary (see module docstring)
        report_error(error, body, client, respond)


@contextmanager
def reported_privately(client: WebClient, origin: Origin, what: str) -> Iterator[None]:
    """The door of a job on the app's pool, which has no Bolt error boundary: a failure of ``what``
    is told to the asker privately where they asked (``user_message``: never the traceback)."""
    try:
        yield
    except Exception as error:
        text = user_message(error)
        try:
            tell_privately(client, origin, SlackMessage(text=text, blocks=(section(text),)))
        except Exception:
            log.warning("could not tell %s why %s failed", origin.user, what, exc_info=True)


def tell_user(body: Mapping[str, Any], client: WebClient, respond: Respond | None, text: str) -> None:
    """Answer where the request came from: privately if possible, else in the mention's thread."""
    try:
        if respond is not None and body.get("response_url"):
            respond(text=text, response_type="ephemeral", replace_original=False)
            return
        event = body.get("event") or {}
        if event.get("channel"):
            thread = event.get("thread_ts") or event.get("ts")
            client.chat_postMessage(channel=event["channel"], thread_ts=thread, text=text)
            return
        user = body.get("user_id") or (body.get("user") or {}).get("id")
        if user:
            client.chat_postMessage(channel=str(user), text=text)
    except (SlackApiError, SlackClientError, OSError) as exc:
        log.warning("could not tell the Slack user about an error: %s", exc)
