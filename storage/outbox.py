"""The outbox: every mail to send, queued durably before any SMTP conversation starts.

Handlers enqueue; ``mail.sender`` drains (``due`` → ``claim`` → ``mark_sent``/``mark_failed``).
Each mail has a unique ``dedupe_key`` (e.g. ``wave:7:supplier:42`` or ``reply:<message-id>``), so
replaying a wave or an inbound mail after a crash never queues it twice. An item claimed
(``sending``) when the process died is put back by ``requeue_interrupted`` at start: delivery is
at-least-once, because "sent but not recorded" cannot be told apart from "not sent". The item counts
its ``interruptions``; ``mail.sender`` resends it once and marks a second interruption ``uncertain``
(``mark_uncertain``), so a process that keeps dying in the send window cannot repeat a mail forever.

Shape, for waves of 10,000 mails: the text and HTML of each mail are stored as a blob (by SHA-256)
and the ``outbox`` table holds only mails not yet sent, so the file rewritten by each flush stays
small. A sent mail is final; it moves to the append-only ``outbox-sent`` log (one fsynced line) and
stays findable by id, dedupe key, supplier and wave.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime

from storage.clock import require_aware
from storage.codec import decode_outbox, encode_outbox
from storage.core import StoreCore
from storage.errors import InvalidValue, RecordNotFound, StorageCorrupt, TransitionRefused
from storage.records import MailDraft, OutboxItem, OutboxState
from storage.submissions import BlobStore
from storage.tables import Collection

SENT_LOG = "outbox-sent"
BODY_CACHE = 2048
Q = OutboxState
OUTBOX_MOVES: dict[OutboxState, frozenset[OutboxState]] = {
    Q.QUEUED: frozenset({Q.SENDING, Q.FAILED}),
    Q.SENDING: frozenset({Q.SENT, Q.QUEUED, Q.FAILED, Q.UNCERTAIN}),
    Q.FAILED: frozenset({Q.QUEUED}),
    Q.UNCERTAIN: frozenset({Q.SENT, Q.QUEUED}),  # settled from the Sent folder, or retried by staff
    Q.SENT: frozenset(),
}


class OutboxRepo:
    def __init__(self, core: StoreCore, blobs: BlobStore) -> None:
        self._core = core
        self._blobs = blobs
        self._table = core.register(Collection("outbox", encode_outbox, decode_outbox))
        self._on_enqueued: list[Callable[[], None]] = []
        core.register_log(SENT_LOG, owner="outbox")
        self._sent: dict[int, OutboxItem] = {}
        self._bodies: OrderedDict[str, tuple[str, str]] = OrderedDict()
        self._by_key: dict[str, int] = {}
        self._queued: set[int] = set()
        self._by_supplier: defaultdict[int, set[int]] = defaultdict(set)
        self._by_wave: defaultdict[int, set[int]] = defaultdict(set)

    def reindex(self) -> None:
        for number, line in enumerate(self._core.logs.pop(SENT_LOG, []), start=2):
            try:
                row = decode_outbox(int(line["id"]), line["item"])
            except (KeyError, TypeError, ValueError, IndexError) as exc:
                raise StorageCorrupt(f"{SENT_LOG}.jsonl", f"line {number}: {exc!r}") from exc
            self._sent[row.id] = row
        for row_id in [i for i in self._table.records if i in self._sent]:
            self._table.delete(row_id, archived=True)  # the sent archive wins over the queue file
        self._table.next_id = max(self._table.next_id, max(self._sent, default=0) + 1)
        for row in (*self._table, *self._sent.values()):
            self._index(row)

    def _index(self, row: OutboxItem) -> None:
        draft = row.draft
        self._by_key[draft.dedupe_key] = row.id
        if draft.supplier_id is not None:
            self._by_supplier[draft.supplier_id].add(row.id)
        if draft.wave_id is not None:
            self._by_wave[draft.wave_id].add(row.id)
        if row.state is Q.QUEUED:
            self._queued.add(row.id)
        else:
            self._queued.discard(row.id)

    # --- reads -------------------------------------------------------------------------------------

    def get(self, item_id: int) -> OutboxItem:
        return self._full(self._row(item_id))

    def by_dedupe_key(self, key: str) -> OutboxItem | None:
        item_id = self._by_key.get(key)
        return None if item_id is None else self.get(item_id)

    def for_supplier(self, supplier_id: int) -> tuple[OutboxItem, ...]:
        return self._many(self._by_supplier.get(supplier_id, ()))

    def for_wave(self, wave_id: int) -> tuple[OutboxItem, ...]:
        return self._many(self._by_wave.get(wave_id, ()))

    def due(self, limit: int = 100, now: datetime | None = None) -> tuple[OutboxItem, ...]:
        """Queued mails whose next attempt time has come, oldest first."""
        moment = require_aware(now) if now else self._core.clock.now()
        with self._core.lock:
            ready = [
                row
                for row in map(self._table.records.__getitem__, self._queued)
                if row.next_attempt_at <= moment
            ]
        ready.sort(key=lambda row: (row.next_attempt_at, row.id))
        return tuple(self._full(row) for row in ready[:limit])

    def in_state(self, state: OutboxState) -> tuple[OutboxItem, ...]:
        """Unsent items in ``state`` (``sending`` after a crash, ``uncertain``), oldest first."""
        if state is Q.SENT:
            raise ValueError("sent items are archived; look them up by id, key, supplier or wave")
        with self._core.lock:
            rows = sorted((row for row in self._table if row.state is state), key=lambda row: row.id)
        return tuple(self._full(row) for row in rows)

    def counts(self, wave_id: int | None = None) -> dict[OutboxState, int]:
        """How many mails are in each state (of one wave, or of the whole outbox)."""
        with self._core.lock:
            if wave_id is None:
                tally = Counter(row.state for row in self._table)
                tally[Q.SENT] += len(self._sent)
            else:
                tally = Counter(self._row(i).state for i in self._by_wave.get(wave_id, ()))
        return {state: tally.get(state, 0) for state in OutboxState}

    def _row(self, item_id: int) -> OutboxItem:
        row = self._table.get(item_id) or self._sent.get(item_id)
        if row is None:
            raise RecordNotFound(f"no outbox item with id {item_id}")
        return row

    def _many(self, ids: Iterable[int]) -> tuple[OutboxItem, ...]:
        with self._core.lock:
            rows = [self._row(i) for i in sorted(ids)]
        return tuple(self._full(row) for row in rows)

    def _full(self, row: OutboxItem) -> OutboxItem:
        """The item with its text and HTML back in the draft (bodies are cached, most recent first)."""
        if not row.body_sha256:
            return row
        body = self._bodies.get(row.body_sha256)
        if body is None:
            stored = json.loads(self._blobs.read(row.body_sha256))
            body = self._bodies[row.body_sha256] = (stored["text"], stored["html"])
            if len(self._bodies) > BODY_CACHE:
                self._bodies.popitem(last=False)
        return replace(row, draft=replace(row.draft, text=body[0], html=body[1]))

    # --- writes ------------------------------------------------------------------------------------

    def notify_on_enqueue(self, listener: Callable[[], None]) -> None:
        """``listener`` is called after each new mail is queued and saved (the sender's wake-up).

        Mail queued outside the mail loop (a staff decision in Slack, a wave) must not wait for the
        sender's next timer to go out.
        """
        self._on_enqueued.append(listener)

    def enqueue(self, draft: MailDraft, not_before: datetime | None = None) -> OutboxItem:
        """Queue ``draft``; if its ``dedupe_key`` is already in the outbox, return that item instead."""
        item, created = self._enqueue(draft, not_before)
        if created:
            for listener in self._on_enqueued:
                self._core.after_write(listener)
        return item

    def _enqueue(self, draft: MailDraft, not_before: datetime | None) -> tuple[OutboxItem, bool]:
        _check_draft(draft)
        with self._core.writing():
            existing = self.by_dedupe_key(draft.dedupe_key)
            if existing is not None:
                return existing, False
            body = json.dumps({"text": draft.text, "html": draft.html}, ensure_ascii=False).encode()
            sha256 = hashlib.sha256(body).hexdigest()
            self._core.backend.put_blob(sha256, body)
            now = self._core.clock.now()
            start = require_aware(not_before) if not_before else now
            slim = replace(draft, text="", html="")
            row = OutboxItem(self._table.allocate_id(), slim, Q.QUEUED, now, start, body_sha256=sha256)
            self._table.put(row.id, row)
            self._index(row)
            return replace(row, draft=draft), True

    def claim(self, item_id: int) -> OutboxItem:
        """queued → sending, just before the SMTP conversation."""
        return self._move(item_id, Q.SENDING)

    def mark_sent(self, item_id: int) -> OutboxItem:
        return self._move(item_id, Q.SENT, sent_at=self._core.clock.now(), reason="")

    def mark_failed(self, item_id: int, reason: str, retry_at: datetime | None = None) -> OutboxItem:
        """A failed attempt: back to the queue at ``retry_at``, or failed for good if it is ``None``."""
        with self._core.writing():
            retries = self._row(item_id).retries + 1
            if retry_at is None:
                return self._move(item_id, Q.FAILED, reason=reason, retries=retries)
            when = require_aware(retry_at)
            return self._move(item_id, Q.QUEUED, reason=reason, retries=retries, next_attempt_at=when)

    def withdraw(self, item_id: int, reason: str) -> bool:
        """Take a mail that is still queued out of the queue for good (e.g. its reminder wave was
        stopped); ``False`` when it is not queued any more - being sent or already sent is final."""
        with self._core.writing():
            if self._row(item_id).state is not Q.QUEUED:
                return False
            self._move(item_id, Q.FAILED, reason=reason)
            return True

    def retry(self, item_id: int) -> OutboxItem:
        """Put a failed or uncertain mail back in the queue now (staff asked to try again)."""
        return self._move(item_id, Q.QUEUED, next_attempt_at=self._core.clock.now(), interruptions=0)

    def requeue_interrupted(self, item_id: int) -> OutboxItem:
        """A mail a crash left ``sending`` goes back to the queue, its interruption counted."""
        with self._core.writing():
            count = self._row(item_id).interruptions + 1
            return self._move(item_id, Q.QUEUED, reason="interrupted while sending", interruptions=count)

    def requeue_unattempted(self, item_id: int) -> OutboxItem:
        """A mail claimed (with others, in one write) but never handed to the server goes back to the
        queue as it was: nothing was sent, so nothing counts against it."""
        return self._move(item_id, Q.QUEUED)

    def mark_uncertain(self, item_id: int, reason: str) -> OutboxItem:
        """``sending`` → ``uncertain``: perhaps delivered, perhaps not; never resent automatically."""
        with self._core.writing():
            count = self._row(item_id).interruptions + 1
            return self._move(item_id, Q.UNCERTAIN, reason=reason, interruptions=count)

    def _move(self, item_id: int, to: OutboxState, **changes: object) -> OutboxItem:
        with self._core.writing():
            current = self._row(item_id)
            if to not in OUTBOX_MOVES[current.state]:
                raise TransitionRefused(
                    f"outbox item {item_id} is {current.state.value} and cannot become {to.value}",
                    current.state.value,
                    to.value,
                )
            updated = replace(current, state=to, **changes)  # type: ignore[arg-type]
            if to is Q.SENT:
                self._table.delete(item_id, archived=True)
                self._sent[item_id] = updated
                self._core.append_log(SENT_LOG, {"id": item_id, "item": encode_outbox(updated)})
            else:
                self._table.put(item_id, updated)
            self._index(updated)
            return self._full(updated)


def _check_draft(draft: MailDraft) -> None:
    if not draft.to or not all("@" in address for address in draft.to):
        raise InvalidValue(f"a mail needs at least one recipient address (got {draft.to!r})")
    if not draft.dedupe_key.strip():
        raise InvalidValue("a mail needs a dedupe_key, so that replays do not send it twice")
    for ref in draft.attachments:
        if bool(ref.sha256) == bool(ref.path):
            raise InvalidValue(f"attachment {ref.filename!r} must name exactly one of sha256 or path")
