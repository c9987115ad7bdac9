"""``surveybot campaign open|list|close``: start a survey round, see the rounds, end one."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from dataclasses import replace
from pathlib import Path
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


def _actor() -> Any:
    from storage import Actor, ActorKind

    return Actor(ActorKind.STAFF, f"cli:{getpass.getuser()}")


def _days(text: str) -> tuple[int, ...]:
    try:
        days = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a list of days like 14,3") from None
    if any(day < 0 for day in days):
        raise argparse.ArgumentTypeError("days before the due date cannot be negative")
    return days


def _selection(args: argparse.Namespace) -> str:
    from handlers.campaign_setup import selection_text

    if args.owner:
        return selection_text("owner", args.owner)
    if args.list:
        try:
            lines = args.list.read_text(encoding="utf-8-sig").splitlines()
        except OSError as exc:
            raise UserFacingError(f"cannot read {args.list}: {exc.strerror}") from exc
        codes = [line.replace(";", ",").split(",")[0].strip() for line in lines]
        return selection_text("codes", [c for c in codes if c and c.casefold() != "code"])
    return selection_text("tag", args.tag) if args.tag else ""


def _request(args: argparse.Namespace, settings: Any, store: Any) -> Any:
    from handlers.campaign_setup import like
    from handlers.campaigns import CampaignRequest

    request = CampaignRequest(
        name=args.name,
        family=args.family or "",
        min_version=args.min_version or "",
        due=args.due,
        reminder_days=args.reminder_days or settings.campaign.reminder_cadence_days,
        template_version=args.template_version,
        selection=_selection(args),
        reminder_days_before_due=args.reminder_days_before_due,
        overdue_reminder_every_days=args.overdue_every,
        escalate_after_reminders=args.escalate_after,
    )
    if args.like:
        request = like(store, args.like, request)
    if not request.family:
        raise UserFacingError("say which template: --family CMRT (or --like PREVIOUS)")
    minimum = request.min_version or settings.campaign.minimum_versions.get(request.family, "")
    return replace(request, min_version=minimum)


def run_open(args: argparse.Namespace) -> int:
    from handlers.campaign_setup import preview
    from handlers.campaigns import open_campaign
    from storage import open_store
    from surveybot.invitation_kit import invitation_options

    settings = load(args)
    with open_store(data_dir(args, settings), read_only=args.dry_run) as store:
        try:
            request = _request(args, settings, store)
            shown = preview(store, request)
        except (LookupError, ValueError) as exc:
            raise UserFacingError(str(exc)) from exc
        _print_preview(shown)
        if args.dry_run or not _confirmed(args, len(shown.invited)):
            return 0
        options = invitation_options(settings, request.family, request.template_version)
        result = open_campaign(store, request, _actor(), options, _progress)
        in_campaign = len(store.assignments.for_campaign(result.campaign.id))
    print(f"campaign {result.campaign.name} ({result.campaign.family}) is {result.campaign.state.value}")
    print(f"  invited {result.invited} suppliers, queued {result.queued_mails} invitation mails")
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
        what = f"in the selection {request.chosen!r}" if request.chosen else "with an e-mail address"
        warnings.append(
            f"no supplier {what} is in this campaign: import them with "
            "`surveybot suppliers import FILE`, then run this command again"
        )
    return warnings


def _print_preview(shown: Any) -> None:
    r = shown.request
    cadence = ",".join(map(str, r.reminder_days_before_due)) or "config"
    print(f"campaign {r.name}: {r.family}, send revision {r.template_version or 'newest'}, accept "
          f"{r.min_version or 'any'} or later, due {r.due.isoformat()}")  # fmt: skip
    print(f"  selection: {r.selection or 'every supplier'}; reminders {cadence} days before due, "
          f"overdue every {r.overdue_reminder_every_days or 'config'} days, owner told after "
          f"{r.escalate_after_reminders or 'config'} reminders")  # fmt: skip
    names = ", ".join(s.code for s in shown.invited[:20]) + (" …" if len(shown.invited) > 20 else "")
    print(f"  would invite {len(shown.invited)} suppliers{': ' + names if names else ''}")
    if shown.already:
        print(f"  already in the campaign (not invited again): {shown.already}")
    if shown.without_contact:
        print(f"  not invited (no e-mail address): {', '.join(s.code for s in shown.without_contact)}")


def _confirmed(args: argparse.Namespace, count: int) -> bool:
    """In a terminal the lead confirms what the preview showed; a script (no terminal) opens, as it
    always did, after the preview is printed (--dry-run is how a script looks first)."""
    if args.yes or not sys.stdin.isatty():
        return True
    answer = input(f"Open it and send {count} invitations? [y/N] ").strip().lower() in ("y", "yes")
    if not answer:
        print("not opened")
    return answer


def _progress(done: int, total: int) -> None:
    print(f"  queued {done}/{total} invitations", flush=True)


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
