"""The append-only audit log: who did what to which record, and when.

Entries are never changed or removed. Store methods that change state write their own entries;
``record`` is for actions decided outside the store (a staff member viewing a file, a mail routed to
triage). On disk it is ``audit.jsonl`` (see ``storage.files`` for why JSON lines).
"""

from __future__ import annotations

from types import MappingProxyType

from storage.core import StoreCore
from storage.records import Actor, AuditEntry, JsonScalar


class AuditLog:
    def __init__(self, core: StoreCore) -> None:
        self._core = core

    def record(self, actor: Actor, action: str, subject: str, **details: JsonScalar) -> AuditEntry:
        with self._core.writing():
            entry = AuditEntry(self._core.clock.now(), actor, action, subject, MappingProxyType(details))
            self._core.add_audit(entry)
            return entry

    def entries(self, subject: str | None = None, limit: int | None = None) -> tuple[AuditEntry, ...]:
        """Entries oldest first, optionally only about ``subject``; ``limit`` keeps the newest."""
        with self._core.lock:
            found = [e for e in self._core.audit_log if subject is None or e.subject == subject]
        return tuple(found[-limit:] if limit else found)
