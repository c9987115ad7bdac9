"""The delivery journal: one appended line per message the SMTP server accepted, written at once.

Why it exists: recording "sent" in the store rewrites the outbox collection (tens of milliseconds),
and a crash in that time used to leave the item ``sending`` and make the restart send it again.
Appending ``<item id>\\n`` to this small file takes one ``write`` call right after the server's
"250 accepted"; once ``write`` returns, the line survives the process being killed. At start, an
item that is still ``sending`` but named here was delivered: it is recorded as sent, not resent.
The file is emptied whenever the store has caught up, so it stays a few lines long.

What remains is explicit and cannot be closed by any client: a crash after the end of the message
has gone out but before the server's answer has been read and noted here (the server's acceptance
latency, milliseconds), or a power loss before the page cache reaches the disk, leads to one
identical resend: the client cannot know whether the server accepted.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

log = logging.getLogger(__name__)

JOURNAL_FILE = "outbox-delivered.log"


class DeliveryJournal:
    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> DeliveryJournal:
        return cls(data_dir / JOURNAL_FILE)

    def record(self, item_id: int) -> None:
        """Note that the server accepted outbox item ``item_id``; never raises (the store still will)."""
        self._append(f"{item_id}\n")

    def record_attempt(self, item_id: int) -> None:
        """Note that item ``item_id`` is about to be handed to the server (``a<id>``): an item claimed in
        a group but never attempted can then be put back after a crash without counting against it."""
        self._append(f"a{item_id}\n")

    def _append(self, line: str) -> None:
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, line.encode())
            finally:
                os.close(fd)
        except OSError:
            log.error("cannot append to the delivery journal %s", self.path, exc_info=True)

    def delivered(self) -> set[int]:
        """Item ids named in the journal; a torn last line (crash mid-write) is ignored."""
        try:
            text = self.path.read_text(encoding="ascii", errors="replace")
        except FileNotFoundError:
            return set()
        return {int(line) for line in text.splitlines() if line.strip().isdigit()}

    def attempted(self) -> set[int]:
        """Item ids whose sending began since the journal was last emptied."""
        try:
            text = self.path.read_text(encoding="ascii", errors="replace")
        except FileNotFoundError:
            return set()
        return {int(line[1:]) for line in text.splitlines() if line[:1] == "a" and line[1:].strip().isdigit()}

    def clear(self) -> None:
        """Forget every line: call only after the store recorded each of them as sent."""
        with contextlib.suppress(FileNotFoundError):
            os.truncate(self.path, 0)
