"""Cells straight from worksheet XML: one pass per sheet finds every cell holding a value.

Every spreadsheet writer puts a cell in the compact form ``<c r="D26" s="7" t="s"><v>12</v></c>``
(formula cells carry an ``<f>`` before the ``<v>``; inline strings an ``<is>``). One regular
expression walks the sheet once and yields, per cell that holds something, its address and the raw
attributes and value bytes; they are filed by address without a Python step per cell (a list sheet
holds ten thousand of them), and nothing is decoded until a reader asks for the cell
(``CellDecoder``), so the hundreds of labels and cached results nobody looks at cost no more than the
scan. The quantifiers that can never give back (attributes up to ``>``, text up to ``<``) are
possessive: the same matches, without the regex engine retrying each cell that holds no value.

Callers check ``sheet_xml.is_compact`` first; other sheets are read by calamine.
"""

from __future__ import annotations

import datetime as dt
import re
from operator import itemgetter

from rmi.model import Scalar
from rmi.read.number_formats import NumberFormats
from rmi.read.shared_strings import SharedStrings
from rmi.read.xml_text import xml_text

RawCell = tuple[bytes, bytes, bytes, bytes, bytes]
"""(address, row digits, attributes after ``r``, ``<v>`` content, ``<is>`` content) as in the XML."""
Cells = dict[bytes, RawCell]
"""Raw cells by address as the XML writes it (``b"D26"``)."""

_CELL = re.compile(
    rb'<c r="([A-Z]{1,3}(\d+))"([^>]*+)>'
    rb"(?:<f\b(?:[^>]*/>|[^>]*+>[^<]*+</f>))?"
    rb"(?:<v>([^<]++)</v>|<is>(.*?)</is>)",
    re.DOTALL,
)
_TEXT_RUN = re.compile(rb"<t(?:\s[^>]*)?>([^<]*)</t>")
_ADDRESS = itemgetter(0)
_ROW = itemgetter(1)


def parse_cells(xml: bytes) -> tuple[Cells, frozenset[int]]:
    """Every cell with a value by address, and the numbers of the rows holding them (compact XML only).

    Rows may come in any order; a cell written twice keeps its last value, as before.
    """
    found = _CELL.findall(xml)
    return dict(zip(map(_ADDRESS, found), found, strict=True)), frozenset(map(int, set(map(_ROW, found))))


class CellDecoder:
    """Turns a raw cell into its value: shared strings, numbers shown as dates, booleans, text."""

    def __init__(self, strings: SharedStrings, formats: NumberFormats) -> None:
        self._strings = strings
        self._formats = formats
        self._shared: dict[bytes, str] = {}
        """Shared-string texts by the index bytes cells carry: the commonest cell costs one look-up."""

    def __call__(self, raw: RawCell) -> Scalar:
        _, _, attributes, value, inline = raw
        if attributes[-6:] == b' t="s"':  # by far the most common cell: a shared string
            text = self._shared.get(value)
            if text is None:
                text = self._shared[value] = self._strings[int(value)]
            return text or None
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
