"""The mailbox watcher: a loop that never dies, never loses a mail and never handles one twice.

How it works, in the order a mail meets it:

1. On every (re)connect and after every wake-up it SELECTs the inbox and UID SEARCHes every message
   still there (the catch-up search). IDLE, or the poll timer when the server has no IDLE, is only a
   hint to look again; the search is the truth, so a missed push costs latency, never a mail.
2. Each message is known by ``"<UIDVALIDITY>:<UID>"``. When the store already holds an outcome for that
   key (a crash hit after the outcome was recorded but before the move), the mail is only moved.
3. Otherwise the mail is fetched with ``BODY.PEEK[]``, the attempt is counted in the store *before*
   the handler runs, and the handler (``mail.pipeline``: parse → route table) records the outcome.
   Then the mail moves to ``Processed``. A mail whose handling raised, or that killed the process
   mid-way, is retried; after ``max_attempts`` it moves to ``Quarantine`` and staff get one triage
   notice (the quarantine is recorded before the notice, so a crash can lose the notice but never
   send two).
4. A UIDVALIDITY change makes every key new; the route table's Message-ID dedupe then recognises
   mail that was already handled, so nothing is re-answered.

With ``prefetch`` (``mail.lookahead``) the next few mails are fetched early and handed to worker
processes, so parsing and checking them overlaps with handling the current one.

Errors: each mail has its own boundary (logged with ``exc_info`` and an incident id, the loop goes
on). Socket and protocol errors end the connection; the loop reconnects after an exponential backoff
with jitter. A heartbeat records the end of every successful cycle (and every 30 s of a long one).

Wiring: ``mail.service.MailService`` builds the watcher for ``surveybot run`` (its own thread and
IMAP connection, the sender woken after each handled mail, the heartbeat in the data directory)::

    watcher = Watcher(ImapConnector(settings.mailbox, env), InboundPipeline(store, route, parse),
                      StoreMailLedger(store), settings.mailbox, notifier=notifier, clock=clock,
                      on_handled=sender.wake, heartbeat=HeartbeatFile.in_data_dir(data_dir))
    watcher.start()   ...   watcher.stop()
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import uuid
from collections.abc import Callable
from typing import Protocol

from imapclient import IMAPClient

from handlers.notices import TriageItem, TriageKind
from handlers.ports import Clock, Notifier
from mail.backoff import Backoff
from mail.heartbeat import HeartbeatFile
from mail.imap import FolderState, Mailbox
from rmi.intake.vocabulary import megabytes
from storage import imap_key
from surveybot.settings import MailboxSettings

log = logging.getLogger(__name__)

# base64 makes an attachment ~4/3 larger; a mail larger than this is quarantined unread, not loaded.
_SIZE_FACTOR = 2
_BEAT_DURING_CYCLE = dt.timedelta(seconds=30)


class MailLedger(Protocol):
    """What the watcher needs from the store, keyed by ``"<UIDVALIDITY>:<UID>"``."""

    def mail_outcome(self, key: str) -> str | None:
        """The recorded outcome of this mail, or None while it is not handled."""
        ...

    def mail_attempts(self, key: str) -> int: ...

    def note_mail_attempt(self, key: str) -> int:
        """Count one more attempt (durably, before the attempt runs) and return the new count."""
        ...

    def record_quarantined(self, key: str, reason: str) -> None: ...


class MailHandler(Protocol):
    def __call__(self, raw: bytes, key: str) -> str:
        """Handle one mail completely (outcome recorded in the store); return the outcome's name."""
        ...


QUARANTINED = "quarantined"  # the outcome ``MailLedger.mail_outcome`` reports for quarantined mail


class Watcher:
    """Watches one mailbox folder in its own thread (see module docstring)."""

    def __init__(
        self,
        connect: Callable[[], IMAPClient],
        handle: MailHandler,
        ledger: MailLedger,
        settings: MailboxSettings,
        *,
        notifier: Notifier,
        clock: Clock,
        on_handled: Callable[[], None] | None = None,
        heartbeat: HeartbeatFile | None = None,
        backoff: Backoff | None = None,
        idle_slice_seconds: float = 0.5,
        prefetch: Callable[[bytes, str], None] | None = None,
        prefetch_window: int = 4,
    ) -> None:
        self._connect = connect
        self._handle = handle
        self._ledger = ledger
        self.settings = settings
        self._notifier = notifier
        self._clock = clock
        self._on_handled = on_handled or (lambda: None)
        self._heartbeat_file = heartbeat
        self._backoff = backoff or Backoff(base=1.0, cap=300.0)
        self._idle_slice = idle_slice_seconds
        self._prefetch = prefetch
        self._window = prefetch_window if prefetch is not None else 0
        self._fetched: dict[int, bytes | None] = {}  # look-ahead: mails fetched before their turn
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.heartbeat: dt.datetime | None = None
        self.connections = 0  # successful logins, for status and tests of the reconnect path

    # ------------------------------------------------------------ lifecycle

    def start(self) -> threading.Thread:
        self._thread = threading.Thread(target=self.run, name="imap-watcher", daemon=True)
        self._thread.start()
        return self._thread

    def stop(self, timeout: float = 30.0) -> None:
        """Ask the loop to finish the current mail and leave; waits for the thread when it was started."""
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def run(self) -> None:
        """Connect, watch, reconnect after any failure; returns only after ``stop()``."""
        while not self._stop.is_set():
            mailbox: Mailbox | None = None
            try:
                mailbox = Mailbox(self._connect())
                self.connections += 1
                self._watch(mailbox)
            except Exception as exc:
                delay = self._backoff.next_delay()
                incident = uuid.uuid4().hex[:8]
                log.warning(
                    "mailbox connection failed (%s, ref %s); reconnecting in %.1f s",
                    type(exc).__name__, incident, delay, exc_info=True,
                )  # fmt: skip
                self._stop.wait(delay)
            finally:
                if mailbox is not None:
                    mailbox.close()

    def _watch(self, mailbox: Mailbox) -> None:
        while not self._stop.is_set():
            self.run_until_quiet(mailbox)
            if self._stop.is_set():
                return
            if mailbox.can_idle:
                mailbox.wait_for_mail(self.settings.idle_seconds, self._stop, self._idle_slice)
            else:
                self._stop.wait(self.settings.poll_seconds)

    # ------------------------------------------------------------ one cycle

    def run_until_quiet(self, mailbox: Mailbox) -> int:
        """Cycle until a scan finds nothing the previous one did not; returns how many were looked at.

        A mail that arrives while we handle another is announced (``* n EXISTS``) in the answer to one
        of our own FETCH or MOVE commands, where nobody reads it; the server then has nothing new to
        say when IDLE starts, and the mail would wait for the IDLE renewal (minutes). Scanning again
        until nothing new appears closes that window. The rescan settles only the newcomers: a mail
        left behind for its retry is tried again on the next wake, not at once, and never spins.
        """
        looked_at, previous = 0, frozenset[int]()
        while not self._stop.is_set():
            state = mailbox.scan(self.settings.inbox_folder)
            fresh = tuple(uid for uid in state.uids if uid not in previous)
            if previous and not fresh:
                break
            looked_at += self._settle_all(mailbox, FolderState(state.uidvalidity, fresh))
            if not fresh:
                break
            previous = frozenset(state.uids)
        return looked_at

    def run_cycle(self, mailbox: Mailbox) -> int:
        """Settle every message in the inbox; returns how many were looked at. IMAP errors propagate."""
        return self._settle_all(mailbox, mailbox.scan(self.settings.inbox_folder))

    def _settle_all(self, mailbox: Mailbox, state: FolderState) -> int:
        sizes = mailbox.sizes(state.uids)
        self._fetched.clear()
        for index, uid in enumerate(state.uids):
            if self._stop.is_set():
                break
            self._look_ahead(mailbox, state, state.uids[index + 1 : index + 1 + self._window], sizes)
            self._settle(mailbox, uid, imap_key(state.uidvalidity, uid), sizes.get(uid, 0))
            if self._beat_due():  # a long backlog must not look like a dead watcher
                self._beat()
        self._fetched.clear()
        self._beat()
        return len(state.uids)

    def _beat_due(self) -> bool:
        last = self.heartbeat
        return last is None or self._clock.now() - last > _BEAT_DURING_CYCLE

    def _look_ahead(
        self, mailbox: Mailbox, state: FolderState, uids: tuple[int, ...], sizes: dict[int, int]
    ) -> None:
        """Fetch the next mails early and hand them to ``prefetch`` (see ``mail.lookahead``)."""
        for uid in uids:
            if uid in self._fetched or self._prefetch is None:
                continue
            key = imap_key(state.uidvalidity, uid)
            if not self._needs_handling(key, sizes.get(uid, 0)):
                self._fetched[uid] = None
                continue
            raw = self._fetched[uid] = mailbox.fetch_raw(uid)
            if raw is not None:
                self._prefetch(raw, key)

    def _needs_handling(self, key: str, size: int) -> bool:
        return (
            self._ledger.mail_outcome(key) is None
            and self._ledger.mail_attempts(key) < self.settings.max_attempts
            and not self._too_large(size)
        )

    def _too_large(self, size: int) -> bool:
        return size > self.settings.max_attachment_mb * 1024 * 1024 * _SIZE_FACTOR

    def _beat(self) -> None:
        self.heartbeat = self._clock.now()
        self._backoff.reset()
        if self._heartbeat_file is not None:
            self._heartbeat_file.beat(self.heartbeat)

    def _settle(self, mailbox: Mailbox, uid: int, key: str, size: int) -> None:
        outcome = self._ledger.mail_outcome(key)
        if outcome is not None:  # handled before a crash or a lost connection; only the move is missing
            mailbox.move(uid, self._folder_for(outcome))
            return
        attempts = self._ledger.mail_attempts(key)
        if attempts >= self.settings.max_attempts:
            self._quarantine(mailbox, uid, key, f"handling failed or was interrupted {attempts} times")
            return
        if self._too_large(size):
            limit = self.settings.max_attachment_mb * _SIZE_FACTOR
            self._quarantine(
                mailbox,
                uid,
                key,
                f"the mail is {megabytes(size)} MB, too large to read (the limit is {limit} MB)",
            )
            return
        raw = self._fetched.pop(uid, None) or mailbox.fetch_raw(uid)
        if raw is None:
            return  # gone (a person moved it); nothing to do
        attempts = self._ledger.note_mail_attempt(key)
        if self._handle_safely(raw, key, attempts):
            mailbox.move(uid, self.settings.processed_folder)
            self._on_handled()
        elif attempts >= self.settings.max_attempts:
            self._quarantine(mailbox, uid, key, f"handling failed {attempts} times")

    def _handle_safely(self, raw: bytes, key: str, attempt: int) -> bool:
        """The per-mail error boundary: a failing mail is logged and left for a later attempt."""
        try:
            outcome = self._handle(raw, key)
        except Exception:
            incident = uuid.uuid4().hex[:8]
            log.error(
                "handling mail %s failed (attempt %d of %d, ref %s)",
                key, attempt, self.settings.max_attempts, incident, exc_info=True,
            )  # fmt: skip
            return False
        log.info("mail %s handled: %s", key, outcome)
        return True

    def _folder_for(self, outcome: str) -> str:
        return self.settings.quarantine_folder if outcome == QUARANTINED else self.settings.processed_folder

    def _quarantine(self, mailbox: Mailbox, uid: int, key: str, reason: str) -> None:
        sender, subject = mailbox.fetch_summary(uid)
        self._ledger.record_quarantined(key, reason)
        self._notifier.post(
            TriageItem(
                kind=TriageKind.QUARANTINED,
                summary=f"A mail was set aside in {self.settings.quarantine_folder}: {reason}.",
                sender=sender,
                subject=subject,
                message_key=key,
            )
        )
        mailbox.move(uid, self.settings.quarantine_folder)
        log.warning("mail %s quarantined: %s", key, reason)
