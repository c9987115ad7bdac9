"""The ``campaign.open`` and ``campaign.close`` operations, with the defaults of whoever runs them.

Defaults the CLI leaves open (minimum revision, reminder cadence, the subject tag) come from the
settings of the process that carries the operation out: the running service's config when it goes
over the control socket, so a campaign opened from a shell matches the mail the service sends.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from surveybot.control.args import count_arg, date_arg, text_arg
from surveybot.control.protocol import Reply
from surveybot.errors import UserFacingError

if TYPE_CHECKING:
    from handlers.campaigns import CampaignRequest
    from surveybot.control.operations import OpContext

FAMILIES = ("CMRT", "EMRT", "CRT", "AMRT")


def open_(ctx: OpContext, args: Mapping[str, Any]) -> Reply:
    from handlers.campaigns import open_campaign

    request = _request(ctx, args)
    result = open_campaign(ctx.store, request, ctx.actor, ctx.settings.replies.subject_tag)
    lines = [
        f"campaign {result.campaign.name} ({result.campaign.family}) is {result.campaign.state.value}",
        f"  invited {result.invited} suppliers, queued {result.queued_mails} invitation mails",
    ]
    if result.without_contact:
        lines.append(f"  not invited (no e-mail address): {', '.join(result.without_contact)}")
    in_campaign = len(ctx.store.assignments.for_campaign(result.campaign.id))
    warnings = open_warnings(request, in_campaign, ctx.store.clock.now().date())
    return Reply(0, tuple(lines), warnings=tuple(warnings))


def _request(ctx: OpContext, args: Mapping[str, Any]) -> CampaignRequest:
    """The checked request, with the defaults of the settings the operation runs under."""
    from handlers.campaigns import CampaignRequest
    from rmi.policy import release_number

    family = text_arg(args, "family", required=True).upper()
    if family not in FAMILIES:
        raise UserFacingError(f"family must be one of {', '.join(FAMILIES)}")
    min_version = text_arg(args, "min_version").strip()
    if min_version and release_number(min_version) is None:
        raise UserFacingError(f"{min_version!r} is not a revision number: use one like 6.31")
    defaults = ctx.settings.campaign
    return CampaignRequest(
        name=text_arg(args, "name", required=True),
        family=family,
        min_version=min_version or defaults.minimum_versions.get(family, ""),
        due=date_arg(args, "due"),
        reminder_days=count_arg(args, "reminder_days") or defaults.reminder_cadence_days,
        tag=text_arg(args, "tag") or None,
    )


def open_warnings(request: CampaignRequest, in_campaign: int, today: dt.date) -> list[str]:
    """What is probably a mistake in the opened campaign. It is opened anyway: the command is idempotent,
    so once the suppliers are imported, running it again invites them."""
    warnings = []
    if request.due < today:
        warnings.append(
            f"the due date {request.due.isoformat()} is in the past: every invited supplier is overdue "
            "at once and the first reminder wave goes to all of them"
        )
    if in_campaign == 0:
        what = f"with the tag {request.tag!r}" if request.tag else "with an e-mail address"
        warnings.append(
            f"no supplier {what} is in this campaign: import them with "
            "`surveybot suppliers import FILE`, then run this command again"
        )
    return warnings


def close(ctx: OpContext, args: Mapping[str, Any]) -> Reply:
    from handlers.campaigns import close_campaign

    try:
        campaign = close_campaign(ctx.store, text_arg(args, "name", required=True), ctx.actor)
    except LookupError as exc:
        raise UserFacingError(str(exc)) from exc
    return Reply(0, (f"campaign {campaign.name} is {campaign.state.value}",))
