"""The ``campaign.open`` and ``campaign.close`` operations, with the defaults of whoever runs them.

Defaults the CLI leaves open (minimum revision, reminder cadence, the subject tag) come from the
settings of the process that carries the operation out: the running service's config when it goes
over the control socket, so a campaign opened from a shell matches the mail the service sends.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from surveybot.control.args import count_arg, date_arg, text_arg
from surveybot.control.protocol import Reply
from surveybot.errors import UserFacingError

if TYPE_CHECKING:
    from surveybot.control.operations import OpContext

FAMILIES = ("CMRT", "EMRT", "CRT", "AMRT")


def open_(ctx: OpContext, args: Mapping[str, Any]) -> Reply:
    from handlers.campaigns import CampaignRequest, open_campaign

    family = text_arg(args, "family", required=True).upper()
    if family not in FAMILIES:
        raise UserFacingError(f"family must be one of {', '.join(FAMILIES)}")
    campaign_settings = ctx.settings.campaign
    request = CampaignRequest(
        name=text_arg(args, "name", required=True),
        family=family,
        min_version=text_arg(args, "min_version") or campaign_settings.minimum_versions.get(family, ""),
        due=date_arg(args, "due"),
        reminder_days=count_arg(args, "reminder_days") or campaign_settings.reminder_cadence_days,
        tag=text_arg(args, "tag") or None,
    )
    result = open_campaign(ctx.store, request, ctx.actor, ctx.settings.replies.subject_tag)
    lines = [
        f"campaign {result.campaign.name} ({result.campaign.family}) is {result.campaign.state.value}",
        f"  invited {result.invited} suppliers, queued {result.queued_mails} invitation mails",
    ]
    if result.without_contact:
        lines.append(f"  not invited (no e-mail address): {', '.join(result.without_contact)}")
    return Reply(0, tuple(lines))


def close(ctx: OpContext, args: Mapping[str, Any]) -> Reply:
    from handlers.campaigns import close_campaign

    try:
        campaign = close_campaign(ctx.store, text_arg(args, "name", required=True), ctx.actor)
    except LookupError as exc:
        raise UserFacingError(str(exc)) from exc
    return Reply(0, (f"campaign {campaign.name} is {campaign.state.value}",))
