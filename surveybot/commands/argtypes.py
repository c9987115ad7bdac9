"""Option types shared by the commands, with messages that say what to type instead.

argparse turns an ``ArgumentTypeError`` into a usage error (exit 2) that quotes our message, while
any other exception from a type function becomes "invalid <function name> value", which reads like a
Python error to the person at the terminal. Kept free of heavy imports: ``surveybot check`` loads it.
"""

from __future__ import annotations

import argparse
import datetime as dt

DATE_FORMAT = "YYYY-MM-DD"


def day(text: str) -> dt.date:
    """A calendar day written as ISO 8601 (``2026-01-31``); anything else is a usage error."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date: use {DATE_FORMAT}, e.g. {dt.date.today().isoformat()}"
        ) from None


def positive_int(text: str) -> int:
    """A count of days or rows: a whole number of at least 1."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text} is too small: use 1 or more")
    return number


def revision(text: str) -> str:
    """A template revision number such as ``6.31`` or ``2.1`` (the campaign's oldest accepted one)."""
    from rmi.policy import release_number

    if release_number(text) is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a revision number: use one like 6.31")
    return text.strip()
