"""``surveybot campaign open|list|close``: start a survey round, see the rounds, end one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from surveybot.commands.argtypes import day, positive_int, revision
from surveybot.commands.common import add_common_options, data_dir, load
from surveybot.errors import UserFacingError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("campaign", help="open, list and close survey campaigns")
    actions = parser.add_subparsers(dest="campaign_action", metavar="ACTION", required=True)

    opener = actions.add_parser(
        "open",
        help="set up and open a campaign: preview who is invited, confirm, send the invitations",
        description="Shows who would be invited (the selection, those without an address), asks to "
        "confirm in a terminal (--yes skips the question, --dry-run only shows), then creates the "
        "campaign (or resumes it) and sends one invitation per supplier; running it again invites "
        "nobody twice. --like PREVIOUS copies family, revisions, selection and cadence from an earlier "
        "campaign.",
    )
    opener.add_argument("name", help="campaign name, e.g. 2026-H1 (used in the mail subject tag)")
    opener.add_argument("--like", metavar="PREVIOUS", help="copy the set-up of an earlier campaign")
    opener.add_argument("--family", choices=["CMRT", "EMRT", "CRT", "AMRT"], help="required unless --like")
    opener.add_argument("--due", required=True, type=day, help="due date YYYY-MM-DD")
    opener.add_argument(
        "--template-version", default="", help="blank revision to send, e.g. 6.5 (default: newest)"
    )
    opener.add_argument(
        "--min-version", type=revision, default=None, help="oldest accepted revision, e.g. 6.31"
    )
    opener.add_argument("--reminder-days", type=positive_int, default=None, help="days between reminders")
    chooser = opener.add_mutually_exclusive_group()
    chooser.add_argument("--tag", help="only suppliers carrying this tag")
    chooser.add_argument("--owner", help="only suppliers of this owner (Slack user id)")
    chooser.add_argument(
        "--list", type=Path, metavar="FILE", help="only the supplier codes in FILE (one a line)"
    )
    opener.add_argument(
        "--reminder-days-before-due", type=_days, default=(), help="e.g. 14,3 (default: config)"
    )
    opener.add_argument(
        "--overdue-every", type=positive_int, default=0, help="days between overdue reminders"
    )
    opener.add_argument(
        "--escalate-after", type=positive_int, default=0, help="reminders before the owner is told"
    )
    opener.add_argument("--dry-run", action="store_true", help="only show who would be invited")
    opener.add_argument("--yes", action="store_true", help="open without asking to confirm in a terminal")
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


def _days(text: str) -> tuple[int, ...]:
    try:
        days = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a list of days like 14,3") from None
    if any(day < 0 for day in days):
        raise argparse.ArgumentTypeError("days before the due date cannot be negative")
    return days


def _open_args(args: argparse.Namespace) -> dict[str, Any]:
    """The operation's arguments; a ``--list`` file is read here and sent as text (the service may
    not see this shell's files, and what it selects must be what the user named)."""
    from surveybot.control.campaign_ops import open_args

    codes = ""
    if args.list:
        try:
            codes = args.list.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise UserFacingError(f"cannot read {args.list}: {getattr(exc, 'strerror', exc)}") from exc
    return open_args(
        name=args.name, like=args.like, family=args.family, due=args.due,
        template_version=args.template_version, min_version=args.min_version,
        reminder_days=args.reminder_days, tag=args.tag, owner=args.owner, codes_text=codes,
        reminder_days_before_due=list(args.reminder_days_before_due),
        overdue_every=args.overdue_every, escalate_after=args.escalate_after,
    )  # fmt: skip


def run_open(args: argparse.Namespace) -> int:
    """Preview, confirm, open: two operations, each through the running service when there is one
    (its control socket), else on the data folder directly; the question is asked between them."""
    from surveybot.control.client import perform
    from surveybot.control.protocol import Request

    folder, operation_args = data_dir(args), _open_args(args)
    shown = perform(folder, Request("campaign.preview", operation_args), lambda: load(args))
    if shown != 0 or args.dry_run or not _confirmed(args):
        return shown
    return perform(folder, Request("campaign.open", operation_args), lambda: load(args))


def _confirmed(args: argparse.Namespace) -> bool:
    """In a terminal the lead confirms what the preview showed; a script (no terminal) opens, as it
    always did, after the preview is printed (--dry-run is how a script looks first)."""
    if args.yes or not sys.stdin.isatty():
        return True
    answer = input("Open it and send the invitations shown above? [y/N] ").strip().lower() in ("y", "yes")
    if not answer:
        print("not opened")
    return answer


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
    """Through the running service when there is one (its control socket), else directly."""
    from surveybot.control.client import perform
    from surveybot.control.protocol import Request

    return perform(data_dir(args), Request("campaign.close", {"name": args.name}), lambda: load(args))
