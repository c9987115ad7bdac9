"""A signed policy acknowledgement mailed as a PDF or a photo: held for staff, recorded on their word.

Mails are parsed by ``mail.parse`` and routed by ``handlers.inbound`` exactly as from the mailbox.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest

from handlers.agreement_files import record_by_staff_user, record_file
from handlers.agreement_words import POLICY_WORDS, SENTENCES
from handlers.auth import Caller, PermissionRefused, Role
from handlers.inbound_context import Outcome
from handlers.notices import TriageItem, TriageKind
from storage import Contact, Evidence, SupplierDraft
from surveybot.settings import InvitationSettings
from tests.handlers.conftest import Mailroom, build_mail

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
