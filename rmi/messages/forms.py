"""Plural and date forms per language, from CLDR (Babel) instead of rules written by hand.

A catalogue text that depends on a number is a ``Plural``: one wording per CLDR plural category the
language has ("one", "other"; French also uses "one" for 0, Polish-style "few"/"many" would fit the
same shape). Chinese, Japanese and Korean have only "other". Dates travel through findings and reply
contexts as ISO strings (``2026-12-24``) and are written the way the reader's language writes a date
in a letter ("24. Dezember 2026", "2026년 12월 24일"); English uses the day-month-year order, which
no reader on either side of the Atlantic can misread.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Catalogue code → CLDR locale. Plain codes map to themselves.
_LOCALES = {"en": "en_GB", "zh": "zh_Hans", "zh-Hant": "zh_Hant"}


@dataclass(frozen=True, slots=True)
class Plural:
    """Wordings of one text per CLDR plural category of the number in ``param``; "other" is required."""

    param: str
    forms: Mapping[str, str]

    def choose(self, params: Mapping[str, object], language: str) -> str:
        value = params.get(self.param)
        number = value if isinstance(value, int) else _int(value)
        category = plural_category(number, language) if number is not None else "other"
        return self.forms.get(category) or self.forms["other"]


def plural(param: str, **forms: str) -> Plural:
    """``plural("count", one="{count} row", other="{count} rows")``."""
    if "other" not in forms:
        raise ValueError("a plural text needs its 'other' form")
    return Plural(param, dict(forms))


Text = str | Plural


def text_for(text: Text, params: Mapping[str, object], language: str) -> str:
    return text.choose(params, language) if isinstance(text, Plural) else text


def plural_category(number: int, language: str) -> str:
    return str(_locale(language).plural_form(abs(number)))


def long_date(value: dt.date | str, language: str) -> str:
    """``2026-12-24`` as a date in ``language``; a text that is not an ISO day is returned unchanged."""
    day = value if isinstance(value, dt.date) else _iso_day(value)
    if day is None:
        return str(value)
    from babel.dates import format_date  # imported when a date is written: Babel's import is slow

    return str(format_date(day, "long", locale=_locale(language)))


def _iso_day(text: str) -> dt.date | None:
    if not _ISO_DAY.match(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


@cache
def _locale(language: str) -> Locale:
    from babel import Locale  # imported on first use: ``surveybot check`` starts without it

    return Locale.parse(_LOCALES.get(language, language.replace("-", "_")))


def _int(value: object) -> int | None:
    try:
        return int(str(value))
    except ValueError:
        return None
