"""A supplier list that arrives as bytes - over the control socket or uploaded to Slack - imported
by the same all-or-nothing importer the CLI uses on a file, and its report as lines of text.

The bytes go to a private temporary folder under the sender's file name (only its last part, so a
hostile name such as ``../../x.csv`` names nothing outside it), because the reader chooses CSV or
workbook by the suffix, as it does for a file on disk.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from storage import Actor, Store
from storage.importer import REFUSED, ImportReport, import_suppliers

MAX_SUPPLIER_FILE = 20 * 1024 * 1024  # far above any real supplier list; refuses an accidental upload
_UNSAFE = re.compile(r"[^\w.\- ]+")


def import_supplier_bytes(
    store: Store, file_name: str, data: bytes, actor: Actor, *, dry_run: bool
) -> ImportReport:
    """Validate ``data`` as a supplier list named ``file_name`` and (unless refused or dry) apply it."""
    with tempfile.TemporaryDirectory(prefix="surveybot-import-") as folder:
        path = Path(folder) / safe_file_name(file_name)
        path.write_bytes(data)
        return import_suppliers(store, path, actor, dry_run=dry_run)


def safe_file_name(name: str) -> str:
    """The last part of ``name`` without path or control characters; never empty or hidden."""
    last = re.split(r"[\\/]", name)[-1]
    cleaned = _UNSAFE.sub("_", last).strip(" .")
    return cleaned or "suppliers.csv"


def report_lines(report: ImportReport, *, summary_only: bool = False) -> list[str]:
    """The per-row report and the totals, as ``surveybot suppliers import`` prints them."""
    lines = []
    for row in report.rows:
        if row.outcome == REFUSED or (not summary_only and row.outcome not in ("unchanged", "valid")):
            reason = f": {row.reason}" if row.reason else ""
            lines.append(f"  row {row.line:>6}  {row.code or '-':<16} {row.outcome}{reason}")
    lines.append(report_summary(report))
    return lines


def report_summary(report: ImportReport) -> str:
    if report.refused:
        return (
            f"{report.source}: {len(report.refused)} row(s) refused, {report.count('valid')} valid - "
            "nothing imported; fix the refused rows and run again"
        )
    counts = ", ".join(f"{report.count(o)} {o}" for o in ("added", "updated", "unchanged"))
    verb = "dry run, nothing written" if report.dry_run else "imported"
    return f"{report.source}: {counts} ({verb})"
