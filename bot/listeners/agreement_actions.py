"""The policy agreement in Slack: a signed acknowledgement file recorded (or not) with one click, and
``/minerals policy agree SUPPLIER note…`` for an agreement received another way.

Staff only, checked at each click (a notice's buttons can be pressed by anyone in the channel). The
decision is ``handlers.agreement_files``; recording twice records once and mails the supplier once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.blocks import button_value, escape
from bot.errors import reported_errors
from bot.render.notices import triage_handled_message
from bot.runtime import Runtime
from handlers import agreement_files
from handlers.invocation import Invocation
from surveybot.errors import UserFacingError

RECORD_ACTION = "agreement_record"
REJECT_ACTION = "agreement_reject"


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
    app.action(REJECT_ACTION)(_listener(rt, _reject))


def _listener(rt: Runtime, decide: Callable[[Runtime, str, dict[str, Any]], str]) -> Callable[..., None]:
    def on_click(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        value = button_value(str(body["actions"][0].get("value") or ""))
        with reported_errors(body, client, respond):
            if not isinstance(value.get("sup"), int):
                raise UserFacingError("That button does not name a supplier.")
            user = str(body["user"]["id"])
            outcome = decide(rt, user, value)
            original = str(body.get("message", {}).get("text") or "")
            respond(**triage_handled_message(original, user, outcome).kwargs(), replace_original=True)

    return on_click


def _record(rt: Runtime, user: str, value: dict[str, Any]) -> str:
    version = rt.settings.invitations.policy_version
    sha256, name = str(value.get("h") or ""), str(value.get("n") or "")
    done = agreement_files.record_file(rt.store, rt.caller(user), value["sup"], sha256, name, version)
    who = escape(done.supplier.name)
    if done.agreement is None:
        return f"{who} had already agreed to the policy, version {escape(version)}"
    return f"Recorded {who}'s agreement to the policy, version {escape(version)}, from `{escape(name)}`"


def _reject(rt: Runtime, user: str, value: dict[str, Any]) -> str:
    supplier = agreement_files.not_an_agreement(
        rt.store, rt.caller(user), value["sup"], str(value.get("h") or "")
    )
    return f"Not an agreement: {escape(supplier.name)} still owes the policy agreement"
