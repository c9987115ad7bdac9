"""In-memory tables: TinyDB's ``CachingMiddleware`` idea, without its O(N) cost per write.

Each collection lives in memory as ``{doc id: frozen record}`` plus the JSON text of each document.
A write re-encodes only the changed document; a flush joins the cached texts into the whole
collection file, which costs a few milliseconds at 10,000 documents instead of re-serialising every
record (TinyDB's own ``Table`` rebuilds the whole table dict on each write: perf baseline §4).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

R = TypeVar("R")
#: Archived deletions tolerated before the file is rewritten anyway (bounds the clean-up at load).
STALE_LIMIT = 1000


@dataclass(frozen=True, slots=True)
class Collection(Generic[R]):
    """How one collection is named on disk and converted to and from JSON documents."""

    name: str
    encode: Callable[[R], dict[str, Any]]
    decode: Callable[[int, dict[str, Any]], R]


class Table(Generic[R]):
    """One collection's records, their cached JSON, the next free id and an unflushed flag."""

    def __init__(self, collection: Collection[R]) -> None:
        self.collection = collection
        self.records: dict[int, R] = {}
        self.texts: dict[int, str] = {}
        self.next_id = 1
        self.dirty = False
        self.stale = 0  # deletions already durable elsewhere (an archive log), not yet in the file

    @property
    def name(self) -> str:
        return self.collection.name

    def load(self, docs: Mapping[int, dict[str, Any]]) -> None:
        """Fill the table from decoded documents (may raise on a malformed document).

        Texts of loaded documents are made lazily by ``encoded()``: a read-only process never pays
        for them, the writer pays once at its first flush of this table.
        """
        decode = self.collection.decode
        self.records = {doc_id: decode(doc_id, doc) for doc_id, doc in docs.items()}
        self.next_id = max(docs, default=0) + 1

    def encoded(self) -> dict[int, str]:
        """Every document's JSON text, in id order (what a flush writes)."""
        if len(self.texts) != len(self.records):
            encode = self.collection.encode
            for doc_id, record in self.records.items():
                if doc_id not in self.texts:
                    self.texts[doc_id] = _dumps(encode(record))
        return self.texts

    def allocate_id(self) -> int:
        doc_id = self.next_id
        self.next_id += 1
        return doc_id

    def put(self, doc_id: int, record: R) -> None:
        self.records[doc_id] = record
        self.texts[doc_id] = _dumps(self.collection.encode(record))
        self.next_id = max(self.next_id, doc_id + 1)
        self.dirty = True

    def delete(self, doc_id: int, *, archived: bool = False) -> None:
        """Remove a document; ``archived`` means a log already made its removal durable, so the
        file need not be rewritten for it right away (see ``StoreCore.flush_locked``)."""
        del self.records[doc_id]
        self.texts.pop(doc_id, None)
        if archived:
            self.stale += 1
        else:
            self.dirty = True

    def needs_write(self, force: bool) -> bool:
        return self.dirty or (self.stale > 0 and (force or self.stale >= STALE_LIMIT))

    def get(self, doc_id: int) -> R | None:
        return self.records.get(doc_id)

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self) -> Iterator[R]:
        return iter(self.records.values())


class NotLoaded(dict[int, Any]):
    """The records of a collection a partial read-only store did not load: any use is a bug, said so
    loudly instead of answering as if the collection were empty."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def _refuse(self, *args: object) -> Any:
        raise RuntimeError(f"the {self.name} collection was not loaded by this read-only store")

    __getitem__ = get = __iter__ = __len__ = __contains__ = values = items = keys = _refuse


def _dumps(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
