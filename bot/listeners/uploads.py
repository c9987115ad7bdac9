"""A supplier list uploaded to the bot: ``/minerals suppliers import`` opens a form with a file input,
or a team lead mentions the bot with the file attached (``@surveybot suppliers import``).

Slash commands cannot carry files, so the command answers with a modal holding Slack's
``file_input``; its submission names the uploaded file, which the bot fetches with ``files.info``
and an authenticated download (``bot.files``). The dry-run report goes privately to the lead where
they asked, with *Import* behind a confirm dialog. Roles are checked before the form opens, when it
is submitted and when *Import* is clicked. The work after the submission is acknowledged runs on the
app's pool, since a download and a 10,000-row dry run can take longer than Slack's 3 seconds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.blocks import button_value, clip, escape_plain, view_text_metadata
from bot.errors import reported_errors, reported_privately
from bot.files import download_shared_file
from bot.mrkdwn import shorten
from bot.origin import Origin, tell_privately
from bot.render.imports import (
    CANCEL_ACTION,
    CONFIRM_ACTION,
    FILE_BLOCK,
    FILE_INPUT,
    UPLOAD_MODAL,
    cancelled_message,
    imported_message,
    preview_message,
    upload_modal,
)
from bot.runtime import Runtime
from handlers import supplier_upload
from handlers.auth import authorize
from handlers.supplier_import import MAX_SUPPLIER_FILE
from surveybot.errors import UserFacingError

MAX_INPUT_ERROR = 150


def open_upload_form(rt: Runtime, client: WebClient, body: Mapping[str, Any]) -> None:
    """The slash command's answer: the upload form, for team leads only."""
    supplier_upload.may_upload(rt.store, rt.caller(str(body["user_id"])))
    metadata = {"ch": str(body.get("channel_id") or "")}
    client.views_open(trigger_id=str(body["trigger_id"]), view=upload_modal(metadata))


def preview_attached(
    rt: Runtime, client: WebClient, origin: Origin, files: Sequence[Mapping[str, Any]]
) -> None:
    """A mention that carries the list: check its (one) file and show the report in the thread."""
    supplier_upload.may_upload(rt.store, rt.caller(origin.user))
    if len(files) != 1:
        raise UserFacingError("Attach exactly one supplier list (CSV or XLSX) to `suppliers import`.")
    _preview(rt, client, origin, str(files[0].get("id") or ""))


def register(app: App, rt: Runtime) -> None:
    def on_upload_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        user = str(body["user"]["id"])
        try:
            supplier_upload.may_upload(rt.store, rt.caller(user))
            file_id = _chosen_file(view)
        except UserFacingError as refusal:
            shown = refusal.render(lambda v: escape_plain(shorten(v)), escape_plain)
            ack(response_action="errors", errors={FILE_BLOCK: clip(shown, MAX_INPUT_ERROR)})
            return
        ack()
        origin = Origin(user=user, channel=view_text_metadata(view).get("ch", ""))
        rt.executor.submit(_preview_reporting_errors, rt, client, origin, file_id)

    def on_confirm(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        value = button_value(str(body["actions"][0].get("value") or ""))
        with reported_errors(body, client, respond):
            caller = rt.caller(str(body["user"]["id"]))
            sha256, name, token = (str(value.get(key) or "") for key in ("h", "n", "t"))
            if not (sha256 and token):
                raise UserFacingError("That button is out of date; upload the list again.")
            report = supplier_upload.confirm(rt.store, caller, name, sha256, token)
            respond(**imported_message(report, caller.user_id).kwargs(), replace_original=True)

    def on_cancel(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        with reported_errors(body, client, respond):
            caller = rt.caller(str(body["user"]["id"]))
            authorize(rt.store.audit, caller, supplier_upload.ACTION, "upload-preview")
            respond(**cancelled_message(caller.user_id).kwargs(), replace_original=True)

    app.view(UPLOAD_MODAL)(on_upload_submitted)
    app.action(CONFIRM_ACTION)(on_confirm)
    app.action(CANCEL_ACTION)(on_cancel)


def _preview(rt: Runtime, client: WebClient, origin: Origin, file_id: str) -> None:
    shared = download_shared_file(client, file_id, rt.deps.bot_token.reveal(), MAX_SUPPLIER_FILE)
    preview = supplier_upload.preview(rt.store, rt.caller(origin.user), shared.name, shared.data)
    tell_privately(client, origin, preview_message(preview))


def _preview_reporting_errors(rt: Runtime, client: WebClient, origin: Origin, file_id: str) -> None:
    """The form's work after its acknowledgement: a failure is told to the lead where they asked."""
    with reported_privately(client, origin, "the supplier list"):
        _preview(rt, client, origin, file_id)


def _chosen_file(view: Mapping[str, Any]) -> str:
    state = view.get("state", {}).get("values", {}).get(FILE_BLOCK, {}).get(FILE_INPUT, {})
    files = state.get("files") or []
    if len(files) != 1 or not isinstance(files[0], Mapping) or not files[0].get("id"):
        raise UserFacingError("Choose one supplier list (CSV or XLSX).")
    return str(files[0]["id"])
