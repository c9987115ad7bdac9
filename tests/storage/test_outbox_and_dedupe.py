"""Outbox, reminder waves, processed-mail keys and the auto-reply limit: nothing is sent twice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest

from storage import (
    Actor,
    ActorKind,
    AttachmentRef,
    Contact,
    InvalidValue,
    KeyKind,
    MailDraft,
    ManualClock,
    OutboxState,
    Store,
    SupplierDraft,
    TransitionRefused,
    imap_key,
)
from tests.storage.conftest import START, StoreHarness

BUYER = Actor(ActorKind.STAFF, "U0BUYER")


def _mail(key: str, **extra: object) -> MailDraft:
    return MailDraft(("q@acme.com",), "Your CMRT", "Dear supplier", key, **extra)  # type: ignore[arg-type]


def test_enqueueing_the_same_dedupe_key_twice_queues_one_mail(
    store: Store, reopen: Callable[[], Store]
) -> None:
    first = store.outbox.enqueue(_mail("reply:<m1@acme>", headers={"Auto-Submitted": "auto-replied"}))
    assert store.outbox.enqueue(_mail("reply:<m1@acme>")) == first
    again = reopen()
    assert again.outbox.by_dedupe_key("reply:<m1@acme>") == first
    assert again.outbox.enqueue(_mail("reply:<m1@acme>")).id == first.id
    assert dict(first.draft.headers) == {"Auto-Submitted": "auto-replied"}


def test_the_sender_is_woken_once_per_new_mail_and_only_when_a_batch_has_ended(store: Store) -> None:
    wakes: list[str] = []
    store.outbox.notify_on_enqueue(lambda: wakes.append("wake"))
    store.outbox.enqueue(_mail("k1"))
    store.outbox.enqueue(_mail("k1"))  # the same mail again: nothing new to send
    assert wakes == ["wake"]
    with store.batch():
        store.outbox.enqueue(_mail("k2"))
        store.outbox.enqueue(_mail("k3"))
        assert wakes == ["wake"]  # not before the batch is saved
    assert wakes == ["wake"] * 3


def test_a_mail_is_claimed_sent_and_never_due_again(store: Store, reopen: Callable[[], Store]) -> None:
    item = store.outbox.enqueue(_mail("k1"))
    assert store.outbox.due() == (item,)
    store.outbox.claim(item.id)
    assert store.outbox.due() == ()
    sent = store.outbox.mark_sent(item.id)
    assert sent.state is OutboxState.SENT and sent.sent_at == START
    with pytest.raises(TransitionRefused, match="sent and cannot become sending"):
        store.outbox.claim(item.id)
    assert reopen().outbox.get(item.id).state is OutboxState.SENT


def test_a_sent_mail_leaves_the_queue_file_but_keeps_its_text_and_stays_findable(
    harness: StoreHarness,
) -> None:
    store = harness.open()
    item = store.outbox.enqueue(_mail("wave:1:supplier:7", html="<p>Dear supplier</p>", supplier_id=7))
    store.outbox.claim(item.id)
    store.outbox.mark_sent(item.id)
    waiting = store.outbox.enqueue(_mail("k2"))
    queue_file = harness.stored("outbox.json") or b""
    assert b"wave:1:supplier:7" not in queue_file and b"Dear supplier" not in queue_file
    assert b"k2" in queue_file
    again = harness.reopen()
    sent = again.outbox.by_dedupe_key("wave:1:supplier:7")
    assert sent is not None and sent.state is OutboxState.SENT
    assert (sent.draft.text, sent.draft.html) == ("Dear supplier", "<p>Dear supplier</p>")
    assert again.outbox.for_supplier(7) == (sent,)
    assert again.outbox.enqueue(_mail("wave:1:supplier:7")).id == item.id
    assert again.outbox.enqueue(_mail("k3")).id == waiting.id + 1
    assert again.outbox.counts()[OutboxState.SENT] == 1


def test_a_mail_archived_as_sent_just_before_a_crash_is_not_sent_again(harness: StoreHarness) -> None:
    store = harness.open()
    item = store.outbox.enqueue(_mail("k1"))
    store.outbox.claim(item.id)
    queue_before_sent = harness.stored("outbox.json") or b""
    store.outbox.mark_sent(item.id)
    harness.seed("outbox.json", queue_before_sent)  # as if the crash hit between log and table
    again = harness.reopen()
    assert again.outbox.get(item.id).state is OutboxState.SENT
    assert again.outbox.in_state(OutboxState.SENDING) == () and again.outbox.due() == ()


def test_a_failed_attempt_waits_until_its_retry_time_then_fails_for_good(
    store: Store, clock: ManualClock
) -> None:
    item = store.outbox.enqueue(_mail("k1"))
    store.outbox.claim(item.id)
    later = START + timedelta(minutes=10)
    retried = store.outbox.mark_failed(item.id, "451 try later", retry_at=later)
    assert (retried.state, retried.retries, retried.reason) == (OutboxState.QUEUED, 1, "451 try later")
    assert store.outbox.due() == ()
    clock.set(later)
    assert store.outbox.due() == (retried,)
    store.outbox.claim(item.id)
    dead = store.outbox.mark_failed(item.id, "550 no such user")
    assert (dead.state, dead.retries) == (OutboxState.FAILED, 2)
    assert store.outbox.retry(item.id).state is OutboxState.QUEUED


def test_mails_left_sending_by_a_crash_are_queued_again_at_start(
    store: Store, reopen: Callable[[], Store]
) -> None:
    item = store.outbox.enqueue(_mail("k1"))
    store.outbox.claim(item.id)
    again = reopen()
    (stuck,) = again.outbox.in_state(OutboxState.SENDING)
    again.outbox.requeue_interrupted(stuck.id)
    (due,) = again.outbox.due()
    assert (due.reason, due.interruptions) == ("interrupted while sending", 1)


def test_a_second_interruption_makes_a_mail_uncertain_and_only_staff_can_queue_it_again(
    store: Store, reopen: Callable[[], Store]
) -> None:
    item = store.outbox.enqueue(_mail("k1"))
    store.outbox.claim(item.id)
    store.outbox.requeue_interrupted(item.id)
    store.outbox.claim(item.id)
    store.outbox.mark_uncertain(item.id, "interrupted twice while sending")
    again = reopen()
    (uncertain,) = again.outbox.in_state(OutboxState.UNCERTAIN)
    assert (uncertain.id, uncertain.interruptions) == (item.id, 2)
    assert again.outbox.due() == () and again.outbox.counts()[OutboxState.UNCERTAIN] == 1
    retried = again.outbox.retry(item.id)
    assert (retried.state, retried.interruptions) == (OutboxState.QUEUED, 0)


def test_a_mail_without_recipient_dedupe_key_or_clear_attachment_is_refused(store: Store) -> None:
    with pytest.raises(InvalidValue, match="recipient"):
        store.outbox.enqueue(MailDraft((), "s", "t", "k"))
    with pytest.raises(InvalidValue, match="dedupe_key"):
        store.outbox.enqueue(_mail(" "))
    with pytest.raises(InvalidValue, match="exactly one of sha256 or path"):
        store.outbox.enqueue(_mail("k", attachments=(AttachmentRef("a.xlsx"),)))


def test_a_wave_plans_one_mail_per_supplier_and_reports_progress_from_the_outbox(store: Store) -> None:
    ids = [
        store.suppliers.add(SupplierDraft(f"S{i}", f"S{i}", (Contact(f"a@s{i}.com"),))).id for i in range(3)
    ]
    campaign = store.campaigns.create("CMRT", "CMRT", "6.5", date(2026, 5, 1))
    wave = store.waves.create(campaign.id, BUYER, "missing", ids)
    with store.batch():
        for sid in [*ids, ids[0]]:  # a replayed wave step queues nothing new
            store.outbox.enqueue(
                MailDraft(
                    (f"a@s{sid}.com",), "Reminder", "…", f"wave:{wave.id}:supplier:{sid}", wave_id=wave.id
                )
            )
    first = store.outbox.for_wave(wave.id)[0]
    store.outbox.claim(first.id)
    store.outbox.mark_sent(first.id)
    progress = store.waves.progress(wave.id)
    assert (progress.planned, progress.queued, progress.sent, progress.done) == (3, 2, 1, False)
    assert store.audit.entries(subject=f"wave:{wave.id}")[0].actor == BUYER


def test_processed_mail_and_slack_event_keys_are_claimed_once(
    store: Store, reopen: Callable[[], Store]
) -> None:
    assert store.dedupe.mark(KeyKind.IMAP_UID, imap_key(1700000000, 42)) is True
    assert store.dedupe.mark(KeyKind.IMAP_UID, imap_key(1700000000, 42)) is False
    assert store.dedupe.mark(KeyKind.SLACK_EVENT, "Ev0123") is True
    again = reopen()
    assert again.dedupe.seen(KeyKind.IMAP_UID, "1700000000:42")
    assert again.dedupe.mark(KeyKind.SLACK_EVENT, "Ev0123") is False
    assert not again.dedupe.seen(KeyKind.MESSAGE_ID, "Ev0123")


def test_old_slack_event_ids_can_be_forgotten_without_touching_mail_keys(
    store: Store, clock: ManualClock, reopen: Callable[[], Store]
) -> None:
    store.dedupe.mark(KeyKind.SLACK_EVENT, "Ev1")
    store.dedupe.mark(KeyKind.MESSAGE_ID, "<old@x>")
    clock.advance(timedelta(days=3))
    store.dedupe.mark(KeyKind.SLACK_EVENT, "Ev2")
    assert store.dedupe.prune(KeyKind.SLACK_EVENT, clock.now() - timedelta(days=1)) == 1
    again = reopen()
    assert not again.dedupe.seen(KeyKind.SLACK_EVENT, "Ev1")
    assert again.dedupe.seen(KeyKind.SLACK_EVENT, "Ev2") and again.dedupe.seen(KeyKind.MESSAGE_ID, "<old@x>")


def test_auto_replies_per_thread_stop_at_the_daily_limit_and_resume_the_next_day(
    store: Store, clock: ManualClock, reopen: Callable[[], Store]
) -> None:
    assert [store.dedupe.take_auto_reply("thread:acme", 2) for _ in range(3)] == [True, True, False]
    assert store.dedupe.take_auto_reply("thread:bolt", 2) is True
    again = reopen()
    assert again.dedupe.auto_replies_today("thread:acme") == 2
    assert again.dedupe.take_auto_reply("thread:acme", 2) is False
    clock.advance(timedelta(days=1))
    assert again.dedupe.take_auto_reply("thread:acme", 2) is True
