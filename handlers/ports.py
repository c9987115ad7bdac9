"""Ports: the small interfaces through which decisions reach the outside world.

``handlers/`` holds decisions only; it never imports imapclient, smtplib or slack_bolt. The entry
points (mail watcher, Slack app, CLI) hand these ports in: real adapters in production, loopback
servers or in-memory recorders in tests, and terminal renderers in the offline demo.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from handlers.notices import Notice


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """The current time, timezone-aware UTC."""
        ...


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


class Notifier(Protocol):
    """Where staff notices go: the Slack channel in production, the terminal in the demo."""

    def post(self, notice: Notice) -> None: ...


class RecordingNotifier:
    """Keeps notices in memory; used by the demo's terminal view and by tests of the handlers."""

    def __init__(self) -> None:
        self.notices: list[Notice] = []

    def post(self, notice: Notice) -> None:
        self.notices.append(notice)
