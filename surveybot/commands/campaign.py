"""``surveybot campaign open|list|close``: start a survey round, see the rounds, end one.

``open`` and ``close`` are operations (``surveybot.control``): handed to ``surveybot run`` over its
control socket while it runs, carried out here otherwise.
"""

from __future__ import annotations

import argparse
from typing import Any

from surveybot.commands.argtypes import day, positive_int, revision
from surveybot.commands.common import add_common_options, data_dir, load


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


def run_open(args: argparse.Namespace) -> int:
    op_args = {
        "name": args.name,
        "family": args.family,
        "due": args.due.isoformat(),
        "min_version": args.min_version,
        "reminder_days": args.reminder_days,
        "tag": args.tag,
    }
    return _perform(args, "campaign.open", op_args)


def run_list(args: argparse.Namespace) -> int:
    from storage import open_store

    with open_store(data_dir(args), read_only=True) as store:
        campaigns = store.campaigns.all()
        if not campaigns:
            print("no campaigns yet: surveybot campaign open NAME --family CMRT --due YYYY-MM-DD")
        for c in campaigns:
            count = len(store.assignments.for_campaign(c.id))
            print(f"{c.name:<20} {c.family:<5} {c.state.value:<7} due {c.due.isoformat()}  {count} suppliers")
    return 0


def run_close(args: argparse.Namespace) -> int:
    return _perform(args, "campaign.close", {"name": args.name})


def _perform(args: argparse.Namespace, op: str, op_args: dict[str, Any]) -> int:
    """Through the running service when there is one, else directly on the data folder."""
    from surveybot.control.client import perform
    from surveybot.control.protocol import Request

    return perform(data_dir(args), Request(op, op_args), lambda: load(args))
