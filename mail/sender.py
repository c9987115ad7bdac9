"""The outbox sender: drains the store's outbox through one reused SMTP session.

Delivery guarantee, stated once: **at-least-once, with a stable identity.** Each item goes
queued → ``claim`` (sending, on disk) → SMTP → sent (on disk). "Sent" of one item is written in the
same store flush as the ``claim`` of the next (or at the end of the drain), which halves the writes.
Right after the server's "250 accepted" the item id is appended to the delivery journal
(``mail.journal``, one ``write``), so an item still ``sending`` at the next start is recorded as sent
when the journal names it, and put back in the queue (``requeue_interrupted``) when it does not.

The window that remains: from the end of the message going out until the server's answer has been
read and journalled (the server's acceptance latency, milliseconds), or a power loss before the page
cache reaches the disk. Nobody can know then whether the server accepted, and the item is sent again
*as the same message*: the Message-ID comes from the item's dedupe key (``mail.compose``), so mail
stores that collapse repeats (Gmail, Exchange) and our own intake see one message. We chose this
over at-most-once because a lost reply leaves a supplier waiting with no answer, while a repeated
identical reply costs nothing. Everything before the claim is replay-safe because enqueueing is
idempotent on the dedupe key.

Failures: 4xx replies and connection problems are retried with exponential backoff and jitter (the
item goes back to the queue with a later ``next_attempt_at``) until ``smtp.max_retries``; 5xx replies
fail the item with the server's reason. Staff see failures as a rate: at most one
``DeliveryProblems`` notice per period, never one per message.

Every message must carry ``Auto-Submitted`` (RFC 3834); ``mail.compose`` sets it, and the sender
refuses to send a message without it rather than risk a mail loop.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol

from handlers.notices import DeliveryProblems
from handlers.ports import Clock, Notifier
from mail.backoff import backoff_delay
from mail.compose import build_message
from mail.journal import DeliveryJournal
from mail.smtp import PermanentSendError, SmtpSessionError
from storage import AttachmentRef, OutboxItem, OutboxState, RecordNotFound, Store, TransitionRefused
from surveybot.errors import TransientError
from surveybot.settings import SmtpSettings

log = logging.getLogger(__name__)


class Transport(Protocol):
    def send(self, message: EmailMessage) -> None: ...

    def close(self) -> None: ...


@dataclass
class DrainReport:
    sent: int = 0
    deferred: int = 0
    failed: int = 0


@dataclass
class DeliveryRate:
    """Counts delivery attempts and failures; yields one notice per ``period`` when there were failures."""

    period: dt.timedelta
    attempted: int = 0
    failed: int = 0
    reasons: list[str] = field(default_factory=list)
    last_notice: dt.datetime | None = None

    def record(self, ok: bool, reason: str = "") -> None:
        self.attempted += 1
        if not ok:
            self.failed += 1
            if reason and reason not in self.reasons and len(self.reasons) < 3:
                self.reasons.append(reason)

    def due_notice(self, now: dt.datetime) -> DeliveryProblems | None:
        if not self.failed or (self.last_notice is not None and now - self.last_notice < self.period):
            return None
        notice = DeliveryProblems(self.failed, self.attempted, tuple(self.reasons))
        self.attempted, self.failed, self.reasons, self.last_notice = 0, 0, [], now
        return notice


class OutboxSender:
    """Sends due outbox items; ``run`` loops in its own thread, woken by ``wake()`` or a timer."""

    def __init__(
        self,
        store: Store,
        transport: Transport,
        settings: SmtpSettings,
        *,
        notifier: Notifier,
        clock: Clock,
        retry_base: dt.timedelta = dt.timedelta(minutes=1),
        retry_cap: dt.timedelta = dt.timedelta(hours=2),
        report_period: dt.timedelta = dt.timedelta(hours=1),
        poll_seconds: float = 30.0,
        coalesce_seconds: float = 0.5,
        journal: DeliveryJournal | None = None,
    ) -> None:
        self._store = store
        self._journal = journal
        self._transport = transport
        self.settings = settings
        self._notifier = notifier
        self._clock = clock
        self._retry_base, self._retry_cap = retry_base, retry_cap
        self.rate = DeliveryRate(report_period)
        self._poll = poll_seconds
        self._coalesce = coalesce_seconds
        self._delivered: list[int] = []  # accepted by the server, "sent" not yet written (see above)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------ lifecycle

    def start(self) -> threading.Thread:
        self._thread = threading.Thread(target=self.run, name="outbox-sender", daemon=True)
        self._thread.start()
        return self._thread

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def recover(self) -> int:
        """Settle items a crash left ``sending`` (see module docstring); returns how many are resent."""
        outbox = self._store.outbox
        delivered = self._journal.delivered() if self._journal else set()
        with self._store.batch():
            for item_id in sorted(delivered):
                if _is_sending(self._store, item_id):
                    outbox.mark_sent(item_id)
                    log.info("outbox item %d was delivered before a crash; recorded as sent", item_id)
        count = outbox.requeue_interrupted()
        if self._journal:
            self._journal.clear()
        if count:
            log.warning("%d outgoing mails were interrupted while sending; they will be sent again", count)
        return count

    def run(self) -> None:
        self.recover()
        while not self._stop.is_set():
            try:
                self.drain()
            except Exception:  # the loop's boundary: a store or bug failure must not end sending
                log.error("the outbox drain failed (ref %s)", uuid.uuid4().hex[:8], exc_info=True)
            if self._wake.wait(self._poll):
                # Gather the replies of a burst of inbound mail into one drain: one SMTP session and
                # one final store flush for all of them, at the cost of a fraction of a second.
                self._stop.wait(self._coalesce)
            self._wake.clear()
        self._transport.close()

    # ------------------------------------------------------------ draining

    def drain(self, limit: int = 100) -> DrainReport:
        """Send everything due now, in batches of ``limit``; one SMTP session serves the whole drain."""
        report = DrainReport()
        blocked = False  # after a connection-level failure, leave the rest for the retry timer
        while not self._stop.is_set() and not blocked:
            due = self._store.outbox.due(limit=limit, now=self._clock.now())
            if not due:
                break
            for item in due:
                if self._stop.is_set():
                    break
                blocked = not self._send_one(item, report)
                if blocked:
                    break
        with self._writing():
            pass  # record the last delivery before waiting
        if self._journal:
            self._journal.clear()  # the store now holds every delivery the journal named
        self._post_rate()
        return report

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """One store flush for the block's writes and every delivery not yet recorded as sent."""
        with self._store.batch():
            for item_id in self._delivered:
                self._store.outbox.mark_sent(item_id)
            self._delivered.clear()
            yield

    def _send_one(self, item: OutboxItem, report: DrainReport) -> bool:
        """Send one item; False when the SMTP session itself is broken (stop this drain)."""
        message = self._build(item, report)
        if message is None:
            return True
        try:
            with self._writing():
                self._store.outbox.claim(item.id)
        except TransitionRefused:  # withdrawn since it was listed as due (a stopped reminder wave)
            log.info("outbox item %d is not queued any more; not sending it", item.id)
            return True
        try:
            self._transport.send(message)
        except TransientError as exc:
            self._defer(item, str(exc), report)
            return not isinstance(exc, SmtpSessionError)
        except PermanentSendError as exc:
            self._fail(item, str(exc), report)
            return True
        if self._journal:
            self._journal.record(item.id)  # first thing after "250 accepted": closes the crash window
        self._delivered.append(item.id)
        self.rate.record(ok=True)
        report.sent += 1
        return True

    def _build(self, item: OutboxItem, report: DrainReport) -> EmailMessage | None:
        try:
            message = build_message(
                item.draft,
                from_address=self.settings.from_address,
                from_name=self.settings.from_name,
                reply_to=self.settings.reply_to,
                date=self._clock.now(),
                load_attachment=self._load_attachment,
            )
        except (ValueError, OSError) as exc:  # a bad draft or a missing attachment file: a bug, not luck
            log.error("outbox item %d cannot be built", item.id, exc_info=True)
            self._fail(item, f"cannot build the message: {type(exc).__name__}", report)
            return None
        if str(message.get("Auto-Submitted", "no")).strip().lower() == "no":
            self._fail(
                item, "refused: an automatic mail without Auto-Submitted could start a mail loop", report
            )
            return None
        return message

    def _load_attachment(self, ref: AttachmentRef) -> bytes:
        return self._store.blobs.read(ref.sha256) if ref.sha256 else Path(ref.path).read_bytes()

    def _defer(self, item: OutboxItem, reason: str, report: DrainReport) -> None:
        attempt = item.retries + 1
        if attempt >= self.settings.max_retries:
            self._fail(item, f"gave up after {attempt} attempts: {reason}", report)
            return
        delay = backoff_delay(item.retries, self._retry_base.total_seconds(), self._retry_cap.total_seconds())
        retry_at = self._clock.now() + dt.timedelta(seconds=delay)
        with self._writing():
            self._store.outbox.mark_failed(item.id, reason, retry_at=retry_at)
        self.rate.record(ok=False, reason=reason)
        report.deferred += 1
        log.info("outbox item %d deferred to %s: %s", item.id, retry_at.isoformat(), reason)

    def _fail(self, item: OutboxItem, reason: str, report: DrainReport) -> None:
        with self._writing():
            self._store.outbox.mark_failed(item.id, reason)
        self.rate.record(ok=False, reason=reason)
        report.failed += 1
        log.warning("outbox item %d failed for good: %s", item.id, reason)

    def _post_rate(self) -> None:
        notice = self.rate.due_notice(self._clock.now())
        if notice is not None:
            self._notifier.post(notice)


def _is_sending(store: Store, item_id: int) -> bool:
    try:
        return store.outbox.get(item_id).state is OutboxState.SENDING
    except RecordNotFound:
        return False
