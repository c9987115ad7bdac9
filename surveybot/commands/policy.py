"""``surveybot policy pending|agree``: who still owes the policy agreement, and recording one by hand."""

from __future__ import annotations

import argparse
from typing import Any

from surveybot.commands.common import add_common_options, data_dir, load
from surveybot.errors import UserFacingError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("policy", help="the policy agreement: who owes it, record one")
    actions = parser.add_subparsers(dest="policy_action", metavar="ACTION", required=True)
    pending = actions.add_parser(
        "pending",
        help="suppliers in an active campaign who have not agreed to the current policy version",
        description="Lists them by code; the version is [invitations] policy_version unless --version.",
    )
    pending.add_argument("--version", default="", help="policy version (default: the configured one)")
    add_common_options(pending)
    pending.set_defaults(handler=run_pending)
    agree = actions.add_parser(
        "agree",
        help="record an agreement received another way (a signed letter, a portal), with a note",
        description="Records that SUPPLIER agreed to the policy version, with who recorded it and the note.",
    )
    agree.add_argument("supplier", help="supplier code")
    agree.add_argument("--note", required=True, help="where the agreement came from")
    agree.add_argument("--version", default="", help="policy version (default: the configured one)")
    add_common_options(agree)
    agree.set_defaults(handler=run_agree)


def _version(args: argparse.Namespace, configured: str) -> str:
    version = args.version or configured
    if not version:
        raise UserFacingError("no policy version: set [invitations] policy_version or pass --version")
    return str(version)


def run_pending(args: argparse.Namespace) -> int:
    from handlers.agreements import not_agreed
    from storage import open_store

    settings = load(args)
    version = _version(args, settings.invitations.policy_version)
    with open_store(data_dir(args, settings), read_only=True) as store:
        owing = not_agreed(store, version)
    print(f"{len(owing)} suppliers have not agreed to policy version {version}")
    for supplier in owing:
        print(f"  {supplier.code:<12} {supplier.name}")
    return 0


def run_agree(args: argparse.Namespace) -> int:
    """Through the running service when there is one (its control socket), else directly; the
    version defaults to the configured one of whoever records it."""
    from surveybot.control.client import perform
    from surveybot.control.protocol import Request

    operation = {"supplier": args.supplier, "note": args.note, "version": args.version}
    return perform(data_dir(args), Request("policy.agree", operation), lambda: load(args))
