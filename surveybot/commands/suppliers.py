"""``surveybot suppliers import|list``: load procurement's supplier list and look at it.

The import is all-or-nothing: one refused row (bad email, duplicate code …) refuses the file, and
the report names every such row, so procurement fixes the sheet and runs it again. While
``surveybot run`` holds the data folder the import is handed to it over its control socket
(``surveybot.control``), so adding a supplier does not stop the mailbox.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from surveybot.commands.argtypes import positive_int
from surveybot.commands.common import add_common_options, load
from surveybot.commands.common import data_dir as resolve_data_dir
from surveybot.errors import UsageError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("suppliers", help="import and list suppliers")
    actions = parser.add_subparsers(dest="suppliers_action", metavar="ACTION", required=True)

    imp = actions.add_parser(
        "import",
        help="add or update suppliers from a CSV or XLSX file (all rows or none)",
        description="Columns (any common spelling, any case): supplier code, name, contact email(s) "
        "separated by ; or , - required; country, language, buyer - optional.",
    )
    imp.add_argument("file", type=Path, help="the .csv or .xlsx file procurement keeps")
    imp.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")
    imp.add_argument("--summary", action="store_true", help="print only refused rows and totals")
    _data_dir_option(imp)
    imp.set_defaults(handler=run_import)

    lst = actions.add_parser("list", help="list suppliers (code, name, language, buyer, first email)")
    lst.add_argument("search", nargs="?", default="", help="code, email, @domain or part of the name")
    lst.add_argument("--limit", type=positive_int, default=50, help="show at most this many (default 50)")
    _data_dir_option(lst)
    lst.set_defaults(handler=run_list)


def _data_dir_option(parser: argparse.ArgumentParser) -> None:
    add_common_options(parser)


def run_import(args: argparse.Namespace) -> int:
    """Through the running service when there is one, else directly on the data folder."""
    from surveybot.control.client import perform
    from surveybot.control.protocol import Request
    from surveybot.control.supplier_ops import import_args

    _require_sheet(args.file)
    path: Path = args.file
    op_args = import_args(path.name, path.read_bytes(), dry_run=args.dry_run, summary=args.summary)
    return perform(resolve_data_dir(args), Request("suppliers.import", op_args), lambda: load(args))


def _require_sheet(path: Path) -> None:
    """A sheet that is not there is a wrong command line (exit 2); one that cannot be read is refused (1)."""
    if path.is_dir():
        raise UsageError(f"{path} is a folder: pass the supplier sheet itself (.csv or .xlsx)")
    if not path.exists():
        raise UsageError(f"{path}: no such file")


def run_list(args: argparse.Namespace) -> int:
    from storage import open_store

    data_dir = resolve_data_dir(args)
    if not data_dir.exists():
        print(f"no data directory at {data_dir}; import suppliers first")
        return 1
    with open_store(data_dir, read_only=True, only={"suppliers"}) as store:
        total = store.suppliers.count()
        found = store.suppliers.search(args.search, limit=total) if args.search else store.suppliers.all()
    for s in found[: args.limit]:
        email = s.emails[0] if s.emails else ""
        print(f"{s.code:<16} {s.name[:40]:<40} {s.language:<3} {s.owner or '-':<12} {email}")
    if args.search and not found:
        print(f"no supplier matches {args.search!r} ({total} in total)")
        return 1
    shown = min(len(found), args.limit)
    print(f"{shown} of {len(found) if args.search else total} supplier(s) shown")
    return 0
