"""``surveybot report CAMPAIGN``: the campaign's report workbook and charts, written to a folder."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from surveybot.commands.common import add_common_options, data_dir, load
from surveybot.errors import UserFacingError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "report",
        help="write a campaign's report: XLSX workbook and PNG charts",
        description="Writes report-<campaign>-<date>.xlsx (suppliers, findings, scorecard, risk flags, "
        "smelters with conformance, changes, lists used) and three PNG charts into --out.",
    )
    parser.add_argument("campaign", help="campaign name (or #id)")
    parser.add_argument("--out", type=Path, default=Path("."), help="folder to write into (default: here)")
    parser.add_argument(
        "--as-of",
        type=dt.date.fromisoformat,
        help="judge conformance with the facility lists in use on this day (default: today)",
    )
    parser.add_argument(
        "--policy-version",
        help="the policy whose agreements the scorecard checks (default: [invitations] policy_version)",
    )
    add_common_options(parser)
    parser.set_defaults(handler=run_report)


def run_report(args: argparse.Namespace) -> int:
    from handlers.campaign_pick import resolve_campaign
    from handlers.campaign_report import campaign_report
    from storage import open_store
    from surveybot.writers.report_files import report_files

    with open_store(data_dir(args), read_only=True) as store:
        campaign = resolve_campaign(store, args.campaign, example="surveybot report NAME")
        report = campaign_report(store, campaign, args.as_of, _policy_version(args))
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        for item in report_files(report):
            path = args.out / item.file_name
            path.write_bytes(item.data)
            print(path)
    except OSError as exc:
        raise UserFacingError(
            "cannot write the report into {}: {}", str(args.out), exc.strerror or str(exc)
        ) from exc
    return 0


def _policy_version(args: argparse.Namespace) -> str:
    """``--policy-version``, else the configured one; "" (agreement unknown) without a config file."""
    from surveybot.settings import config_path_from

    if args.policy_version is not None:
        return str(args.policy_version)
    if config_path_from(getattr(args, "config", None)) is None:
        return ""
    return load(args).invitations.policy_version
