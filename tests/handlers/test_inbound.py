"""The route table without template files: duplicates, machines, bounces, strangers, spoofing, asking."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from handlers.inbound import ROUTES
from handlers.inbound_context import Outcome
from handlers.notices import TriageItem, TriageKind
from storage import Contact, KeyKind, SupplierDraft
from tests.handlers.conftest import SENDER, Mailroom, build_mail
from tests.mail.mail_builders import fixture
from tests.support.supplier_mail import bounce_for

ASK_SUBJECT = "Re: Question about the survey"


def test_the_route_table_is_ordered_as_documented_and_ends_with_a_catch_all() -> None:
    assert [r.name for r in ROUTES] == [
        "duplicate",
        "bounce",
        "automated",
        "unknown_sender",
        "authentication_failed",
        "files_already_judged",
        "template_attached",
        "policy_agreement",
        "staff_conversation",
        "signed_acknowledgement",
        "no_attachment",
    ]


def test_supplier_without_attachment_is_asked_for_the_campaign_template(mailroom: Mailroom) -> None:
    raw = build_mail(
        subject="Question about the survey",
        attachments=[("cover-letter.pdf", b"%PDF-1.7 cover letter", "application/pdf")],
    )
    assert mailroom.receive(raw, "7:1") is Outcome.ASKED_FOR_ATTACHMENT

    [item] = mailroom.outbox()
    draft = item.draft
    assert draft.to == (SENDER,)
    assert draft.subject == ASK_SUBJECT
    assert draft.dedupe_key == "reply:<CAF1kestrel-0001@mail.kestrel-components.example>"
    assert draft.headers == {
        "Auto-Submitted": "auto-replied",
        "X-Auto-Response-Suppress": "All",
        "Content-Language": "en",
        "X-Surveybot-Campaign": "[RMI 2026-H1]",
        "In-Reply-To": "<CAF1kestrel-0001@mail.kestrel-components.example>",
        "References": "<CAF1kestrel-0001@mail.kestrel-components.example>",
    }
    assert "We received cover-letter.pdf, which we cannot use for this survey." in draft.text
    assert "completed CMRT attached as an Excel workbook (.xlsx)" in draft.text
    assert "revision 6.31 or later" in draft.text
    assert "by 31 December 2026" in draft.text
    assert draft.campaign_id == mailroom.campaign.id
    assert mailroom.assignment_states() == ["invited"]
    assert mailroom.notifier.notices == []
    assert mailroom.store.dedupe.seen(KeyKind.IMAP_UID, "7:1")
    [entry] = mailroom.store.audit.entries(subject="mail:<CAF1kestrel-0001@mail.kestrel-components.example>")
    assert entry.action == "mail.asked_for_attachment"
    assert entry.details["imap_key"] == "7:1"


@pytest.mark.parametrize(
    ("language", "phrase", "tag"),
    [
        ("ja", "記入済みの CMRT", "ja"),
        ("zh", "填写完整的 CMRT", "zh"),
        ("de", "Ihre ausgefüllte CMRT", "de"),
        ("zh-TW", "填寫完整的 CMRT", "zh-Hant"),
        ("nl", "completed CMRT", "en"),  # no catalogue for Dutch: the configured default, English
    ],
)
def test_the_request_is_written_in_the_suppliers_language_or_english(
    mailroom: Mailroom, language: str, phrase: str, tag: str
) -> None:
    mailroom.store.suppliers.update(mailroom.supplier.id, language=language)
    assert mailroom.receive(build_mail()) is Outcome.ASKED_FOR_ATTACHMENT
    [item] = mailroom.outbox()
    assert phrase in item.draft.text
    assert item.draft.headers["Content-Language"] == tag


def test_a_supplier_name_with_markup_is_escaped_in_the_html_reply(mailroom: Mailroom) -> None:
    mailroom.store.suppliers.update(mailroom.supplier.id, name="<script>alert('x')</script> Metals")
    mailroom.receive(build_mail())
    [item] = mailroom.outbox()
    assert "<script>" not in item.draft.html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Metals" in item.draft.html


def test_the_same_mail_twice_is_answered_once(mailroom: Mailroom) -> None:
    raw = build_mail()
    assert mailroom.receive(raw, "7:1") is Outcome.ASKED_FOR_ATTACHMENT
    assert mailroom.receive(raw, "7:1") is Outcome.DUPLICATE
    # after a UIDVALIDITY change the mailbox shows the same mail under a new key
    assert mailroom.receive(raw, "8:1") is Outcome.DUPLICATE
    assert len(mailroom.outbox()) == 1
    assert mailroom.store.dedupe.seen(KeyKind.IMAP_UID, "8:1")


@pytest.mark.parametrize(
    ("headers", "subject"),
    [
        ([("Auto-Submitted", "auto-replied")], "Automatic reply: CMRT 2026"),
        ([("X-Autoreply", "yes")], "CMRT 2026"),
        ([("Precedence", "bulk")], "Newsletter"),
        ([], "Out of Office: back on Monday"),
        ([], "自动回复: CMRT 2026"),
    ],
)
def test_machine_written_mail_is_never_answered(
    mailroom: Mailroom, headers: list[tuple[str, str]], subject: str
) -> None:
    assert mailroom.receive(build_mail(subject=subject, headers=headers)) is Outcome.IGNORED_AUTOMATED
    assert mailroom.outbox() == []
    assert mailroom.notifier.notices == []


def test_a_bounce_marks_the_supplier_undeliverable_and_tells_staff(mailroom: Mailroom) -> None:
    assert mailroom.receive(bounce_for(SENDER)) is Outcome.BOUNCE_RECORDED
    assignment = mailroom.store.assignments.find(mailroom.supplier.id, mailroom.campaign.id)
    assert assignment is not None and assignment.undeliverable
    [notice] = mailroom.notifier.notices
    assert isinstance(notice, TriageItem)
    assert notice.kind is TriageKind.UNDELIVERABLE
    assert notice.sender == SENDER
    assert notice.supplier_id == str(mailroom.supplier.id)
    assert any("5.1.1" in line for line in notice.details)
    assert mailroom.outbox() == []


def test_a_bounce_that_names_nobody_still_reaches_staff(mailroom: Mailroom) -> None:
    raw = bounce_for(SENDER).replace(f"Final-Recipient: rfc822; {SENDER}".encode(), b"X-Note: none")
    raw = raw.replace(b"Action: failed\r\nStatus: 5.1.1\r\n", b"")
    raw = raw.replace(
        f"Diagnostic-Code: smtp; 550 5.1.1 <{SENDER}>: Recipient address rejected: User unknown\r\n".encode(),
        b"",
    )
    assert mailroom.receive(raw) is Outcome.BOUNCE_RECORDED
    [notice] = mailroom.notifier.notices
    assert isinstance(notice, TriageItem) and notice.kind is TriageKind.UNDELIVERABLE
    assert "names no recipient" in notice.summary


def test_an_unknown_sender_gets_no_reply_but_staff_get_a_triage_item(mailroom: Mailroom) -> None:
    raw = build_mail(
        sender="sales@unrelated-trader.example",
        attachments=[("CMRT.xlsx", b"PK\x03\x04not really", "application/octet-stream")],
    )
    assert mailroom.receive(raw) is Outcome.TRIAGE_UNKNOWN
    assert mailroom.store.outbox.counts().get("queued", 0) == 0
    [notice] = mailroom.notifier.notices
    assert isinstance(notice, TriageItem)
    assert notice.kind is TriageKind.UNKNOWN_SENDER
    assert notice.sender == "sales@unrelated-trader.example"
    assert notice.message_key == "<CAF1kestrel-0001@mail.kestrel-components.example>"
    assert notice.details == ("attachment: CMRT.xlsx",)
    assert mailroom.store.submissions.for_supplier(mailroom.supplier.id) == ()


def test_a_colleague_from_the_suppliers_domain_counts_as_the_supplier(mailroom: Mailroom) -> None:
    raw = build_mail(sender="purchasing@kestrel-components.example")
    assert mailroom.receive(raw) is Outcome.ASKED_FOR_ATTACHMENT
    assert mailroom.outbox()[0].draft.to == ("purchasing@kestrel-components.example",)


def test_a_sender_shared_by_two_suppliers_goes_to_staff(mailroom: Mailroom) -> None:
    mailroom.store.suppliers.add(
        SupplierDraft(code="KESTREL-ASIA", name="Kestrel Asia", contacts=(Contact(SENDER),))
    )
    assert mailroom.receive(build_mail()) is Outcome.TRIAGE_UNKNOWN
    [notice] = mailroom.notifier.notices
    assert (
        isinstance(notice, TriageItem)
        and "matches several suppliers: KESTREL, KESTREL-ASIA" in notice.summary
    )


def test_a_spoofed_supplier_address_is_held_and_cannot_mark_the_supplier_done(mailroom: Mailroom) -> None:
    raw = build_mail(
        dmarc="fail", attachments=[("CMRT.xlsx", b"PK\x03\x04 forged", "application/octet-stream")]
    )
    assert mailroom.receive(raw) is Outcome.HELD_AUTH_FAILED
    assert mailroom.outbox() == []
    assert mailroom.assignment_states() == ["invited"]
    [held] = mailroom.store.submissions.for_supplier(mailroom.supplier.id)
    assert held.verdict == "held" and held.attachment_name == "CMRT.xlsx"
    assert mailroom.store.submissions.original(held.id) == b"PK\x03\x04 forged"
    [notice] = mailroom.notifier.notices
    assert isinstance(notice, TriageItem) and notice.kind is TriageKind.AUTH_FAILED
    assert notice.details == ("spf=fail dkim=fail dmarc=fail by mx.buyer.example",)


def test_an_authentication_verdict_written_by_the_sender_is_not_believed(mailroom: Mailroom) -> None:
    forged = ("Authentication-Results", "evil.example; dmarc=fail header.from=kestrel-components.example")
    raw = build_mail(dmarc=None, headers=[forged])
    assert mailroom.receive(raw) is Outcome.ASKED_FOR_ATTACHMENT


def test_replies_per_thread_are_capped_per_day_with_one_notice(mailroom: Mailroom) -> None:
    mailroom.with_settings(max_auto_replies_per_thread_per_day=2)
    subjects = ["Question", "RE: [RMI 2026-H1] Question", "AW: Re: [RMI 2026-H1] Question", "Re: Question"]
    outcomes = [
        mailroom.receive(build_mail(subject=s, message_id=f"<q{i}@kestrel>")) for i, s in enumerate(subjects)
    ]
    assert outcomes == [
        Outcome.ASKED_FOR_ATTACHMENT,
        Outcome.ASKED_FOR_ATTACHMENT,
        Outcome.RATE_LIMITED,
        Outcome.RATE_LIMITED,
    ]
    assert len(mailroom.outbox()) == 2
    notices = [n for n in mailroom.notifier.notices if isinstance(n, TriageItem)]
    assert [n.kind for n in notices] == [TriageKind.RATE_LIMITED]
    # another conversation is not affected, and the next day the thread may be answered again
    assert (
        mailroom.receive(build_mail(subject="Other topic", message_id="<o1@kestrel>"))
        is Outcome.ASKED_FOR_ATTACHMENT
    )
    mailroom.clock.advance(dt.timedelta(days=1))
    assert (
        mailroom.receive(build_mail(subject="Re: Question", message_id="<q9@kestrel>"))
        is Outcome.ASKED_FOR_ATTACHMENT
    )


def test_every_outcome_is_recorded_once_in_the_audit_log(mailroom: Mailroom) -> None:
    mailroom.receive(build_mail(message_id="<a@k>"))
    mailroom.receive(build_mail(message_id="<a@k>"))
    mailroom.receive(build_mail(message_id="<b@k>", headers=[("Auto-Submitted", "auto-generated")]))
    actions = [e.action for e in mailroom.store.audit.entries() if e.action.startswith("mail.")]
    assert actions == ["mail.asked_for_attachment", "mail.duplicate", "mail.ignored_automated"]


def test_settings_without_a_campaign_still_ask_for_a_template(mailroom: Mailroom) -> None:
    other = mailroom.store.suppliers.add(
        SupplierDraft(code="LONE", name="Lone Supplier", contacts=(Contact("a@lone.example"),))
    )
    assert mailroom.receive(build_mail(sender="a@lone.example")) is Outcome.ASKED_FOR_ATTACHMENT
    [item] = mailroom.store.outbox.for_supplier(other.id)
    assert item.draft.subject == "Re: CMRT 2026"
    assert item.draft.headers["X-Surveybot-Campaign"] == "[RMI]"
    assert "RMI reporting template (CMRT, EMRT, CRT or AMRT)" in item.draft.text
    assert replace(item.draft, text="").campaign_id is None


# --- replies: recipient, subject, loop guard ------------------------------------------------------


def test_the_reply_goes_to_reply_to_while_the_supplier_is_found_by_the_sender(mailroom: Mailroom) -> None:
    shared = "rmi-compliance@kestrel-components.example"
    raw = build_mail(headers=[("Reply-To", f"Kestrel Compliance <{shared}>")])
    assert mailroom.receive(raw) is Outcome.ASKED_FOR_ATTACHMENT
    [item] = mailroom.outbox()
    assert item.draft.to == (shared,)
    assert item.draft.supplier_id == mailroom.supplier.id


def test_a_reply_to_naming_our_own_mailbox_is_ignored_and_the_sender_answered(mailroom: Mailroom) -> None:
    own = mailroom.deps.settings.smtp.from_address
    mailroom.receive(build_mail(headers=[("Reply-To", own)]))
    assert mailroom.outbox()[0].draft.to == (SENDER,)


def test_a_gmail_style_thread_keeps_the_suppliers_subject_in_every_reply(mailroom: Mailroom) -> None:
    mailroom.with_settings(max_auto_replies_per_thread_per_day=10)
    ids = [f"<CAGmail{n}@mail.gmail.com>" for n in range(3)]
    subjects = ["Our CMRT", "Re: Our CMRT", "Re: Our CMRT"]
    for n, subject in enumerate(subjects):
        references = [("References", " ".join(ids[:n]))] if n else []
        mailroom.receive(build_mail(subject=subject, message_id=ids[n], headers=references))
    drafts = [item.draft for item in mailroom.outbox()]
    assert [d.subject for d in drafts] == ["Re: Our CMRT"] * 3
    assert [d.headers["References"] for d in drafts] == [
        ids[0],
        f"{ids[0]} {ids[1]}",
        f"{ids[0]} {ids[1]} {ids[2]}",
    ]
    assert len({d.thread_key for d in drafts}) == 1


def test_every_new_file_is_answered_even_past_the_threads_daily_limit(mailroom: Mailroom) -> None:
    mailroom.with_settings(max_auto_replies_per_thread_per_day=1)
    questions = [build_mail(subject="Re: CMRT 2026", message_id=f"<q{n}@k>") for n in range(2)]
    assert [mailroom.receive(raw) for raw in questions] == [
        Outcome.ASKED_FOR_ATTACHMENT,
        Outcome.RATE_LIMITED,
    ]
    files = [
        build_mail(
            subject="Re: CMRT 2026",
            message_id=f"<f{n}@k>",
            attachments=[(f"cmrt-{n}.xlsx", b"PK\x03\x04 draft %d" % n, "application/octet-stream")],
        )
        for n in range(3)
    ]
    assert [mailroom.receive(raw) for raw in files] == [Outcome.JUDGED] * 3
    assert [item.draft.headers["In-Reply-To"] for item in mailroom.outbox()] == [
        "<q0@k>",
        "<f0@k>",
        "<f1@k>",
        "<f2@k>",
    ]
    # a question after them is still limited: files did not use up the allowance, nor reset it
    assert mailroom.receive(build_mail(subject="Re: CMRT 2026", message_id="<q9@k>")) is Outcome.RATE_LIMITED


def test_an_oversized_file_sent_again_counts_against_the_limit_like_a_question(mailroom: Mailroom) -> None:
    mailroom.with_settings(max_auto_replies_per_thread_per_day=1)
    big = [("huge.xlsx", b"PK\x03\x04" + b"x" * 4096, "application/octet-stream")]
    outcomes = [
        mailroom.receive(build_mail(message_id=f"<h{n}@k>", attachments=big), max_attachment_bytes=1024)
        for n in range(2)
    ]
    assert outcomes == [Outcome.JUDGED, Outcome.RATE_LIMITED]


# --- route order: a spoofed resend --------------------------------------------------------------


def test_a_spoofed_mail_carrying_a_file_already_received_is_held_not_dropped(mailroom: Mailroom) -> None:
    attached = [("CMRT.xlsx", b"PK\x03\x04 the real one", "application/octet-stream")]
    assert mailroom.receive(build_mail(message_id="<real@k>", attachments=attached)) is Outcome.JUDGED
    forged = build_mail(message_id="<forged@evil>", dmarc="fail", attachments=attached)
    assert mailroom.receive(forged) is Outcome.HELD_AUTH_FAILED
    notices = [n for n in mailroom.notifier.notices if isinstance(n, TriageItem)]
    assert [n.kind for n in notices] == [TriageKind.AUTH_FAILED]
    assert notices[0].message_key == "<forged@evil>"
    assert len(mailroom.outbox()) == 1
    # a replay of the very same authenticated mail is still a duplicate, and so is a resend
    assert mailroom.receive(build_mail(message_id="<real@k>", attachments=attached)) is Outcome.DUPLICATE
    assert mailroom.receive(build_mail(message_id="<again@k>", attachments=attached)) is Outcome.DUPLICATE


# --- bounces as servers write them ----------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["qmail_failure.eml", "exim_failure.eml", "postfix_plain_failure.eml", "exchange_ndr_plain.eml"],
)
def test_a_plain_text_bounce_marks_the_supplier_undeliverable_and_tells_staff(
    mailroom: Mailroom, name: str
) -> None:
    assert mailroom.receive(fixture(name)) is Outcome.BOUNCE_RECORDED
    assignment = mailroom.store.assignments.find(mailroom.supplier.id, mailroom.campaign.id)
    assert assignment is not None and assignment.undeliverable
    [notice] = mailroom.notifier.notices
    assert isinstance(notice, TriageItem) and notice.kind is TriageKind.UNDELIVERABLE
    assert notice.sender == SENDER and notice.supplier_id == str(mailroom.supplier.id)
    assert mailroom.outbox() == []


@pytest.mark.parametrize("name", ["exim_delay.eml", "exchange_delay_plain.eml", "dsn_delayed.eml"])
def test_a_delay_notice_marks_nothing_and_bothers_nobody(mailroom: Mailroom, name: str) -> None:
    assert mailroom.receive(fixture(name)) is Outcome.DELIVERY_DELAYED
    assignment = mailroom.store.assignments.find(mailroom.supplier.id, mailroom.campaign.id)
    assert assignment is not None and not assignment.undeliverable
    assert mailroom.notifier.notices == []
    assert mailroom.outbox() == []
    [entry] = [e for e in mailroom.store.audit.entries() if e.action.startswith("mail.")]
    assert entry.action == "mail.delivery_delayed" and entry.details["delayed"] == SENDER
