"""A signed policy acknowledgement mailed as a PDF or a photo: held for staff, recorded on their word.

Mails are parsed by ``mail.parse`` and routed by ``handlers.inbound`` exactly as from the mailbox.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from pathlib import Path

import pytest

from handlers.agreement_files import record_by_staff_user, record_file
from handlers.agreement_refusal import Refusal, refuse_file
from handlers.agreement_words import POLICY_WORDS, SENTENCES, sentence
from handlers.auth import Caller, PermissionRefused, Role
from handlers.inbound_context import Outcome
from handlers.notices import TriageItem, TriageKind
from rmi.messages import LANGUAGES
from storage import Contact, Evidence, SupplierDraft
from surveybot.errors import UserFacingError
from surveybot.settings import InvitationSettings
from tests.handlers.conftest import Mailroom, build_mail
from tests.support.english_leak import english_left_in
from tests.support.supplier_mail import SENDER

VERSION = "2027-1"
SCAN = b"%PDF-1.7 signed acknowledgement " + bytes(range(256)) * 8
STAFF = Caller("U0STAFF", frozenset({Role.STAFF}))


@pytest.fixture
def room(mailroom: Mailroom) -> Mailroom:
    settings = replace(mailroom.deps.settings, invitations=InvitationSettings(policy_version=VERSION))
    mailroom.deps = replace(mailroom.deps, settings=settings)
    return mailroom


def _held(room: Mailroom) -> list[TriageItem]:
    return [
        n for n in room.notifier.notices if isinstance(n, TriageItem) and n.kind is TriageKind.AGREEMENT_FILE
    ]


def _outcomes(room: Mailroom) -> list[str]:
    return [str(e.details["outcome"]) for e in room.store.audit.entries() if e.action.startswith("mail.")]


def test_a_signed_policy_pdf_goes_to_staff_with_its_hash_and_nothing_is_answered_yet(room: Mailroom) -> None:
    mail = build_mail(
        subject="Re: CMRT 2026",
        body="Dear team,\nplease find our signed acknowledgement attached.\nJane",
        attachments=[("Signed policy acknowledgement.pdf", SCAN, "application/pdf")],
    )
    assert room.receive(mail) is Outcome.AGREEMENT_FILE_HELD
    (notice,) = _held(room)
    sha256 = hashlib.sha256(SCAN).hexdigest()
    assert (notice.agreement_file, notice.agreement_file_name) == (
        sha256,
        "Signed policy acknowledgement.pdf",
    )
    assert notice.supplier_id == str(room.supplier.id)
    assert room.store.blobs.read(sha256) == SCAN
    assert _outcomes(room) == ["agreement_file_held"]  # one logged outcome for the mail
    assert room.outbox() == []
    assert room.store.agreements.agreed(VERSION) == frozenset()


def test_recording_the_file_keeps_hash_name_and_staff_and_confirms_once_in_the_suppliers_language(
    room: Mailroom,
) -> None:
    sha256 = room.store.blobs.put(SCAN)
    german = room.store.suppliers.add(
        SupplierDraft("ADLER", "Adler Metall GmbH", (Contact("info@adler.example"),), language="de")
    )
    done = record_file(room.store, STAFF, german.id, sha256, "Richtlinie unterschrieben.pdf", VERSION)
    assert done.agreement is not None
    assert (done.agreement.evidence, done.agreement.file_sha256, done.agreement.staff_user) == (
        Evidence.FILE,
        sha256,
        "U0STAFF",
    )
    assert done.agreement.note == "file: Richtlinie unterschrieben.pdf"
    again = record_file(room.store, STAFF, german.id, sha256, "Richtlinie unterschrieben.pdf", VERSION)
    assert again.agreement is None  # a second click records nothing more
    (mail,) = room.store.outbox.for_supplier(german.id)
    assert mail.draft.to == ("info@adler.example",)
    assert mail.draft.text.startswith("Hallo Adler Metall GmbH-Team,")
    assert "Fassung 2027-1" in mail.draft.text and "Richtlinie unterschrieben.pdf" in mail.draft.text


def test_a_pdf_mail_in_german_that_names_the_richtlinie_is_held(room: Mailroom) -> None:
    mail = build_mail(
        body="Anbei die unterschriebene Richtlinie.\nGrüße",
        attachments=[("scan0001.pdf", SCAN, "application/pdf")],
    )
    assert room.receive(mail) is Outcome.AGREEMENT_FILE_HELD


def test_a_cover_letter_pdf_that_does_not_name_the_policy_is_answered_as_before(room: Mailroom) -> None:
    mail = build_mail(attachments=[("cover-letter.pdf", SCAN, "application/pdf")])
    assert room.receive(mail) is Outcome.ASKED_FOR_ATTACHMENT
    assert _held(room) == []
    assert "We received cover-letter.pdf, which we cannot use" in room.outbox()[0].draft.text


def test_a_signature_logo_under_a_footer_naming_a_policy_is_not_an_acknowledgement(room: Mailroom) -> None:
    body = "Hello, the file follows next week.\n--\nJane | Kestrel | Privacy policy: kestrel.example/privacy"
    mail = build_mail(body=body, attachments=[("logo.png", b"\x89PNG" + bytes(4000), "image/png")])
    assert room.receive(mail) is Outcome.ASKED_FOR_ATTACHMENT
    assert _held(room) == []


def test_a_photo_named_for_the_policy_is_held(room: Mailroom) -> None:
    mail = build_mail(body="", attachments=[("方針 署名.jpg", b"\xff\xd8\xff" + bytes(4000), "image/jpeg")])
    assert room.receive(mail) is Outcome.AGREEMENT_FILE_HELD


def test_a_supplier_who_already_agreed_is_not_asked_about_again(room: Mailroom) -> None:
    record_by_staff_user(room.store, STAFF, "KESTREL", "portal", VERSION)
    mail = build_mail(body="Our signed policy.", attachments=[("policy.pdf", SCAN, "application/pdf")])
    assert room.receive(mail) is Outcome.ASKED_FOR_ATTACHMENT


def test_without_a_configured_policy_version_nothing_is_held(mailroom: Mailroom) -> None:
    mail = build_mail(body="Our signed policy.", attachments=[("policy.pdf", SCAN, "application/pdf")])
    assert mailroom.receive(mail) is Outcome.ASKED_FOR_ATTACHMENT


def test_staff_record_an_agreement_received_elsewhere_with_their_note_and_others_are_refused(
    room: Mailroom,
) -> None:
    done = record_by_staff_user(room.store, STAFF, "kestrel", "signed letter of 2 May", VERSION)
    assert done.agreement is not None
    assert (done.agreement.evidence, done.agreement.note) == (Evidence.STAFF, "signed letter of 2 May")
    with pytest.raises(PermissionRefused):
        record_by_staff_user(room.store, Caller("U0ANY", frozenset()), "KESTREL", "x", VERSION)


@pytest.mark.parametrize("language", sorted(SENTENCES))
def test_each_languages_word_for_policy_is_the_one_its_agreement_sentence_uses(language: str) -> None:
    assert POLICY_WORDS[language] in SENTENCES[language].casefold()


# --- "Not an agreement": the supplier is told, in the file's thread and their language -------------

GOLDEN = Path(__file__).parent / "golden" / "replies"
ACK_ID = "<ack-7@mail.kestrel-components.example>"
REASON = "The page is not signed <b>& not dated</b>"
COLLEAGUE = Caller("U0OTHER", frozenset({Role.STAFF}))


def _held_file(room: Mailroom, name: str = "policy signed.pdf") -> TriageItem:
    mail = build_mail(
        subject="Our signed policy",
        body="Please find the signed policy attached.",
        message_id=ACK_ID,
        attachments=[(name, SCAN, "application/pdf")],
    )
    assert room.receive(mail) is Outcome.AGREEMENT_FILE_HELD
    (notice,) = _held(room)
    return notice


def _refuse(room: Mailroom, notice: TriageItem, who: Caller = STAFF, reason: str = REASON) -> Refusal:
    assert notice.agreement_file is not None
    sha256, name = notice.agreement_file, notice.agreement_file_name
    return refuse_file(room.deps, who, room.supplier.id, sha256, name, reason)


def test_not_an_agreement_answers_in_the_files_thread_with_the_version_the_sentence_and_the_reason(
    room: Mailroom,
) -> None:
    done = _refuse(room, _held_file(room))
    assert (done.mailed, done.repeated, done.decided_by) == (True, False, "U0STAFF")
    (reply,) = room.outbox()
    assert reply.draft.to == (SENDER,)
    assert reply.draft.subject == "Re: Our signed policy"
    assert reply.draft.dedupe_key.startswith(f"reply:{ACK_ID}:")
    text = reply.draft.text
    assert (
        "Thank you for sending policy signed.pdf. We could not take it as your agreement to our responsible "
        "minerals procurement policy, version 2027-1." in text
    )
    assert f"Our colleague's note:\n{REASON}\n" in text
    assert f'"{sentence("en", VERSION)}"' in text
    assert "signed by someone who may sign for Kestrel Precision Components." in text
    assert "&lt;b&gt;&amp; not dated&lt;/b&gt;" in reply.draft.html and "<b>&" not in reply.draft.html
    assert room.store.agreements.agreed(VERSION) == frozenset()
    (audited,) = [e for e in room.store.audit.entries() if e.action == "slack.agreement_file_refused"]
    assert (audited.actor.id, audited.details["reason"], audited.details["mailed"]) == (
        "U0STAFF",
        REASON,
        True,
    )


def test_a_second_decision_on_the_same_file_answers_nobody_and_names_the_first_decider(
    room: Mailroom,
) -> None:
    notice = _held_file(room)
    _refuse(room, notice)
    again = _refuse(room, notice, COLLEAGUE, reason="")
    assert (again.repeated, again.decided_by, again.reason) == (True, "U0STAFF", REASON)
    assert len(room.outbox()) == 1
    audited = [e for e in room.store.audit.entries() if e.action == "slack.agreement_file_refused"]
    assert len(audited) == 1


def test_a_file_already_recorded_as_the_agreement_cannot_be_refused(room: Mailroom) -> None:
    notice = _held_file(room)
    assert notice.agreement_file is not None
    record_file(room.store, STAFF, room.supplier.id, notice.agreement_file, "policy signed.pdf", VERSION)
    with pytest.raises(UserFacingError, match="already recorded"):
        _refuse(room, notice)
    assert [m.draft.dedupe_key.split(":")[0] for m in room.outbox()] == ["agreement-recorded"]


def test_only_staff_may_say_a_file_is_not_an_agreement(room: Mailroom) -> None:
    with pytest.raises(PermissionRefused):
        _refuse(room, _held_file(room), Caller("U0ANY", frozenset()))
    assert room.outbox() == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_not_an_agreement_is_answered_in_the_suppliers_language(room: Mailroom, code: str) -> None:
    room.store.suppliers.update(room.supplier.id, language=code)
    room.supplier = room.store.suppliers.get(room.supplier.id)
    _refuse(room, _held_file(room, "Kestrel policy.pdf"), reason="")
    (reply,) = room.outbox()
    text = reply.draft.text
    assert sentence(code, VERSION) in text and "2027-1" in text and "Kestrel policy.pdf" in text
    assert reply.draft.headers["Content-Language"] == code
    golden = GOLDEN / f"agreement_refused.{code}.txt"
    if os.environ.get("SURVEYBOT_UPDATE_GOLDEN") == "1":
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"reply differs from {golden.name}"
    if code != "en":
        own = text.replace(sentence(code, VERSION), " ")
        for name in ("Kestrel Precision Components", "Responsible Minerals Survey", "Kestrel policy.pdf"):
            own = own.replace(name, " ")
        assert english_left_in(own, code) == set()
