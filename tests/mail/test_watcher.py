"""The mailbox watcher against a real Dovecot: pickup, moves, reconnects, poison mail, no \\Seen.

The handler here is a small recording port that writes the outcome to the real store, so each test
isolates one watcher behaviour; tests/mail/test_kill.py and test_loop.py run the real route table.
"""

from __future__ import annotations

import dataclasses
import email
import email.policy
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from handlers.notices import TriageItem, TriageKind
from handlers.ports import RecordingNotifier
from mail.backoff import Backoff
from mail.heartbeat import HeartbeatFile
from mail.imap import ImapConnector, Mailbox
from mail.ledger import StoreMailLedger
from mail.watcher import MailHandler, Watcher
from rmi.intake.vocabulary import megabytes
from storage import KeyKind, Store, SystemClock, memory_store
from surveybot.settings import MailboxSettings
from tests.support.mailservers import DOVEADM, PASSWORD, Dovecot, supplier_mail, wait_until

ENV = {"SURVEYBOT_IMAP_PASSWORD": PASSWORD}


class SimulatedCrash(BaseException):
    """Stands for the process dying mid-mail (like SIGKILL, nothing below the watcher catches it)."""


class RecordingHandler:
    """A handler port: records each call and the outcome in the store; can fail on chosen subjects."""

    def __init__(self, store: Store, fail_on: str = "", crash_on: str = "") -> None:
        self.store = store
        self.fail_on, self.crash_on = fail_on, crash_on
        self.calls: list[tuple[str, str]] = []

    def __call__(self, raw: bytes, key: str) -> str:
        message = email.message_from_bytes(raw, policy=email.policy.default)
        subject = str(message["Subject"])
        self.calls.append((key, subject))
        if self.crash_on and self.crash_on in subject:
            raise SimulatedCrash
        if self.fail_on and self.fail_on in subject:
            raise ValueError("this mail trips a bug")
        self.store.dedupe.mark(KeyKind.IMAP_UID, key)
        return "recorded"

    def subjects(self) -> list[str]:
        return [subject for _key, subject in self.calls]


class Rig:
    def __init__(self, server: Dovecot, user: str, **overrides: object) -> None:
        self.server, self.user = server, user
        self.store = memory_store()
        self.notifier = RecordingNotifier()
        base = MailboxSettings(
            host="127.0.0.1", port=server.port, security="plain", username=user,
            idle_seconds=30, poll_seconds=1, max_attempts=3,
        )  # fmt: skip
        self.settings = dataclasses.replace(base, **overrides)  # type: ignore[arg-type]
        self.handler = RecordingHandler(self.store)
        self.watchers: list[Watcher] = []

    def watcher(self, heartbeat: HeartbeatFile | None = None, handler: MailHandler | None = None) -> Watcher:
        watcher = Watcher(
            ImapConnector(self.settings, ENV), handler or self.handler, StoreMailLedger(self.store),
            self.settings,
            notifier=self.notifier, clock=SystemClock(), heartbeat=heartbeat,
            backoff=Backoff(base=0.05, cap=0.5), idle_slice_seconds=0.2,
        )  # fmt: skip
        self.watchers.append(watcher)
        return watcher

    def running(self) -> Watcher:
        watcher = self.watcher()
        self.thread = watcher.start()
        wait_until(lambda: watcher.heartbeat is not None, what="the first cycle")
        return watcher

    def mailbox(self) -> Mailbox:
        return Mailbox(self.server.client(self.user))

    def folder(self, name: str) -> list[int]:
        return self.server.folder_uids(self.user, name)

    def stop(self) -> None:
        for watcher in self.watchers:
            watcher.stop()


@pytest.fixture
def rig(dovecot: Dovecot, mailbox_user: str) -> Iterator[Rig]:
    made = Rig(dovecot, mailbox_user)
    yield made
    made.stop()


def test_new_mail_wakes_the_watcher_and_lands_in_a_newly_created_processed_folder(rig: Rig) -> None:
    assert not rig.server.client(rig.user).folder_exists("Processed")
    rig.running()
    started = time.monotonic()
    rig.server.append(rig.user, supplier_mail(1))
    wait_until(lambda: len(rig.folder("Processed")) == 1, what="the mail in Processed")
    assert time.monotonic() - started < 5  # IDLE push, not the 30 s IDLE renewal
    assert rig.folder("INBOX") == []
    assert rig.handler.subjects() == ["CMRT for mail 1"]


def test_mail_waiting_before_start_is_found_by_the_catch_up_search(rig: Rig) -> None:
    rig.server.append(rig.user, [supplier_mail(n) for n in (1, 2, 3)])
    rig.watcher().run_cycle(rig.mailbox())
    assert rig.handler.subjects() == ["CMRT for mail 1", "CMRT for mail 2", "CMRT for mail 3"]
    assert len(rig.folder("Processed")) == 3


def test_mail_that_arrives_while_another_is_handled_is_handled_before_the_watcher_idles(rig: Rig) -> None:
    """Its EXISTS comes back inside our own MOVE answer, so IDLE alone would sit on it for minutes."""

    def append_the_next_one(raw: bytes, key: str) -> str:
        if len(rig.handler.calls) == 0:
            rig.server.append(rig.user, supplier_mail(2))
        return rig.handler(raw, key)

    rig.server.append(rig.user, supplier_mail(1))
    looked_at = rig.watcher(handler=append_the_next_one).run_until_quiet(rig.mailbox())
    assert rig.handler.subjects() == ["CMRT for mail 1", "CMRT for mail 2"]
    assert looked_at == 2 and len(rig.folder("Processed")) == 2 and rig.folder("INBOX") == []


def test_a_mail_left_for_its_retry_does_not_keep_the_watcher_scanning(rig: Rig) -> None:
    rig.handler.fail_on = "mail 1"
    rig.server.append(rig.user, supplier_mail(1))
    assert rig.watcher().run_until_quiet(rig.mailbox()) == 1  # the rescan finds nothing new to try
    assert rig.handler.subjects() == ["CMRT for mail 1"] and len(rig.folder("INBOX")) == 1


def test_reading_and_moving_mail_never_marks_it_seen(rig: Rig) -> None:
    rig.server.append(rig.user, supplier_mail(1))
    rig.watcher().run_cycle(rig.mailbox())
    ((_raw, flags),) = rig.server.folder_messages(rig.user, "Processed")
    assert b"\\Seen" not in flags


def test_the_watcher_reconnects_after_the_server_drops_the_connection(rig: Rig) -> None:
    watcher = rig.running()
    rig.server.kick(rig.user)
    rig.server.append(rig.user, supplier_mail(1))
    wait_until(lambda: len(rig.folder("Processed")) == 1, what="the mail after the kick")
    assert watcher.connections >= 2


def test_the_watcher_survives_a_dovecot_restart() -> None:
    server = Dovecot()
    server.start()
    rig = Rig(server, server.add_user())
    try:
        watcher = rig.running()
        server.restart()
        server.append(rig.user, supplier_mail(1))
        wait_until(lambda: len(rig.folder("Processed")) == 1, timeout=15, what="the mail after the restart")
        assert watcher.connections >= 2
    finally:
        rig.stop()
        server.cleanup()


def test_poison_mail_is_quarantined_after_max_attempts_with_exactly_one_notice(rig: Rig) -> None:
    rig.handler.fail_on = "poison"
    rig.server.append(rig.user, [supplier_mail(1, subject="poison"), supplier_mail(2)])
    watcher = rig.watcher()
    for _ in range(5):
        watcher.run_cycle(rig.mailbox())
    assert rig.handler.subjects().count("poison") == 3
    assert rig.handler.subjects().count("CMRT for mail 2") == 1  # the good mail was not held up
    assert len(rig.folder("Quarantine")) == 1 and len(rig.folder("Processed")) == 1
    (notice,) = rig.notifier.notices
    assert isinstance(notice, TriageItem) and notice.kind is TriageKind.QUARANTINED
    assert notice.subject == "poison" and notice.sender == "jane.doe@acme-metals.example"


def test_a_mail_that_crashes_the_process_is_quarantined_instead_of_crash_looping(rig: Rig) -> None:
    rig.handler.crash_on = "killer"
    rig.server.append(rig.user, supplier_mail(1, subject="killer"))
    for _restart in range(3):
        with pytest.raises(SimulatedCrash):
            rig.watcher().run_cycle(rig.mailbox())
    rig.watcher().run_cycle(rig.mailbox())  # the fourth start sets it aside without touching it
    assert rig.handler.subjects() == ["killer"] * 3
    assert len(rig.folder("Quarantine")) == 1
    assert len(rig.notifier.notices) == 1


def test_a_mail_handled_before_a_crash_is_only_moved_after_restart(rig: Rig) -> None:
    rig.server.append(rig.user, supplier_mail(1))
    mailbox = rig.mailbox()
    state = mailbox.scan("INBOX")
    raw = mailbox.fetch_raw(state.uids[0])
    assert raw is not None
    rig.handler(raw, f"{state.uidvalidity}:{state.uids[0]}")  # outcome recorded, then the crash
    rig.watcher().run_cycle(rig.mailbox())
    assert len(rig.handler.calls) == 1
    assert len(rig.folder("Processed")) == 1


def test_a_uidvalidity_change_does_not_make_old_mail_new(rig: Rig) -> None:
    """Handled mail left in the inbox keeps its Message-ID; a new UIDVALIDITY does not re-handle it."""
    rig.server.append(rig.user, supplier_mail(1))
    seen_ids: set[str] = set()

    def dedupe_by_message_id(raw: bytes, key: str) -> str:
        message_id = str(email.message_from_bytes(raw, policy=email.policy.default)["Message-ID"])
        if message_id in seen_ids:
            rig.store.dedupe.mark(KeyKind.IMAP_UID, key)
            return "duplicate"
        seen_ids.add(message_id)
        return rig.handler(raw, key)

    mailbox = rig.mailbox()
    before = mailbox.scan("INBOX")
    raw = mailbox.fetch_raw(before.uids[0])
    assert raw is not None
    dedupe_by_message_id(raw, f"{before.uidvalidity}:{before.uids[0]}")  # handled, move never happened
    mailbox.close()
    done = subprocess.run(
        [DOVEADM, "-c", str(rig.server.conf), "mailbox", "update", "-u", rig.user,
         "--uid-validity", str(before.uidvalidity + 1000), "INBOX"],
        capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    watcher = rig.watcher(handler=dedupe_by_message_id)
    after = rig.mailbox()
    assert after.scan("INBOX").uidvalidity == before.uidvalidity + 1000
    watcher.run_cycle(after)
    assert len(rig.handler.calls) == 1
    assert len(rig.folder("Processed")) == 1


def test_a_server_without_idle_or_move_is_polled_and_mail_moved_by_copy_and_expunge(
    legacy_dovecot: Dovecot,
) -> None:
    rig = Rig(legacy_dovecot, legacy_dovecot.add_user(), poll_seconds=1)
    try:
        probe = rig.mailbox()
        assert not probe.can_idle and not probe.client.has_capability("MOVE")
        probe.close()
        rig.running()
        rig.server.append(rig.user, supplier_mail(1))
        wait_until(lambda: len(rig.folder("Processed")) == 1, what="the polled mail in Processed")
        assert rig.folder("INBOX") == []  # the original was expunged, not just flagged
    finally:
        rig.stop()


def test_stop_ends_the_watcher_promptly_even_while_idling(rig: Rig) -> None:
    watcher = rig.running()
    started = time.monotonic()
    watcher.stop()
    assert time.monotonic() - started < 3
    assert not rig.thread.is_alive()


def test_every_successful_cycle_writes_the_heartbeat(rig: Rig, tmp_path: Path) -> None:
    heartbeat = HeartbeatFile.in_data_dir(tmp_path)
    assert heartbeat.last() is None
    watcher = rig.watcher(heartbeat)
    watcher.run_cycle(rig.mailbox())
    assert heartbeat.last() == watcher.heartbeat


def test_an_oversized_mail_is_quarantined_without_being_loaded(rig: Rig) -> None:
    rig.settings = dataclasses.replace(rig.settings, max_attachment_mb=1)
    big = supplier_mail(1, attachment=("huge.xlsx", b"\0" * (2 * 1024 * 1024)))
    rig.server.append(rig.user, big)
    rig.watcher().run_cycle(rig.mailbox())
    assert rig.handler.calls == []
    assert len(rig.folder("Quarantine")) == 1
    (notice,) = rig.notifier.notices
    assert isinstance(notice, TriageItem)
    size = megabytes(len(big.replace(b"\n", b"\r\n")))  # the server stores CRLF lines
    assert f"the mail is {size} MB, too large to read (the limit is 2 MB)" in notice.summary
