"""The file backend: one TinyDB file per collection, replaced atomically, in one data directory.

Layout of the data directory::

    suppliers.json campaigns.json assignments.json submissions.json outbox.json waves.json
    processed.json autoreplies.json     one TinyDB file per collection (see ``fileformat``)
    audit.jsonl                          append-only audit log, fsynced per flush
    outbox-sent.jsonl                    append-only archive of sent mails (see ``storage.outbox``)
    blobs/ab/abcdef…                     original files, content-addressed by SHA-256 (``blobfiles``)
    .writer.lock                         flock held by the one writing process

Why this shape: TinyDB's ``JSONStorage`` rewrites its file in place, so a crash mid-write leaves half
a file. Here every collection write goes to a temp file, is fsynced and then ``os.replace``d over the
old one, and the directory is fsynced: a reader or a restart sees the old file or the new one, never
a mix. What only grows - the audit log, the archive of sent mails - is appended instead (cheap: no
rewrite of old entries) and fsynced; a crash can tear only the last, unacknowledged line, which is
moved aside to ``<log>.jsonl.torn-N`` at start rather than failing or being dropped unseen.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
from collections.abc import Mapping, Sequence
from itertools import count
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from storage.blobfiles import BlobDir
from storage.durable import fsync_dir, fsync_files, write_atomic, write_atomic_many
from storage.errors import StoreLocked
from storage.fileformat import (
    LoadedTable,
    log_header_line,
    parse_collection,
    parse_log_lines,
    render_collection,
    split_torn_tail,
)

log = logging.getLogger(__name__)
LOCK_FILE = ".writer.lock"


class AtomicJSONStorage(Storage):
    """A TinyDB ``Storage`` with atomic replace, for opening a collection file with TinyDB itself."""

    def __init__(self, path: str | Path, access_mode: str = "r+") -> None:
        self._path = Path(path)
        self._read_only = access_mode == "r"

    def read(self) -> dict[str, Any] | None:
        if not self._path.exists():
            return None
        data: dict[str, Any] = json.loads(self._path.read_bytes())
        return data

    def write(self, data: dict[str, Any]) -> None:
        if self._read_only:
            raise OSError(f"{self._path} was opened read-only")
        write_atomic(self._path, json.dumps(data, ensure_ascii=False).encode())
        fsync_dir(self._path.parent)


class FileBackend:
    """The data directory as a ``Backend``; the writer holds ``.writer.lock`` until ``close``."""

    def __init__(self, root: Path, *, read_only: bool = False) -> None:
        self.root = root
        self.read_only = read_only
        self._lock_fd: int | None = None
        self._log_fds: dict[str, int] = {}
        self._dirs_to_sync: set[Path] = set()
        self._blobs = BlobDir(root)
        if not read_only:
            root.mkdir(parents=True, exist_ok=True)
            self._lock_fd = _take_writer_lock(root)
            _remove_stale_temps(root)

    def where(self, name: str) -> str:
        return str(self._table_path(name))

    def _table_path(self, name: str) -> Path:
        return self.root / f"{name}.json"

    def load_table(self, name: str) -> LoadedTable | None:
        path = self._table_path(name)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        return parse_collection(name, raw, str(path))

    def save_tables(self, version: int, tables: Mapping[str, Mapping[int, str]]) -> None:
        files = [(self._table_path(n), render_collection(n, version, t)) for n, t in tables.items()]
        write_atomic_many(files)
        self._dirs_to_sync.add(self.root)

    def preserve(self, name: str, label: str) -> None:
        source = self._table_path(name)
        shutil.copy2(source, source.with_name(f"{source.name}.{label}"))

    def load_log(self, name: str) -> list[dict[str, Any]]:
        path = self.root / f"{name}.jsonl"
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            if not self.read_only:
                write_atomic(path, log_header_line(name).encode())
                self._dirs_to_sync.add(self.root)
            return []
        lines, torn = split_torn_tail(raw)
        if torn.strip() and not self.read_only:
            self._set_torn_tail_aside(path, len(raw) - len(torn), torn)
        return parse_log_lines(name, lines, str(path))

    def _set_torn_tail_aside(self, path: Path, keep: int, torn: bytes) -> None:
        aside = _free_name(path, "torn")
        write_atomic(aside, torn)
        os.truncate(path, keep)
        with open(path, "rb+") as handle:
            os.fsync(handle.fileno())
        log.warning("log %s ended in a torn line (crash mid-append); moved it to %s", path, aside)

    def append_log(self, name: str, lines: Sequence[str]) -> None:
        fd = self._log_fds.get(name)
        if fd is None:
            fd = self._log_fds[name] = os.open(self.root / f"{name}.jsonl", os.O_WRONLY | os.O_APPEND)
        view = memoryview("".join(lines).encode())
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)

    def put_blob(self, sha256: str, data: bytes) -> None:
        self._blobs.put(sha256, data)

    def read_blob(self, sha256: str) -> bytes:
        return self._blobs.read(sha256)

    def has_blob(self, sha256: str) -> bool:
        return self._blobs.exists(sha256)

    def blob_path(self, sha256: str) -> Path | None:
        return self._blobs.path(sha256)

    def commit(self) -> None:
        self._dirs_to_sync |= self._blobs.make_durable()
        # Deepest first, so a new blob directory is durable before its entry in blobs/; a burst
        # touches up to 256 blob directories, fsynced together like the files (``durable``).
        by_depth: dict[int, list[Path]] = {}
        for directory in self._dirs_to_sync:
            by_depth.setdefault(len(directory.parts), []).append(directory)
        for depth in sorted(by_depth, reverse=True):
            fsync_files(by_depth[depth])
        self._dirs_to_sync.clear()

    def close(self) -> None:
        for fd in self._log_fds.values():
            os.close(fd)
        self._log_fds.clear()
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None


def _take_writer_lock(root: Path) -> int:
    fd = os.open(root / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.read(fd, 32).decode(errors="replace").strip() or "unknown"
        os.close(fd)
        raise StoreLocked(
            f"another surveybot process (pid {holder}) holds the writer lock on {root}; only one process "
            "may write the data directory"
        ) from None
    os.ftruncate(fd, 0)
    os.write(fd, str(os.getpid()).encode())
    return fd


def _remove_stale_temps(root: Path) -> None:
    """Temp files left by a crash were never acknowledged; the replaced files are intact."""
    for directory in (root, root / "blobs"):
        for path in directory.glob(".*.tmp-*"):
            log.info("removing unfinished write %s left by an earlier crash", path)
            path.unlink(missing_ok=True)


def _free_name(path: Path, label: str) -> Path:
    for n in count(1):
        candidate = path.with_name(f"{path.name}.{label}-{n}")
        if not candidate.exists():
            return candidate
    raise AssertionError("unreachable")
