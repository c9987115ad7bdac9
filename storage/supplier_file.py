"""Reading procurement's supplier list (CSV or XLSX) into rows keyed by our field names.

Procurement keeps the list in whatever shape their ERP exports: headers like "Supplier Code",
"Vendor No.", "E-mail", a title row above the header, ``;`` as the CSV delimiter, Windows-1252
instead of UTF-8. This module finds the header row, maps the headers it knows
(case-insensitively, ignoring punctuation) and returns each data row with its spreadsheet row
number, so the import report can point at the exact line. XLSX is read with python-calamine (fast,
no openpyxl import on this path).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from storage.errors import ImportRefused

HEADER_ALIASES: dict[str, frozenset[str]] = {
    "code": frozenset(
        {
            "supplier code",
            "code",
            "vendor no",
            "vendor number",
            "vendor code",
            "vendor id",
            "supplier no",
            "supplier number",
            "supplier id",
            "supplier nr",
            "vendor nr",
            "supplier code no",
            "creditor no",
        }
    ),
    "name": frozenset(
        {"name", "supplier name", "vendor name", "supplier", "company", "company name", "legal name"}
    ),
    "emails": frozenset(
        {
            "email",
            "emails",
            "e mail",
            "e mails",
            "email s",
            "e mail s",
            "contact email",
            "contact emails",
            "contact email s",
            "contact e mail",
            "email address",
            "email addresses",
            "mail",
        }
    ),
    "country": frozenset({"country", "country code", "country region"}),
    "language": frozenset({"language", "lang", "preferred language", "language code"}),
    "owner": frozenset({"buyer", "owner", "buyer slack id", "buyer slack", "purchaser", "buyer id"}),
    "contact_name": frozenset({"contact", "contact name", "contact person"}),
    "sender_domains": frozenset(
        {
            "sender domains",
            "allowed domains",
            "allowed sender domains",
            "domain",
            "domains",
            "sender domain",
            "email domain",
            "email domains",
            "e mail domain",
            "mail domain",
            "company domain",
        }
    ),
    "tags": frozenset({"tags", "tag"}),
}
REQUIRED = ("code", "name", "emails")
SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"}
HEADER_SEARCH_ROWS = 20


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One row of a supplier file, as text by field name."""

    line: int  # 1-based row number as the spreadsheet or text editor shows it
    values: dict[str, str]  # field name → cell text (stripped)


def normalise_header(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", " ", text.casefold()).strip()


def read_supplier_file(path: Path) -> list[SourceRow]:
    """Every non-empty data row of ``path``; ``ImportRefused`` if unreadable or columns are missing."""
    if not path.is_file():
        raise ImportRefused(f"{path}: no such file")
    suffix = path.suffix.casefold()
    if suffix in SPREADSHEET_SUFFIXES:
        grid = _read_spreadsheet(path)
    elif suffix in {".csv", ".txt", ".tsv"}:
        grid = _read_csv(path)
    else:
        raise ImportRefused(f"{path.name}: unsupported file type {path.suffix!r}; use .csv or .xlsx")
    return _rows_from_grid(grid, path.name)


def _read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Excel's "CSV" on Western Windows
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max((",", ";", "\t"), key=first.count)
    return [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _read_spreadsheet(path: Path) -> list[list[str]]:
    """The first sheet that has a recognisable header row (else the first sheet, to report on)."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        try:
            grids = (_sheet_grid(workbook, name) for name in workbook.sheet_names)
            first: list[list[str]] = []
            for grid in grids:
                if _find_header(grid) is not None:
                    return grid
                first = first or grid
            return first
        finally:
            workbook.close()
    except (CalamineError, OSError, ValueError) as exc:
        raise ImportRefused(f"{path.name}: cannot read the workbook ({exc})") from exc


def _sheet_grid(workbook: Any, name: str) -> list[list[str]]:
    rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    return [[_cell_text(value) for value in row] for row in rows]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # supplier codes typed as numbers come back as 10023.0
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()


def _map_headers(cells: Sequence[str]) -> dict[str, int]:
    mapping: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = normalise_header(cell)
        for field, aliases in HEADER_ALIASES.items():
            if key in aliases:
                if field in mapping:
                    raise ImportRefused(
                        f"columns {cells[mapping[field]]!r} and {cell!r} both look like the {field} "
                        "column; rename or remove one of them"
                    )
                mapping[field] = index
    return mapping


def _find_header(grid: list[list[str]]) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        mapping = _map_headers(row)
        if len(mapping) >= 2:
            return index, mapping
    return None


def _rows_from_grid(grid: list[list[str]], source: str) -> list[SourceRow]:
    found = _find_header(grid)
    if found is None:
        raise ImportRefused(
            f"{source}: no header row found in the first {HEADER_SEARCH_ROWS} rows; expected columns such "
            "as 'Supplier Code', 'Name', 'Email', 'Country', 'Language', 'Buyer'"
        )
    header_index, mapping = found
    missing = [field for field in REQUIRED if field not in mapping]
    if missing:
        seen = ", ".join(repr(c) for c in grid[header_index] if c.strip())
        raise ImportRefused(
            f"{source}: required column(s) missing: {', '.join(missing)} (columns found: {seen}); "
            "nothing was imported"
        )
    rows = []
    for offset, row in enumerate(grid[header_index + 1 :], start=header_index + 2):
        values = {field: (row[i].strip() if i < len(row) else "") for field, i in mapping.items()}
        if any(values.values()):
            rows.append(SourceRow(offset, values))
    return rows
