"""A minimal streaming XLSX writer: text, numbers and dates, a bold frozen header row, filters on.

Why not openpyxl for the report: without lxml its writer costs about 75 µs per cell (measured by
``bench/analysis_bench.py``: 151 s for a 1,000-supplier report of a million cells); this writer
joins escaped XML strings, about 1 µs per cell. The files are plain Office Open XML (one part per
sheet, inline strings, one styles part), opened by Excel, LibreOffice and openpyxl alike - the tests
reopen every report with openpyxl. Text is always written as text (``t="inlineStr"``), so a value
starting with "=" is never a formula.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape

from rmi.read.sheet_xml import column_letters

_EPOCH = dt.datetime(1899, 12, 30)
#: Characters XML 1.0 cannot carry (a supplier's pasted text may hold them): dropped.
_NOT_IN_XML = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF])
_HAS_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
ROWS_PER_CHUNK = 2000
MAX_CELL_TEXT = 32_767
MAX_SHEET_NAME = 31
Cell = str | int | float | dt.date | dt.datetime | None


@dataclass(frozen=True, slots=True)
class Sheet:
    title: str
    header: Sequence[str]
    rows: Iterable[Sequence[Cell]]


def write_workbook(sheets: Sequence[Sheet]) -> bytes:
    out = io.BytesIO()
    # Level 1: a report is written once and mailed or uploaded; 3× faster than the default level.
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        package.writestr("[Content_Types].xml", _content_types(len(sheets)))
        package.writestr("_rels/.rels", _ROOT_RELS)
        package.writestr("xl/workbook.xml", _workbook(sheets))
        package.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(len(sheets)))
        package.writestr("xl/styles.xml", _STYLES)
        for number, sheet in enumerate(sheets, start=1):
            with package.open(f"xl/worksheets/sheet{number}.xml", "w") as part:
                for chunk in _sheet(sheet):
                    part.write(chunk.encode())
    return out.getvalue()


@lru_cache(maxsize=65_536)  # codes, metals, flag names and cells repeat on every other row
def _text(value: str) -> str:
    if len(value) > MAX_CELL_TEXT:  # Excel refuses longer cells ("repairs" the file)
        value = value[: MAX_CELL_TEXT - 1] + "…"
    if _HAS_NOT_IN_XML.search(value):
        value = value.translate(_NOT_IN_XML)
    return escape(value)


def _cell(ref: str, value: Cell, header: bool = False) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        value = "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    if isinstance(value, dt.datetime | dt.date):
        moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
        serial = (moment.replace(tzinfo=None) - _EPOCH).total_seconds() / 86400
        return f'<c r="{ref}" s="2"><v>{serial!r}</v></c>'
    style = ' s="1"' if header else ""
    return f'<c r="{ref}"{style} t="inlineStr"><is><t xml:space="preserve">{_text(value)}</t></is></c>'


def _sheet(sheet: Sheet) -> Iterator[str]:
    """The worksheet XML in chunks; the row count (for the filter range) is only known at the end."""
    letters = [column_letters(n) for n in range(1, len(sheet.header) + 1)]
    widths = "".join(
        f'<col min="{n}" max="{n}" width="{max(12, min(60, len(name) + 4))}" customWidth="1"/>'
        for n, name in enumerate(sheet.header, start=1)
    )
    yield (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{_MAIN}" xmlns:r="{_DOC_REL}">'
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
        'state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
        f'<sheetFormatPr defaultRowHeight="15"/><cols>{widths}</cols><sheetData>'
    )
    chunk = [_row(1, letters, sheet.header, header=True)]
    count = 1
    for count, values in enumerate(sheet.rows, start=2):
        chunk.append(_row(count, letters, values))
        if len(chunk) >= ROWS_PER_CHUNK:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk)
    yield f'</sheetData><autoFilter ref="A1:{letters[-1]}{count}"/></worksheet>'


def _row(number: int, letters: Sequence[str], values: Sequence[Cell], header: bool = False) -> str:
    cells = "".join(
        _cell(f"{letter}{number}", value, header) for letter, value in zip(letters, values, strict=False)
    )
    return f'<row r="{number}">{cells}</row>'


def _workbook(sheets: Sequence[Sheet]) -> str:
    entries = "".join(
        f'<sheet name="{_text(s.title[:MAX_SHEET_NAME])}" sheetId="{n}" r:id="rId{n}"/>'
        for n, s in enumerate(sheets, start=1)
    )
    filters = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n}" hidden="1">'
        f"{_quoted(s.title)}!$A$1:${column_letters(len(s.header))}$1</definedName>"
        for n, s in enumerate(sheets)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<workbook xmlns="{_MAIN}" xmlns:r="{_DOC_REL}"><sheets>{entries}</sheets>'
        f"<definedNames>{filters}</definedNames></workbook>"
    )


def _quoted(title: str) -> str:
    return "'" + _text(title[:MAX_SHEET_NAME]).replace("'", "''") + "'"


def _workbook_rels(count: int) -> str:
    sheets = "".join(
        f'<Relationship Id="rId{n}" Type="{_DOC_REL}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, count + 1)
    )
    styles = f'<Relationship Id="rId{count + 1}" Type="{_DOC_REL}/styles" Target="styles.xml"/>'
    head = '<?xml version="1.0" encoding="UTF-8"?>\n'
    return f'{head}<Relationships xmlns="{_PKG_REL}">{sheets}{styles}</Relationships>'


def _content_types(count: int) -> str:
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{_SHEET_TYPE}"/>'
        for n in range(1, count + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        f"{sheets}</Types>"
    )


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    f'<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
    f'Type="{_DOC_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<styleSheet xmlns="{_MAIN}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)
