"""The watcher's heartbeat: when it last finished a full mailbox cycle, readable by another process.

``surveybot doctor`` and status run as separate processes from ``surveybot run``, so the time lives
in a small file in the data directory (written atomically, so a reader never sees half a line).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

HEARTBEAT_FILE = "imap-heartbeat"


class HeartbeatFile:
    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> HeartbeatFile:
        return cls(data_dir / HEARTBEAT_FILE)

    def beat(self, when: dt.datetime) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temp = self.path.with_name(self.path.name + ".tmp")
        temp.write_text(when.isoformat() + "\n", encoding="utf-8")
        os.replace(temp, self.path)

    def last(self) -> dt.datetime | None:
        """The last successful cycle, or None when the watcher never completed one (or the file is bad)."""
        try:
            return dt.datetime.fromisoformat(self.path.read_text(encoding="utf-8").strip())
        except (OSError, ValueError):
            return None
