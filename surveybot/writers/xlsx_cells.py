"""Set cells of an existing XLSX by editing its sheet XML: every other part stays byte for byte.

Why not openpyxl: loading and saving a template drops what openpyxl does not model - RMI's data
validations with list sources on other sheets, conditional formats, extension parts, the Checker's
formulas' cached state - so a company's declaration written that way would not be the real
template any more. Here only the touched cells change: text goes to the shared-string table the way
Excel adds typed text, numbers and dates are numbers, styles are kept. Cached results of formulas in
the rows written are dropped (they were computed for the blank), and the workbook asks to be fully
recalculated when opened, so Excel and LibreOffice show fresh results.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import zipfile
from collections.abc import Mapping
from xml.sax.saxutils import escape

from defusedxml.ElementTree import fromstring

from rmi.read.sheet_xml import column_number

Value = str | int | float | dt.date

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_ADDRESS = re.compile(r"^([A-Z]{1,3})(\d+)$")
_CELL = re.compile(rb'<c r="([A-Z]{1,3}\d+)"([^>]*?)(/>|>(.*?)</c>)', re.S)
_STYLE = re.compile(rb'\ss="\d+"')
_FORMULA = re.compile(rb"<f[^>]*/>|<f[^>]*>.*?</f>", re.S)
_EPOCH = dt.date(1899, 12, 30)


def set_cells(data: bytes, cells: Mapping[str, Value], *, recalculate_rows: Mapping[str, set[int]]) -> bytes:
    """A copy of the workbook with ``cells`` ({"Sheet!A1": value}) set.

    ``recalculate_rows`` names, per sheet, the rows whose formula results must be recomputed (their
    cached values are removed).
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = sheet_parts(source)
    by_part: dict[str, dict[str, Value]] = {}
    for ref, value in cells.items():
        sheet, _, address = ref.rpartition("!")
        by_part.setdefault(parts[sheet], {})[address] = value
    stale = {parts[sheet]: rows for sheet, rows in recalculate_rows.items()}
    strings = SharedStrings(source.read("xl/sharedStrings.xml"))
    patched = {
        name: _patch_sheet(source.read(name), by_part.get(name, {}), stale.get(name, set()), strings)
        for name in {*by_part, *stale}
    }  # every sheet first: the new strings are known only then
    patched["xl/workbook.xml"] = _full_calculation_on_load(source.read("xl/workbook.xml"))
    patched["xl/sharedStrings.xml"] = strings.render()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():  # in the original order, entries unchanged but for the patched
            content = patched.get(info.filename) or source.read(info)
            target.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → part path, through workbook.xml and its relationships."""
    workbook = fromstring(archive.read("xl/workbook.xml"))
    rels = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PKG}Relationship")}
    parts = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets[sheet.get(f"{_REL}id")]
        parts[sheet.get("name", "")] = (
            target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        )
    return parts


class SharedStrings:
    """The shared-string table, extended with new strings the way Excel adds typed text."""

    def __init__(self, xml: bytes) -> None:
        self.xml = xml
        self.count = len(re.findall(rb"<si>|<si ", xml))
        self.added: list[str] = []
        self.index: dict[str, int] = {}

    def add(self, text: str) -> int:
        if text not in self.index:
            self.index[text] = self.count + len(self.added)
            self.added.append(text)
        return self.index[text]

    def render(self) -> bytes:
        items = "".join(f'<si><t xml:space="preserve">{escape(text)}</t></si>' for text in self.added)
        total = self.count + len(self.added)
        body = re.sub(rb'uniqueCount="\d+"', f'uniqueCount="{total}"'.encode(), self.xml, count=1)
        return body.replace(b"</sst>", items.encode() + b"</sst>")


def _full_calculation_on_load(xml: bytes) -> bytes:
    if b"fullCalcOnLoad" in xml:
        return xml
    return re.sub(rb"<calcPr\b", b'<calcPr fullCalcOnLoad="1"', xml, count=1)


def _cell_xml(address: str, style: bytes, value: Value, strings: SharedStrings) -> bytes:
    head = f'<c r="{address}"'.encode() + style
    if isinstance(value, dt.date):
        return head + f"><v>{(value - _EPOCH).days}</v></c>".encode()
    if isinstance(value, str):
        return head + f' t="s"><v>{strings.add(value)}</v></c>'.encode()
    return head + f"><v>{value!r}</v></c>".encode()


def _patch_sheet(
    xml: bytes, values: Mapping[str, Value], stale_rows: set[int], strings: SharedStrings
) -> bytes:
    pending = dict(values)

    def replace(match: re.Match[bytes]) -> bytes:
        address = match.group(1).decode()
        if address in pending:
            style = _STYLE.search(match.group(2))
            return _cell_xml(address, style.group(0) if style else b"", pending.pop(address), strings)
        row = int(re.sub(r"[A-Z]", "", address))
        formula = _FORMULA.search(match.group(4) or b"")
        if row in stale_rows and formula is not None:  # keep the formula, drop the blank's result
            attributes = re.sub(rb'\st="[^"]*"', b"", match.group(2))
            return f'<c r="{address}"'.encode() + attributes + b">" + formula.group(0) + b"</c>"
        return match.group(0)

    patched = _CELL.sub(replace, xml)
    for address, value in sorted(pending.items(), key=lambda item: cell_order(item[0])):
        column, row = _split(address)
        patched = insert_cell(patched, row, column_number(column), _cell_xml(address, b"", value, strings))
    return patched


def _split(address: str) -> tuple[str, int]:
    match = _ADDRESS.match(address)
    if match is None:
        raise ValueError(f"not a cell address: {address}")
    return match.group(1), int(match.group(2))


def cell_order(address: str) -> tuple[int, int]:
    """(row, column) of ``address``: the order cells must have inside a sheet's XML."""
    column, row = _split(address)
    return row, column_number(column)


def insert_cell(xml: bytes, row: int, column: int, cell: bytes) -> bytes:
    """``xml`` with the cell element ``cell`` placed in its row (made if missing) in column order."""
    row_match = re.search(rb'<row r="%d"[^>]*?(/>|>)' % row, xml)
    if row_match is None:
        return _insert_row(xml, row, cell)
    if row_match.group(1) == b"/>":
        opening = row_match.group(0)[:-2] + b">"
        return xml[: row_match.start()] + opening + cell + b"</row>" + xml[row_match.end() :]
    end = xml.index(b"</row>", row_match.end())
    position = end
    for existing in _CELL.finditer(xml, row_match.end(), end):
        if column_number(_split(existing.group(1).decode())[0]) > column:
            position = existing.start()
            break
    return xml[:position] + cell + xml[position:]


def _insert_row(xml: bytes, row: int, cell: bytes) -> bytes:
    new_row = b'<row r="%d">' % row + cell + b"</row>"
    for existing in re.finditer(rb'<row r="(\d+)"', xml):
        if int(existing.group(1)) > row:
            return xml[: existing.start()] + new_row + xml[existing.start() :]
    if b"<sheetData/>" in xml:
        return xml.replace(b"<sheetData/>", b"<sheetData>" + new_row + b"</sheetData>")
    return xml.replace(b"</sheetData>", new_row + b"</sheetData>")
