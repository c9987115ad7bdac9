"""``surveybot suppliers import|list``: load procurement's supplier list and look at it.

The import is all-or-nothing: one refused row (bad email, duplicate code …) refuses the file, and
the report names every such row, so procurement fixes the sheet and runs it again.
"""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from surveybot.commands.argtypes import positive_int
from surveybot.commands.common import add_common_options
from surveybot.commands.common import data_dir as resolve_data_dir
from surveybot.errors import UsageError

if TYPE_CHECKING:
    from storage.importer import ImportReport


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
    from storage import Actor, ActorKind, open_store
    from storage.importer import import_suppliers

    _require_sheet(args.file)
    data_dir = resolve_data_dir(args)
    actor = Actor(ActorKind.STAFF, f"cli:{getpass.getuser()}")
    with open_store(data_dir, read_only=args.dry_run) as store:
        report = import_suppliers(store, args.file, actor, dry_run=args.dry_run)
    _print_report(report, summary_only=args.summary)
    if report.refused:
        return 1
    return 0


def _require_sheet(path: Path) -> None:
    """A sheet that is not there is a wrong command line (exit 2); one that cannot be read is refused (1)."""
    if path.is_dir():
        raise UsageError(f"{path} is a folder: pass the supplier sheet itself (.csv or .xlsx)")
    if not path.exists():
        raise UsageError(f"{path}: no such file")


def _print_report(report: ImportReport, *, summary_only: bool) -> None:
    from storage.importer import REFUSED

    for row in report.rows:
        if row.outcome == REFUSED or (not summary_only and row.outcome not in ("unchanged", "valid")):
            reason = f": {row.reason}" if row.reason else ""
            print(f"  row {row.line:>6}  {row.code or '-':<16} {row.outcome}{reason}")
    if report.refused:
        print(
            f"{report.source}: {len(report.refused)} row(s) refused, {report.count('valid')} valid - "
            "nothing imported; fix the refused rows and run again"
        )
        return
    counts = ", ".join(f"{report.count(o)} {o}" for o in ("added", "updated", "unchanged"))
    verb = "dry run, nothing written" if report.dry_run else "imported"
    print(f"{report.source}: {counts} ({verb})")


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
