"""Staff notices waiting to be mailed: the pending half of the hourly staff digest (``mail.staff_mail``).

Why in the store: when Slack is off or unreachable, a notice (unknown sender, held mail, bounce,
quarantine) is the only trace a person will see of something that needs them; kept in memory until
the hour is up, a restart would lose it. A note is plain text, already worded for people; the digest
mail escapes it for HTML. ``take_all`` removes the notes in the same store write as the caller's
enqueueing of the digest mail (inside one ``store.batch()``), so a crash keeps either the notes or
the queued digest, never neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from storage.clock import require_aware
from storage.core import StoreCore
from storage.tables import Collection


@dataclass(frozen=True, slots=True)
class StaffNote:
    """A note kept for the staff digest."""

    id: int
    at: datetime
    title: str
    summary: str
    sender: str = ""
    subject: str = ""
    details: tuple[str, ...] = ()


def _encode(note: StaffNote) -> dict[str, Any]:
    return {
        "at": note.at.isoformat(),
        "title": note.title,
        "summary": note.summary,
        "sender": note.sender,
        "subject": note.subject,
        "details": list(note.details),
    }


def _decode(doc_id: int, doc: dict[str, Any]) -> StaffNote:
    return StaffNote(
        id=doc_id,
        at=datetime.fromisoformat(doc["at"]),
        title=str(doc["title"]),
        summary=str(doc["summary"]),
        sender=str(doc.get("sender", "")),
        subject=str(doc.get("subject", "")),
        details=tuple(str(line) for line in doc.get("details", ())),
    )


class StaffNoteRepo:
    def __init__(self, core: StoreCore) -> None:
        self._core = core
        self._table = core.register(Collection("staff-notes", _encode, _decode))

    def reindex(self) -> None:
        """Notes are few (one hour's worth) and read all at once."""

    def add(self, at: datetime, title: str, summary: str, **extra: Any) -> StaffNote:
        with self._core.writing():
            note = StaffNote(self._table.allocate_id(), require_aware(at), title, summary, **extra)
            self._table.put(note.id, note)
            return note

    def pending(self) -> tuple[StaffNote, ...]:
        with self._core.lock:
            return tuple(sorted(self._table, key=lambda note: note.id))

    def take_all(self) -> tuple[StaffNote, ...]:
        """Every pending note, oldest first, removed from the store."""
        with self._core.writing():
            notes = self.pending()
            for note in notes:
                self._table.delete(note.id)
            return notes
