"""Opening a campaign from Slack: ``/minerals campaign open`` opens a form, its submission is previewed
privately to the team lead, and *Open and invite* (behind a confirm dialog) opens the campaign.

Roles are checked before the form opens, when it is submitted and when a button is clicked. A field
that cannot be used is shown under that field (the form stays open); the preview is built on the
app's pool after the submission is acknowledged. Confirm runs ``handlers.campaigns.open_campaign``,
the CLI's code, once per preview however often the button is clicked or Slack retries; it opens the
campaign and records the invitation wave, and ``bot.invitation_job`` queues and follows the wave in
the background, so the click is answered at once whatever the wave's size.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.blocks import button_value, clip, escape_plain, view_text_metadata
from bot.errors import reported_errors, reported_privately
from bot.invitation_job import start_invitations
from bot.mrkdwn import shorten
from bot.origin import Origin, tell_privately
from bot.render.campaign_setup import (
    CANCEL_ACTION,
    CONFIRM_ACTION,
    OPEN_MODAL,
    cancelled_message,
    open_modal,
    opened_message,
    preview_message,
)
from bot.runtime import Runtime
from handlers import campaign_slack
from handlers.auth import authorize
from handlers.campaign_slack import CampaignDefaults, FormError
from handlers.campaigns import CampaignRequest
from handlers.invitations import InvitationOptions
from surveybot.errors import UserFacingError
from surveybot.invitation_kit import invitation_options

MAX_INPUT_ERROR = 150


def open_campaign_form(rt: Runtime, client: WebClient, body: Mapping[str, Any]) -> None:
    """The slash command's answer: the campaign form, for team leads only."""
    campaign_slack.may_open(rt.store, rt.caller(str(body["user_id"])))
    metadata = {"ch": str(body.get("channel_id") or "")}
    client.views_open(trigger_id=str(body["trigger_id"]), view=open_modal(metadata))


def register(app: App, rt: Runtime) -> None:
    def options_for(request: CampaignRequest) -> InvitationOptions:
        return invitation_options(rt.settings, request.family, request.template_version)

    def on_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient) -> None:
        user = str(body["user"]["id"])
        try:
            campaign_slack.may_open(rt.store, rt.caller(user))
            request = campaign_slack.request_from_form(rt.store, form_fields(view), _defaults(rt))
        except UserFacingError as refusal:
            field = refusal.field if isinstance(refusal, FormError) else "name"
            shown = refusal.render(lambda v: escape_plain(shorten(v)), escape_plain)
            ack(response_action="errors", errors={field: clip(shown, MAX_INPUT_ERROR)})
            return
        ack()
        origin = Origin(user=user, channel=view_text_metadata(view).get("ch", ""))
        rt.executor.submit(_preview_reporting_errors, rt, client, origin, request, options_for)

    def on_confirm(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        value = button_value(str(body["actions"][0].get("value") or ""))
        with reported_errors(body, client, respond):
            caller = rt.caller(str(body["user"]["id"]))
            sha256, token = (str(value.get(key) or "") for key in ("h", "t"))
            if not (sha256 and token):
                raise UserFacingError("That button is out of date; run `campaign open` again.")
            result = campaign_slack.confirm_opening(
                rt.store, caller, sha256, token, options_for, queue_now=False
            )
            respond(**opened_message(result, caller.user_id).kwargs(), replace_original=True)
            origin = Origin(user=caller.user_id, channel=str((body.get("channel") or {}).get("id") or ""))
            campaign = result.campaign  # its options as the opening computed them (and a restart would)
            options = invitation_options(rt.settings, campaign.family, campaign.template_version)
            start_invitations(rt, client, caller, result, options, origin)

    def on_cancel(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        with reported_errors(body, client, respond):
            caller = rt.caller(str(body["user"]["id"]))
            authorize(rt.store.audit, caller, campaign_slack.ACTION, "campaign-preview")
            respond(**cancelled_message(caller.user_id).kwargs(), replace_original=True)

    app.view(OPEN_MODAL)(on_submitted)
    app.action(CONFIRM_ACTION)(on_confirm)
    app.action(CANCEL_ACTION)(on_cancel)


def form_fields(view: Mapping[str, Any]) -> dict[str, str]:
    """Each block's one input as text: typed text, the chosen option, date or user."""
    fields: dict[str, str] = {}
    for block_id, inputs in (view.get("state", {}).get("values", {}) or {}).items():
        for state in (inputs or {}).values():
            option = state.get("selected_option") or {}
            chosen = state.get("value") or option.get("value") or state.get("selected_date")
            fields[str(block_id)] = str(chosen or state.get("selected_user") or "")
    if fields.get("selection") == "owner":
        fields["selection_value"] = fields.get("owner", "")
    elif fields.get("selection") == "tag":
        fields["selection_value"] = fields.get("tag", "")
    return fields


def _defaults(rt: Runtime) -> CampaignDefaults:
    campaign = rt.settings.campaign
    return CampaignDefaults(campaign.reminder_cadence_days, campaign.minimum_versions)


def _preview_reporting_errors(
    rt: Runtime, client: WebClient, origin: Origin, request: CampaignRequest, options_for: Any
) -> None:
    """The form's work after its acknowledgement: a failure is told to the lead where they asked."""
    with reported_privately(client, origin, "the campaign preview"):
        caller = rt.caller(origin.user)
        today = rt.command_deps.today
        shown = campaign_slack.preview_opening(rt.store, caller, request, options_for, today)
        tell_privately(client, origin, preview_message(shown))
