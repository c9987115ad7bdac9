"""Button clicks: paging, CSV download, supplier cards, findings, resend, waves and triage.

Every handler acknowledges first and then works; answers go through the click's ``response_url``
(privately to the clicker, or replacing the message the button was on). Button values are parsed
defensively - a value edited by a malicious client yields a polite "that button is out of date".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.answer import wave_preview
from bot.blocks import SlackMessage, button_value, escape, escape_plain
from bot.errors import reported_errors
from bot.listeners.triage_actions import register_triage_actions
from bot.origin import Origin
from bot.render.reports import missing_csv, missing_message
from bot.render.supplier import card_message, findings_message, resend_message
from bot.render.waves import cancelled_message, confirmed_message, stopped_message, stopped_progress_message
from bot.runtime import Runtime
from bot.wave_job import start_wave
from handlers import commands, supplier_card, wave_stop
from handlers.auth import authorize
from handlers.invocation import Selection
from surveybot.errors import UserFacingError

Handler = Callable[[Runtime, dict[str, Any], dict[str, Any], WebClient, Respond], None]


class StaleButton(UserFacingError):
    def __init__(self) -> None:
        super().__init__("That button is out of date; run the command again.")


def register(app: App, rt: Runtime) -> None:
    for action_id, handler in HANDLERS.items():
        app.action(action_id)(_listener(rt, handler))
    register_triage_actions(app, rt)


def _listener(rt: Runtime, handler: Handler) -> Callable[..., None]:
    def on_action(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        value = button_value(str(body["actions"][0].get("value") or ""))
        with reported_errors(body, client, respond):
            handler(rt, body, value, client, respond)

    return on_action


def _int(value: dict[str, Any], key: str) -> int:
    raw = value.get(key)
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    raise StaleButton()


def _send(respond: Respond, message: SlackMessage, *, replace: bool = False) -> None:
    respond(**message.kwargs(), response_type="ephemeral", replace_original=replace)


def _on_ephemeral(body: dict[str, Any]) -> bool:
    return bool((body.get("container") or {}).get("is_ephemeral"))


def show_missing(
    rt: Runtime, body: dict[str, Any], value: dict[str, Any], client: WebClient, r: Respond
) -> None:
    result = commands.missing(rt.command_deps, rt.caller(body["user"]["id"]), f"#{_int(value, 'c')}")
    _send(r, missing_message(result))


def missing_page(
    rt: Runtime, body: dict[str, Any], value: dict[str, Any], client: WebClient, r: Respond
) -> None:
    result = commands.missing(rt.command_deps, rt.caller(body["user"]["id"]), f"#{_int(value, 'c')}")
    _send(r, missing_message(result, page=_int(value, "p")), replace=_on_ephemeral(body))


def download_missing(
    rt: Runtime, body: dict[str, Any], value: dict[str, Any], client: WebClient, r: Respond
) -> None:
    """The CSV holds supplier addresses, so it goes to the asker's DM with the bot, never the channel."""
    user = str(body["user"]["id"])
    result = commands.missing(rt.command_deps, rt.caller(user), f"#{_int(value, 'c')}")
    name = result.status.campaign.name
    dm = str(client.conversations_open(users=user)["channel"]["id"])
    client.files_upload_v2(
        channel=dm,
        content=missing_csv(result.rows),
        filename=f"missing-{result.status.campaign.id}-{result.today.isoformat()}.csv",
        title=escape_plain(f"{name}: suppliers still missing ({len(result.rows)})"),
        initial_comment=f"The missing list of {escape(name)}, as you asked (it holds supplier addresses).",
    )
    r(text="I sent you the CSV in a direct message.", response_type="ephemeral", replace_original=False)


def pick_supplier(
    rt: Runtime, body: dict[str, Any], value: dict[str, Any], client: WebClient, r: Respond
) -> None:
    card = supplier_card.card_for(rt.store, _int(value, "sup"), rt.settings.invitations.policy_version)
    _send(r, card_message(card), replace=_on_ephemeral(body))


def view_findings(
    rt: Runtime, body: dict[str, Any], value: dict[str, Any], client: WebClient, r: Respond
) -> None:
    result = supplier_card.findings(rt.store, rt.caller(body["user"]["id"]), _int(value, "sub"))
    _send(r, findings_message(result))


def resend(rt: Runtime, body: dict[str, Any], value: dict[str, Any], client: WebClient, r: Respond) -> None:
    caller = rt.caller(body["user"]["id"])
    result = supplier_card.resend_correction(rt.store, caller, _int(value, "sup"), str(body["trigger_id"]))
    _send(r, resend_message(result))


def confirm_wave(
    rt: Runtime, body: dict[str, Any], value: dict[str, Any], client: WebClient, r: Respond
) -> None:
    caller = rt.caller(body["user"]["id"])
    try:
        selection, token = Selection(str(value.get("s"))), str(value["t"])
    except (KeyError, ValueError):
        raise StaleButton() from None
    include_recent = value.get("r") == 1
    plan = commands.confirm_remind(
        rt.command_deps, caller, _int(value, "c"), selection, token, include_recent
    )
    if not plan.targets:
        raise UserFacingError(
            "Nobody in {} needs this reminder any more; nothing was sent.", plan.campaign.name
        )
    _send(r, confirmed_message(plan, caller.user_id), replace=True)
    origin = Origin.of_action(body)
    start_wave(rt, client, caller, plan, origin.channel, origin.thread_ts)


def cancel_wave(
    rt: Runtime, body: dict[str, Any], value: dict[str, Any], client: WebClient, r: Respond
) -> None:
    caller = rt.caller(body["user"]["id"])
    authorize(rt.store.audit, caller, "remind", "wave-preview")
    _send(r, cancelled_message(caller.user_id), replace=True)


def include_recent(
    rt: Runtime, body: dict[str, Any], value: dict[str, Any], client: WebClient, r: Respond
) -> None:
    """Redo the preview with the recently reminded suppliers in it (a new preview, a new token)."""
    try:
        selection = Selection(str(value.get("s")))
    except ValueError:
        raise StaleButton() from None
    caller = rt.caller(body["user"]["id"])
    plan = commands.remind_including_recent(rt.command_deps, caller, _int(value, "c"), selection)
    message = wave_preview(rt, plan)
    if Origin.of_action(body).thread_ts or not _on_ephemeral(body):
        _send(r, message)  # a preview posted in a thread stays; this one is for the clicker
    else:
        _send(r, message, replace=True)


def stop_wave(
    rt: Runtime, body: dict[str, Any], value: dict[str, Any], client: WebClient, r: Respond
) -> None:
    caller = rt.caller(body["user"]["id"])
    result = wave_stop.stop(rt.store, caller, _int(value, "w"))
    if not result.already_stopped:
        r(**stopped_progress_message(result, caller.user_id).kwargs(), replace_original=True)
    message = body.get("message") or {}
    thread = message.get("thread_ts") or message.get("ts")
    client.chat_postMessage(
        channel=Origin.of_action(body).channel,
        thread_ts=thread,
        **stopped_message(result, caller.user_id).kwargs(),
    )


HANDLERS: dict[str, Handler] = {
    "show_missing": show_missing,
    "missing_page": missing_page,
    "missing_csv": download_missing,
    "supplier_pick": pick_supplier,
    "view_findings": view_findings,
    "resend_correction": resend,
    "wave_confirm": confirm_wave,
    "wave_cancel": cancel_wave,
    "wave_include_recent": include_recent,
    "wave_stop": stop_wave,
}
