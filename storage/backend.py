"""The ``Backend`` protocol: the few durable operations the store needs from a medium.

``storage.files.FileBackend`` keeps the data in a directory (atomic files, fsync); the
``storage.memory.MemoryBackend`` keeps the same bytes in process memory for fast tests. The store
above them is identical, and the storage tests run against both.

Durability contract: ``save_tables`` and ``append_log`` make their bytes durable before returning
(``save_tables`` replaces its files in the order given, each atomically); ``put_blob`` bytes become
durable, under their final name, at the next ``commit``; ``commit`` also makes directory entries
(renames, new files) durable. A flush commits blobs before saving the records that name them and
commits again at its end; only then are the writes acknowledged.
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

    def save_tables(self, version: int, tables: Mapping[str, Mapping[int, str]]) -> None:
        """Replace each named collection with the given document texts (in the mapping's order)."""
        ...

    def preserve(self, name: str, label: str) -> None:
        """Keep a copy of the current stored collection under ``label`` (before a migration)."""
        ...

    def load_log(self, name: str) -> list[dict[str, Any]]:
        """The entries of append-only log ``name`` (created empty if missing); a torn last line,
        left by a crash mid-append, is set aside; any other damage raises ``StorageCorrupt``."""
        ...

    def append_log(self, name: str, lines: Sequence[str]) -> None: ...

    def put_blob(self, sha256: str, data: bytes) -> None: ...

    def read_blob(self, sha256: str) -> bytes: ...

    def has_blob(self, sha256: str) -> bool: ...

    def blob_path(self, sha256: str) -> Path | None:
        """Where the blob lives on disk, if the backend has a disk."""
        ...

    def commit(self) -> None: ...

    def close(self) -> None: ...
