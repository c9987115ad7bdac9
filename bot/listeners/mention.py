"""Mentions (``@surveybot status``): the same commands, answered in the thread.

Slash commands cannot be used inside threads, so people mention the bot there. Mentions written by
other bots are ignored, so two bots can never keep answering each other (Bolt already drops the
bot's own events; that protection is never switched off).
"""

from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.answer import answer
from bot.listeners.uploads import preview_attached
from bot.origin import Origin
from bot.runtime import Runtime
from handlers.invocation import SUPPLIERS_IMPORT, parse


def register(app: App, rt: Runtime) -> None:
    def on_mention(event: dict[str, Any], client: WebClient) -> None:
        if event.get("bot_id") or event.get("subtype") == "bot_message" or not event.get("user"):
            return
        origin, invocation = Origin.of_mention(event), parse(str(event.get("text") or ""))
        if invocation.name == SUPPLIERS_IMPORT:  # the list comes attached to the mention
            preview_attached(rt, client, origin, event.get("files") or [])
            return
        answer(rt, client, origin, None, invocation)

    app.event("app_mention")(on_mention)
