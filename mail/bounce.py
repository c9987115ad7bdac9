"""Delivery failure reports: which recipients failed, and which of our mails the report is about.

Standard reports (RFC 3464: ``multipart/report; report-type=delivery-status``) carry one block of
fields per recipient (``Final-Recipient``, ``Action``, ``Status``, ``Diagnostic-Code``) and usually
the returned message or its headers, whose Message-ID ties the bounce to the outbox item that
caused it. Exim and Gmail also name failed recipients in ``X-Failed-Recipients``. Servers that send
no report at all (qmail, Exim, older Postfix, gatewayed Exchange NDRs) are read from their text by
``mail.bounce_text``, but only when the mail is machine-written: a supplier who forwards us a
bounce with a question is a person writing, not a report.
"""

from __future__ import annotations

import re
from email.message import Message
from email.parser import HeaderParser

from mail.bounce_text import read_text_report
from mail.headers import Headers, addresses, decode_bytes, decode_words, message_ids
from mail.model import BouncedRecipient, BounceInfo

_DAEMON_SENDER = re.compile(r"^(?:mailer-daemon|mailerdaemon|mail-daemon|postmaster|microsoftexchange\w*)@")
_BOUNCE_SUBJECT = re.compile(
    r"^\s*(?:undeliverable|undelivered mail|failure notice|mail delivery failed|delivery status notification"
    r"|returned mail|delivery failure|warning: message \S+ delayed|delayed mail|unzustellbar|non remis"
    r"|未能送达|无法送达|退信|配信不能)",
    re.IGNORECASE,
)


def parse_bounce(message: Message, headers: Headers) -> BounceInfo | None:
    """The bounce details, or None when the mail carries neither a DSN nor X-Failed-Recipients."""
    report = _find_part(message, "message/delivery-status")
    recipients: list[BouncedRecipient] = []
    reporting_mta = None
    if report is not None:
        blocks = _status_blocks(report)
        if blocks:
            reporting_mta = _field_value(blocks[0].get("Reporting-MTA"))
        recipients = [recipient for block in blocks[1:] if (recipient := _recipient(block)) is not None]
    text_report = None
    if report is None and _machine_written(headers):
        text_report = read_text_report(_report_text(message))
    if text_report is not None:
        recipients = list(text_report.recipients)
    known = {recipient.address for recipient in recipients}
    for value in headers.get_all("X-Failed-Recipients"):
        for address in value.replace(";", ",").split(","):
            address = address.strip().strip("<>").lower()
            if "@" in address and address not in known:
                known.add(address)
                recipients.append(BouncedRecipient(address=address, action="failed"))
    if report is None and text_report is None and not recipients:
        return None
    quoted = text_report.original_message_id if text_report else None
    return BounceInfo(
        recipients=tuple(recipients),
        original_message_id=_original_message_id(message) or quoted,
        reporting_mta=reporting_mta,
    )


def _machine_written(headers: Headers) -> bool:
    """Written by a mail server: a daemon sender, a null return path, RFC 3834 or Exchange's NDR mark,
    or a bounce subject without a reply or forward prefix."""
    senders = addresses(headers.get_all("From"))
    auto = (headers.get("Auto-Submitted") or "").strip().lower()
    null_return_path = headers.has("Return-Path") and (headers.get("Return-Path") or "").strip() in ("<>", "")
    return (
        bool(senders and _DAEMON_SENDER.match(senders[0][1]))
        or null_return_path
        or bool(auto and not auto.startswith("no"))
        or headers.has("X-MS-Exchange-Message-Is-Ndr")
        or headers.has("X-Failed-Recipients")
        or bool(_BOUNCE_SUBJECT.match(headers.text("Subject")))
    )


def _report_text(message: Message) -> str:
    """The server's own words: the first text/plain part outside any returned copy of our mail."""
    if message.get_content_type() == "message/rfc822":
        return ""
    if not message.is_multipart():
        if message.get_content_type() != "text/plain":
            return ""
        payload = message.get_payload(decode=True)
        return decode_bytes(payload, message.get_content_charset()) if isinstance(payload, bytes) else ""
    for part in message.get_payload():
        if isinstance(part, Message) and (text := _report_text(part)):
            return text
    return ""


def _find_part(message: Message, content_type: str) -> Message | None:
    for part in message.walk():
        if part.get_content_type() == content_type:
            return part
    return None


def _status_blocks(report: Message) -> list[Message]:
    """The per-message block then the per-recipient blocks, however the parser left them."""
    payload = report.get_payload()
    if isinstance(payload, list):
        return [block for block in payload if isinstance(block, Message)]
    text = payload if isinstance(payload, str) else ""
    chunks = [chunk for chunk in text.replace("\r\n", "\n").split("\n\n") if chunk.strip()]
    return [HeaderParser().parsestr(chunk) for chunk in chunks]


def _recipient(block: Message) -> BouncedRecipient | None:
    address = _field_value(block.get("Final-Recipient")) or _field_value(block.get("Original-Recipient"))
    if not address or "@" not in address:
        return None
    action = (_field_value(block.get("Action")) or "").lower() or None
    status = (_field_value(block.get("Status")) or "").split(" ")[0] or None
    diagnostic = _field_value(block.get("Diagnostic-Code"))
    return BouncedRecipient(
        address=address.strip("<>").lower(), action=action, status=status, diagnostic=diagnostic
    )


def _field_value(value: object) -> str | None:
    """``rfc822; user@example.com`` → ``user@example.com`` (the address-type prefix dropped)."""
    if value is None:
        return None
    text = decode_words(str(value))
    _, sep, rest = text.partition(";")
    return (rest if sep else text).strip() or None


def _original_message_id(message: Message) -> str | None:
    for part in message.walk():
        content_type = part.get_content_type()
        if content_type == "message/rfc822":
            inner = part.get_payload()
            if isinstance(inner, list) and inner and isinstance(inner[0], Message):
                found = message_ids(inner[0].get("Message-ID"))
                if found:
                    return found[0]
        elif content_type == "text/rfc822-headers":
            payload = part.get_payload(decode=True)
            text = payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else ""
            found = message_ids(HeaderParser().parsestr(text).get("Message-ID"))
            if found:
                return found[0]
    return None
