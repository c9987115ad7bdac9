"""RMI facility lists as published: the web page's "Download Data" export, and CSV/XLSX copies.

The export is Excel 2003 XML (SpreadsheetML: ``<Workbook><Worksheet><Table><Row><Cell><Data>``,
with ``ss:Index`` skipping empty cells); people also save it as CSV or XLSX. Columns are found by
their header names, wherever the header row is (exports may carry a title row above): Smelter ID,
Standard smelter name, Metal, Country, Last audit date, Audit cycle, Re-audit in progress, and
where present a status ("Conformant"/"Active") and the assessment programme (RMAP, LBMA, RJC).
A list without a status column is one kind of list, named by the caller (``listed_as``).
Dates are written by RMI in US order, so an ambiguous "03/04/2025" is read as 4 March.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException
from python_calamine import CalamineError, CalamineWorkbook

from rmi.analysis.conformance import EU_RECOGNISED, Facility, FacilityList, ListRef, Standing
from rmi.read.lookup import normalise_cid
from rmi.text_dates import date_readings

SS = "{urn:schemas-microsoft-com:office:spreadsheet}"
_EXCEL_EPOCH = dt.date(1899, 12, 30)
CROSS_RECOGNISED = ("LBMA", "RJC", "TI-CMC", "DMCC")
HEADERS = {
    "cid": ("smelterid", "smelterreferenceid", "cid", "facilityid"),
    "name": ("standardsmeltername", "smeltername", "facilityname", "standardfacilityname", "name"),
    "metal": ("metal", "mineral"),
    "country": ("country", "countrylocation", "smeltercountry"),
    "last_audit": ("lastauditdate", "lastassessmentdate", "auditdate"),
    "cycle": ("auditcycle", "assessmentcycle", "auditfrequency"),
    "reaudit": ("reauditinprogress", "reassessmentinprogress"),
    "status": ("status", "assessmentstatus", "rmistatus", "conformancestatus", "facilitystatus"),
    "scheme": ("assessmentprogram", "assessmentprogramme", "scheme", "program", "programme", "standard"),
}
_CYCLE_WORDS = {"annual": 12, "annually": 12, "biennial": 24, "triennial": 36}


class FacilityListError(ValueError):
    """The file is not a facility list we can read; the message says what to send instead."""


@dataclass(frozen=True, slots=True)
class ParsedList:
    facilities: tuple[Facility, ...]
    skipped_rows: tuple[int, ...]  # rows with no usable Smelter ID or status (1-based, as in the file)
    has_status: bool


def read_facility_list(data: bytes, file_name: str, listed_as: Standing | None) -> ParsedList:
    rows = _rows(data, file_name)
    header_at, columns = _header(rows)
    if "status" not in columns and listed_as is None:
        raise FacilityListError(
            "This list has no Status column: say which list it is (--list conformant or --list active)."
        )
    facilities, skipped = [], []
    for number, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        facility = _facility(row, columns, listed_as)
        if facility is None:
            if any(str(v).strip() for v in row):
                skipped.append(number)
            continue
        facilities.append(facility)
    if not facilities:
        raise FacilityListError("No row of this list has a Smelter ID (CID…): is it RMI's facility list?")
    return ParsedList(tuple(facilities), tuple(skipped), "status" in columns)


def facility_list(data: bytes, parsed: ParsedList, file_name: str, list_date: dt.date) -> FacilityList:
    ref = ListRef(file_name, list_date, hashlib.sha256(data).hexdigest())
    return FacilityList(ref, parsed.facilities)


def _rows(data: bytes, file_name: str) -> list[list[object]]:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if data[:2] == b"PK":
        return _xlsx_rows(data)
    if head.startswith(b"<"):
        return _spreadsheetml_rows(data)
    if file_name.lower().endswith((".csv", ".txt")) or b"," in head or b";" in head:
        return _csv_rows(data)
    raise FacilityListError("Send the facility list as RMI's Excel export (.xls XML), .xlsx or .csv.")


def _xlsx_rows(data: bytes) -> list[list[object]]:
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        best = max((book.get_sheet_by_name(n).to_python() for n in book.sheet_names), key=len, default=[])
    except (CalamineError, ValueError, OSError) as exc:
        raise FacilityListError(f"This workbook cannot be read ({exc}); save it again as .xlsx.") from exc
    return [list(row) for row in best]


def _csv_rows(data: bytes) -> list[list[object]]:
    text = data.decode("utf-8-sig", errors="replace")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [list(row) for row in csv.reader(io.StringIO(text), dialect)]


def _spreadsheetml_rows(data: bytes) -> list[list[object]]:
    try:
        root = SafeET.fromstring(data)
    except (SafeET.ParseError, DefusedXmlException) as exc:
        raise FacilityListError("This XML file is not an Excel export we can read.") from exc
    table = root.find(f"{SS}Worksheet/{SS}Table")
    if root.tag != f"{SS}Workbook" or table is None:
        raise FacilityListError("This XML file is not an Excel (SpreadsheetML) export.")
    return [_ss_row(row) for row in table.iter(f"{SS}Row")]


def _ss_row(row: Element) -> list[object]:
    values: list[object] = []
    for cell in row.iter(f"{SS}Cell"):
        index = cell.get(f"{SS}Index")
        if index and index.isdigit():
            values.extend([""] * (int(index) - 1 - len(values)))
        data = cell.find(f"{SS}Data")
        values.append("".join(data.itertext()) if data is not None else "")
    return values


def _norm(text: object) -> str:
    return re.sub(r"[^a-z0-9]", "", str(text).casefold())


def _header(rows: Sequence[Sequence[object]]) -> tuple[int, dict[str, int]]:
    for at, row in enumerate(rows[:30]):
        names = [_norm(value) for value in row]
        columns = {key: _first(names, opts) for key, opts in HEADERS.items() if any(n in names for n in opts)}
        if "cid" in columns:
            return at, columns
    raise FacilityListError("No header row with a Smelter ID column was found in the first 30 rows.")


def _first(names: list[str], options: Iterable[str]) -> int:
    return min(names.index(n) for n in options if n in names)


def _cell(row: Sequence[object], columns: dict[str, int], key: str) -> object:
    at = columns.get(key)
    return row[at] if at is not None and at < len(row) else ""


def _facility(row: Sequence[object], columns: dict[str, int], listed_as: Standing | None) -> Facility | None:
    cid = normalise_cid(str(_cell(row, columns, "cid")))
    status_text = str(_cell(row, columns, "status"))
    standing = _standing(status_text) if "status" in columns else listed_as
    if not re.fullmatch(r"CID\d+", cid) or standing is None:
        return None
    return Facility(
        cid=cid,
        name=str(_cell(row, columns, "name")).strip(),
        metal=str(_cell(row, columns, "metal")).strip(),
        country=str(_cell(row, columns, "country")).strip(),
        listed_as=standing,
        scheme=_scheme(str(_cell(row, columns, "scheme")), status_text),
        last_audit=_date(_cell(row, columns, "last_audit")),
        cycle_months=_cycle(_cell(row, columns, "cycle")),
        reaudit_in_progress=str(_cell(row, columns, "reaudit")).strip().casefold()
        in ("yes", "y", "true", "1"),
    )


def _standing(text: str) -> Standing | None:
    lowered = text.casefold()
    if "conformant" in lowered and "non" not in lowered and "not" not in lowered:
        return Standing.CONFORMANT
    if "active" in lowered and "inactive" not in lowered:
        return Standing.ACTIVE
    return None


def _scheme(scheme: str, status: str) -> str:
    text = f"{scheme} {status}".upper()
    return next((name for name in CROSS_RECOGNISED if name in text), scheme.strip() or EU_RECOGNISED)


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and 20000 < value < 80000:
        return _EXCEL_EPOCH + dt.timedelta(days=int(value))
    text = str(value).strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}T", text):
        text = text[:10]
    readings = date_readings(text)
    return readings[-1] if readings else None  # two readings: RMI writes month first


def _cycle(value: object) -> int | None:
    text = str(value).strip().casefold()
    if text in _CYCLE_WORDS:
        return _CYCLE_WORDS[text]
    match = re.match(r"^(\d+(?:\.\d+)?)\s*(month|months|mo|year|years|yr|yrs|y)?\b", text)
    if not match:
        return None
    number = float(match[1])
    return int(number) if (match[2] or "").startswith("mo") else int(number * 12)
