"""The ``campaign.preview``, ``campaign.open`` and ``campaign.close`` operations.

Opening is two operations so a terminal can still ask between them: ``campaign.preview`` is
read-only (who would be invited, who cannot be for want of an address), ``campaign.open`` creates
or resumes the campaign and queues the invitations. Both build the request the same way, from the
store and settings of whoever carries them out: over the control socket the running service's
config supplies the defaults (minimum revision, cadence, the blank to attach), so a campaign opened
from a shell matches the mail the service sends. A ``--list FILE`` selection arrives as the file's
text (``codes_text``), never as a path the service would have to reach.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from surveybot.control.args import count_arg, date_arg, text_arg
from surveybot.control.protocol import Reply
from surveybot.errors import UserFacingError

if TYPE_CHECKING:
    from handlers.campaign_setup import Preview
    from handlers.campaigns import CampaignRequest
    from surveybot.control.operations import OpContext

FAMILIES = ("CMRT", "EMRT", "CRT", "AMRT")
SHOWN_CODES = 20


def open_args(**fields: Any) -> dict[str, Any]:
    """The JSON arguments of ``campaign.preview``/``campaign.open``: dates as ISO text, empties left out."""
    return {
        key: value.isoformat() if isinstance(value, dt.date) else value
        for key, value in fields.items()
        if value not in (None, "", (), [], 0)
    }


def preview(ctx: OpContext, args: Mapping[str, Any]) -> Reply:
    from handlers.campaign_setup import preview as preview_of

    try:
        shown = preview_of(ctx.store, campaign_request(ctx, args))
    except (LookupError, ValueError) as exc:
        raise UserFacingError(str(exc)) from exc
    return Reply(0, tuple(preview_lines(shown)))


def open_(ctx: OpContext, args: Mapping[str, Any]) -> Reply:
    from handlers.campaign_setup import preview as preview_of
    from handlers.campaigns import open_campaign
    from surveybot.control.operations import DIRECT
    from surveybot.invitation_kit import invitation_options

    progress = _print_progress if ctx.via == DIRECT else None  # a socket reply cannot stream
    try:
        request = campaign_request(ctx, args)
        preview_of(ctx.store, request)  # the same checks, before anything is written
        options = invitation_options(ctx.settings, request.family, request.template_version)
        result = open_campaign(ctx.store, request, ctx.actor, options, progress)
    except (LookupError, ValueError) as exc:
        raise UserFacingError(str(exc)) from exc
    campaign = result.campaign
    lines = (
        f"campaign {campaign.name} ({campaign.family}) is {campaign.state.value}",
        f"  invited {result.invited} suppliers, queued {result.queued_mails} invitation mails",
    )
    in_campaign = len(ctx.store.assignments.for_campaign(campaign.id))
    warnings = open_warnings(request, in_campaign, ctx.store.clock.now().date())
    return Reply(0, lines, warnings=tuple(warnings))


def campaign_request(ctx: OpContext, args: Mapping[str, Any]) -> CampaignRequest:
    """The checked request, ``like`` an earlier campaign if asked, with the settings' defaults."""
    from handlers.campaign_setup import like
    from handlers.campaigns import CampaignRequest

    request = CampaignRequest(
        name=text_arg(args, "name", required=True),
        family=_family(text_arg(args, "family")),
        min_version=_revision(text_arg(args, "min_version").strip()),
        due=date_arg(args, "due"),
        reminder_days=count_arg(args, "reminder_days") or ctx.settings.campaign.reminder_cadence_days,
        template_version=text_arg(args, "template_version").strip(),
        selection=_selection(args),
        reminder_days_before_due=_days(args.get("reminder_days_before_due", [])),
        overdue_reminder_every_days=count_arg(args, "overdue_every") or 0,
        escalate_after_reminders=count_arg(args, "escalate_after") or 0,
    )
    if text_arg(args, "like"):
        request = like(ctx.store, text_arg(args, "like"), request)
    if not request.family:
        raise UserFacingError("say which template: --family CMRT (or --like PREVIOUS)")
    minimum = request.min_version or ctx.settings.campaign.minimum_versions.get(request.family, "")
    return replace(request, min_version=minimum)


def _family(text: str) -> str:
    family = text.strip().upper()
    if family and family not in FAMILIES:
        raise UserFacingError(f"family must be one of {', '.join(FAMILIES)}")
    return family


def _revision(text: str) -> str:
    from rmi.policy import release_number

    if text and release_number(text) is None:
        raise UserFacingError(f"{text!r} is not a revision number: use one like 6.31")
    return text


def _days(value: Any) -> tuple[int, ...]:
    if not isinstance(value, list) or not all(
        isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in value
    ):
        raise UserFacingError("reminder_days_before_due must be a list of whole days, none negative")
    return tuple(value)


def _selection(args: Mapping[str, Any]) -> str:
    """At most one of ``tag``, ``owner`` and ``codes_text`` (a list file's text: one code a line,
    the first column of a CSV, a ``code`` header skipped)."""
    from handlers.campaign_setup import selection_text

    tag, owner, codes = (text_arg(args, name) for name in ("tag", "owner", "codes_text"))
    if sum(map(bool, (tag, owner, codes))) > 1:
        raise UserFacingError("choose the suppliers by one of tag, owner or a list, not several")
    if owner:
        return selection_text("owner", owner)
    if codes:
        column = [line.replace(";", ",").split(",")[0].strip() for line in codes.splitlines()]
        chosen = [c for c in column if c and c.casefold() != "code"]
        if not chosen:
            raise UserFacingError("the supplier list names no supplier code")
        return selection_text("codes", chosen)
    return selection_text("tag", tag) if tag else ""


def preview_lines(shown: Preview) -> list[str]:
    r = shown.request
    cadence = ",".join(map(str, r.reminder_days_before_due)) or "config"
    codes = [s.code for s in shown.invited]
    names = ", ".join(codes[:SHOWN_CODES]) + (" …" if len(codes) > SHOWN_CODES else "")
    lines = [
        f"campaign {r.name}: {r.family}, send revision {r.template_version or 'newest'}, accept "
        f"{r.min_version or 'any'} or later, due {r.due.isoformat()}",
        f"  selection: {r.selection or 'every supplier'}; reminders {cadence} days before due, "
        f"overdue every {r.overdue_reminder_every_days or 'config'} days, owner told after "
        f"{r.escalate_after_reminders or 'config'} reminders",
        f"  would invite {len(codes)} suppliers{': ' + names if names else ''}",
    ]
    if shown.already:
        lines.append(f"  already in the campaign (not invited again): {shown.already}")
    if shown.without_contact:
        lines.append(f"  not invited (no e-mail address): {', '.join(s.code for s in shown.without_contact)}")
    return lines


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
        what = f"in the selection {request.chosen!r}" if request.chosen else "with an e-mail address"
        warnings.append(
            f"no supplier {what} is in this campaign: import them with "
            "`surveybot suppliers import FILE`, then run this command again"
        )
    return warnings


def _print_progress(done: int, total: int) -> None:
    print(f"  queued {done}/{total} invitations", flush=True)


def close(ctx: OpContext, args: Mapping[str, Any]) -> Reply:
    from handlers.campaigns import close_campaign

    try:
        campaign = close_campaign(ctx.store, text_arg(args, "name", required=True), ctx.actor)
    except LookupError as exc:
        raise UserFacingError(str(exc)) from exc
    return Reply(0, (f"campaign {campaign.name} is {campaign.state.value}",))
