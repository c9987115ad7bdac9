"""Raw mail bytes → ``InboundMail``: pure, offline, and never raising on malformed MIME.

The watcher hands over ``BODY.PEEK[]`` bytes; the route table needs decoded, typed facts. Parsing
uses the forgiving ``compat32`` policy (the modern policy raises on some broken headers) and our
own decoders. Each stage (headers, content, bounce, authentication) has its own guard, so a
failure in one keeps the others' results and is listed in ``defects``; the raw mail itself stays
in the mailbox, so nothing is lost.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Collection
from email.message import Message
from email.parser import BytesParser
from email.policy import compat32
from typing import TypeVar

from mail.attachments import DEFAULT_MAX_ATTACHMENT_BYTES, MimeContent, collect_content
from mail.auth_results import auth_verdict
from mail.automated import Automation, classify_automated
from mail.bounce import parse_bounce
from mail.candidates import is_spreadsheet_candidate
from mail.headers import Headers, addresses, decode_words, message_ids, parse_date
from mail.model import (
    Attachment,
    AttachmentSource,
    AuthResult,
    AuthVerdict,
    AutomatedKind,
    BouncedRecipient,
    BounceInfo,
    InboundMail,
)

__all__ = [
    "Attachment",
    "AttachmentSource",
    "AuthResult",
    "AuthVerdict",
    "AutomatedKind",
    "BounceInfo",
    "BouncedRecipient",
    "InboundMail",
    "is_spreadsheet_candidate",
    "parse_message",
]

logger = logging.getLogger(__name__)

_T = TypeVar("_T")
_MAX_DEFECTS = 50
_MAX_BOUNDARIES = 200


def parse_message(
    raw: bytes,
    *,
    trusted_authserv_ids: Collection[str] = (),
    max_attachment_bytes: int = DEFAULT_MAX_ATTACHMENT_BYTES,
) -> InboundMail:
    """Parse one mail. ``trusted_authserv_ids`` names our own receiving server(s) (RFC 8601)."""
    defects: list[str] = []
    message = _parse_mime(raw, defects)
    headers = Headers(message)
    senders = addresses(headers.get_all("From"))
    from_name, from_address = senders[0] if senders else ("", "")
    subject = headers.text("Subject")
    content = _guarded(
        "attachments", defects, lambda: collect_content(message, max_attachment_bytes), MimeContent()
    )
    automation = _guarded(
        "automation", defects, lambda: _automation(message, headers, subject, from_address), None
    )
    bounce = _guarded("bounce", defects, lambda: parse_bounce(message, headers), None)
    auth_headers = headers.get_all("Authentication-Results")
    from_domain = from_address.rpartition("@")[2]
    auth = _guarded(
        "authentication",
        defects,
        lambda: auth_verdict(auth_headers, from_domain, trusted_authserv_ids),
        AuthVerdict(),
    )
    found_ids = message_ids(headers.get("Message-ID"))
    return InboundMail(
        message_id=found_ids[0] if found_ids else _synthetic_id(raw),
        message_id_synthesised=not found_ids,
        in_reply_to=next(iter(message_ids(headers.get("In-Reply-To"))), None),
        references=message_ids(headers.get("References")),
        subject=subject,
        from_address=from_address,
        from_name=from_name,
        reply_to=_address_list(headers, "Reply-To"),
        to=_address_list(headers, "To"),
        cc=_address_list(headers, "Cc"),
        date=parse_date(headers.get("Date")),
        text=content.text,
        attachments=tuple(content.attachments),
        automated=automation.kind if automation else None,
        automated_evidence=automation.evidence if automation else None,
        bounce=bounce,
        auth=auth,
        defects=_all_defects(message, defects, content, senders),
        ignored_inline_images=content.ignored_inline_images,
        return_path=_return_path(headers),
    )


def _parse_mime(raw: bytes, defects: list[str]) -> Message:
    """The full MIME tree, or the headers alone when the body is too hostile to parse."""
    parser = BytesParser(policy=compat32)
    if raw.lower().count(b"boundary") > _MAX_BOUNDARIES:
        # Thousands of nested multiparts cost the stdlib parser a second each before it gives up.
        defects.append(f"more than {_MAX_BOUNDARIES} MIME boundaries; only the headers were read")
        return _guarded("headers", defects, lambda: parser.parsebytes(raw, headersonly=True), Message())
    message = _guarded("MIME structure", defects, lambda: parser.parsebytes(raw), None)
    if message is None:
        message = _guarded("headers", defects, lambda: parser.parsebytes(raw, headersonly=True), Message())
    return message


def _guarded(stage: str, defects: list[str], work: Callable[[], _T], fallback: _T) -> _T:
    try:
        return work()
    except Exception as exc:
        # Hostile MIME must never stop the mailbox loop; the stage's result is simply missing.
        logger.warning("mail parsing stage %r failed", stage, exc_info=True)
        defects.append(f"{stage} could not be parsed ({type(exc).__name__})")
        return fallback


def _automation(message: Message, headers: Headers, subject: str, from_address: str) -> Automation | None:
    report_type = message.get_param("report-type")
    return classify_automated(
        headers,
        subject=subject,
        from_address=from_address,
        content_type=message.get_content_type(),
        report_type=str(report_type).lower() if isinstance(report_type, str) else None,
    )


def _address_list(headers: Headers, name: str) -> tuple[str, ...]:
    return tuple(address for _, address in addresses(headers.get_all(name)))


def _synthetic_id(raw: bytes) -> str:
    """A stable stand-in for a missing Message-ID: the same bytes always get the same id (dedupe)."""
    return f"<{hashlib.sha256(raw).hexdigest()[:32]}@surveybot.invalid>"


def _return_path(headers: Headers) -> str | None:
    value = headers.get("Return-Path")
    if value is None:
        return None
    return decode_words(value).strip().strip("<>").strip().lower()


def _all_defects(
    message: Message, stage_defects: list[str], content: MimeContent, senders: list[tuple[str, str]]
) -> tuple[str, ...]:
    found = list(stage_defects) + content.defects
    if not senders:
        found.append("no usable From address")
    elif len(senders) > 1:
        found.append("several From addresses; the first was used")
    try:
        for part in message.walk():
            found.extend(type(defect).__name__ for defect in part.defects)
    except RecursionError:
        found.append("MIME nesting too deep")
    return tuple(dict.fromkeys(found))[:_MAX_DEFECTS]
