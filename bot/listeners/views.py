"""Modal submissions: the "link sender to supplier" form from a triage notice.

Validation errors are returned in the acknowledgement (``response_action: errors``), which Slack
shows under the input, so the form stays open; only a valid submission closes it.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot.blocks import clip, escape, escape_plain, view_text_metadata
from bot.errors import reported_errors, user_message
from bot.listeners.triage_actions import LINK_MODAL, SUPPLIER_BLOCK, SUPPLIER_INPUT
from bot.mrkdwn import shorten
from bot.render.notices import triage_handled_message
from bot.runtime import Runtime
from handlers import triage
from surveybot.errors import UserFacingError

MAX_INPUT_ERROR = 150  # Slack's limit for an input block's error text


def register(app: App, rt: Runtime) -> None:
    def on_link_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        meta = view_text_metadata(view)
        try:
            query = str(view["state"]["values"][SUPPLIER_BLOCK][SUPPLIER_INPUT].get("value") or "")
            caller = rt.caller(body["user"]["id"])
            result = triage.link_sender(rt.store, caller, meta.get("s", ""), query)
        except UserFacingError as refusal:
            shown = refusal.render(lambda v: escape_plain(shorten(v)), escape_plain)
            ack(response_action="errors", errors={SUPPLIER_BLOCK: clip(shown, MAX_INPUT_ERROR)})
            return
        except Exception as error:  # storage down, malformed view: still a 200 with the reference
            ack(response_action="errors", errors={SUPPLIER_BLOCK: clip(user_message(error), MAX_INPUT_ERROR)})
            return
        ack()
        if meta.get("ch") and meta.get("ts"):
            with reported_errors(body, client, None):
                _update_notice(client, meta, result, caller.user_id)

    app.view(LINK_MODAL)(on_link_submitted)


def _update_notice(client: WebClient, meta: dict[str, str], result: triage.LinkResult, user: str) -> None:
    """Replace the triage notice's buttons with who linked the sender to which supplier."""
    supplier = result.supplier
    outcome = f"Linked {escape(result.sender)} to {escape(supplier.code)} - {escape(supplier.name)}"
    message = triage_handled_message("Mail from an unknown sender", user, outcome)
    client.chat_update(channel=meta["ch"], ts=meta["ts"], **message.kwargs())
