"""Dates typed as text, and every day such a text can mean.

Suppliers type "02-May-2024", "2024/05/02" or "2024年5月2日" into the effective-date cell; each of
these names one day, so the declaration can be judged by it and the supplier only asked to enter a
real date next time. "03/04/2024" is different: day-first countries read 3 April, month-first
countries 4 March, and nothing in the file says which was meant. Such a text has two readings, and
only the supplier can settle it. A numeric day/month text with one possible reading ("31/03/2024")
or two readings of the same day ("03/03/2024") is not ambiguous.
"""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_YMD = re.compile(r"^(\d{4})\s*[-/.年년]\s*(\d{1,2})\s*[-/.月월]\s*(\d{1,2})\s*[日일]?$")
# Dots are the day-first convention (31.03.2026); month-first writers use slashes.
_DMY_DOTS = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_DAY_MONTH_EITHER_WAY = re.compile(r"^(\d{1,2})\s*[/-]\s*(\d{1,2})\s*[/-]\s*(\d{4})$")
_D_MON_Y = re.compile(r"^(\d{1,2})[-\s/]([A-Za-z]{3,9})\.?[-\s/,]+(\d{4})$")
_MON_D_Y = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$")


def date_readings(text: str) -> tuple[dt.date, ...]:
    """Every real day ``text`` can mean: one for an unambiguous text, two when it is ambiguous.

    Empty when the text is not a date at all (or names a day that does not exist, "31.02.2026").
    """
    text = text.strip()
    match = _YMD.match(text)
    if match:
        return _days((int(match[1]), int(match[2]), int(match[3])))
    match = _DMY_DOTS.match(text)
    if match:
        return _days((int(match[3]), int(match[2]), int(match[1])))
    match = _DAY_MONTH_EITHER_WAY.match(text)
    if match:
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        return _days((year, second, first), (year, first, second))
    match = _D_MON_Y.match(text)
    if match:
        return _days((int(match[3]), _MONTHS.get(match[2].casefold(), 0), int(match[1])))
    match = _MON_D_Y.match(text)
    if match:
        return _days((int(match[3]), _MONTHS.get(match[1].casefold(), 0), int(match[2])))
    return ()


def parse_date_text(text: str) -> dt.date | None:
    """The day a text date names, or None when it names none or two (see ``date_readings``)."""
    readings = date_readings(text)
    return readings[0] if len(readings) == 1 else None


def _days(*candidates: tuple[int, int, int]) -> tuple[dt.date, ...]:
    """The distinct real days among (year, month, day) candidates, day-first reading first."""
    found: list[dt.date] = []
    for year, month, day in candidates:
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue
        if date not in found:
            found.append(date)
    return tuple(found)
