"""The store's engine room: the one lock, the in-memory tables, batching and the flush policy.

Flush policy - "acknowledged means durable": every write method runs inside ``writing()``, which holds
the single process-wide lock (the IMAP thread, Slack listeners and the scheduler all write) and, when
the calling thread is not inside ``batch()``, flushes before the method returns. Inside ``batch()``
writes only touch memory and the flush happens once when the outermost batch exits; the batch is the
acknowledgement. A batch is not a transaction: if its body raises, what it already did is still
flushed (each step was a valid write) and the exception propagates. Batching is per thread: another
thread's unbatched write flushes everything dirty, including a batch in progress - earlier
durability than promised, never later.

A flush appends pending log lines first (write-ahead: the audit log may name a change a crash then
lost, never the reverse; a mail archived as sent is dropped from the outbox table at the next load),
makes new blobs durable, then replaces each changed collection file, dedupe keys last, so a crash
between files makes a replay redo work rather than skip it.
"""

from __future__ import annotations

import gc
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from storage.backend import Backend
from storage.clock import Clock
from storage.codec import decode_audit, encode_audit
from storage.errors import ReadOnlyStore, StorageCorrupt
from storage.migrations import SCHEMA_VERSION, migrate
from storage.records import AuditEntry
from storage.tables import Collection, NotLoaded, Table

R = TypeVar("R")

AUDIT_LOG = "audit"
FLUSH_ORDER = (
    "suppliers",
    "campaigns",
    "submissions",
    "assignments",
    "waves",
    "outbox",
    "staff-notes",  # after the outbox: a digest queued and its notes still kept, never neither
    "agreements",
    "facility-lists",  # after its blob (committed first): a record never names a missing file
    "autoreplies",
    "processed",
)


class StoreCore:
    def __init__(
        self, backend: Backend, clock: Clock, *, read_only: bool = False, only: frozenset[str] | None = None
    ) -> None:
        if only is not None and not read_only:
            raise ValueError("only a read-only store may load some collections and not others")
        self.only = only
        """Collections (and logs) to load; None: all. Read-only commands name what they show."""
        self.backend = backend
        self.clock = clock
        self.read_only = read_only
        self.lock = threading.RLock()
        self.tables: dict[str, Table[Any]] = {}
        self.audit_log: list[AuditEntry] = []
        self.logs: dict[str, list[dict[str, Any]]] = {AUDIT_LOG: []}
        self._pending_lines: dict[str, list[str]] = {AUDIT_LOG: []}
        self._local = threading.local()
        self._log_owners: dict[str, str] = {}

    def register_log(self, name: str, owner: str | None = None) -> None:
        """Declare an append-only log; its raw entries are in ``logs[name]`` after ``load``. A log
        ``owner``'s repository reads is loaded with that collection."""
        if owner is not None:
            self._log_owners[name] = owner
        self.logs[name] = []
        self._pending_lines[name] = []

    def register(self, collection: Collection[R]) -> Table[R]:
        table: Table[R] = Table(collection)
        self.tables[collection.name] = table
        return table

    def loads(self, name: str) -> bool:
        """Whether this store loads collection or log ``name``."""
        return self.only is None or name in self.only

    def load(self) -> None:
        """Read every collection (migrating old versions) and the audit log; fail loudly if damaged."""
        for table in self.tables.values():
            if self.loads(table.name):
                self._load_table(table)
            else:
                table.records = NotLoaded(table.name)
        for name in self.logs:
            if self.loads(self._log_owners.get(name, name)):
                self.logs[name] = self.backend.load_log(name)
        for number, raw in enumerate(self.logs[AUDIT_LOG], start=2):
            try:
                self.audit_log.append(decode_audit(raw))
            except (KeyError, TypeError, ValueError, IndexError) as exc:
                raise StorageCorrupt("audit.jsonl", f"line {number}: {exc!r}") from exc

    def _load_table(self, table: Table[Any]) -> None:
        where = self.backend.where(table.name)
        loaded = self.backend.load_table(table.name)
        if loaded is None:
            return
        docs = migrate(table.name, loaded.version, loaded.docs, where)
        try:
            table.load(docs)
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise StorageCorrupt(where, f"a document does not have the expected fields: {exc!r}") from exc
        if loaded.version != SCHEMA_VERSION and not self.read_only:
            self.backend.preserve(table.name, f"v{loaded.version}.bak")
            self.backend.save_tables(SCHEMA_VERSION, {table.name: table.encoded()})
            self.backend.commit()

    @staticmethod
    @contextmanager
    def collector_paused() -> Iterator[None]:
        """Pause the cyclic GC around a bulk load.

        Loading allocates ~10 long-lived objects per record; letting the collector rescan them
        again and again made opening a 10,000-supplier store 2-3 times slower.
        """
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            yield
        finally:
            if was_enabled:
                gc.enable()

    @property
    def in_batch(self) -> bool:
        return bool(getattr(self._local, "depth", 0))

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the lock for one write; flush before returning unless this thread is batching."""
        if self.read_only:
            raise ReadOnlyStore("this store was opened read-only; writes go through the running bot")
        with self.lock:
            try:
                yield
            finally:
                if not self.in_batch:
                    self.flush_locked()

    @contextmanager
    def batch(self) -> Iterator[None]:
        depth = getattr(self._local, "depth", 0)
        self._local.depth = depth + 1
        try:
            yield
        finally:
            self._local.depth = depth
            if depth == 0 and not self.read_only:
                with self.lock:
                    self.flush_locked()
                self._run_after_write()

    def after_write(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once this thread's writes are on disk: now, or when its batch ends.

        A listener told earlier (the outbox sender's wake-up) could look before the batch is saved.
        """
        if self.in_batch:
            pending: list[Callable[[], None]] = getattr(self._local, "after", [])
            self._local.after = [*pending, callback]
        else:
            callback()

    def _run_after_write(self) -> None:
        pending: list[Callable[[], None]] = getattr(self._local, "after", [])
        self._local.after = []
        for callback in pending:
            callback()

    def add_audit(self, entry: AuditEntry) -> None:
        """Queue an audit entry; it is written (before the tables) by the next flush."""
        self.audit_log.append(entry)
        self.append_log(AUDIT_LOG, encode_audit(entry))

    def append_log(self, name: str, doc: dict[str, Any]) -> None:
        """Queue one line for log ``name``; logs are appended before any table is replaced."""
        self._pending_lines[name].append(json.dumps(doc, ensure_ascii=False) + "\n")

    def flush(self, *, force: bool = False) -> None:
        with self.lock:
            self.flush_locked(force=force)

    def flush_locked(self, *, force: bool = False) -> None:
        """Make every pending change durable; ``force`` also rewrites files whose only changes are
        deletions already durable in an archive log (deferred to spare a rewrite per sent mail)."""
        # Listed ones in their order, then any collection the list forgets: never silently unsaved.
        tables = [self.tables[name] for name in FLUSH_ORDER if name in self.tables]
        tables += [table for name, table in self.tables.items() if name not in FLUSH_ORDER]
        dirty = [table for table in tables if table.needs_write(force)]
        pending = {name: lines for name, lines in self._pending_lines.items() if lines}
        if not dirty and not pending:
            self.backend.commit()
            return
        for name, lines in pending.items():
            self.backend.append_log(name, lines)
            self._pending_lines[name] = []
        self.backend.commit()  # blobs written since the last flush, before records point at them
        self.backend.save_tables(SCHEMA_VERSION, {table.name: table.encoded() for table in dirty})
        for table in dirty:
            table.dirty, table.stale = False, 0
        self.backend.commit()
