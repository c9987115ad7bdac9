"""Time as an injected port, so every timestamp the store writes can be controlled in tests.

The store never calls ``datetime.now()`` itself; ``SystemClock`` is the production clock and
``ManualClock`` is a real, settable clock for tests and the demo (not a mock: it keeps time).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time as an aware UTC datetime."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class ManualClock:
    """A clock that only moves when told to; starts at ``start`` (aware, converted to UTC)."""

    def __init__(self, start: datetime) -> None:
        self._now = require_aware(start)

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> datetime:
        self._now += delta
        return self._now

    def set(self, when: datetime) -> None:
        self._now = require_aware(when)


def require_aware(when: datetime) -> datetime:
    """Return ``when`` in UTC; naive datetimes are refused because their zone is a guess."""
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError(f"naive datetime {when!r}: the store only keeps aware UTC times")
    return when.astimezone(UTC)
