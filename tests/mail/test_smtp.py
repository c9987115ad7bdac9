"""Sending the outbox over real SMTP (aiosmtpd on 127.0.0.1): TLS modes, AUTH, retries, failures, reuse."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from handlers.notices import DeliveryProblems
from handlers.ports import RecordingNotifier
from mail.compose import build_message, message_id_for
from mail.journal import DeliveryJournal
from mail.sender import OutboxSender
from mail.smtp import SmtpMailer, SmtpSessionError
from storage import MailDraft, ManualClock, OutboxState, Store, memory_store
from surveybot.settings import Secret, SmtpSettings
from tests.support.mailservers import (
    SMTP_PASSWORD,
    SMTP_USER,
    CollectingHandler,
    SmtpServer,
    TlsCert,
    free_port,
)

START = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
FROM = "rmi-survey@example.com"


def smtp_settings(server: CollectingHandler, security: str = "starttls", **extra: object) -> SmtpSettings:
    return SmtpSettings(
        host="127.0.0.1", port=server.port, security=security, username=SMTP_USER,  # type: ignore[arg-type]
        from_address=FROM, max_retries=extra.pop("max_retries", 6), **extra,  # type: ignore[arg-type]
    )  # fmt: skip


def reply_draft(number: int) -> MailDraft:
    return MailDraft(
        to=(f"supplier{number}@acme-metals.example",),
        subject=f"Re: [RMI] CMRT for mail {number}",
        text=f"Thank you, file {number} was accepted.",
        dedupe_key=f"reply:<mail-{number}@acme-metals.example>",
        headers={"Auto-Submitted": "auto-replied", "In-Reply-To": f"<mail-{number}@acme-metals.example>"},
    )


class Rig:
    def __init__(self, server: CollectingHandler, cert: TlsCert, security: str = "starttls") -> None:
        self.clock = ManualClock(START)
        self.store: Store = memory_store(self.clock)
        self.notifier = RecordingNotifier()
        self.settings = smtp_settings(server, security)
        self.mailer = SmtpMailer(self.settings, Secret(SMTP_PASSWORD), ssl_context=cert.client_context())
        self.sender = OutboxSender(
            self.store, self.mailer, self.settings, notifier=self.notifier, clock=self.clock
        )

    def enqueue(self, *numbers: int) -> list[int]:
        return [self.store.outbox.enqueue(reply_draft(n)).id for n in numbers]

    def state(self, item_id: int) -> OutboxState:
        return self.store.outbox.get(item_id).state


def test_a_reply_goes_out_over_starttls_with_auth_and_loop_protection(
    smtp_server: CollectingHandler, tls_cert: TlsCert
) -> None:
    rig = Rig(smtp_server, tls_cert)
    (item_id,) = rig.enqueue(1)
    assert rig.sender.drain().sent == 1
    (got,) = smtp_server.messages
    assert got.rcpt_tos == ["supplier1@acme-metals.example"]
    assert got.message["Auto-Submitted"] == "auto-replied"
    assert got.message["In-Reply-To"] == "<mail-1@acme-metals.example>"
    assert got.message["Message-ID"] == message_id_for(reply_draft(1).dedupe_key, FROM)
    assert rig.state(item_id) is OutboxState.SENT
    rig.mailer.close()


def test_a_reply_goes_out_over_implicit_tls(smtps_server: CollectingHandler, tls_cert: TlsCert) -> None:
    rig = Rig(smtps_server, tls_cert, security="ssl")
    rig.enqueue(1)
    assert rig.sender.drain().sent == 1
    assert smtps_server.messages[0].message["Auto-Submitted"] == "auto-replied"
    rig.mailer.close()


def test_auth_is_never_sent_over_an_unencrypted_session(
    smtp_server: CollectingHandler, tls_cert: TlsCert
) -> None:
    settings = smtp_settings(smtp_server, "plain")
    mailer = SmtpMailer(settings, Secret(SMTP_PASSWORD))
    with pytest.raises(SmtpSessionError, match="cannot open an SMTP session"):
        mailer.send(build_message(reply_draft(1), from_address=FROM, date=START))
    assert smtp_server.messages == []


def test_lines_that_start_with_a_dot_arrive_as_they_were_written(
    smtp_server: CollectingHandler, tls_cert: TlsCert
) -> None:
    # A lone "." ends DATA: the client must double a leading dot and the server strip it again.
    rig = Rig(smtp_server, tls_cert)
    text = ".\n..\n.hidden line\nend.\n. \n"
    draft = reply_draft(1)
    rig.store.outbox.enqueue(
        MailDraft(to=draft.to, subject=draft.subject, text=text, dedupe_key="dots", headers=draft.headers)
    )
    assert rig.sender.drain().sent == 1
    (got,) = smtp_server.messages
    body = got.message.get_body(("plain",))
    assert body is not None and body.get_content().replace("\r\n", "\n") == text
    rig.mailer.close()


def test_one_connection_serves_a_whole_batch(smtp_server: CollectingHandler, tls_cert: TlsCert) -> None:
    rig = Rig(smtp_server, tls_cert)
    rig.enqueue(*range(1, 9))
    assert rig.sender.drain().sent == 8
    assert rig.mailer.connections_opened == 1
    assert len({got.peer for got in smtp_server.messages}) == 1  # every message came over the same socket
    rig.mailer.close()


def test_a_4xx_reply_is_retried_later_and_then_delivered_once(
    smtp_server: CollectingHandler, tls_cert: TlsCert
) -> None:
    rig = Rig(smtp_server, tls_cert)
    smtp_server.scripted.append("451 4.3.0 Mailbox busy, try again later")
    (item_id,) = rig.enqueue(1)

    assert rig.sender.drain().deferred == 1
    item = rig.store.outbox.get(item_id)
    assert item.state is OutboxState.QUEUED and item.retries == 1 and "451" in item.reason
    assert item.next_attempt_at > START  # backoff: not retried in a tight loop
    assert rig.sender.drain().sent == 0

    rig.clock.set(item.next_attempt_at)
    assert rig.sender.drain().sent == 1
    assert len(smtp_server.messages) == 1
    assert rig.state(item_id) is OutboxState.SENT
    rig.mailer.close()


def test_a_5xx_reply_fails_the_mail_with_the_servers_reason(
    smtp_server: CollectingHandler, tls_cert: TlsCert
) -> None:
    rig = Rig(smtp_server, tls_cert)
    smtp_server.scripted.append("554 5.7.1 Message rejected as spam")
    first, second = rig.enqueue(1, 2)
    report = rig.sender.drain()
    assert (report.sent, report.failed) == (1, 1)
    failed = rig.store.outbox.get(first)
    assert failed.state is OutboxState.FAILED and "554" in failed.reason and "spam" in failed.reason
    assert rig.state(second) is OutboxState.SENT
    rig.mailer.close()


def test_retries_stop_after_the_configured_number_of_attempts(
    smtp_server: CollectingHandler, tls_cert: TlsCert
) -> None:
    rig = Rig(smtp_server, tls_cert)
    rig.sender.settings = smtp_settings(smtp_server, max_retries=3)
    smtp_server.scripted.extend(["421 4.7.0 Too busy"] * 3)
    (item_id,) = rig.enqueue(1)
    for _ in range(3):
        rig.sender.drain()
        rig.clock.advance(dt.timedelta(hours=3))
    item = rig.store.outbox.get(item_id)
    assert item.state is OutboxState.FAILED and "gave up after 3 attempts" in item.reason
    assert smtp_server.messages == []
    rig.mailer.close()


def test_staff_get_one_delivery_notice_per_period_not_one_per_mail(
    smtp_server: CollectingHandler, tls_cert: TlsCert
) -> None:
    rig = Rig(smtp_server, tls_cert)
    smtp_server.scripted.extend(["550 5.1.1 No such user"] * 3)
    rig.enqueue(1, 2, 3, 4)
    rig.sender.drain()
    rig.enqueue(5)
    smtp_server.scripted.append("550 5.1.1 No such user")
    rig.sender.drain()
    (notice,) = rig.notifier.notices
    assert isinstance(notice, DeliveryProblems)
    assert (notice.failed, notice.attempted) == (3, 4)
    assert any("550" in reason for reason in notice.sample_reasons)

    rig.clock.advance(dt.timedelta(hours=1, minutes=1))
    rig.sender.drain()  # the next period reports what happened since the last notice
    assert [type(n) for n in rig.notifier.notices] == [DeliveryProblems, DeliveryProblems]
    assert rig.notifier.notices[1] == DeliveryProblems(1, 1, ("550 5.1.1 No such user",))
    rig.mailer.close()


def test_an_unreachable_server_defers_the_mail_without_hammering(tls_cert: TlsCert) -> None:
    clock = ManualClock(START)
    store = memory_store(clock)
    down = CollectingHandler(port=free_port())  # nothing listens there
    settings = smtp_settings(down)
    sender = OutboxSender(
        store,
        SmtpMailer(settings, Secret(SMTP_PASSWORD)),
        settings,
        notifier=RecordingNotifier(),
        clock=clock,
    )
    ids = [store.outbox.enqueue(reply_draft(n)).id for n in (1, 2, 3)]
    report = sender.drain()
    assert (report.deferred, report.sent) == (1, 0)  # the first failure stops the drain
    assert [store.outbox.get(i).state for i in ids] == [OutboxState.QUEUED] * 3
    assert (
        store.outbox.get(ids[0]).retries == 1
        and "cannot open an SMTP session" in store.outbox.get(ids[0]).reason
    )


def test_a_mail_interrupted_while_sending_is_resent_as_the_same_message(
    smtp_server: CollectingHandler, tls_cert: TlsCert
) -> None:
    """The documented crash window: accepted by the server, process killed before ``mark_sent``."""
    rig = Rig(smtp_server, tls_cert)
    (item_id,) = rig.enqueue(1)
    item = rig.store.outbox.claim(item_id)
    rig.mailer.send(build_message(item.draft, from_address=FROM, date=START))  # ...and then the crash

    restarted = OutboxSender(rig.store, rig.mailer, rig.settings, notifier=rig.notifier, clock=rig.clock)
    assert restarted.recover() == 1
    assert restarted.drain().sent == 1
    first, second = smtp_server.messages
    assert first.message["Message-ID"] == second.message["Message-ID"]
    assert rig.state(item_id) is OutboxState.SENT
    rig.mailer.close()


def test_a_mail_accepted_just_before_a_crash_is_recorded_as_sent_not_resent(
    smtp_server: CollectingHandler, tls_cert: TlsCert, tmp_path: Path
) -> None:
    """The delivery journal closes the window: "250 accepted" is noted before the store catches up."""
    rig = Rig(smtp_server, tls_cert)
    journal = DeliveryJournal.in_data_dir(tmp_path)
    first, second = rig.enqueue(1, 2)
    for item_id in (first, second):
        item = rig.store.outbox.claim(item_id)
        journal.record_attempt(item_id)  # as the sender does right before handing a mail over
        rig.mailer.send(build_message(item.draft, from_address=FROM, date=START))
    journal.record(first)  # the process died before journalling the second one

    restarted = OutboxSender(
        rig.store, rig.mailer, rig.settings, notifier=rig.notifier, clock=rig.clock, journal=journal
    )
    assert restarted.recover() == 1  # only the unjournalled one goes back to the queue
    assert rig.state(first) is OutboxState.SENT
    assert restarted.drain().sent == 1
    assert len(smtp_server.messages) == 3  # the journalled one was not sent again
    assert journal.delivered() == set()
    rig.mailer.close()


def test_mails_claimed_with_their_group_but_never_handed_over_go_back_as_they_were_after_a_crash(
    smtp_server: CollectingHandler, tls_cert: TlsCert, tmp_path: Path
) -> None:
    """A group is claimed in one store write; a crash before its third mail leaves two never tried."""
    rig = Rig(smtp_server, tls_cert)
    journal = DeliveryJournal.in_data_dir(tmp_path)
    ids = rig.enqueue(1, 2, 3)
    for item_id in ids:
        rig.store.outbox.claim(item_id)
    journal.record_attempt(ids[0])
    rig.mailer.send(build_message(rig.store.outbox.get(ids[0]).draft, from_address=FROM, date=START))
    journal.record(ids[0])  # then the process died

    restarted = OutboxSender(
        rig.store, rig.mailer, rig.settings, notifier=rig.notifier, clock=rig.clock, journal=journal
    )
    assert restarted.recover() == 0  # nothing was interrupted while being handed over
    assert [rig.store.outbox.get(i).interruptions for i in ids[1:]] == [0, 0]
    assert restarted.drain().sent == 2
    assert sorted(str(m.message["Message-ID"]) for m in smtp_server.messages) == sorted(
        message_id_for(rig.store.outbox.get(i).draft.dedupe_key, FROM) for i in ids
    )  # each mail once
    rig.mailer.close()


def test_a_session_the_server_dropped_is_replaced_and_the_mail_still_goes_out(tls_cert: TlsCert) -> None:
    first = SmtpServer(tls_cert)
    with first as handler:
        rig = Rig(handler, tls_cert)
        rig.enqueue(1)
        assert rig.sender.drain().sent == 1
    # the server went away (restart, idle timeout) while our session was open; a new one listens
    with SmtpServer(tls_cert, port=handler.port) as restarted:
        (second,) = rig.enqueue(2)
        rig.sender.drain()
        rig.clock.set(rig.store.outbox.get(second).next_attempt_at)
        rig.sender.drain()
        assert rig.state(second) is OutboxState.SENT
        assert [got.message["To"] for got in restarted.messages] == ["supplier2@acme-metals.example"]
        assert rig.mailer.connections_opened == 2
        rig.mailer.close()


def test_a_mail_withdrawn_after_it_was_listed_is_skipped_and_the_rest_still_go_out(
    smtp_server: CollectingHandler, tls_cert: TlsCert, monkeypatch: pytest.MonkeyPatch
) -> None:
    rig = Rig(smtp_server, tls_cert)
    first, second, third = rig.enqueue(1, 2, 3)
    listed = rig.store.outbox.due

    def due_then_a_wave_is_stopped(*args: object, **kwargs: object) -> tuple[object, ...]:
        items = listed(*args, **kwargs)  # type: ignore[arg-type]
        rig.store.outbox.withdraw(second, "withdrawn: wave 1 stopped")  # lands between listing and claim
        return items

    monkeypatch.setattr(rig.store.outbox, "due", due_then_a_wave_is_stopped)

    assert rig.sender.drain().sent == 2
    assert [m.rcpt_tos for m in smtp_server.messages] == [
        ["supplier1@acme-metals.example"],
        ["supplier3@acme-metals.example"],
    ]
    assert [rig.state(i) for i in (first, second, third)] == [
        OutboxState.SENT,
        OutboxState.FAILED,
        OutboxState.SENT,
    ]
    rig.mailer.close()
