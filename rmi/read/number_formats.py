"""Which cell styles show a number as a date, a time of day or a duration (``xl/styles.xml``).

A date in a worksheet is a plain number; only its style's number format says it is a date. The styles
part is read on the first numeric cell that carries a style, and only its ``numFmt`` and ``cellXfs``
entries are looked at. The classification follows what spreadsheet readers (calamine, openpyxl) do:
the built-in date and time format ids, and custom format codes that use day, month, year, hour or
second placeholders outside quoted text and ``[colour]`` sections; ``[h]``-style sections make a
duration.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from enum import Enum

from rmi.model import Scalar

_CELL_XFS = re.compile(rb"<cellXfs\b[^>]*>")
_CELL_XFS_END = b"</cellXfs>"
# Each <xf>'s number format id ("" when it has none); a lazy match finds the first, as a search would.
_XF_FORMAT = re.compile(rb'<xf\b(?:[^>]*?numFmtId="(\d+)")?')
_NUM_FMT = re.compile(rb"<numFmt\b([^>]*)")
_ATTRIBUTE = re.compile(rb'([A-Za-z:]+)="([^"]*)"')
_QUOTED = re.compile(r'"[^"]*"|\\.|_.|\*.')
_BRACKET = re.compile(r"\[([^\]]*)\]")
_EPOCH_1900 = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)
_DURATION_IDS = frozenset({46})
_TIME_IDS = frozenset({18, 19, 20, 21, 45, 47})
_DATE_IDS = frozenset({14, 15, 16, 17, 22, *range(27, 37), *range(50, 59)})


class Kind(Enum):
    NUMBER = "number"
    DATETIME = "datetime"
    TIME = "time"
    DURATION = "duration"


def format_kind(code: str) -> Kind:
    """What a custom number format code shows a number as."""
    plain = _QUOTED.sub("", code.split(";")[0])
    sections = _BRACKET.findall(plain)
    if any(section.lower().strip("hms") == "" and section for section in sections):
        return Kind.DURATION
    letters = {char for char in _BRACKET.sub("", plain).lower() if char in "dmyhs"}
    if letters & {"d", "y"} or letters == {"m"}:
        return Kind.DATETIME
    return Kind.TIME if letters else Kind.NUMBER


def id_kind(format_id: int) -> Kind:
    if format_id in _DATE_IDS:
        return Kind.DATETIME
    if format_id in _TIME_IDS:
        return Kind.TIME
    return Kind.DURATION if format_id in _DURATION_IDS else Kind.NUMBER


class NumberFormats:
    """Turns a cell's number into the value its style shows (date, time, duration or the number)."""

    def __init__(self, read_styles: Callable[[], bytes | None], date1904: bool) -> None:
        self._read_styles = read_styles
        self._epoch = _EPOCH_1904 if date1904 else _EPOCH_1900
        self._kinds: list[Kind] | None = None

    def value(self, number: float, style: int) -> Scalar:
        if self._kinds is None:
            self._kinds = _style_kinds(self._read_styles())
        kind = self._kinds[style] if 0 <= style < len(self._kinds) else Kind.NUMBER
        if kind is Kind.NUMBER or not -1 < number < 2_958_466:
            return number
        if kind is Kind.DURATION:
            return str(dt.timedelta(days=number))
        moment = self._epoch + dt.timedelta(days=number)
        if kind is Kind.TIME and number < 1:
            return str(moment.time())
        return moment.date() if moment.time() == dt.time() else moment


def _style_kinds(xml: bytes | None) -> list[Kind]:
    if not xml:
        return []
    custom = {}
    for match in _NUM_FMT.finditer(xml):
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        if b"numFmtId" in attributes:
            code = attributes.get(b"formatCode", b"").decode("utf-8", "replace")
            custom[int(attributes[b"numFmtId"])] = format_kind(_unescape(code))
    kinds = []
    for found in _XF_FORMAT.findall(_cell_xfs(xml)):
        number = int(found) if found else 0
        kinds.append(custom.get(number) or id_kind(number))
    return kinds


def _cell_xfs(xml: bytes) -> bytes:
    """The content of the ``<cellXfs>`` block ("" when there is none)."""
    start = _CELL_XFS.search(xml)
    if start is None:
        return b""
    end = xml.find(_CELL_XFS_END, start.end())
    return xml[start.end() : end] if end >= 0 else b""


def _unescape(code: str) -> str:
    return code.replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
