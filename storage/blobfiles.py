"""Original files kept beside the DB, named by their SHA-256, made durable in groups.

``put`` only writes a temp file; ``make_durable`` - called by the store's flush before any record
that names the file is written - fsyncs all pending files together (``durable.fsync_files``) and
only then renames each to its final name. A file under its final name is therefore always complete,
so "already stored" can trust ``exists()``, and a burst of 1,000 files costs a few journal commits
instead of 1,000.
"""

from __future__ import annotations

import os
from pathlib import Path

from storage.durable import fsync_files, temp_name, write_unsynced


class BlobDir:
    def __init__(self, data_dir: Path) -> None:
        self.root = data_dir / "blobs"
        self._pending: dict[str, Path] = {}

    def path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256

    def exists(self, sha256: str) -> bool:
        return sha256 in self._pending or self.path(sha256).exists()

    def read(self, sha256: str) -> bytes:
        return (self._pending.get(sha256) or self.path(sha256)).read_bytes()

    def put(self, sha256: str, data: bytes) -> None:
        """Write ``data`` to a temp file; it gets its final name in ``make_durable``."""
        if self.exists(sha256):
            return
        self.root.mkdir(parents=True, exist_ok=True)
        temp = temp_name(self.root / sha256)
        write_unsynced(temp, data)
        self._pending[sha256] = temp

    def make_durable(self) -> set[Path]:
        """Fsync and rename every pending file; returns the directories whose entries changed."""
        if not self._pending:
            return set()
        fsync_files(list(self._pending.values()))
        changed = {self.root, self.root.parent}
        for sha256, temp in self._pending.items():
            target = self.path(sha256)
            target.parent.mkdir(exist_ok=True)
            os.replace(temp, target)
            changed.add(target.parent)
        self._pending.clear()
        return changed
