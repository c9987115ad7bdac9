"""RMI facility lists written the three ways they arrive: the web export (SpreadsheetML), CSV, XLSX.

Every standing is present (as of ``AS_OF``): conformant through RMAP, conformant through a
cross-recognised scheme (LBMA), active, lapsed (audit older than its cycle), kept conformant by a
re-audit in progress, and conformant with its audit falling due within 30 days.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from xml.sax.saxutils import escape

from openpyxl import Workbook

AS_OF = dt.date(2026, 12, 3)
HEADER = (
    "Smelter ID",
    "Standard Smelter Name",
    "Metal",
    "Country",
    "State/Province",
    "City",
    "Last Audit Date",
    "Audit Cycle",
    "Re-Audit In Progress",
    "Status",
    "Assessment Program",
)


@dataclass(frozen=True, slots=True)
class Row:
    cid: str
    name: str
    metal: str
    country: str
    last_audit: dt.date | None
    cycle: str
    reaudit: str
    status: str
    scheme: str


ROWS = (
    Row(
        "CID001105",
        "Malaysia Smelting Corporation (MSC)",
        "Tin",
        "MALAYSIA",
        dt.date(2026, 6, 1),
        "1 Year",
        "No",
        "Conformant",
        "RMAP",
    ),
    Row("CID000035", "Agosi AG", "Gold", "GERMANY", dt.date(2026, 2, 1), "1", "No", "Conformant", "LBMA"),
    Row("CID002517", "Active Tungsten Works", "Tungsten", "CHINA", None, "", "", "Active", ""),
    Row(
        "CID000211",
        "Lapsed Tantalum Co.",
        "Tantalum",
        "JAPAN",
        dt.date(2025, 1, 10),
        "12 months",
        "No",
        "Conformant",
        "RMAP",
    ),
    Row(
        "CID000292",
        "Re-audited Tin Smelter",
        "Tin",
        "BRAZIL",
        dt.date(2024, 1, 1),
        "Annual",
        "Yes",
        "Conformant",
        "RMAP",
    ),
    Row(
        "CID001070",
        "Due Soon Refinery",
        "Gold",
        "JAPAN",
        dt.date(2025, 12, 20),
        "1 Year",
        "No",
        "Conformant",
        "RMAP",
    ),
)
EXPECTED = {
    "CID001105": ("conformant", "RMAP", True),
    "CID000035": ("conformant", "LBMA", False),
    "CID002517": ("active", "RMAP", False),
    "CID000211": ("lapsed", "RMAP", False),
    "CID000292": ("conformant", "RMAP", True),
    "CID001070": ("conformant", "RMAP", True),
    "CID999999": ("not listed", "", False),
}


def spreadsheetml(rows: tuple[Row, ...] = ROWS) -> bytes:
    """The "Download Data" export: a title row, typed cells, ``ss:Index`` over empty cells."""
    lines = [
        '<?xml version="1.0"?>',
        '<?mso-application progid="Excel.Sheet"?>',
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">',
        '<Worksheet ss:Name="Smelter Refiner List"><Table>',
        '<Row><Cell><Data ss:Type="String">RMI Conformant &amp; Active Facilities</Data></Cell></Row>',
        "<Row>"
        + "".join(f'<Cell><Data ss:Type="String">{escape(h)}</Data></Cell>' for h in HEADER)
        + "</Row>",
    ]
    for row in rows:
        cells = []
        for index, value in enumerate(_values(row), start=1):
            if value == "":
                continue  # the export leaves empty cells out; the next one carries ss:Index
            if isinstance(value, dt.date):
                data = f'<Data ss:Type="DateTime">{value.isoformat()}T00:00:00.000</Data>'
            else:
                data = f'<Data ss:Type="String">{escape(value)}</Data>'
            cells.append(f'<Cell ss:Index="{index}">{data}</Cell>')
        lines.append("<Row>" + "".join(cells) + "</Row>")
    lines.append("</Table></Worksheet></Workbook>")
    return "\n".join(lines).encode()


def as_csv(rows: tuple[Row, ...] = ROWS, *, with_status: bool = True) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    header = HEADER if with_status else HEADER[:9]
    writer.writerow(header)
    for row in rows:
        values = [v.strftime("%-m/%-d/%Y") if isinstance(v, dt.date) else v for v in _values(row)]
        writer.writerow(values[: len(header)])
    return ("\ufeff" + out.getvalue()).encode()


def as_xlsx(rows: tuple[Row, ...] = ROWS) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(list(HEADER))
    for row in rows:
        sheet.append(list(_values(row)))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _values(row: Row) -> tuple[str | dt.date, ...]:
    return (
        row.cid,
        row.name,
        row.metal,
        row.country,
        "",
        "",
        row.last_audit or "",
        row.cycle,
        row.reaudit,
        row.status,
        row.scheme,
    )
