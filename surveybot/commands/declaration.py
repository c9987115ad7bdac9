"""``surveybot declaration CAMPAIGN``: the company's own CMRT, EMRT or CRT, from its suppliers' answers."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from surveybot.commands.common import add_common_options, data_dir, load
from surveybot.errors import UserFacingError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "declaration",
        help="write the company's own declaration for a campaign into RMI's blank template",
        description="Fills the newest blank template of the campaign's family with [company] from the "
        "config, answers derived from the suppliers' accepted declarations (rule in the README), the "
        "campaign's smelters and the share of suppliers that responded.",
    )
    parser.add_argument("campaign", help="campaign name (or #id)")
    parser.add_argument(
        "--out", type=Path, help="file to write (default: <company>-<family>-<version>.xlsx here)"
    )
    add_common_options(parser)
    parser.set_defaults(handler=run_declaration)


def run_declaration(args: argparse.Namespace) -> int:
    from handlers.campaign_pick import resolve_campaign
    from handlers.company_declaration import plan_company_declaration
    from storage import open_store
    from surveybot.writers.company_declaration import declaration_workbook
    from surveybot.writers.report_files import safe_name

    settings = load(args)
    with open_store(data_dir(args, settings), read_only=True) as store:
        campaign = resolve_campaign(store, args.campaign, example="surveybot declaration NAME")
        plan = plan_company_declaration(store, campaign, settings.company)
    data = declaration_workbook(plan.blank.read_bytes(), plan.spec, plan.declaration)
    name = f"{safe_name(settings.company.name)}-{plan.blank.family}-{plan.blank.version}.xlsx"
    out: Path = args.out or Path(name)
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise UserFacingError("cannot write {}: {}", str(out), exc.strerror or str(exc)) from exc
    share = plan.declaration.response_share
    print(
        f"{out}: {plan.blank.family} {plan.blank.version}, {len(plan.declaration.smelters)} smelters, "
        f"{share:.0%} of suppliers responded"
    )
    return 0
