"""Imported RMI facility lists: which list, of what date, under which hash; the file itself is a blob.

Why keep the original and not the parsed rows: a conformance verdict names the list it used (date
and SHA-256), so the state at a date can be shown again later by re-reading that very file; the
rows are re-parsed on use (a list has a few hundred rows). Importing the same file twice keeps one
record (idempotent on the hash).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from storage.clock import require_aware
from storage.core import StoreCore
from storage.tables import Collection


@dataclass(frozen=True, slots=True)
class FacilityListRecord:
    id: int
    file_name: str
    list_date: dt.date
    sha256: str
    imported_at: dt.datetime
    listed_as: str  # "conformant"/"active" for a list of one kind, "" when rows carry their status
    rows: int


def _encode(record: FacilityListRecord) -> dict[str, Any]:
    return {
        "file_name": record.file_name,
        "list_date": record.list_date.isoformat(),
        "sha256": record.sha256,
        "imported_at": record.imported_at.isoformat(),
        "listed_as": record.listed_as,
        "rows": record.rows,
    }


def _decode(doc_id: int, doc: dict[str, Any]) -> FacilityListRecord:
    return FacilityListRecord(
        id=doc_id,
        file_name=str(doc["file_name"]),
        list_date=dt.date.fromisoformat(doc["list_date"]),
        sha256=str(doc["sha256"]),
        imported_at=dt.datetime.fromisoformat(doc["imported_at"]),
        listed_as=str(doc.get("listed_as", "")),
        rows=int(doc.get("rows", 0)),
    )


class FacilityListRepo:
    def __init__(self, core: StoreCore) -> None:
        self._core = core
        self._table = core.register(Collection("facility-lists", _encode, _decode))

    def reindex(self) -> None:
        """Lists are few (one every two weeks) and read all at once."""

    def add(
        self, file_name: str, data: bytes, *, list_date: dt.date, listed_as: str, rows: int, at: dt.datetime
    ) -> FacilityListRecord:
        sha256 = hashlib.sha256(data).hexdigest()
        with self._core.writing():
            existing = next((r for r in self._table if r.sha256 == sha256 and r.listed_as == listed_as), None)
            if existing is not None:
                return existing
            self._core.backend.put_blob(sha256, data)
            record = FacilityListRecord(
                self._table.allocate_id(), file_name, list_date, sha256, require_aware(at), listed_as, rows
            )
            self._table.put(record.id, record)
            return record

    def all(self) -> tuple[FacilityListRecord, ...]:
        with self._core.lock:
            return tuple(sorted(self._table, key=lambda r: (r.list_date, r.id)))

    def current(self, as_of: dt.date | None = None) -> tuple[FacilityListRecord, ...]:
        """The newest list of each kind dated on or before ``as_of`` (a combined list counts for both)."""
        chosen: dict[str, FacilityListRecord] = {}
        for record in self.all():
            if as_of is not None and record.list_date > as_of:
                continue
            for kind in (record.listed_as,) if record.listed_as else ("conformant", "active"):
                chosen[kind] = record
        unique = {record.id: record for record in chosen.values()}
        return tuple(unique[key] for key in sorted(unique))
