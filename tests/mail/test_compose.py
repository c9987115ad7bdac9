"""Outgoing messages: threaded under the supplier's mail, marked automatic, stable across retries."""

from __future__ import annotations

import base64
import datetime as dt
import email
from email import policy
from email.message import EmailMessage

import pytest

from handlers.threads import reply_headers, reply_subject
from mail.compose import AttachmentLoader, SharedBeginnings, base64_lines, build_message, message_id_for
from storage.records import AttachmentRef, MailDraft

SENT_AT = dt.datetime(2026, 3, 2, 9, 30, tzinfo=dt.UTC)
FROM = "rmi-survey@buyer.example"
TAG = "[RMI 2026-H1]"


def reply_draft(**changes: object) -> MailDraft:
    headers = reply_headers(
        "<CAF=abc123@mail.gmail.com>", ["<invite.1@buyer.example>"], language="zh", campaign_tag=TAG
    )
    values: dict[str, object] = {
        "to": ("li.wei@supplier.example.cn",),
        "subject": reply_subject("回复：Request for CMRT"),
        "text": "李先生您好：\n\n已接受：CMRT 版本 6.5\n",
        "html": "<p>李先生您好：</p><p>已接受：CMRT 版本 6.5</p>",
        "dedupe_key": "reply:<CAF=abc123@mail.gmail.com>:9f86d081",
        "headers": headers,
    }
    values.update(changes)
    return MailDraft(**values)  # type: ignore[arg-type]


def sent(message: EmailMessage) -> EmailMessage:
    """The message as a receiving server would parse it from the wire."""
    parsed = email.message_from_bytes(message.as_bytes(), policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def build(draft: MailDraft, load_attachment: AttachmentLoader | None = None) -> EmailMessage:
    built = build_message(
        draft,
        from_address=FROM,
        from_name="Responsible Minerals Survey",
        date=SENT_AT,
        load_attachment=load_attachment,
    )
    return sent(built)


def test_reply_threads_under_the_suppliers_mail_in_gmail_and_outlook() -> None:
    message = build(reply_draft())
    assert message["In-Reply-To"] == "<CAF=abc123@mail.gmail.com>"
    assert message["References"] == "<invite.1@buyer.example> <CAF=abc123@mail.gmail.com>"
    assert message["Subject"] == "回复：Request for CMRT"
    assert message["X-Surveybot-Campaign"] == TAG


def test_reply_is_marked_as_an_automatic_reply_so_responders_stay_silent() -> None:
    message = build(reply_draft())
    assert message["Auto-Submitted"] == "auto-replied"
    assert message["X-Auto-Response-Suppress"] == "All"
    assert message["Content-Language"] == "zh"


def test_campaign_mail_without_headers_is_marked_auto_generated() -> None:
    draft = MailDraft(
        to=("buyer@acme.example",),
        subject="[RMI 2026-H1] Please send your CMRT",
        text="Hello",
        dedupe_key="wave:3:supplier:7",
    )
    message = build(draft)
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["X-Auto-Response-Suppress"] == "All"
    assert message.get_content_type() == "text/plain"
    assert message["In-Reply-To"] is None


def test_message_id_comes_from_the_dedupe_key_so_a_resend_is_recognised() -> None:
    first = build(reply_draft())
    again = build(reply_draft())
    other = build(reply_draft(dedupe_key="reply:<other@x>:00"))
    assert first["Message-ID"] == again["Message-ID"] == message_id_for(reply_draft().dedupe_key, FROM)
    assert other["Message-ID"] != first["Message-ID"]
    assert first["Message-ID"].endswith("@buyer.example>")


def test_body_is_text_plus_html_alternative_and_survives_the_wire_in_chinese() -> None:
    message = build(reply_draft())
    assert message.get_content_type() == "multipart/alternative"
    plain = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert plain is not None and html is not None
    assert plain.get_content() == "李先生您好：\n\n已接受：CMRT 版本 6.5\n"
    assert "<p>已接受：CMRT 版本 6.5</p>" in html.get_content()
    assert all(part["Content-Transfer-Encoding"] != "8bit" for part in message.walk())


def test_sender_and_date_come_from_the_settings_and_the_send_time() -> None:
    message = build(reply_draft())
    assert message["From"] == "Responsible Minerals Survey <rmi-survey@buyer.example>"
    assert message["To"] == "li.wei@supplier.example.cn"
    assert message["Date"] == "Mon, 02 Mar 2026 09:30:00 +0000"


def test_a_subject_with_line_breaks_cannot_smuggle_extra_headers() -> None:
    message = build(reply_draft(subject="CMRT\r\nBcc: everyone@example.com"))
    assert message["Bcc"] is None
    assert message["Subject"] == "CMRT Bcc: everyone@example.com"


def wire_headers(draft: MailDraft) -> str:
    """The header block exactly as it goes over SMTP (CRLF line ends, folded by our policy)."""
    built = build_message(draft, from_address=FROM, date=SENT_AT)
    return built.as_bytes(policy=built.policy.clone(linesep="\r\n")).decode("ascii").split("\r\n\r\n")[0]


def test_a_subject_whose_first_word_is_long_is_never_folded_right_after_subject() -> None:
    subject = "Re:" + "CMRT_Kestrel_Precision_Components_2026_H1_final_v3_signed" + "_corrected_again"
    headers = wire_headers(reply_draft(subject=subject))
    assert f"\r\nSubject: {subject}\r\n" in headers
    assert "Subject:\r\n" not in headers
    assert build(reply_draft(subject=subject))["Subject"] == subject


def test_a_long_subject_is_folded_at_78_characters_and_reads_back_unchanged() -> None:
    subject = "Re: " + " ".join(["Conflict Minerals Reporting Template for Kestrel Precision Components"] * 3)
    headers = wire_headers(reply_draft(subject=subject))
    block = headers[headers.index("Subject:") :].split("\r\n")
    assert block[0].startswith("Subject: Re: Conflict")
    assert block[1].startswith(" ") and all(len(line) <= 78 for line in block[:3])
    assert build(reply_draft(subject=subject))["Subject"] == subject


def test_long_message_ids_are_folded_between_ids_and_never_encoded() -> None:
    outlook_id = "<AM0PR02MB1234567890ABCDEF1234567890ABCDEF1234@AM0PR02MB1234.eurprd02.prod.outlook.com>"
    chain = [f"<invite.{n}@buyer.example>" for n in range(4)]
    draft = reply_draft(headers=reply_headers(outlook_id, chain, "en"))
    headers = wire_headers(draft)
    assert "=?" not in headers[headers.index("In-Reply-To:") :]
    assert f"\r\nIn-Reply-To: {outlook_id}\r\n" in headers
    assert "References: <invite.0@buyer.example>" in headers
    message = build(draft)
    assert message["References"].split() == [*chain, outlook_id]


def test_a_draft_may_not_set_identity_headers_itself() -> None:
    with pytest.raises(ValueError, match="may not set the From header"):
        build(reply_draft(headers={"From": "ceo@buyer.example"}))


def test_an_unknown_auto_submitted_value_becomes_auto_generated() -> None:
    message = build(reply_draft(headers={"Auto-Submitted": "no"}))
    assert message["Auto-Submitted"] == "auto-generated"


def test_attachments_are_added_with_their_names_beside_the_bodies() -> None:
    blank = b"PK\x03\x04 blank template bytes"
    ref = AttachmentRef(
        filename="RMI_CMRT_6.5.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        sha256="ab" * 32,
    )
    message = build(reply_draft(attachments=(ref,)), load_attachment=lambda r: blank)
    assert message.get_content_type() == "multipart/mixed"
    attachments = list(message.iter_attachments())
    assert [a.get_filename() for a in attachments] == ["RMI_CMRT_6.5.xlsx"]
    assert attachments[0].get_content() == blank
    assert message.get_body(("html",)) is not None


def test_an_attachment_without_a_loader_is_a_clear_error() -> None:
    ref = AttachmentRef(filename="x.xlsx", sha256="00" * 32)
    with pytest.raises(ValueError, match="needs a loader"):
        build(reply_draft(attachments=(ref,)))


def test_attachments_sharing_a_beginning_are_encoded_exactly_as_each_would_be_alone() -> None:
    # An invitation wave attaches one template, changed only at its end, to every mail; the shared
    # beginning is encoded once (SharedBeginnings), and every split point must give the same lines.
    shared = bytes(range(256)) * 800  # 204,800 bytes, longer than is worth sharing
    encoder = SharedBeginnings()
    variants = [shared + tail for tail in (b"", b"a", b"ab", b"abc", bytes(56), bytes(57), bytes(58))]
    variants += [b"other" + shared, shared[:-1], shared[:1000]]
    for data in [*variants, *variants]:
        text = encoder.encode(data)
        assert text == base64_lines(data)
        assert base64.b64decode(text) == data
        assert all(len(line) <= 76 for line in text.splitlines())
