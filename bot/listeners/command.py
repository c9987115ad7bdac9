"""The slash command (``/minerals`` by default): acknowledge at once, then answer privately."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.answer import answer
from bot.errors import reported_errors
from bot.listeners.agreement_actions import policy_agree
from bot.listeners.campaign_setup import open_campaign_form
from bot.listeners.uploads import open_upload_form
from bot.origin import Origin
from bot.runtime import Runtime
from handlers.invocation import CAMPAIGN_OPEN, POLICY_AGREE, SUPPLIERS_IMPORT, parse


def register(app: App, rt: Runtime) -> None:
    def on_command(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()  # within Slack's 3 seconds; Bolt sends the HTTP 200 while the work below goes on
        with reported_errors(body, client, respond):
            invocation = parse(str(body.get("text") or ""))
            if invocation.name == SUPPLIERS_IMPORT:  # a file cannot come with a command: ask for it
                open_upload_form(rt, client, body)
                return
            if invocation.name == CAMPAIGN_OPEN:  # answered with the set-up form
                open_campaign_form(rt, client, body)
                return
            if invocation.name == POLICY_AGREE:
                policy_agree(rt, str(body["user_id"]), invocation, respond)
                return
            answer(rt, client, Origin.of_command(body), respond, invocation)

    app.command(rt.settings.slack.command)(on_command)
