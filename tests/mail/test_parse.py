"""Parsing inbound mail: what each real mail client sends becomes the same clean InboundMail."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mail.parse import (
    AttachmentSource,
    AuthResult,
    AutomatedKind,
    InboundMail,
    is_spreadsheet_candidate,
    parse_message,
)
from rmi.intake import IntakeCode, inspect_file
from tests.mail.mail_builders import (
    FIXTURES,
    OUR_MESSAGE_ID,
    apple_mail,
    b64,
    fixture,
    forwarded,
    foxmail,
    gmail_chinese_name,
    lotus_notes_japanese,
    our_request,
    outlook_reply,
    outlook_winmail,
    postfix_dsn,
    simple_mail,
    template_bytes,
    tnef_blob,
    two_attachments,
)

TRUSTED = ("mx.example.com",)


@pytest.fixture(scope="module")
def template() -> bytes:
    return template_bytes()


def only_attachment(mail: InboundMail) -> bytes:
    assert len(mail.attachments) == 1, mail.attachments
    return mail.attachments[0].data


# --- the clients our suppliers use ---------------------------------------------------------------


def test_outlook_reply_yields_the_workbook_text_thread_and_ignores_the_signature_logo(
    template: bytes,
) -> None:
    mail = parse_message(outlook_reply(template), trusted_authserv_ids=TRUSTED)
    assert only_attachment(mail) == template
    attachment = mail.attachments[0]
    assert attachment.filename == "RMI_CMRT_6.5.xlsx"
    assert attachment.source is AttachmentSource.DIRECT
    assert attachment.sha256 == hashlib.sha256(template).hexdigest()
    assert mail.ignored_inline_images == 1
    assert mail.text.startswith("Hello,\n\nplease find our CMRT attached.")
    assert mail.in_reply_to == OUR_MESSAGE_ID
    assert mail.references == ("<campaign-2026@surveys.example.com>", OUR_MESSAGE_ID)
    assert (mail.from_address, mail.from_name) == ("anna.keller@precision-parts.de", "Anna Keller")
    assert mail.to == ("surveys@example.com",)
    assert mail.date is not None and mail.date.isoformat() == "2025-11-25T09:14:27+00:00"
    assert mail.defects == ()


def test_outlook_x_auto_response_suppress_alone_does_not_make_a_person_a_robot(template: bytes) -> None:
    mail = parse_message(outlook_reply(template))
    assert mail.automated is None


def test_outlook_winmail_dat_is_unwrapped_to_the_workbook_with_its_long_name(template: bytes) -> None:
    blob = tnef_blob([("RMI_CM~1.XLS", "RMI_CMRT_6.5 深圳金属.xlsx", template)])
    mail = parse_message(outlook_winmail(blob))
    assert only_attachment(mail) == template
    attachment = mail.attachments[0]
    assert attachment.filename == "RMI_CMRT_6.5 深圳金属.xlsx"
    assert attachment.source is AttachmentSource.WINMAIL
    assert is_spreadsheet_candidate(attachment)
    assert inspect_file(attachment.data, attachment.filename).accepted


def test_broken_winmail_dat_is_kept_so_intake_can_explain_it() -> None:
    broken = b"\x78\x9f\x3e\x22\x01\x00" + b"\x02\x02\x90\x06\x00\xff\xff\xff\x7f" + b"cut off"
    mail = parse_message(outlook_winmail(broken))
    assert [a.filename for a in mail.attachments] == ["winmail.dat"]
    assert mail.attachments[0].data == broken
    assert any("winmail.dat" in defect for defect in mail.defects)
    assert is_spreadsheet_candidate(mail.attachments[0])
    assert inspect_file(mail.attachments[0].data, "winmail.dat").reason_code is IntakeCode.WINMAIL


def test_gmail_rfc2231_chinese_file_name_in_continuations_is_decoded(template: bytes) -> None:
    mail = parse_message(gmail_chinese_name(template, "钨矿供应商_CMRT_2026.xlsx"))
    assert only_attachment(mail) == template
    assert mail.attachments[0].filename == "钨矿供应商_CMRT_2026.xlsx"
    assert (mail.subject, mail.from_name) == ("CMRT 文件", "李明")
    assert mail.text == "您好，附件是我们的CMRT。"


def test_apple_mail_inline_workbook_is_an_attachment_but_the_inline_image_is_not(template: bytes) -> None:
    mail = parse_message(apple_mail(template))
    assert only_attachment(mail) == template
    assert mail.attachments[0].filename == "RMI_CMRT_6.5.xlsx"
    assert mail.ignored_inline_images == 1
    assert mail.text == "Hi,\nhere it is."


def test_lotus_notes_japanese_subject_html_body_and_octet_stream_workbook(template: bytes) -> None:
    mail = parse_message(lotus_notes_japanese(template))
    assert mail.subject == "CMRT提出の件"
    assert mail.text == "いつもお世話になっております。\nCMRTを送付します。"
    assert only_attachment(mail) == template
    assert mail.attachments[0].content_type == "application/octet-stream"
    assert is_spreadsheet_candidate(mail.attachments[0])


def test_foxmail_gbk_labelled_gb2312_and_split_mid_character_is_decoded(template: bytes) -> None:
    mail = parse_message(foxmail(template, "回复：喆钨业CMRT调查表", "湖南喆钨业CMRT.xlsx"))
    assert mail.subject == "回复：喆钨业CMRT调查表"
    assert mail.from_name == "张喆"
    assert mail.attachments[0].filename == "湖南喆钨业CMRT.xlsx"
    assert only_attachment(mail) == template
    assert mail.text == "您好，附件为CMRT，请查收。"


def test_forwarded_message_yields_the_inner_workbook_marked_forwarded(template: bytes) -> None:
    mail = parse_message(forwarded(outlook_reply(template)))
    assert only_attachment(mail) == template
    assert mail.attachments[0].source is AttachmentSource.FORWARDED
    assert mail.from_address == "purchasing@precision-parts.de"
    assert mail.text == "Forwarding Anna's reply, she sent it to me by mistake."


def test_forward_of_a_forward_is_not_opened_and_says_so(template: bytes) -> None:
    mail = parse_message(forwarded(forwarded(outlook_reply(template))))
    assert mail.attachments == ()
    assert any("forwarded inside a forwarded" in defect for defect in mail.defects)


def test_two_attachments_are_both_kept_and_only_the_workbook_is_a_candidate(template: bytes) -> None:
    mail = parse_message(two_attachments(template))
    assert [a.filename for a in mail.attachments] == ["CMRT.xlsx", "Policy.pdf"]
    assert [is_spreadsheet_candidate(a) for a in mail.attachments] == [True, False]


def test_attachment_over_the_size_cap_is_recorded_but_not_decoded(template: bytes) -> None:
    mail = parse_message(outlook_reply(template), max_attachment_bytes=1_000_000)
    attachment = mail.attachments[0]
    assert attachment.oversized and attachment.data == b"" and attachment.sha256 is None
    assert attachment.size > 1_000_000
    assert is_spreadsheet_candidate(attachment)


# --- machines that write to us -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "subject"),
    [
        (
            "ooo_outlook_en.eml",
            AutomatedKind.AUTO_REPLY,
            "Automatic reply: CMRT request 2026 - Northern Castings Ltd",
        ),
        ("ooo_lotus_de.eml", AutomatedKind.AUTO_REPLY, "Abwesenheitsnotiz: CMRT-Anfrage 2026"),
        ("ooo_zh.eml", AutomatedKind.AUTO_REPLY, "自动回复: CMRT调查"),
        ("gmail_vacation.eml", AutomatedKind.AUTO_REPLY, "Re: CMRT request 2026"),
        ("mailing_list.eml", AutomatedKind.MAILING_LIST, "RMI news: CMRT 6.5 released"),
        ("read_receipt.eml", AutomatedKind.READ_RECEIPT, "Read: CMRT request 2026"),
        ("exchange_dsn_headers_only.eml", AutomatedKind.BOUNCE, "Undeliverable: CMRT request 2026"),
    ],
)
def test_machine_written_mail_is_recognised_so_it_is_never_answered(
    name: str, kind: AutomatedKind, subject: str
) -> None:
    mail = parse_message(fixture(name))
    assert mail.subject == subject
    assert mail.automated is kind, mail.automated_evidence
    assert mail.automated_evidence


@pytest.mark.parametrize(
    ("subject", "extra"),
    [
        ("自動応答: CMRTのご依頼", ""),
        ("Out of Office: CMRT request", ""),
        ("Réponse automatique : CMRT", ""),
        ("CMRT", "X-Autoreply: yes"),
        ("CMRT", "X-Autorespond: CMRT"),
        ("CMRT", "Precedence: junk"),
        ("CMRT", "Auto-Submitted: auto-notified"),
        ("CMRT", "Return-Path: <>"),
    ],
)
def test_auto_reply_signals_each_mark_the_mail_automated(subject: str, extra: str) -> None:
    mail = parse_message(simple_mail("someone@supplier.example", extra, subject=subject))
    assert mail.automated is not None


@pytest.mark.parametrize(
    "extra",
    [
        "X-Auto-Response-Suppress: All",
        "Auto-Submitted: no",
        "Precedence: normal",
        "Return-Path: <a@b.example>",
    ],
)
def test_ordinary_headers_do_not_make_a_person_a_robot(extra: str) -> None:
    mail = parse_message(
        simple_mail("Anna <anna@supplier.example>", extra, subject="RE: Office move and CMRT")
    )
    assert mail.automated is None


def test_mailing_list_html_body_is_reduced_to_text_without_styles_or_scripts() -> None:
    mail = parse_message(fixture("mailing_list.eml"))
    assert mail.text == "CMRT 6.5\n\nThe new template is out & ready."


def test_postfix_bounce_names_the_failed_address_and_our_message_but_not_our_template(
    template: bytes,
) -> None:
    mail = parse_message(postfix_dsn(our_request(template, "buyer@closed-supplier.com")))
    assert mail.automated is AutomatedKind.BOUNCE
    assert mail.bounce is not None
    assert mail.bounce.failed_addresses == ("buyer@closed-supplier.com",)
    assert mail.bounce.recipients[0].status == "5.1.1"
    assert mail.bounce.original_message_id == OUR_MESSAGE_ID
    assert mail.attachments == ()
    assert mail.return_path == ""


def test_exchange_bounce_with_headers_only_still_links_to_our_message() -> None:
    mail = parse_message(fixture("exchange_dsn_headers_only.eml"))
    assert mail.bounce is not None
    assert mail.bounce.failed_addresses == ("old.buyer@gone-supplier.com",)
    assert mail.bounce.original_message_id == "<survey-2026-cmrt-77@surveys.example.com>"


def test_exim_failed_recipients_header_is_a_bounce_without_a_report() -> None:
    mail = parse_message(
        simple_mail(
            "Mail Delivery System <Mailer-Daemon@relay.example>", "X-Failed-Recipients: gone@supplier.example"
        )
    )
    assert mail.automated is AutomatedKind.BOUNCE
    assert mail.bounce is not None and mail.bounce.failed_addresses == ("gone@supplier.example",)


# --- who really sent it --------------------------------------------------------------------------


def _auth_mail(*results: str, sender: str = "anna@precision-parts.de") -> bytes:
    headers = "\n".join(f"Authentication-Results: {value}" for value in results)
    return simple_mail(f"Anna <{sender}>", headers)


def test_trusted_authentication_results_pass_for_the_from_domain() -> None:
    raw = _auth_mail(
        "mx.example.com; spf=pass smtp.mailfrom=bounces.precision-parts.de; "
        "dkim=pass header.d=precision-parts.de; dmarc=pass (p=reject) header.from=precision-parts.de"
    )
    auth = parse_message(raw, trusted_authserv_ids=TRUSTED).auth
    assert (auth.spf, auth.dkim, auth.dmarc) == (AuthResult.PASS, AuthResult.PASS, AuthResult.PASS)
    assert auth.passed and not auth.failed and auth.authserv_id == "mx.example.com"


def test_spoofed_sender_fails_even_when_a_forged_header_claims_pass() -> None:
    raw = _auth_mail(
        "mx.example.com; spf=fail smtp.mailfrom=precision-parts.de; dkim=none; "
        "dmarc=fail header.from=precision-parts.de",
        "mx.attacker.example; spf=pass smtp.mailfrom=precision-parts.de; "
        "dmarc=pass header.from=precision-parts.de",
    )
    auth = parse_message(raw, trusted_authserv_ids=TRUSTED).auth
    assert auth.dmarc is AuthResult.FAIL and auth.spf is AuthResult.FAIL
    assert auth.failed and not auth.passed


def test_forged_header_with_an_untrusted_id_is_ignored_entirely() -> None:
    raw = _auth_mail("mx.attacker.example; spf=pass; dkim=pass header.d=precision-parts.de; dmarc=pass")
    auth = parse_message(raw, trusted_authserv_ids=TRUSTED).auth
    assert (auth.spf, auth.dkim, auth.dmarc, auth.authserv_id) == (
        AuthResult.NONE,
        AuthResult.NONE,
        AuthResult.NONE,
        None,
    )


def test_dkim_pass_for_another_domain_does_not_vouch_for_the_sender() -> None:
    raw = _auth_mail(
        "mx.example.com; spf=softfail smtp.mailfrom=precision-parts.de; dkim=pass header.d=mailgun.example"
    )
    auth = parse_message(raw, trusted_authserv_ids=TRUSTED).auth
    assert auth.dkim is AuthResult.NONE and auth.spf is AuthResult.FAIL
    assert auth.failed


# --- hostile and broken mail ---------------------------------------------------------------------


def test_mail_without_message_id_gets_a_stable_synthetic_one() -> None:
    raw = b"From: a@supplier.example\r\nSubject: hi\r\n\r\nbody"
    first, second = parse_message(raw), parse_message(raw)
    assert first.message_id_synthesised
    assert first.message_id == second.message_id
    assert first.message_id.startswith("<") and first.message_id.endswith("@surveybot.invalid>")


def test_truncated_multipart_with_broken_base64_returns_what_it_can_with_defects() -> None:
    raw = (
        b"From: =?utf-8?B?broken?= <x@supplier.example>\r\nSubject: =?utf-8?Q?caf=C3=A9?=\r\n"
        b"Content-Type: multipart/mixed; boundary=zz\r\n\r\n--zz\r\nContent-Type: text/plain\r\n\r\nhi\r\n"
        b"--zz\r\nContent-Type: application/octet-stream; name=a.xlsx\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n"
        b"UEsDB!!!!AAA"
    )
    mail = parse_message(raw)
    assert mail.subject == "café"
    assert mail.text == "hi"
    assert [a.filename for a in mail.attachments] == ["a.xlsx"]
    assert mail.defects


def test_absurdly_deep_mime_nesting_does_not_crash_the_loop() -> None:
    depth = 3000
    head = "".join(f"Content-Type: multipart/mixed; boundary=b{i}\r\n\r\n--b{i}\r\n" for i in range(depth))
    raw = (
        b"From: deep@supplier.example\r\nSubject: deep\r\n"
        + head.encode()
        + b"Content-Type: text/plain\r\n\r\nx"
    )
    mail = parse_message(raw)
    assert mail.subject == "deep"
    assert mail.from_address == "deep@supplier.example"
    assert any("MIME boundaries" in defect for defect in mail.defects)


def test_raw_8bit_gbk_header_file_name_is_recovered() -> None:
    raw = (
        b"From: a@supplier.example\r\nSubject: x\r\nContent-Type: multipart/mixed; boundary=q\r\n\r\n--q\r\n"
        b'Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="'
        + "钨业.xlsx".encode("gbk")
        + b'"\r\n\r\nPK\x03\x04\r\n--q--\r\n'
    )
    assert parse_message(raw).attachments[0].filename == "钨业.xlsx"


def test_path_in_a_file_name_is_stripped() -> None:
    raw = (
        b"From: a@supplier.example\r\nContent-Type: multipart/mixed; boundary=q\r\n\r\n--q\r\n"
        b'Content-Type: application/octet-stream; name="..\\\\..\\\\evil.xlsx"\r\n\r\nPK\r\n--q--\r\n'
    )
    assert parse_message(raw).attachments[0].filename == "evil.xlsx"


_SEEDS = [path.read_bytes() for path in sorted(FIXTURES.glob("*.eml"))]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(_SEEDS), st.lists(st.tuples(st.integers(0, 10_000), st.binary(max_size=4)), max_size=6)
)
def test_randomly_damaged_mail_never_raises(seed: bytes, edits: list[tuple[int, bytes]]) -> None:
    data = bytearray(seed)
    for position, chunk in edits:
        at = position % (len(data) + 1)
        data[at : at + len(chunk)] = chunk
    mail = parse_message(bytes(data), trusted_authserv_ids=TRUSTED)
    assert mail.message_id.startswith("<")


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_never_raise(raw: bytes) -> None:
    assert isinstance(parse_message(raw), InboundMail)


def test_nonsense_charsets_fall_back_to_utf8_instead_of_failing() -> None:
    raw = (
        b"From: a@supplier.example\r\nSubject: =?base64?B?aGk=?=\r\n"
        b"Content-Type: text/plain; charset=base64\r\n\r\nCMRT attached \xe2\x9c\x93"
    )
    mail = parse_message(raw)
    assert mail.text == "CMRT attached ✓"
    assert not any("could not be parsed" in defect for defect in mail.defects)


def test_broken_rfc2231_continuations_keep_the_plain_file_name() -> None:
    raw = (
        b"From: a@supplier.example\r\nContent-Type: multipart/mixed; boundary=q\r\n\r\n--q\r\n"
        b'Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="CMRT.xlsx"; '
        b"filename*=UTF-8''x; filename*0=a\r\n\r\nPK\x03\x04\r\n--q--\r\n"
    )
    mail = parse_message(raw)
    assert [a.filename for a in mail.attachments] == ["CMRT.xlsx"]


def test_attachment_without_any_name_gets_one_and_is_found_by_its_magic(template: bytes) -> None:
    raw = (
        b"From: a@supplier.example\r\nContent-Type: multipart/mixed; boundary=q\r\n\r\n--q\r\n"
        b"Content-Type: text/plain\r\n\r\nsee attached\r\n--q\r\n"
        b"Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + b64(template).encode()
        + b"\r\n--q--\r\n"
    )
    mail = parse_message(raw)
    assert [a.filename for a in mail.attachments] == ["attachment-1.bin"]
    assert only_attachment(mail) == template
    assert is_spreadsheet_candidate(mail.attachments[0])
