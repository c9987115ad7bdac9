"""The policy agreement in Slack: a signed acknowledgement file recorded (or not) with one click, and
``/minerals policy agree SUPPLIER note…`` for an agreement received another way.

Staff only, checked at each click (a notice's buttons can be pressed by anyone in the channel). The
decision is ``handlers.agreement_files``; recording twice records once and mails the supplier once.
*Not an agreement* opens a small form for an optional reason; its submission answers the supplier in
the file's thread (``handlers.agreement_refusal``, once however many click) and the notice shows who
decided and why.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.blocks import button_value, escape, plain, section, view_metadata
from bot.errors import reported_errors
from bot.mrkdwn import shorten
from bot.render.notices import triage_handled_message
from bot.runtime import Runtime
from handlers import agreement_files
from handlers.agreement_refusal import ACTION, MAX_REASON, Refusal, refuse_file
from handlers.auth import authorize
from handlers.inbound_context import InboundDeps
from handlers.invocation import Invocation
from handlers.ports import RecordingNotifier
from surveybot.errors import UserFacingError

RECORD_ACTION = "agreement_record"
REJECT_ACTION = "agreement_reject"
REJECT_MODAL = "agreement_reject_modal"
REASON_BLOCK = "reason"
REASON_INPUT = "reason"


def policy_agree(rt: Runtime, user: str, invocation: Invocation, respond: Respond) -> None:
    """The command: record the agreement with the staff member and their note as evidence."""
    version = rt.settings.invitations.policy_version
    caller = rt.caller(user)
    done = agreement_files.record_by_staff_user(rt.store, caller, invocation.query, invocation.note, version)
    who = f"{escape(done.supplier.name)} (`{escape(done.supplier.code)}`)"
    if done.agreement is None:
        respond(text=f"{who} had already agreed to the policy, version {escape(version)}; nothing changed.")
        return
    respond(text=f"Recorded {who}'s agreement to the policy, version {escape(version)}, with your note.")


def register(app: App, rt: Runtime) -> None:
    app.action(RECORD_ACTION)(_listener(rt, _record))
    app.action(REJECT_ACTION)(_reject_form(rt))
    app.view(REJECT_MODAL)(_reject_submitted(rt))


def _listener(rt: Runtime, decide: Callable[[Runtime, str, dict[str, Any]], str]) -> Callable[..., None]:
    def on_click(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        with reported_errors(body, client, respond):
            value = _supplier_button(body)
            user = str(body["user"]["id"])
            outcome = decide(rt, user, value)
            original = str(body.get("message", {}).get("text") or "")
            respond(**triage_handled_message(original, user, outcome).kwargs(), replace_original=True)

    return on_click


def _supplier_button(body: dict[str, Any]) -> dict[str, Any]:
    value = button_value(str(body["actions"][0].get("value") or ""))
    if not isinstance(value.get("sup"), int):
        raise UserFacingError("That button does not name a supplier.")
    return value


def _record(rt: Runtime, user: str, value: dict[str, Any]) -> str:
    version = rt.settings.invitations.policy_version
    sha256, name = str(value.get("h") or ""), str(value.get("n") or "")
    done = agreement_files.record_file(rt.store, rt.caller(user), value["sup"], sha256, name, version)
    who = escape(done.supplier.name)
    if done.agreement is None:
        return f"{who} had already agreed to the policy, version {escape(version)}"
    return f"Recorded {who}'s agreement to the policy, version {escape(version)}, from `{escape(name)}`"


def _reject_form(rt: Runtime) -> Callable[..., None]:
    """*Not an agreement*: staff only, a small form for the optional reason the supplier will read."""

    def on_click(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        with reported_errors(body, client, respond):
            value = _supplier_button(body)
            authorize(rt.store.audit, rt.caller(str(body["user"]["id"])), ACTION, f"supplier:{value['sup']}")
            meta = {
                "sup": value["sup"], "h": str(value.get("h") or ""), "n": str(value.get("n") or ""),
                "ch": str((body.get("channel") or {}).get("id") or ""),
                "ts": str((body.get("message") or {}).get("ts") or ""),
                "t": str((body.get("message") or {}).get("text") or "")[:500],
            }  # fmt: skip
            client.views_open(trigger_id=str(body["trigger_id"]), view=refusal_modal(meta))

    return on_click


def _reject_submitted(rt: Runtime) -> Callable[..., None]:
    def on_submit(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        ack()  # the form closes at once; the decision's answer goes to the notice (or privately)
        meta = view_metadata(view)
        user = str(body["user"]["id"])
        with reported_errors(body, client, None):
            reason = str(view["state"]["values"][REASON_BLOCK][REASON_INPUT].get("value") or "")
            sup = meta.get("sup")
            if not isinstance(sup, int):
                raise UserFacingError("That form does not name a supplier.")
            done = refuse_file(
                _reply_deps(rt),
                rt.caller(user),
                sup,
                str(meta.get("h") or ""),
                str(meta.get("n") or ""),
                reason,
            )
            _show_refusal(client, meta, user, done)

    return on_submit


def _show_refusal(client: WebClient, meta: dict[str, Any], user: str, done: Refusal) -> None:
    """The notice shows who decided; a second decider is told privately who was first."""
    text = refused_text(done)
    channel, ts = str(meta.get("ch") or ""), str(meta.get("ts") or "")
    if done.repeated:
        if channel:
            client.chat_postEphemeral(channel=channel, user=user, text=text)
        else:
            client.chat_postMessage(channel=user, text=text)
        return
    if channel and ts:
        message = triage_handled_message(str(meta.get("t") or ""), user, text)
        client.chat_update(channel=channel, ts=ts, **message.kwargs())


def refused_text(done: Refusal) -> str:
    """What the notice says once decided; names, file and reason escaped (outside text)."""
    who, file = escape(done.supplier.name), escape(done.file_name or "the file")
    told = "the supplier was told what to send instead" if done.mailed else "the supplier has no address"
    text = f"Not an agreement: `{file}` from {who}; {told}"
    if done.reason:
        text += f". Reason given: {escape(shorten(done.reason))}"
    return f"Already decided by <@{done.decided_by}>: {text}" if done.repeated else text


def refusal_modal(meta: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": REJECT_MODAL,
        "private_metadata": json.dumps(meta, separators=(",", ":"), ensure_ascii=False),
        "title": plain("Not an agreement", 24),
        "submit": plain("Tell the supplier", 24),
        "close": plain("Cancel", 24),
        "blocks": [
            section(
                f"The supplier will be told that `{escape(str(meta.get('n') or 'the file'))}` could not be "
                "taken as their agreement to the policy, and what to send instead."
            ),
            {
                "type": "input",
                "block_id": REASON_BLOCK,
                "optional": True,
                "label": plain("Reason (the supplier reads it)", 2000),
                "element": {
                    "type": "plain_text_input",
                    "action_id": REASON_INPUT,
                    "multiline": True,
                    "max_length": MAX_REASON,
                },
            },
        ],
    }


def _reply_deps(rt: Runtime) -> InboundDeps:
    if rt.deps.render_reply is None:
        raise UserFacingError("Mail replies are not set up in this app, so the supplier cannot be answered.")
    store = rt.store
    return InboundDeps(store, store.clock, RecordingNotifier(), rt.deps.render_reply, rt.settings)
