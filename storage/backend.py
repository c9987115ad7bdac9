"""The ``Backend`` protocol: the few durable operations the store needs from a medium.

``storage.files.FileBackend`` keeps the data in a directory (atomic files, fsync); the
``storage.memory.MemoryBackend`` keeps the same bytes in process memory for fast tests. The store
above them is identical, and the storage tests run against both.

Durability contract: ``save_table``, ``append_audit`` and ``put_blob`` make their own bytes durable
before returning; ``commit`` makes the directory entries (renames, new files) durable. The store
calls ``commit`` once at the end of every flush, and only then acknowledges the writes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from storage.fileformat import LoadedTable


class Backend(Protocol):
    def where(self, name: str) -> str:
        """A human-readable location of collection ``name`` (a file path), for error messages."""
        ...

    def load_table(self, name: str) -> LoadedTable | None:
        """The stored collection, or ``None`` if it was never written; ``StorageCorrupt`` if damaged."""
        ...

    def save_table(self, name: str, version: int, texts: Mapping[int, str]) -> None: ...

    def preserve(self, name: str, label: str) -> None:
        """Keep a copy of the current stored collection under ``label`` (before a migration)."""
        ...

    def load_audit(self) -> list[dict[str, Any]]: ...

    def append_audit(self, lines: Sequence[str]) -> None: ...

    def put_blob(self, sha256: str, data: bytes) -> None: ...

    def read_blob(self, sha256: str) -> bytes: ...

    def has_blob(self, sha256: str) -> bool: ...

    def blob_path(self, sha256: str) -> Path | None:
        """Where the blob lives on disk, if the backend has a disk."""
        ...

    def commit(self) -> None: ...

    def close(self) -> None: ...
