"""Byte-level facts about worksheet XML that calamine does not expose, found without parsing it all.

calamine gives values but not formulas, and it parses every pre-formatted row of a template (the
Smelter List alone is about 5.7 MB of formula cells, 2,500 rows, of which a supplier uses a few).
Two cheap scans over the decompressed part fix both:

* ``last_value_row`` finds the last row holding a typed (non-formula) value in the visible columns,
  so the reader can hand calamine only the rows that can matter;
* ``uncached_formula_cells`` lists the cells that hold a formula with no stored result, which is how
  files written by scripts (openpyxl and friends) look: an empty value there means "unknown". Excel's
  own empty text results (``t="str"`` with ``<v/>``) are results, not gaps.

Both rely on the compact form every spreadsheet writer uses (``<c r="A5" ...><v>``); ``is_compact``
checks that form first, and callers fall back to the untouched part when it does not hold.
"""

from __future__ import annotations

import re
from functools import cache

_ROW_START = re.compile(rb'<row r="(\d+)"')
# A formula cell: its attributes, the <f> element (self-closing for shared formulas), then the start
# of its <v> if it has one: "<v>" (a result, possibly empty) or a self-closing "<v/>" / "<v />".
_FORMULA_CELL = re.compile(
    rb'<c r="([A-Z]{1,3}\d+)"([^>]*)>\s*<f\b(?:[^>]*/>|[^>]*>[^<]*</f>)\s*(<v>|<v\s*/>)?'
)
_TEXT_RESULT = b't="str"'
_FORMULA_ELEMENT = re.compile(rb"<f>[^<]*</f>|<f [^>]*/>|<f [^>]*>[^<]*</f>")
# How a formula without a result ends: </f> or a shared <f .../> right before </c>, or an empty
# self-closing <v/> / <v /> (which also ends in "/></c>").
_UNCACHED_MARKERS = (b"</f></c>", b"/></c>")
_CELL_REF = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"')
# A value element right after a cell's opening tag, i.e. a typed value, not a formula result.
_VALUE_MARKERS = (b'"><v>', b'"><is>')
_CELL_TAG_BYTES = 256
_HIDDEN_STEPS = 32  # hidden-column hits stepped over one by one before scanning windows
_WINDOW_BYTES = 64 * 1024
_WHITESPACE_GAPS = (b">\n", b">\r", b"> <", b">\t")
_SAMPLE_BYTES = 4096
_SHEET_DATA = b"<sheetData"
_SHEET_DATA_END = b"</sheetData>"


def column_number(letters: str) -> int:
    """1-based column number of ``"A"``, ``"Q"``, ``"AA"``…"""
    number = 0
    for char in letters:
        number = number * 26 + (ord(char) - 64)
    return number


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def is_compact(xml: bytes) -> bool:
    """True when cells are unprefixed, carry ``r`` attributes and sit next to each other.

    That is how Excel, LibreOffice, WPS and openpyxl write sheets; a pretty-printed or prefixed
    sheet (rare) is read without the scans, which only costs time.
    """
    start = xml.find(_SHEET_DATA)
    if start < 0:
        return False
    first_cell = xml.find(b"<c", start)
    # Only up to the first cell: the end tag is megabytes away in a list sheet with cells.
    if first_cell < 0 or xml.find(_SHEET_DATA_END, start, first_cell) >= 0:
        return True  # no cells at all
    sample = xml[first_cell : first_cell + _SAMPLE_BYTES]
    return xml.startswith(b'<c r="', first_cell) and not any(gap in sample for gap in _WHITESPACE_GAPS)


def is_complete(xml: bytes) -> bool:
    """Whether the part ends with its root's end tag: a part cut short (a damaged or half-written
    file) is refused, not read as far as it goes. (A broken zip is caught by its CRC.)"""
    return xml[-64:].rstrip().endswith(b"worksheet>")


def last_value_row(xml: bytes, last_column: str) -> int:
    """The last row with a typed (non-formula) value in columns A..``last_column``; 0 if none."""
    return _last_value(xml, last_column)[0]


def keep_used_rows(xml: bytes, last_column: str, min_rows: int) -> bytes:
    """The part cut after its last typed value in columns A..``last_column`` (at least ``min_rows``)."""
    row, position = _last_value(xml, last_column)
    return keep_rows(xml, max(row, min_rows), position if row >= min_rows else 0)


def _last_value(xml: bytes, last_column: str) -> tuple[int, int]:
    """(row, byte position) of the last typed value in the visible columns; (0, 0) if none.

    Searches backwards for value elements that directly follow a cell's opening tag (a formula
    cell's value follows ``</f>`` or a self-closing ``<f/>``), skipping hits in hidden columns.
    Each step only looks back to the previous hit, and for the rarer marker (``<is>``) only as far
    back as the other's hit: a template's untouched rows are megabytes. A hidden column typed in
    every pre-formatted row (the EMRT Mine List's helper column) would cost a step per row, so after
    a few steps the rest is scanned backwards in windows for cells of the visible columns only.
    Needs ``is_compact(xml)``.
    """
    limit = column_number(last_column)
    start = len(xml)
    for _ in range(_HIDDEN_STEPS):
        position = _last_marker(xml, start)
        if position < 0:
            return 0, 0
        start = xml.rfind(b"<c ", max(position - _CELL_TAG_BYTES, 0), position)
        cell = _CELL_REF.match(xml, start) if start >= 0 else None
        if cell is None:
            return _row_count(xml), 0  # a value the scan cannot place: keep every row
        if column_number(cell.group(1).decode()) <= limit:
            return int(cell.group(2)), start
    return _last_visible_value(xml, last_column, start)


def _last_marker(xml: bytes, end: int) -> int:
    """Where the last value marker ending before ``end`` starts (-1 if none)."""
    found = -1
    for marker in _VALUE_MARKERS:  # each searched only above the hits of those before it
        found = max(found, xml.rfind(marker, found + 1, end))
    return found


def _last_visible_value(xml: bytes, last_column: str, end: int) -> tuple[int, int]:
    """``_last_value`` for the cells that start before ``end``, window by window from the back."""
    pattern = _visible_value_cell(last_column)
    while end > 0:
        low = max(end - _WINDOW_BYTES, 0)
        last = None
        # A cell starting in the window may end past it: let the match run on, keep starts < end.
        for match in pattern.finditer(xml, low, end + _CELL_TAG_BYTES):
            if match.start() >= end:
                break
            last = match
        if last is not None:
            return int(last.group(1)), last.start()
        end = low
    return 0, 0


@cache
def _visible_value_cell(last_column: str) -> re.Pattern[bytes]:
    """A cell of columns A..``last_column`` whose value element follows its opening tag."""
    letters = sorted((column_letters(n) for n in range(1, column_number(last_column) + 1)), key=len)
    alternatives = b"|".join(letter.encode() for letter in reversed(letters))
    return re.compile(rb'<c r="(?:' + alternatives + rb')(\d+)"[^>]*>(?:<v>|<is>)')


def _row_count(xml: bytes) -> int:
    """The highest row number in the sheet."""
    rows = [int(match.group(1)) for match in _ROW_START.finditer(xml)]
    return max(rows, default=0)


def keep_rows(xml: bytes, last_row: int, start: int = 0) -> bytes:
    """The part with every row after ``last_row`` removed (the rest of the document untouched).

    ``start`` is any byte position inside or before row ``last_row``, to skip scanning the rows above.
    """
    cut = -1
    for match in _ROW_START.finditer(xml, max(start, xml.find(_SHEET_DATA), 0)):
        if int(match.group(1)) > last_row:
            cut = match.start()
            break
    if cut < 0:
        return xml
    tail = xml.rfind(_SHEET_DATA_END)
    if tail < cut:
        return xml
    return xml[:cut] + xml[tail:]


def uncached_formula_cells(xml: bytes) -> frozenset[str]:
    """Addresses of formula cells without a stored result.

    Excel and LibreOffice store a result for every formula. An empty text result is a typed, empty
    value element: LibreOffice writes ``t="str"`` with ``<v></v>``, desktop Excel ``t="str"`` with a
    self-closing ``<v/>`` (thousands of them in every Smelter List it saves). A formula never
    calculated has no ``<v>`` at all, or an untyped empty one (openpyxl writes ``<v />`` and no
    ``t``): an empty result without a type says nothing, since a number cannot be empty.
    Files without any such pattern are answered without a scan.
    """
    if not may_hold_uncached_formulas(xml):
        return frozenset()
    found: set[str] = set()
    for match in _FORMULA_CELL.finditer(xml):
        value = match.group(3)
        if value is None or (value != b"<v>" and _TEXT_RESULT not in match.group(2)):
            found.add(match.group(1).decode())
    return frozenset(found)


def may_hold_uncached_formulas(xml: bytes) -> bool:
    """False when no cell of the part can be a formula without a stored result (two byte scans;
    backwards, where CPython's search skips faster through XML for these markers than forwards)."""
    return any(xml.rfind(marker) >= 0 for marker in _UNCACHED_MARKERS)


def typed_value_rows(xml: bytes, letters: str) -> frozenset[int]:
    """Rows whose cell in column ``letters`` holds a typed value rather than a formula.

    In a formula column of a template (the Smelter List's Smelter Identification) such a cell is a
    value pasted over the formula. Needs ``is_compact(xml)``: a value element right after the tag.
    """
    pattern = re.compile(rb'<c r="' + letters.encode() + rb'(\d+)"[^>]*>(?:<v>|<is>)')
    return frozenset(int(match.group(1)) for match in pattern.finditer(xml))


def without_formulas(xml: bytes) -> bytes:
    """The part with every ``<f>`` element removed; cached results (``<v>``) stay as they are.

    calamine reads values only, and formula texts are most of a list sheet's bytes.
    """
    return _FORMULA_ELEMENT.sub(b"", xml)


def has_formula(xml: bytes, address: str) -> bool:
    """Whether the cell at ``address`` holds a formula (a typed value or an empty cell does not)."""
    start = xml.find(b'<c r="' + address.encode() + b'"')
    if start < 0:
        return False
    head_end = xml.find(b">", start)
    if head_end < 0 or xml[head_end - 1 : head_end] == b"/":
        return False
    end = xml.find(b"</c>", head_end)
    return end >= 0 and b"<f" in xml[head_end:end]
