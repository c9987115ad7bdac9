"""``surveybot facilities import|list``: bring RMI's facility lists in, see which ones are in use."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
from pathlib import Path
from typing import Any

from surveybot.commands.common import add_common_options, data_dir
from surveybot.errors import UserFacingError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("facilities", help="import RMI smelter/refiner facility lists")
    actions = parser.add_subparsers(dest="facilities_action", metavar="ACTION", required=True)
    importer = actions.add_parser(
        "import",
        help="import a facility list (RMI's Excel XML export, .xlsx or .csv)",
        description="Reads RMI's conformant/active facility list as downloaded (SpreadsheetML .xls, "
        ".xlsx or .csv) and keeps it; conformance verdicts use the newest list of each kind and name it.",
    )
    importer.add_argument("file", type=Path)
    importer.add_argument(
        "--list",
        dest="listed_as",
        choices=["conformant", "active"],
        help="which list this is, when the file has no Status column",
    )
    importer.add_argument("--date", type=dt.date.fromisoformat, help="the list's date (default: today)")
    add_common_options(importer)
    importer.set_defaults(handler=run_import)
    lister = actions.add_parser("list", help="imported facility lists", description="Lists imported lists.")
    add_common_options(lister)
    lister.set_defaults(handler=run_list)


def run_import(args: argparse.Namespace) -> int:
    from handlers.facilities import import_facility_list
    from rmi.analysis.conformance import Standing
    from storage import Actor, ActorKind, open_store

    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise UserFacingError("cannot read {}: {}", str(args.file), exc.strerror or str(exc)) from exc
    actor = Actor(ActorKind.STAFF, f"cli:{getpass.getuser()}")
    listed_as = Standing(args.listed_as) if args.listed_as else None
    with open_store(data_dir(args)) as store:
        result = import_facility_list(
            store, args.file.name, data, actor, listed_as=listed_as, list_date=args.date
        )
    record = result.record
    print(f"{record.file_name}: list of {record.list_date.isoformat()}, sha256 {record.sha256[:12]}…")
    standings = ", ".join(f"{n} {name}" for name, n in sorted(result.standings.items()))
    schemes = ", ".join(f"{name} {n}" for name, n in sorted(result.schemes.items()))
    print(
        f"  {record.rows} facilities: {standings}"
        + (f" (conformant by scheme: {schemes})" if schemes else "")
    )
    if result.parsed.skipped_rows:
        shown = ", ".join(str(n) for n in result.parsed.skipped_rows[:10])
        print(f"  {len(result.parsed.skipped_rows)} row(s) skipped (no Smelter ID or status): rows {shown}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from storage import open_store

    with open_store(data_dir(args), read_only=True) as store:
        records = store.facility_lists.all()
        current = {r.id for r in store.facility_lists.current()}
    if not records:
        print("no facility lists yet: surveybot facilities import FILE")
    for r in records:
        kind = r.listed_as or "conformant+active"
        mark = "in use" if r.id in current else ""
        print(
            f"{r.list_date.isoformat()}  {kind:<17} {r.rows:>5} rows  {r.sha256[:12]}  {r.file_name}  {mark}"
        )
    return 0
