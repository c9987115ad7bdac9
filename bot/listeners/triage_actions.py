"""Triage buttons: "Link to supplier…" opens a small modal; "Mark handled" closes the item; a held
file that names another company is accepted for the supplier or answered with a request for their
own declaration (``handlers.held_files``: staff only, once per file, audited).

The modal carries the sender and the notice's place (channel and message) in its private metadata,
so the submission can update the notice the button was on. That metadata round-trips through the
user's Slack client, so the submission re-checks the role and validates it like any input.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.blocks import button_value, escape, plain
from bot.errors import reported_errors
from bot.render.notices import triage_handled_message
from bot.runtime import Runtime
from handlers import triage
from handlers.auth import authorize
from handlers.held_files import DecisionResult, HeldDecision, decide_held_file
from handlers.inbound_context import InboundDeps
from handlers.ports import RecordingNotifier
from surveybot.errors import UserFacingError

LINK_MODAL = "triage_link_modal"
SUPPLIER_BLOCK = "supplier"
SUPPLIER_INPUT = "query"


def register_triage_actions(app: App, rt: Runtime) -> None:
    def on_link(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        value = button_value(str(body["actions"][0].get("value") or ""))
        with reported_errors(body, client, respond):
            authorize(rt.store.audit, rt.caller(body["user"]["id"]), "link_sender")
            sender = str(value.get("s") or "")
            meta = {"s": sender, "m": str(value.get("m") or ""), "ch": body["channel"]["id"]}
            meta["ts"] = body["message"]["ts"]
            client.views_open(trigger_id=body["trigger_id"], view=link_modal(sender, meta))

    def on_done(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        value = button_value(str(body["actions"][0].get("value") or ""))
        with reported_errors(body, client, respond):
            caller = rt.caller(body["user"]["id"])
            kind, key, sender = str(value.get("k")), str(value.get("m") or ""), str(value.get("s") or "")
            triage.mark_handled(rt.store, caller, kind, key, sender)
            original = str(body["message"].get("text") or "")
            message = triage_handled_message(original, caller.user_id, "Marked handled")
            respond(**message.kwargs(), replace_original=True)

    app.action("triage_link")(on_link)
    app.action("triage_done")(on_done)
    app.action("held_accept")(_held_file_listener(rt, HeldDecision.ACCEPT))
    app.action("held_ask")(_held_file_listener(rt, HeldDecision.ASK))


def _held_file_listener(rt: Runtime, decision: HeldDecision) -> Callable[..., None]:
    def on_click(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        value = button_value(str(body["actions"][0].get("value") or ""))
        with reported_errors(body, client, respond):
            caller = rt.caller(body["user"]["id"])
            submission_id = value.get("sub")
            if not isinstance(submission_id, int):
                raise UserFacingError("That button does not name a held file.")
            result = decide_held_file(_decision_deps(rt), caller, submission_id, decision)
            if result.repeated:
                respond(text=_decided_text(result), response_type="ephemeral", replace_original=False)
                return
            original = str(body["message"].get("text") or "")
            message = triage_handled_message(original, caller.user_id, _decided_text(result))
            respond(**message.kwargs(), replace_original=True)

    return on_click


def _decision_deps(rt: Runtime) -> InboundDeps:
    if rt.deps.render_reply is None:
        raise UserFacingError("Mail replies are not set up in this app, so the supplier cannot be answered.")
    store = rt.store
    return InboundDeps(store, store.clock, RecordingNotifier(), rt.deps.render_reply, rt.settings)


def _decided_text(result: DecisionResult) -> str:
    """What the notice says once decided; names and files escaped (they come from the supplier)."""
    name, file = escape(result.supplier.name), escape(result.submission.attachment_name)
    if result.decision is HeldDecision.ACCEPT:
        what = f"Accepted `{file}` for {name}: {result.verdict}, the supplier was answered"
    else:
        what = f"Asked {name} for their own company's declaration instead of `{file}`"
    return f"Already decided by <@{result.decided_by}>: {what}" if result.repeated else what


def link_modal(sender: str, meta: dict[str, str]) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": LINK_MODAL,
        "private_metadata": json.dumps(meta, separators=(",", ":")),
        "title": plain("Link sender", 24),
        "submit": plain("Link", 24),
        "close": plain("Cancel", 24),
        "blocks": [
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": f"Which supplier does *{sender}* write for?"},
            },
            {
                "type": "input",
                "block_id": SUPPLIER_BLOCK,
                "label": plain("Supplier code, name or email", 2000),
                "element": {"type": "plain_text_input", "action_id": SUPPLIER_INPUT},
            },
        ],
    }
