"""``surveybot demo``: the offline end-to-end demo on local servers and sample data."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="run the real bot end to end on a local mailbox and SMTP server with sample suppliers",
        description="Starts Dovecot (IMAP) and an SMTP server on 127.0.0.1, imports sample suppliers, opens "
        "a campaign, delivers realistic supplier mails (valid, faulty, hostile, auto-replies, a bounce), "
        "lets surveybot handle them and prints the replies and the Slack notices. Needs dovecot-imapd.",
    )
    parser.add_argument("--data-dir", type=Path, help="keep the demo's data here (default: a temp folder)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for the mail loop")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from surveybot.demo import run_demo
    from surveybot.errors import UsageError, UserFacingError
    from surveybot.localservers import dovecot_binary

    if args.data_dir is not None and args.data_dir.exists() and not args.data_dir.is_dir():
        raise UsageError(f"--data-dir names {args.data_dir}, which is a file: it must be a folder")
    if dovecot_binary() is None:
        raise UserFacingError("the demo needs Dovecot: run scripts/demo, or apt-get install dovecot-imapd")
    ok = run_demo(sys.stdout, args.data_dir, args.timeout)
    print("\ndemo finished: every mail was handled" if ok else "\ndemo incomplete: see the log above")
    return 0 if ok else 1
