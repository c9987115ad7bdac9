"""The policy agreement through the route table: recognised in the supplier's own words, with evidence.

Mails are parsed by ``mail.parse`` and routed by ``handlers.inbound`` exactly as from the mailbox.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from handlers import cadence
from handlers.agreement_words import SENTENCES, sentence
from handlers.agreements import not_agreed, own_text, record_by_staff
from handlers.inbound_context import Outcome
from handlers.ports import RecordingNotifier
from handlers.reminders import builtin_reminder
from storage import Evidence
from surveybot.settings import InvitationSettings
from tests.handlers.conftest import Mailroom, build_mail

VERSION = "2027-1"
QUOTED_INVITATION = (
    "\n\nOn Mon, 4 Jan 2027 at 08:00, Responsible Minerals Survey <rmi@buyer.example> wrote:\n"
    f'> To agree to the policy, reply with this sentence:\n> "{sentence("en", VERSION)}"\n'
)


@pytest.fixture
def room(mailroom: Mailroom) -> Mailroom:
    settings = replace(mailroom.deps.settings, invitations=InvitationSettings(policy_version=VERSION))
    mailroom.deps = replace(mailroom.deps, settings=settings)
    return mailroom


def test_a_reply_with_the_japanese_sentence_records_the_agreement_with_its_message_id_and_no_reply(
    room: Mailroom,
) -> None:
    body = f"お世話になっております。\n{sentence('ja', VERSION)}\n佐藤" + QUOTED_INVITATION
    outcome = room.receive(build_mail(body=body, message_id="<agree-1@kestrel.example>"))
    assert outcome is Outcome.AGREEMENT_RECORDED
    (agreement,) = room.store.agreements.for_supplier(room.supplier.id)
    assert (agreement.policy_version, agreement.evidence) == (VERSION, Evidence.REPLY)
    assert agreement.message_id == "<agree-1@kestrel.example>"
    assert agreement.quoted == sentence("ja", VERSION)
    assert agreement.at == room.clock.now()
    assert room.outbox() == []


def test_a_reply_that_only_quotes_our_invitation_is_not_an_agreement(room: Mailroom) -> None:
    outcome = room.receive(build_mail(body="Thanks, we will send it next week." + QUOTED_INVITATION))
    assert outcome is Outcome.ASKED_FOR_ATTACHMENT
    assert room.store.agreements.for_supplier(room.supplier.id) == ()


def test_an_outlook_reply_quoting_below_a_from_header_is_not_an_agreement() -> None:
    header = "From: Responsible Minerals Survey <rmi@buyer.example>\nSent: Monday\n"
    text = f"Noted.\n\n{header}{sentence('en', VERSION)}"
    assert own_text(text) == "Noted.\n"


def test_the_sentence_for_another_policy_version_does_not_count(room: Mailroom) -> None:
    outcome = room.receive(build_mail(body=sentence("en", "2026-1")))
    assert outcome is Outcome.ASKED_FOR_ATTACHMENT
    assert room.store.agreements.agreed(VERSION) == frozenset()


@pytest.mark.parametrize("language", sorted(SENTENCES))
def test_the_sentence_is_recognised_in_every_language_however_the_mail_client_wrapped_it(
    room: Mailroom, language: str
) -> None:
    words = sentence(language, VERSION).split(" ")
    wrapped = " ".join(words[: len(words) // 2]) + "\n" + " ".join(words[len(words) // 2 :]).upper()
    outcome = room.receive(build_mail(body=f"Hello,\n{wrapped}\nRegards"))
    assert outcome is Outcome.AGREEMENT_RECORDED
    assert room.store.agreements.agreed(VERSION) == {room.supplier.id}


def test_agreeing_twice_keeps_the_first_evidence(room: Mailroom) -> None:
    room.receive(build_mail(body=sentence("en", VERSION), message_id="<a1@kestrel.example>"))
    room.receive(build_mail(body=sentence("zh", VERSION), message_id="<a2@kestrel.example>"))
    (agreement,) = room.store.agreements.for_supplier(room.supplier.id)
    assert agreement.message_id == "<a1@kestrel.example>"


def test_staff_record_an_agreement_received_elsewhere_with_a_note_and_it_leaves_the_pending_list(
    room: Mailroom,
) -> None:
    assert not_agreed(room.store, VERSION) == (room.supplier,)
    with pytest.raises(ValueError, match="note"):
        record_by_staff(room.store, room.supplier, VERSION, "U0LEAD", "  ")
    agreement = record_by_staff(room.store, room.supplier, VERSION, "U0LEAD", "signed letter of 2027-01-09")
    assert agreement is not None and agreement.evidence is Evidence.STAFF
    assert (agreement.staff_user, agreement.note) == ("U0LEAD", "signed letter of 2027-01-09")
    assert not_agreed(room.store, VERSION) == ()
    assert room.store.audit.entries()[-1].action == "policy.agree"


def test_reminders_repeat_the_sentence_only_to_suppliers_who_have_not_agreed(room: Mailroom) -> None:
    due = room.campaign.due
    schedule = cadence.Cadence(policy_version=VERSION)
    day = dt.datetime.combine(due - dt.timedelta(days=14), dt.time(9), tzinfo=dt.UTC)
    room.clock.set(day)
    cadence.run(room.store, day, schedule, "RMI", builtin_reminder, RecordingNotifier())
    (reminder,) = [item for item in room.outbox() if "Reminder" in item.draft.subject]
    assert f'"{sentence("en", VERSION)}"' in reminder.draft.text
    record_by_staff(room.store, room.supplier, VERSION, "U0LEAD", "portal")
    later = day + dt.timedelta(days=11)
    room.clock.set(later)
    cadence.run(room.store, later, schedule, "RMI", builtin_reminder, RecordingNotifier())
    second = [item for item in room.outbox() if "Reminder" in item.draft.subject][-1]
    assert second.id != reminder.id and sentence("en", VERSION) not in second.draft.text
