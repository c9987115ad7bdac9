"""``surveybot campaign open|list|close``: start a survey round, see the rounds, end one."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from typing import TYPE_CHECKING, Any

from surveybot.commands.argtypes import day, positive_int, revision
from surveybot.commands.common import add_common_options, data_dir, load
from surveybot.errors import UserFacingError

if TYPE_CHECKING:
    from handlers.campaigns import CampaignRequest


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("campaign", help="open, list and close survey campaigns")
    actions = parser.add_subparsers(dest="campaign_action", metavar="ACTION", required=True)

    opener = actions.add_parser(
        "open",
        help="open a campaign, invite suppliers and queue their invitation mails",
        description="Creates the campaign (or resumes it), invites every supplier (or those with --tag) "
        "and queues one invitation per supplier; running it again invites nobody twice.",
    )
    opener.add_argument("name", help="campaign name, e.g. 2026-H1 (used in the mail subject tag)")
    opener.add_argument("--family", required=True, choices=["CMRT", "EMRT", "CRT", "AMRT"])
    opener.add_argument("--due", required=True, type=day, help="due date YYYY-MM-DD")
    opener.add_argument(
        "--min-version", type=revision, default=None, help="oldest accepted revision, e.g. 6.31"
    )
    opener.add_argument("--reminder-days", type=positive_int, default=None, help="days between reminders")
    opener.add_argument("--tag", help="only suppliers carrying this tag")
    add_common_options(opener)
    opener.set_defaults(handler=run_open)

    lister = actions.add_parser(
        "list", help="list campaigns with state and due date", description="Lists every campaign."
    )
    add_common_options(lister)
    lister.set_defaults(handler=run_list)

    closer = actions.add_parser(
        "close", help="close a campaign (no more reminders)", description="Marks the campaign closed."
    )
    closer.add_argument("name")
    add_common_options(closer)
    closer.set_defaults(handler=run_close)


def _actor() -> Any:
    from storage import Actor, ActorKind

    return Actor(ActorKind.STAFF, f"cli:{getpass.getuser()}")


def run_open(args: argparse.Namespace) -> int:
    from handlers.campaigns import CampaignRequest, open_campaign
    from storage import open_store

    settings = load(args)
    request = CampaignRequest(
        name=args.name,
        family=args.family,
        min_version=args.min_version or settings.campaign.minimum_versions.get(args.family, ""),
        due=args.due,
        reminder_days=args.reminder_days or settings.campaign.reminder_cadence_days,
        tag=args.tag,
    )
    with open_store(data_dir(args, settings)) as store:
        result = open_campaign(store, request, _actor(), settings.replies.subject_tag)
        in_campaign = len(store.assignments.for_campaign(result.campaign.id))
    print(f"campaign {result.campaign.name} ({result.campaign.family}) is {result.campaign.state.value}")
    print(f"  invited {result.invited} suppliers, queued {result.queued_mails} invitation mails")
    if result.without_contact:
        print(f"  not invited (no e-mail address): {', '.join(result.without_contact)}")
    for warning in open_warnings(request, in_campaign, dt.date.today()):
        print(f"warning: {warning}", file=sys.stderr)
    return 0


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


def run_list(args: argparse.Namespace) -> int:
    from storage import open_store

    with open_store(data_dir(args), read_only=True, only={"campaigns", "assignments"}) as store:
        campaigns = store.campaigns.all()
        if not campaigns:
            print("no campaigns yet: surveybot campaign open NAME --family CMRT --due YYYY-MM-DD")
        for c in campaigns:
            count = len(store.assignments.for_campaign(c.id))
            print(f"{c.name:<20} {c.family:<5} {c.state.value:<7} due {c.due.isoformat()}  {count} suppliers")
    return 0


def run_close(args: argparse.Namespace) -> int:
    from handlers.campaigns import close_campaign
    from storage import open_store

    with open_store(data_dir(args)) as store:
        try:
            campaign = close_campaign(store, args.name, _actor())
        except LookupError as exc:
            raise UserFacingError(str(exc)) from exc
    print(f"campaign {campaign.name} is {campaign.state.value}")
    return 0
