"""``surveybot facilities import|list``: bring RMI's facility lists in, see which ones are in use."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from surveybot.commands.common import add_common_options, data_dir, load
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
    """Through the running service when there is one, else directly on the data folder."""
    from surveybot.control.client import perform
    from surveybot.control.facility_ops import import_args
    from surveybot.control.protocol import Request

    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise UserFacingError("cannot read {}: {}", str(args.file), exc.strerror or str(exc)) from exc
    op_args = import_args(args.file.name, data, listed_as=args.listed_as, list_date=args.date)
    return perform(data_dir(args), Request("facilities.import", op_args), lambda: load(args))


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
