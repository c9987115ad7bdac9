"""Cells straight from worksheet XML: one pass per sheet finds every cell holding a value.

Every spreadsheet writer puts a cell in the compact form ``<c r="D26" s="7" t="s"><v>12</v></c>``
(formula cells carry an ``<f>`` before the ``<v>``; inline strings an ``<is>``). One regular
expression walks the sheet once and keeps, per row, the raw attributes and value bytes of the cells
that hold something; nothing is decoded until a reader asks for the cell (``CellDecoder``), so the
hundreds of labels and cached results nobody looks at cost no more than the scan.

Callers check ``sheet_xml.is_compact`` first; other sheets are read by calamine.
"""

from __future__ import annotations

import datetime as dt
import re

from rmi.model import Scalar
from rmi.read.number_formats import NumberFormats
from rmi.read.shared_strings import SharedStrings
from rmi.read.xml_text import xml_text

RawCell = tuple[bytes, bytes, bytes]
"""(attributes after ``r``, ``<v>`` content, ``<is>`` content) as they stand in the XML."""
Rows = dict[int, dict[int, RawCell]]

_CELL = re.compile(
    rb'<c r="([A-Z]{1,3})(\d+)"([^>]*)>'
    rb"(?:<f\b(?:[^>]*/>|[^>]*>[^<]*</f>))?"
    rb"(?:<v>([^<]+)</v>|<is>(.*?)</is>)",
    re.DOTALL,
)
_TEXT_RUN = re.compile(rb"<t(?:\s[^>]*)?>([^<]*)</t>")
_COLUMNS: dict[bytes, int] = {}


def column_of(letters: bytes) -> int:
    found = _COLUMNS.get(letters)
    if found is None:
        found = 0
        for char in letters:
            found = found * 26 + char - 64
        _COLUMNS[letters] = found
    return found


def parse_rows(xml: bytes) -> Rows:
    """Row number → column number → raw cell, for every cell with a value (compact XML only)."""
    rows: Rows = {}
    row_key = b""
    current: dict[int, RawCell] = {}
    for letters, row, attributes, value, inline in _CELL.findall(xml):
        if row != row_key:
            current = rows.setdefault(int(row), {})
            row_key = row
        current[column_of(letters)] = (attributes, value, inline)
    return rows


class CellDecoder:
    """Turns a raw cell into its value: shared strings, numbers shown as dates, booleans, text."""

    def __init__(self, strings: SharedStrings, formats: NumberFormats) -> None:
        self._strings = strings
        self._formats = formats

    def __call__(self, raw: RawCell) -> Scalar:
        attributes, value, inline = raw
        if attributes[-6:] == b' t="s"':  # by far the most common cell: a shared string
            return self._strings[int(value)] or None
        if inline:
            return "".join(xml_text(run) for run in _TEXT_RUN.findall(inline)) or None
        kind = _attribute(attributes, b' t="')
        if kind == b"s":
            return self._strings[int(value)] or None
        if not kind or kind == b"n":
            return self._number(attributes, value)
        if kind == b"str" or kind == b"inlineStr":
            return xml_text(value) or None
        if kind == b"b":
            return value.strip() in (b"1", b"true")
        if kind == b"d":
            return _iso_moment(value)
        return None  # t="e": an error value (#N/A…) shows no data

    def _number(self, attributes: bytes, value: bytes) -> Scalar:
        try:
            number = float(value)
        except ValueError:
            return None
        style = _attribute(attributes, b' s="')
        return self._formats.value(number, int(style) if style else 0)


def _attribute(attributes: bytes, name: bytes) -> bytes:
    start = attributes.find(name)
    if start < 0:
        return b""
    start += len(name)
    return attributes[start : attributes.find(b'"', start)]


def _iso_moment(value: bytes) -> Scalar:
    try:
        moment = dt.datetime.fromisoformat(value.decode().strip())
    except ValueError:
        return xml_text(value) or None
    return moment.date() if moment.time() == dt.time() else moment
