"""The watcher's memory of each mailbox message, kept in the store's processed-keys table.

Why not IMAP flags or keywords: Exchange Online has no custom keywords and people toggle ``\\Seen``
themselves, so the store is the only place that knows what happened to a message. Everything is a
key in ``store.dedupe`` (one atomic "check and claim" table), so no new collection is needed:

- ``imap_uid``         ``"<UIDVALIDITY>:<UID>"`` — the mail is fully handled (outcome recorded);
- ``imap_quarantined`` same key — it was set aside in the quarantine folder;
- ``imap_attempt``     ``"<key>#<n>"`` — attempt ``n`` at handling it began (counted *before* the
  attempt, so a mail that kills the process is counted too and cannot crash-loop forever).
"""

from __future__ import annotations

from mail.watcher import QUARANTINED
from storage import SYSTEM, KeyKind, Store

ATTEMPT_KIND = "imap_attempt"
QUARANTINE_KIND = "imap_quarantined"
HANDLED = "handled"


class StoreMailLedger:
    """``mail.watcher.MailLedger`` on a ``Store``."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def mail_outcome(self, key: str) -> str | None:
        dedupe = self._store.dedupe
        if dedupe.seen(QUARANTINE_KIND, key):
            return QUARANTINED
        return HANDLED if dedupe.seen(KeyKind.IMAP_UID, key) else None

    def mail_attempts(self, key: str) -> int:
        count = 0
        while self._store.dedupe.seen(ATTEMPT_KIND, f"{key}#{count + 1}"):
            count += 1
        return count

    def note_mail_attempt(self, key: str) -> int:
        attempt = self.mail_attempts(key) + 1
        self._store.dedupe.mark(ATTEMPT_KIND, f"{key}#{attempt}")
        return attempt

    def record_quarantined(self, key: str, reason: str) -> None:
        with self._store.batch():
            self._store.dedupe.mark(QUARANTINE_KIND, key)
            self._store.audit.record(SYSTEM, "mail.quarantined", f"imap:{key}", reason=reason)
