"""Fill an .xlsx by patching its sheet XML in place: fast, and everything else stays as Excel wrote it.

Used by ``read_bench.py`` to make "Excel-like" returned templates (user text added to the shared
strings, formulas kept, cached results set where a spreadsheet application would have computed
them) and by tests that need one surgical change to a real template (a version cell, a cleared
title). Values: ``str`` (shared string), ``int``/``float`` (number), ``None`` (clear value and
formula), ``Cached(value)`` (keep the cell's formula, store ``value`` as its computed result) and
``Formula(text)`` (a formula without a cached result, as a script writes it).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from xml.sax.saxutils import escape

from rmi.read.sheet_xml import column_number
from surveybot.writers.xlsx_cells import SharedStrings, cell_order, insert_cell, sheet_parts

_ADDRESS = re.compile(r"^([A-Z]{1,3})(\d+)$")


@dataclass(frozen=True, slots=True)
class Cached:
    """A formula cell's computed result (the formula itself is kept, or ``formula`` written); a
    ``cell_type`` "e" for an error such as ``#N/A`` (a string result is "str", a number has none)."""

    value: str | float
    cell_type: str | None = None
    formula: str | None = None


@dataclass(frozen=True, slots=True)
class Formula:
    """A formula without a cached result."""

    text: str


Value = str | int | float | Cached | Formula | None


def _cell_xml(
    address: str, style: bytes, value: Value, formula: bytes | None, strings: SharedStrings
) -> bytes:
    head = f'<c r="{address}"'.encode() + style
    if value is None:
        return head + b"/>"
    if isinstance(value, Formula):
        return head + b"><f>" + escape(value.text).encode() + b"</f></c>"
    if isinstance(value, Cached):
        body = formula or b"<f></f>"
        if value.formula is not None:
            body = b'<f aca="false">' + escape(value.formula).encode() + b"</f>"
        cell_type = value.cell_type or ("str" if isinstance(value.value, str) else None)
        typed = f' t="{cell_type}"'.encode() if cell_type else b""
        text = escape(value.value) if isinstance(value.value, str) else repr(value.value)
        return head + typed + b">" + body + b"<v>" + text.encode() + b"</v></c>"
    if isinstance(value, str):
        return head + f' t="s"><v>{strings.add(value)}</v></c>'.encode()
    return head + f"><v>{value!r}</v></c>".encode()


_STYLE = re.compile(rb'\ss="\d+"')
_FORMULA = re.compile(rb"<f[^>]*/>|<f[^>]*>.*?</f>", re.S)


def patch_sheet(xml: bytes, values: Mapping[str, Value], strings: SharedStrings) -> bytes:
    """Set ``values`` (by A1 address) in one worksheet part."""
    pending = dict(values)

    def replace(match: re.Match[bytes]) -> bytes:
        address = match.group(1).decode()
        if address not in pending:
            return match.group(0)
        style_match = _STYLE.search(match.group(2))
        formula = _FORMULA.search(match.group(4) or b"")
        return _cell_xml(
            address,
            style_match.group(0) if style_match else b"",
            pending.pop(address),
            formula.group(0) if formula else None,
            strings,
        )

    patched = _cells(pending).sub(replace, xml) if pending else xml
    return _insert_missing(patched, pending, strings) if pending else patched


def _cells(addresses: Mapping[str, Value]) -> re.Pattern[bytes]:
    """A ``<c>`` element at one of these addresses (attributes, then ``/>`` or its content): the
    regex engine skips every other cell of a large sheet without calling back into Python."""
    names = b"|".join(re.escape(address.encode()) for address in addresses)
    return re.compile(rb'<c r="(' + names + rb')"([^>]*?)(/>|>(.*?)</c>)', re.S)


def _insert_missing(xml: bytes, values: Mapping[str, Value], strings: SharedStrings) -> bytes:
    """Cells the sheet never wrote: add them to their row (created when missing), in column order."""
    for address, value in sorted(values.items(), key=lambda item: cell_order(item[0])):
        column, row = _ADDRESS.match(address).groups()  # type: ignore[union-attr]
        cell = _cell_xml(address, b"", value, None, strings)
        xml = insert_cell(xml, int(row), column_number(column), cell)
    return xml


def patch_workbook(data: bytes, cells: Mapping[str, Value]) -> bytes:
    """A copy of the workbook with ``cells`` ({"Sheet!A1": value}) set; every other part untouched."""
    source = zipfile.ZipFile(io.BytesIO(data))
    parts = sheet_parts(source)
    by_part: dict[str, dict[str, Value]] = {}
    for ref, value in cells.items():
        sheet, _, address = ref.rpartition("!")
        by_part.setdefault(parts[sheet], {})[address] = value
    strings = SharedStrings(source.read("xl/sharedStrings.xml"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename in by_part:
                content = patch_sheet(content, by_part[info.filename], strings)
            if info.filename != "xl/sharedStrings.xml":
                target.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED)
        target.writestr("xl/sharedStrings.xml", strings.render(), compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
