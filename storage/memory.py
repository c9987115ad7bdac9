"""The in-memory backend: the file backend's bytes, kept in a dict instead of a directory.

It stores exactly what ``FileBackend`` would write (``fileformat.render_collection``) and parses it
back the same way, so the store above behaves identically on both - including migration of seeded
old-version data and ``StorageCorrupt`` on damaged bytes. Used by fast tests and by the demo.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from storage.fileformat import (
    LoadedTable,
    log_header_line,
    parse_collection,
    parse_log_lines,
    render_collection,
    split_torn_tail,
)


class MemoryBackend:
    def __init__(self, files: Mapping[str, bytes] | None = None) -> None:
        """``files`` seeds the backend with raw file contents by file name (``suppliers.json``)."""
        self.files: dict[str, bytes] = dict(files or {})
        self.blobs: dict[str, bytes] = {}

    def where(self, name: str) -> str:
        return f"memory:{name}.json"

    def load_table(self, name: str) -> LoadedTable | None:
        raw = self.files.get(f"{name}.json")
        return None if raw is None else parse_collection(name, raw, self.where(name))

    def save_tables(self, version: int, tables: Mapping[str, Mapping[int, str]]) -> None:
        for name, texts in tables.items():
            self.files[f"{name}.json"] = render_collection(name, version, texts)

    def preserve(self, name: str, label: str) -> None:
        self.files[f"{name}.json.{label}"] = self.files[f"{name}.json"]

    def load_log(self, name: str) -> list[dict[str, Any]]:
        filename = f"{name}.jsonl"
        raw = self.files.setdefault(filename, log_header_line(name).encode())
        lines, torn = split_torn_tail(raw)
        if torn.strip():
            self.files[filename] = raw[: len(raw) - len(torn)]
            self.files[f"{filename}.torn-1"] = torn
        return parse_log_lines(name, lines, f"memory:{filename}")

    def append_log(self, name: str, lines: Sequence[str]) -> None:
        self.files[f"{name}.jsonl"] += "".join(lines).encode()

    def put_blob(self, sha256: str, data: bytes) -> None:
        self.blobs.setdefault(sha256, bytes(data))

    def read_blob(self, sha256: str) -> bytes:
        try:
            return self.blobs[sha256]
        except KeyError:
            raise FileNotFoundError(f"memory:blobs/{sha256}") from None

    def has_blob(self, sha256: str) -> bool:
        return sha256 in self.blobs

    def blob_path(self, sha256: str) -> Path | None:
        return None

    def commit(self) -> None:
        """Nothing to make durable: memory is the medium."""

    def close(self) -> None:
        """Nothing to release."""
