"""Delivery failure reports: which recipients failed, and which of our mails the report is about.

Standard reports (RFC 3464: ``multipart/report; report-type=delivery-status``) carry one block of
fields per recipient (``Final-Recipient``, ``Action``, ``Status``, ``Diagnostic-Code``) and usually
the returned message or its headers, whose Message-ID ties the bounce to the outbox item that
caused it. Exim and Gmail also name failed recipients in ``X-Failed-Recipients``.
"""

from __future__ import annotations

from email.message import Message
from email.parser import HeaderParser

from mail.headers import Headers, decode_words, message_ids
from mail.model import BouncedRecipient, BounceInfo


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
    known = {recipient.address for recipient in recipients}
    for value in headers.get_all("X-Failed-Recipients"):
        for address in value.replace(";", ",").split(","):
            address = address.strip().strip("<>").lower()
            if "@" in address and address not in known:
                known.add(address)
                recipients.append(BouncedRecipient(address=address, action="failed"))
    if report is None and not recipients:
        return None
    return BounceInfo(
        recipients=tuple(recipients),
        original_message_id=_original_message_id(message),
        reporting_mta=reporting_mta,
    )


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
