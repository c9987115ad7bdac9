"""Idempotency and rate limits: keys of work already done, and per-thread auto-reply counters.

The IMAP watcher marks ``(UIDVALIDITY, UID)``, the Message-ID and the attachment hash of each mail it
finished; Slack listeners mark ``event_id``s. ``mark`` returns ``False`` when the key was already
there, so "check and claim" is one atomic call under the store's lock. The auto-reply counter caps
automatic replies per supplier thread per UTC day (RFC 3834 loop defence).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from storage.clock import require_aware
from storage.core import StoreCore
from storage.tables import Collection


class KeyKind(StrEnum):
    IMAP_UID = "imap_uid"  # f"{uidvalidity}:{uid}", see imap_key()
    MESSAGE_ID = "message_id"
    ATTACHMENT = "attachment"  # SHA-256 of an attachment already judged
    SLACK_EVENT = "slack_event"


@dataclass(frozen=True, slots=True)
class ProcessedKey:
    """A key of work already done (an IMAP UID, a Message-ID, a Slack event)."""

    id: int
    kind: str
    key: str
    at: datetime


@dataclass(frozen=True, slots=True)
class ReplyCounter:
    """How many automatic replies one thread got on one day."""

    id: int
    thread_key: str
    day: str  # UTC date, ISO
    count: int


def imap_key(uidvalidity: int, uid: int) -> str:
    return f"{uidvalidity}:{uid}"


def _encode_key(p: ProcessedKey) -> dict[str, Any]:
    return {"kind": p.kind, "key": p.key, "at": p.at.isoformat()}


def _decode_key(doc_id: int, d: dict[str, Any]) -> ProcessedKey:
    return ProcessedKey(doc_id, d["kind"], d["key"], datetime.fromisoformat(d["at"]))


def _encode_counter(c: ReplyCounter) -> dict[str, Any]:
    return {"thread_key": c.thread_key, "day": c.day, "count": c.count}


def _decode_counter(doc_id: int, d: dict[str, Any]) -> ReplyCounter:
    return ReplyCounter(doc_id, d["thread_key"], d["day"], int(d["count"]))


class DedupeRepo:
    def __init__(self, core: StoreCore) -> None:
        self._core = core
        self._keys = core.register(Collection("processed", _encode_key, _decode_key))
        self._counters = core.register(Collection("autoreplies", _encode_counter, _decode_counter))
        self._key_index: set[tuple[str, str]] = set()
        self._counter_index: dict[tuple[str, str], int] = {}

    def reindex(self) -> None:
        self._key_index = {(p.kind, p.key) for p in self._keys}
        self._counter_index = {(c.thread_key, c.day): c.id for c in self._counters}

    def seen(self, kind: KeyKind | str, key: str) -> bool:
        return (str(kind), key) in self._key_index

    def mark(self, kind: KeyKind | str, key: str) -> bool:
        """Record ``key`` as processed; ``False`` if it already was (the caller should skip the work)."""
        with self._core.writing():
            if self.seen(kind, key):
                return False
            record = ProcessedKey(self._keys.allocate_id(), str(kind), key, self._core.clock.now())
            self._keys.put(record.id, record)
            self._key_index.add((record.kind, key))
            return True

    def prune(self, kind: KeyKind | str, older_than: datetime) -> int:
        """Forget keys of ``kind`` marked before ``older_than`` (Slack retries stop after minutes,
        so old event ids only make every flush bigger); returns how many were dropped."""
        cutoff = require_aware(older_than)
        with self._core.writing():
            old = [p for p in self._keys if p.kind == str(kind) and p.at < cutoff]
            for record in old:
                self._keys.delete(record.id)
                self._key_index.discard((record.kind, record.key))
            return len(old)

    def auto_replies_today(self, thread_key: str) -> int:
        counter_id = self._counter_index.get((thread_key, self._today()))
        record = None if counter_id is None else self._counters.get(counter_id)
        return 0 if record is None else record.count

    def take_auto_reply(self, thread_key: str, limit_per_day: int) -> bool:
        """Count one automatic reply on ``thread_key`` if fewer than ``limit_per_day`` went out today."""
        with self._core.writing():
            day = self._today()
            used = self.auto_replies_today(thread_key)
            if used >= limit_per_day:
                return False
            counter_id = self._counter_index.get((thread_key, day)) or self._counters.allocate_id()
            self._counters.put(counter_id, ReplyCounter(counter_id, thread_key, day, used + 1))
            self._counter_index[(thread_key, day)] = counter_id
            return True

    def _today(self) -> str:
        return self._core.clock.now().date().isoformat()
