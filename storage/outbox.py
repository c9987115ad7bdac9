"""The outbox: every mail to send, queued durably before any SMTP conversation starts.

Handlers enqueue; ``mail.sender`` drains (``due`` → ``claim`` → ``mark_sent``/``mark_failed``).
Each mail has a unique ``dedupe_key`` (e.g. ``wave:7:supplier:42`` or ``reply:<message-id>``), so
replaying a wave or an inbound mail after a crash never queues it twice. An item claimed
(``sending``) when the process died is put back by ``requeue_interrupted`` at start: delivery is
at-least-once, because "sent but not recorded" cannot be told apart from "not sent".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from storage.clock import require_aware
from storage.codec import decode_outbox, encode_outbox
from storage.core import StoreCore
from storage.errors import InvalidValue, RecordNotFound, TransitionRefused
from storage.records import MailDraft, OutboxItem, OutboxState
from storage.tables import Collection

Q = OutboxState
OUTBOX_MOVES: dict[OutboxState, frozenset[OutboxState]] = {
    Q.QUEUED: frozenset({Q.SENDING, Q.FAILED}),
    Q.SENDING: frozenset({Q.SENT, Q.QUEUED, Q.FAILED}),
    Q.FAILED: frozenset({Q.QUEUED}),
    Q.SENT: frozenset(),
}


class OutboxRepo:
    def __init__(self, core: StoreCore) -> None:
        self._core = core
        self._table = core.register(Collection("outbox", encode_outbox, decode_outbox))
        self._by_key: dict[str, int] = {}
        self._queued: set[int] = set()
        self._by_supplier: defaultdict[int, set[int]] = defaultdict(set)
        self._by_wave: defaultdict[int, set[int]] = defaultdict(set)

    def reindex(self) -> None:
        for item in self._table:
            self._index(item)

    def _index(self, item: OutboxItem) -> None:
        draft = item.draft
        self._by_key[draft.dedupe_key] = item.id
        if draft.supplier_id is not None:
            self._by_supplier[draft.supplier_id].add(item.id)
        if draft.wave_id is not None:
            self._by_wave[draft.wave_id].add(item.id)
        if item.state is Q.QUEUED:
            self._queued.add(item.id)
        else:
            self._queued.discard(item.id)

    # --- reads -------------------------------------------------------------------------------------

    def get(self, item_id: int) -> OutboxItem:
        item = self._table.get(item_id)
        if item is None:
            raise RecordNotFound(f"no outbox item with id {item_id}")
        return item

    def by_dedupe_key(self, key: str) -> OutboxItem | None:
        item_id = self._by_key.get(key)
        return None if item_id is None else self._table.get(item_id)

    def for_supplier(self, supplier_id: int) -> tuple[OutboxItem, ...]:
        return self._many(self._by_supplier.get(supplier_id, ()))

    def for_wave(self, wave_id: int) -> tuple[OutboxItem, ...]:
        return self._many(self._by_wave.get(wave_id, ()))

    def due(self, limit: int = 100, now: datetime | None = None) -> tuple[OutboxItem, ...]:
        """Queued mails whose next attempt time has come, oldest first."""
        moment = require_aware(now) if now else self._core.clock.now()
        with self._core.lock:
            ready = [self._table.records[i] for i in self._queued]
        ready = [item for item in ready if item.next_attempt_at <= moment]
        ready.sort(key=lambda item: (item.next_attempt_at, item.id))
        return tuple(ready[:limit])

    def counts(self) -> dict[OutboxState, int]:
        with self._core.lock:
            tally = Counter(item.state for item in self._table)
        return {state: tally.get(state, 0) for state in OutboxState}

    def _many(self, ids: Iterable[int]) -> tuple[OutboxItem, ...]:
        with self._core.lock:
            return tuple(self._table.records[i] for i in sorted(ids))

    # --- writes ------------------------------------------------------------------------------------

    def enqueue(self, draft: MailDraft, not_before: datetime | None = None) -> OutboxItem:
        """Queue ``draft``; if its ``dedupe_key`` is already in the outbox, return that item instead."""
        _check_draft(draft)
        with self._core.writing():
            existing = self.by_dedupe_key(draft.dedupe_key)
            if existing is not None:
                return existing
            now = self._core.clock.now()
            start = require_aware(not_before) if not_before else now
            item = OutboxItem(self._table.allocate_id(), draft, Q.QUEUED, now, start)
            self._put(item)
            return item

    def claim(self, item_id: int) -> OutboxItem:
        """queued → sending, just before the SMTP conversation."""
        return self._move(item_id, Q.SENDING)

    def mark_sent(self, item_id: int) -> OutboxItem:
        return self._move(item_id, Q.SENT, sent_at=self._core.clock.now(), reason="")

    def mark_failed(self, item_id: int, reason: str, retry_at: datetime | None = None) -> OutboxItem:
        """A failed attempt: back to the queue at ``retry_at``, or failed for good if it is ``None``."""
        with self._core.writing():
            retries = self.get(item_id).retries + 1
            if retry_at is None:
                return self._move(item_id, Q.FAILED, reason=reason, retries=retries)
            when = require_aware(retry_at)
            return self._move(item_id, Q.QUEUED, reason=reason, retries=retries, next_attempt_at=when)

    def retry(self, item_id: int) -> OutboxItem:
        """Put a failed mail back in the queue now (staff asked to try again)."""
        return self._move(item_id, Q.QUEUED, next_attempt_at=self._core.clock.now())

    def requeue_interrupted(self) -> int:
        """Put mails left ``sending`` by a crash back in the queue; returns how many."""
        with self._core.writing():
            stuck = [item.id for item in self._table if item.state is Q.SENDING]
            for item_id in stuck:
                self._move(item_id, Q.QUEUED, reason="interrupted while sending")
            return len(stuck)

    def _move(self, item_id: int, to: OutboxState, **changes: object) -> OutboxItem:
        with self._core.writing():
            current = self.get(item_id)
            if to not in OUTBOX_MOVES[current.state]:
                raise TransitionRefused(
                    f"outbox item {item_id} is {current.state.value} and cannot become {to.value}",
                    current.state.value,
                    to.value,
                )
            updated = replace(current, state=to, **changes)  # type: ignore[arg-type]
            self._put(updated)
            return updated

    def _put(self, item: OutboxItem) -> None:
        self._table.put(item.id, item)
        self._index(item)


def _check_draft(draft: MailDraft) -> None:
    if not draft.to or not all("@" in address for address in draft.to):
        raise InvalidValue(f"a mail needs at least one recipient address (got {draft.to!r})")
    if not draft.dedupe_key.strip():
        raise InvalidValue("a mail needs a dedupe_key, so that replays do not send it twice")
    for ref in draft.attachments:
        if bool(ref.sha256) == bool(ref.path):
            raise InvalidValue(f"attachment {ref.filename!r} must name exactly one of sha256 or path")
