"""Copies of sent mail in the Sent folder, and bounded resends after crashes, against real Dovecot and
aiosmtpd: what staff see in the shared mailbox, and what a restart does with a mail it found half-sent.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from email.message import EmailMessage
from pathlib import Path

from imapclient import IMAPClient

from handlers.notices import TriageItem, TriageKind
from handlers.ports import RecordingNotifier
from mail.compose import build_message, message_id_for
from mail.journal import DeliveryJournal
from mail.sender import COPY_BATCH, OutboxSender
from mail.sent_folder import SentFolder
from mail.service import sent_folder_for
from mail.smtp import SmtpMailer
from storage import MailDraft, ManualClock, OutboxState, Store, memory_store
from surveybot.settings import MailboxSettings, Secret, Settings, SmtpSettings
from tests.support.mailservers import SMTP_PASSWORD, SMTP_USER, CollectingHandler, Dovecot, TlsCert

START = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
FROM = "rmi-survey@example.com"
SUPPLIER = "jane.doe@acme-metals.example"


def reply_draft(number: int) -> MailDraft:
    return MailDraft(
        to=(SUPPLIER,),
        subject=f"Re: [RMI 2026-H1] CMRT for mail {number}",
        text=f"Thank you, file {number} was accepted.",
        dedupe_key=f"reply:<mail-{number}@acme-metals.example>",
        headers={"Auto-Submitted": "auto-replied", "In-Reply-To": f"<mail-{number}@acme-metals.example>"},
        supplier_id=7,
    )


class Rig:
    """A store, the SMTP server and one Dovecot mailbox; ``restart`` builds a sender like a new process."""

    def __init__(
        self, dovecot: Dovecot, smtp: CollectingHandler, cert: TlsCert, tmp: Path, sent_folder: str = ""
    ) -> None:
        self.dovecot, self.smtp, self.user = dovecot, smtp, dovecot.add_user()
        self.clock = ManualClock(START)
        self.store: Store = memory_store(self.clock)
        self.notifier = RecordingNotifier()
        self.journal = DeliveryJournal.in_data_dir(tmp)
        self.settings = SmtpSettings(host="127.0.0.1", port=smtp.port, username=SMTP_USER, from_address=FROM)
        self.mailer = SmtpMailer(self.settings, Secret(SMTP_PASSWORD), ssl_context=cert.client_context())
        self.sent_folder_name = sent_folder
        self.sender = self.restart()

    def restart(self) -> OutboxSender:
        self.sent = SentFolder(lambda: self.dovecot.client(self.user), self.sent_folder_name)
        return OutboxSender(
            self.store, self.mailer, self.settings, notifier=self.notifier, clock=self.clock,
            journal=self.journal, sent_folder=self.sent,
        )  # fmt: skip

    def crash_while_sending(self, number: int, *, landed: bool, interruptions: int = 0) -> int:
        """An item left ``sending`` by a crash (``landed``: the server had it, the "250" was never read)."""
        item = self.store.outbox.enqueue(reply_draft(number))
        for _ in range(interruptions):
            self.store.outbox.claim(item.id)
            self.store.outbox.requeue_interrupted(item.id)
        self.store.outbox.claim(item.id)
        self.journal.record_attempt(item.id)  # as the sender does right before handing it over
        if landed:
            self.mailer.send(self.message(number))
        return item.id

    def message(self, number: int) -> EmailMessage:
        return build_message(reply_draft(number), from_address=FROM, date=START)

    def copies(self, folder: str = "Sent") -> list[tuple[EmailMessage, tuple[bytes, ...]]]:
        return [
            (email.message_from_bytes(raw, policy=email.policy.default), flags)  # type: ignore[misc]
            for raw, flags in self.dovecot.folder_messages(self.user, folder)
        ]

    def create_folder(self, name: str) -> None:
        with self.dovecot.client(self.user) as client:
            client.create_folder(name)

    def uncertain_notices(self) -> list[TriageItem]:
        return [
            n
            for n in self.notifier.notices
            if isinstance(n, TriageItem) and n.kind is TriageKind.UNCERTAIN_DELIVERY
        ]

    def close(self) -> None:
        self.sent.close()
        self.mailer.close()


def test_a_sent_reply_is_filed_once_as_read_in_the_folder_the_server_marks_sent(
    dovecot: Dovecot, smtp_server: CollectingHandler, tls_cert: TlsCert, tmp_path: Path
) -> None:
    rig = Rig(dovecot, smtp_server, tls_cert, tmp_path)
    rig.create_folder("Outgoing")  # \Sent by special-use (RFC 6154), a name no heuristic would find
    item = rig.store.outbox.enqueue(reply_draft(1))
    assert rig.sender.drain().sent == 1
    (got,) = smtp_server.messages
    ((copy, flags),) = rig.copies("Outgoing")
    assert got.rcpt_tos == [SUPPLIER] and copy["To"] == SUPPLIER
    assert copy["Message-ID"] == got.message["Message-ID"] == message_id_for(reply_draft(1).dedupe_key, FROM)
    assert copy["In-Reply-To"] == "<mail-1@acme-metals.example>"
    assert copy["Subject"] == "Re: [RMI 2026-H1] CMRT for mail 1"
    assert copy.get_body(("plain",)).get_content().strip() == "Thank you, file 1 was accepted."  # type: ignore[union-attr]
    assert b"\\Seen" in flags  # staff's unread count is for suppliers' mail, not the bot's own
    assert rig.copies("Sent") == []
    assert rig.store.outbox.get(item.id).state is OutboxState.SENT
    rig.close()


def test_a_configured_sent_folder_is_created_and_used_and_gmail_style_servers_get_no_copy(
    dovecot: Dovecot, smtp_server: CollectingHandler, tls_cert: TlsCert, tmp_path: Path
) -> None:
    rig = Rig(dovecot, smtp_server, tls_cert, tmp_path, sent_folder="Survey/Sent replies")
    rig.store.outbox.enqueue(reply_draft(1))
    rig.sender.drain()
    ((copy, _flags),) = rig.copies("Survey/Sent replies")
    assert copy["Message-ID"] == smtp_server.messages[0].message["Message-ID"]
    rig.close()
    mailbox = MailboxSettings(host="imap.gmail.com", username=FROM, save_sent=False)
    assert sent_folder_for(Settings(mailbox=mailbox), lambda: None) is None
    gmail = MailboxSettings(host="imap.gmail.com", username=FROM)  # files submitted mail itself
    assert sent_folder_for(Settings(mailbox=gmail), lambda: None) is None
    assert sent_folder_for(Settings(mailbox=MailboxSettings(host="mx.example")), lambda: None) is not None


def test_a_mail_interrupted_once_is_resent_once_and_filed_once(
    dovecot: Dovecot, smtp_server: CollectingHandler, tls_cert: TlsCert, tmp_path: Path
) -> None:
    rig = Rig(dovecot, smtp_server, tls_cert, tmp_path)
    item_id = rig.crash_while_sending(1, landed=True)
    restarted = rig.restart()
    assert restarted.recover() == 1
    assert restarted.drain().sent == 1
    first, second = smtp_server.messages  # at least once: the server had it, nobody could know
    assert first.message["Message-ID"] == second.message["Message-ID"]
    assert [copy["Message-ID"] for copy, _ in rig.copies()] == [first.message["Message-ID"]]
    stored = rig.store.outbox.get(item_id)
    assert (stored.state, stored.interruptions) == (OutboxState.SENT, 1)
    assert rig.uncertain_notices() == []
    rig.close()


def test_a_mail_interrupted_twice_becomes_uncertain_with_one_notice_and_is_never_sent_again(
    dovecot: Dovecot, smtp_server: CollectingHandler, tls_cert: TlsCert, tmp_path: Path
) -> None:
    rig = Rig(dovecot, smtp_server, tls_cert, tmp_path)
    item_id = rig.crash_while_sending(1, landed=True, interruptions=1)
    for _restart in range(3):  # a process that keeps dying and starting again
        restarted = rig.restart()
        assert restarted.recover() == 0
        assert restarted.drain().sent == 0
    assert len(smtp_server.messages) == 1
    stored = rig.store.outbox.get(item_id)
    assert (stored.state, stored.interruptions) == (OutboxState.UNCERTAIN, 2)
    (notice,) = rig.uncertain_notices()
    assert SUPPLIER in notice.summary and notice.subject == "Re: [RMI 2026-H1] CMRT for mail 1"
    assert (notice.supplier_id, notice.message_key) == ("7", f"outbox:{item_id}")
    assert rig.copies() == []  # no proof of delivery, so no copy
    rig.close()


def test_a_copy_in_the_sent_folder_settles_interrupted_and_uncertain_mail_without_resending(
    dovecot: Dovecot, smtp_server: CollectingHandler, tls_cert: TlsCert, tmp_path: Path
) -> None:
    rig = Rig(dovecot, smtp_server, tls_cert, tmp_path)
    interrupted = rig.crash_while_sending(1, landed=False)
    uncertain = rig.crash_while_sending(2, landed=False)
    rig.store.outbox.mark_uncertain(uncertain, "interrupted twice while sending; not sent again")
    rig.create_folder("Sent")
    for number in (1, 2):  # filed by another instance of the bot before it died, or by staff
        rig.dovecot.append(rig.user, rig.message(number).as_bytes(), folder="Sent")
    restarted = rig.restart()
    assert restarted.recover() == 0
    assert restarted.drain().sent == 0
    assert smtp_server.messages == []
    assert rig.store.outbox.get(interrupted).state is OutboxState.SENT
    assert rig.store.outbox.get(uncertain).state is OutboxState.SENT
    assert len(rig.copies()) == 2 and rig.uncertain_notices() == []
    rig.close()


def test_a_journalled_delivery_gets_its_missing_copy_at_restart_and_is_not_resent(
    dovecot: Dovecot, smtp_server: CollectingHandler, tls_cert: TlsCert, tmp_path: Path
) -> None:
    rig = Rig(dovecot, smtp_server, tls_cert, tmp_path)
    item_id = rig.crash_while_sending(1, landed=True)
    rig.journal.record(item_id)  # "250" read and journalled; killed before "sent" and the copy
    recorded = rig.crash_while_sending(2, landed=True)
    rig.journal.record(recorded)
    rig.store.outbox.mark_sent(recorded)  # ...this one was recorded as sent, its copy not yet filed
    restarted = rig.restart()
    assert restarted.recover() == 0
    assert len(smtp_server.messages) == 2
    filed = {copy["Message-ID"]: flags for copy, flags in rig.copies()}
    assert set(filed) == {got.message["Message-ID"] for got in smtp_server.messages}
    assert all(b"\\Seen" in flags for flags in filed.values())
    assert rig.store.outbox.get(item_id).state is OutboxState.SENT
    rig.journal.record(item_id)  # even if the journal kept the line, a later restart files nothing more
    assert rig.restart().recover() == 0 and len(rig.copies()) == 2
    rig.close()


def test_an_unreachable_imap_server_neither_stops_sending_nor_settles_a_crash(
    smtp_server: CollectingHandler, tls_cert: TlsCert, tmp_path: Path
) -> None:
    attempts: list[str] = []

    def refused() -> IMAPClient:
        attempts.append("connect")
        raise ConnectionRefusedError(111, "Connection refused")

    clock, notifier = ManualClock(START), RecordingNotifier()
    store = memory_store(clock)
    journal = DeliveryJournal.in_data_dir(tmp_path)
    settings = SmtpSettings(host="127.0.0.1", port=smtp_server.port, username=SMTP_USER, from_address=FROM)
    mailer = SmtpMailer(settings, Secret(SMTP_PASSWORD), ssl_context=tls_cert.client_context())
    sender = OutboxSender(
        store, mailer, settings, notifier=notifier, clock=clock, journal=journal,
        sent_folder=SentFolder(refused),
    )  # fmt: skip
    stuck = store.outbox.enqueue(reply_draft(1))
    store.outbox.claim(stuck.id)
    journal.record_attempt(stuck.id)
    delivered = store.outbox.enqueue(reply_draft(3))
    store.outbox.claim(delivered.id)
    journal.record_attempt(delivered.id)
    journal.record(delivered.id)
    assert sender.recover() == 1  # recovery goes on without the folder: resent once, as without it
    assert store.outbox.get(delivered.id).state is OutboxState.SENT  # the journal alone settles it
    assert attempts == ["connect"]  # no filing after a failed search: it could only add a second copy
    store.outbox.enqueue(reply_draft(2))
    assert sender.drain().sent == 2
    assert [got.rcpt_tos for got in smtp_server.messages] == [[SUPPLIER], [SUPPLIER]]
    assert [store.outbox.get(i).state for i in (stuck.id, delivered.id)] == [OutboxState.SENT] * 2
    mailer.close()


def test_a_long_drain_files_every_copy_once_group_by_group(
    dovecot: Dovecot, smtp_server: CollectingHandler, tls_cert: TlsCert, tmp_path: Path
) -> None:
    rig = Rig(dovecot, smtp_server, tls_cert, tmp_path)
    count = 2 * COPY_BATCH + 7  # two full groups and a remainder filed at the end of the drain
    for number in range(count):
        rig.store.outbox.enqueue(reply_draft(number))
    assert rig.sender.drain().sent == count
    sent = sorted(str(got.message["Message-ID"]) for got in smtp_server.messages)
    assert sorted(str(copy["Message-ID"]) for copy, _ in rig.copies()) == sent
    assert len(set(sent)) == count and rig.journal.delivered() == set()
    rig.close()
