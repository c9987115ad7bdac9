"""``surveybot status``: the running service's heartbeat and each active campaign's counts."""

from __future__ import annotations

import argparse
from typing import Any

from surveybot.commands.common import add_common_options, data_dir, load


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "status",
        help="is the service running, when did it last read mail and hear from Slack; campaign counts",
        description="Asks the running service (over its control socket) for its last mailbox cycle, "
        "last Slack event, outbox depth and next scheduled wave, and prints each active campaign's "
        "counts. With no service running it says so and prints the counts from the data folder.",
    )
    add_common_options(parser)
    parser.set_defaults(handler=run_status)


def run_status(args: argparse.Namespace) -> int:
    from surveybot.control.client import perform
    from surveybot.control.protocol import Request

    return perform(data_dir(args), Request("status"), lambda: load(args))
