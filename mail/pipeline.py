"""What the watcher does with one fetched mail: parse it, route it, and make sure it counts as handled.

Why here and not in the watcher: the watcher knows IMAP, the route table knows the survey; this is the
seam between them. The route table (``handlers.inbound``) records the outcome with the mail's three
identities (IMAP key, Message-ID, attachment hashes) and answers a mail it has seen under another key
(a new UIDVALIDITY, or a crash between handling and the move) as a duplicate.

Everything runs in one ``store.batch()``, so the route's writes (submission, assignment, outbox reply)
and the "done" keys reach the disk in one flush, the keys last. A crash before that flush replays the
mail; every write on the way is idempotent (the reply's outbox dedupe key is derived from the mail's
Message-ID), so the replay answers once.
"""

from __future__ import annotations

from collections.abc import Callable

from mail.lookahead import Lookahead
from mail.model import InboundMail
from storage import KeyKind, Store

Parse = Callable[[bytes], InboundMail]
Route = Callable[[InboundMail, str], str]
"""The route table: handle a parsed mail known by its IMAP key, record the outcome, return its name."""


class InboundPipeline:
    """``mail.watcher.MailHandler``: raw bytes and IMAP key in, outcome name out."""

    def __init__(self, store: Store, route: Route, parse: Parse, lookahead: Lookahead | None = None) -> None:
        self._store = store
        self._route = route
        self._parse = parse
        self._lookahead = lookahead

    def prefetch(self, raw: bytes, key: str) -> None:
        """A mail the watcher will hand over soon: let the look-ahead workers start on it."""
        if self._lookahead is not None:
            self._lookahead.submit(key, raw)

    def __call__(self, raw: bytes, key: str) -> str:
        mail = self._lookahead.parsed(key, raw) if self._lookahead is not None else self._parse(raw)
        with self._store.batch():
            outcome = self._route(mail, key)
            # The route marks the key itself; marking again is a no-op, and it guarantees the watcher's
            # contract ("returned means handled") even for a route that forgot.
            self._store.dedupe.mark(KeyKind.IMAP_UID, key)
        return outcome
