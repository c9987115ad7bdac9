"""The outbox sender: drains the store's outbox through one reused SMTP session.

Delivery guarantee, stated once: **at-least-once, with a stable identity.** Each item goes
queued → ``claim`` (sending, on disk; a group per write, ``CLAIM_GROUP``) → SMTP → sent (on
disk). "Sent" is written in the same store flush as the next group's claim (or at the end of the
drain), which saves most of the writes.
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

Bounded resends: a process that keeps dying in that window (a crash loop while a slow server holds
its answer) must not send the same reply again and again. An item found ``sending`` at start-up is
resent at most once; found ``sending`` a second time it becomes ``uncertain`` (never resent
automatically) and staff get one notice for it. Before resending, and for every ``uncertain`` item at
each start, the Sent folder (``mail.sent_folder``) is searched by Message-ID: a copy there is only
filed after a "250", so it settles the item as sent.

Order after a "250": journal line, then "sent" in the store (with the next write), then the
Sent-folder copy (in groups, ``COPY_BATCH``), and only then is the journal emptied. At start-up every
item the journal names gets its copy filed if the Sent folder does not have it, so the folder holds
one copy per sent mail across crashes.

Failures: 4xx replies and connection problems are retried with exponential backoff and jitter (the
item goes back to the queue with a later ``next_attempt_at``) until ``smtp.max_retries``; 5xx replies
fail the item with the server's reason. ``smtp.max_messages_per_minute`` keeps a wave of thousands of
mails within what the provider allows (0: as fast as the server answers). Staff see failures as a
rate: at most one ``DeliveryProblems`` notice per period, never one per message.

Throughput: while one message is with the SMTP server, the next one is built in a helper thread
(``_send_group``); the Sent-folder copy reuses the bytes that were sent. Building reads files and
writes nothing, so it changes none of the guarantees above.

Every message must carry ``Auto-Submitted`` (RFC 3834); ``mail.compose`` sets it, and the sender
refuses to send a message without it rather than risk a mail loop.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Protocol

from imapclient.exceptions import IMAPClientError

from handlers.notices import DeliveryProblems, TriageItem, TriageKind
from handlers.ports import Clock, Notifier
from mail.backoff import backoff_delay
from mail.compose import build_message, message_id_for
from mail.flatten import flatten
from mail.journal import DeliveryJournal
from mail.sent_folder import SentFolder
from mail.smtp import PermanentSendError, SmtpSessionError
from rmi.prefill import PrefillError, with_company_name
from storage import AttachmentRef, OutboxItem, OutboxState, RecordNotFound, Store, TransitionRefused
from surveybot.errors import TransientError
from surveybot.settings import SmtpSettings

log = logging.getLogger(__name__)

# Copies of sent mail are filed in groups (one MULTIAPPEND where the server has it): an APPEND per
# mail would cost a round trip per reply on the sending path. A crash before a group is filed loses
# nothing: the journal still names its items, and the restart files what the Sent folder lacks.
COPY_BATCH = 50
# Items are claimed ("sending", on disk) a group per store write, not one write each: a write is a
# file rewrite and fsyncs, which made a 1,000-mail reminder wave spend most of its time on the disk.
# Each item's send is noted in the journal first (``record_attempt``), so after a crash the items of
# a group that were never attempted go back to the queue as they were; only an attempted one counts
# as interrupted (the bounded resends below are unchanged).
CLAIM_GROUP = 25

_Built = tuple[EmailMessage, bytes]  # a message and its CRLF-flattened bytes, ready to send


class Transport(Protocol):
    def send(self, message: EmailMessage, raw: bytes | None = None) -> None:
        """Send ``message``; ``raw``, when given, is its CRLF-flattened bytes (``mail.flatten``)."""
        ...

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
        sent_folder: SentFolder | None = None,
        from_address: str = "",
    ) -> None:
        self._store = store
        self._journal = journal
        self._sent_folder = sent_folder
        self._from_address = from_address or settings.from_address
        self._transport = transport
        self.settings = settings
        self._notifier = notifier
        self._clock = clock
        self._retry_base, self._retry_cap = retry_base, retry_cap
        self.rate = DeliveryRate(report_period)
        self._poll = poll_seconds
        self._coalesce = coalesce_seconds
        self._delivered: list[int] = []  # accepted by the server, "sent" not yet written (see above)
        self._copies: list[bytes] = []  # of delivered mail, for the Sent folder (see module docstring)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        per_minute = settings.max_messages_per_minute
        self._pace = 60.0 / per_minute if per_minute > 0 else 0.0
        self._last_send = float("-inf")

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
        """Settle items a crash left ``sending`` or ``uncertain`` (module docstring); returns the resends."""
        outbox = self._store.outbox
        stuck, uncertain = outbox.in_state(OutboxState.SENDING), outbox.in_state(OutboxState.UNCERTAIN)
        delivered = self._journal.delivered() if self._journal else set()
        # without a journal nobody knows which claimed items were attempted: count them all
        attempted = self._journal.attempted() if self._journal else {item.id for item in stuck}
        journalled = [item for item in map(self._find, sorted(delivered)) if item is not None]
        found = self._copies_in_sent_folder([*stuck, *uncertain, *journalled])
        copies = found or set()
        if found is not None:  # when the search failed, filing could only add second copies
            missing = [item for item in journalled if self._message_id(item) not in copies]
            self._file_copies([raw for item in missing if (raw := self._copy_of(item)) is not None])
        resent, notices = 0, []
        with self._store.batch():
            for item in stuck:
                if item.id in delivered or self._message_id(item) in copies:
                    outbox.mark_sent(item.id)
                    log.info("outbox item %d was delivered before a crash; recorded as sent", item.id)
                elif item.id not in attempted:
                    outbox.requeue_unattempted(item.id)  # claimed with its group, never handed over
                elif item.interruptions == 0:
                    outbox.requeue_interrupted(item.id)
                    resent += 1
                else:
                    outbox.mark_uncertain(item.id, "interrupted twice while sending; not sent again")
                    notices.append(_uncertain_notice(item))
            for item in uncertain:
                if self._message_id(item) in copies:
                    outbox.mark_sent(item.id)
                    log.info("uncertain outbox item %d has a copy in the Sent folder; sent", item.id)
        if self._journal:
            self._journal.clear()
        if resent:
            log.warning("%d outgoing mails were interrupted while sending; they will be sent again", resent)
        for notice in notices:
            log.warning("%s was interrupted twice while sending; now uncertain", notice.message_key)
            self._notifier.post(notice)
        return resent

    def _find(self, item_id: int) -> OutboxItem | None:
        try:
            return self._store.outbox.get(item_id)
        except RecordNotFound:
            return None

    def _copy_of(self, item: OutboxItem) -> bytes | None:
        """The Sent-folder copy of a delivered item; None (logged) when it cannot be built any more."""
        try:
            return _imap_bytes(self._message(item))
        except (ValueError, OSError):  # e.g. an attachment file removed since: the mail itself went out
            log.warning("no Sent-folder copy of outbox item %d: it cannot be built", item.id, exc_info=True)
            return None

    def _message_id(self, item: OutboxItem) -> str:
        return message_id_for(item.draft.dedupe_key, self._from_address)

    def _copies_in_sent_folder(self, items: list[OutboxItem]) -> set[str] | None:
        """Message-IDs of ``items`` that have a copy in the Sent folder; None when it cannot be searched."""
        if self._sent_folder is None:
            return None
        if not items:
            return set()
        try:
            return self._sent_folder.holding(self._message_id(item) for item in items)
        except (OSError, IMAPClientError):  # unknown is not "absent": settle nothing from the folder
            log.warning("could not search the Sent folder; crash recovery goes without it", exc_info=True)
            self._sent_folder.close()
            return None

    def _file_copies(self, copies: list[bytes]) -> None:
        if self._sent_folder is not None and copies:
            self._sent_folder.file(copies, self._clock.now())

    def _settle_deliveries(self) -> None:
        """Record deliveries as sent, file their copies, then empty the journal, in this order: a crash
        in between leaves the journal naming them, and the restart files the copies that are missing."""
        with self._writing():
            pass
        self._file_copies(self._copies)
        self._copies.clear()
        if self._journal:
            self._journal.clear()

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
        if self._sent_folder is not None:
            self._sent_folder.close()

    # ------------------------------------------------------------ draining

    def drain(self, limit: int = 100) -> DrainReport:
        """Send everything due now, in batches of ``limit``; one SMTP session serves the whole drain."""
        report = DrainReport()
        blocked = False  # after a connection-level failure, leave the rest for the retry timer
        with ThreadPoolExecutor(1, thread_name_prefix="outbox-builder") as builder:
            while not self._stop.is_set() and not blocked:
                due = self._store.outbox.due(limit=limit, now=self._clock.now())
                if not due:
                    break
                for start in range(0, len(due), CLAIM_GROUP):
                    claimed = self._claim_group(due[start : start + CLAIM_GROUP])
                    blocked = self._send_group(claimed, report, builder)
                    if blocked or self._stop.is_set():
                        break
        self._settle_deliveries()  # before waiting: the store and the Sent folder catch up
        self._post_rate()
        return report

    def _claim_group(self, items: tuple[OutboxItem, ...]) -> list[OutboxItem]:
        """queued → sending for a group of items in one store write (with the deliveries before them)."""
        claimed = []
        with self._writing():
            for item in items:
                try:
                    self._store.outbox.claim(item.id)
                except TransitionRefused:  # withdrawn since it was listed as due (a stopped reminder wave)
                    log.info("outbox item %d is not queued any more; not sending it", item.id)
                    continue
                claimed.append(item)
        return claimed

    def _send_group(self, claimed: list[OutboxItem], report: DrainReport, builder: Executor) -> bool:
        """Send the claimed items; True when the SMTP session broke. Items left unsent by a break or a
        stop go back to the queue untouched.

        The next item's message is built in ``builder`` while the current one is being sent: the
        send mostly waits for the server (the socket call releases the GIL), and building a mail with
        a template attached is about as long, so the two overlap instead of adding up. Building is
        side-effect free; a message built for an item that is then not sent is simply dropped.
        """
        upcoming = builder.submit(self._prepare, claimed[0]) if claimed else None
        for index, item in enumerate(claimed):
            current = upcoming
            if self._stop.is_set() or current is None:
                self._put_back(claimed[index:])
                return False
            following = index + 1 < len(claimed)
            upcoming = builder.submit(self._prepare, claimed[index + 1]) if following else None
            if not self._send_one(item, report, current):
                self._put_back(claimed[index + 1 :])
                return True
        return False

    def _put_back(self, items: list[OutboxItem]) -> None:
        with self._writing():
            for item in items:
                self._store.outbox.requeue_unattempted(item.id)

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """One store flush for the block's writes and every delivery not yet recorded as sent."""
        with self._store.batch():
            for item_id in self._delivered:
                self._store.outbox.mark_sent(item_id)
            self._delivered.clear()
            yield

    def _send_one(self, item: OutboxItem, report: DrainReport, built: Future[_Built]) -> bool:
        """Send one item; False when the SMTP session itself is broken (stop this drain)."""
        ready = self._build(item, report, built)
        if ready is None:
            return True
        message, raw = ready
        self._keep_pace()
        if self._journal:
            self._journal.record_attempt(item.id)
        try:
            self._transport.send(message, raw)
        except TransientError as exc:
            self._defer(item, str(exc), report)
            return not isinstance(exc, SmtpSessionError)
        except PermanentSendError as exc:
            self._fail(item, str(exc), report)
            return True
        if self._journal:
            self._journal.record(item.id)  # first thing after "250 accepted": closes the crash window
        self._delivered.append(item.id)
        if self._sent_folder is not None:
            self._copies.append(raw)
            if len(self._copies) >= COPY_BATCH:
                self._settle_deliveries()
        self.rate.record(ok=True)
        report.sent += 1
        return True

    def _keep_pace(self) -> None:
        """Wait until ``smtp.max_messages_per_minute`` allows the next mail (a stop ends the wait)."""
        if self._pace:
            self._stop.wait(max(0.0, self._last_send + self._pace - time.monotonic()))
            self._last_send = time.monotonic()

    def _message(self, item: OutboxItem) -> EmailMessage:
        return build_message(
            item.draft,
            from_address=self._from_address,
            from_name=self.settings.from_name,
            reply_to=self.settings.reply_to,
            date=self._clock.now(),
            load_attachment=self._load_attachment,
        )

    def _prepare(self, item: OutboxItem) -> _Built:
        """The message and its wire bytes (run in the builder thread: reads files, writes nothing)."""
        message = self._message(item)
        return message, _imap_bytes(message)

    def _build(self, item: OutboxItem, report: DrainReport, built: Future[_Built]) -> _Built | None:
        try:
            message, raw = built.result()
        except (ValueError, OSError) as exc:  # a bad draft or a missing attachment file: a bug, not luck
            log.error("outbox item %d cannot be built", item.id, exc_info=True)
            self._fail(item, f"cannot build the message: {type(exc).__name__}", report)
            return None
        if str(message.get("Auto-Submitted", "no")).strip().lower() == "no":
            self._fail(
                item, "refused: an automatic mail without Auto-Submitted could start a mail loop", report
            )
            return None
        return message, raw

    def _load_attachment(self, ref: AttachmentRef) -> bytes:
        data = self._store.blobs.read(ref.sha256) if ref.sha256 else Path(ref.path).read_bytes()
        if not ref.fill_company:
            return data
        try:
            return with_company_name(data, ref.fill_family, ref.fill_company)
        except PrefillError:  # e.g. a buyer's own blank laid out differently: the blank still helps
            log.warning("attaching %s without the company name filled in", ref.filename, exc_info=True)
            return data

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


def _imap_bytes(message: EmailMessage) -> bytes:
    """The message as an IMAP literal wants it: CRLF-terminated lines (RFC 3501; Exchange refuses LF)."""
    return flatten(message)


def _uncertain_notice(item: OutboxItem) -> TriageItem:
    draft = item.draft
    return TriageItem(
        kind=TriageKind.UNCERTAIN_DELIVERY,
        summary=(
            f"A mail to {', '.join(draft.to)} was interrupted twice while the SMTP server was accepting "
            "it. It may have arrived, once or twice; it will not be sent again automatically."
        ),
        subject=draft.subject,
        supplier_id=None if draft.supplier_id is None else str(draft.supplier_id),
        message_key=f"outbox:{item.id}",
        details=(
            "Look for it in the Sent folder and the supplier's thread; send it by hand if it is missing.",
        ),
    )
