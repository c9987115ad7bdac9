"""Where a request came from, and how to answer it there.

A slash command is answered privately through its ``response_url`` (only the asker sees it, and it
works in any channel the command was typed in). A mention has no ``response_url``: it is answered
in the mention's thread, because slash commands cannot be used in threads and people mention the
bot there instead. Button clicks carry a ``response_url`` of the message they are on.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.blocks import SlackMessage

log = logging.getLogger("surveybot.slack")


@dataclass(frozen=True, slots=True)
class Origin:
    user: str
    channel: str
    thread_ts: str | None = None  # set for mentions: answers go into this thread

    @classmethod
    def of_command(cls, body: Mapping[str, Any]) -> Origin:
        return cls(user=str(body["user_id"]), channel=str(body["channel_id"]))

    @classmethod
    def of_mention(cls, event: Mapping[str, Any]) -> Origin:
        thread = event.get("thread_ts") or event.get("ts")
        return cls(user=str(event["user"]), channel=str(event["channel"]), thread_ts=thread)

    @classmethod
    def of_action(cls, body: Mapping[str, Any]) -> Origin:
        """The clicking user, the message's channel, and its thread if the message is in one."""
        message = body.get("message") or {}
        channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
        return cls(
            user=str(body["user"]["id"]), channel=str(channel or ""), thread_ts=message.get("thread_ts")
        )


class Replier:
    """Sends answers to an ``Origin``: through ``respond`` when there is one, else into the thread."""

    def __init__(self, client: WebClient, origin: Origin, respond: Respond | None) -> None:
        self._client = client
        self._origin = origin
        self._respond = respond

    def send(self, message: SlackMessage, *, replace_original: bool = False) -> None:
        if self._respond is not None:
            self._respond(**message.kwargs(), response_type="ephemeral", replace_original=replace_original)
            return
        self._client.chat_postMessage(
            channel=self._origin.channel, thread_ts=self._origin.thread_ts, **message.kwargs()
        )


def tell_privately(client: WebClient, origin: Origin, message: SlackMessage) -> None:
    """Privately to the asker: in the channel (or thread) they asked in, else in their DM with the bot
    (also when the channel refuses us: a private channel the bot was never added to, say)."""
    if origin.channel:
        try:
            client.chat_postEphemeral(
                channel=origin.channel, user=origin.user, thread_ts=origin.thread_ts, **message.kwargs()
            )
            return
        except SlackApiError as refused:
            log.info(
                "cannot answer in %s (%s); answering in the DM", origin.channel, refused.response.get("error")
            )
    client.chat_postMessage(channel=origin.user, **message.kwargs())
