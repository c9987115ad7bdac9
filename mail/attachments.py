"""Walking a parsed mail's MIME tree: the files a person attached, and the text they wrote.

What counts as an attachment is decided by what mail clients do, not by the disposition alone:
Apple Mail marks real files ``inline`` (with a filename), Outlook puts signature logos in
``multipart/related`` with a Content-ID, Outlook in rich-text mode hides every file in
``winmail.dat``, and people forward the supplier's mail as an attached message. Parts of delivery
reports (the returned copy of our own mail and template) are never taken as the supplier's files.
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
from dataclasses import dataclass, field
from email.message import Message
from pathlib import PureWindowsPath

from mail.body import part_text
from mail.headers import decode_bytes, decode_words, recover_8bit
from mail.model import Attachment, AttachmentSource
from mail.tnef import unwrap_tnef

DEFAULT_MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024
_REPORT_PARTS = frozenset(
    {"message/delivery-status", "message/disposition-notification", "text/rfc822-headers"}
)
_FORWARDED_TYPES = frozenset({"message/rfc822", "message/global"})
_TNEF_TYPES = frozenset({"application/ms-tnef", "application/vnd.ms-tnef"})
_KNOWN_EXTENSIONS = {
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.ms-excel.sheet.macroenabled.12": ".xlsm",
    "application/vnd.ms-excel": ".xls",
    "application/zip": ".zip",
    "application/pdf": ".pdf",
}


@dataclass
class MimeContent:
    """What the walk found; filled in place while walking."""

    attachments: list[Attachment] = field(default_factory=list)
    plain_bodies: list[str] = field(default_factory=list)
    html_bodies: list[str] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)
    ignored_inline_images: int = 0

    @property
    def text(self) -> str:
        return (self.plain_bodies or self.html_bodies or [""])[0]


def collect_content(
    message: Message, max_attachment_bytes: int = DEFAULT_MAX_ATTACHMENT_BYTES
) -> MimeContent:
    content = MimeContent()
    _Walker(content, max_attachment_bytes).walk(message, AttachmentSource.DIRECT, "", forwarded_depth=0)
    return content


class _Walker:
    def __init__(self, content: MimeContent, max_bytes: int) -> None:
        self.content = content
        self.max_bytes = max_bytes

    def walk(self, part: Message, source: AttachmentSource, parent_type: str, forwarded_depth: int) -> None:
        content_type = part.get_content_type()
        if content_type in _FORWARDED_TYPES:
            self._forwarded(part, forwarded_depth)
        elif part.is_multipart():
            children = part.get_payload()
            if not isinstance(children, list):
                return
            if content_type == "multipart/report":
                children = children[:1]  # the human-readable notice; the rest is the report and our own mail
            for child in children:
                if isinstance(child, Message):
                    self.walk(child, source, content_type, forwarded_depth)
        elif content_type not in _REPORT_PARTS:
            self._leaf(part, content_type, source, parent_type)

    def _forwarded(self, part: Message, forwarded_depth: int) -> None:
        inner = part.get_payload()
        if forwarded_depth >= 1:
            self.content.defects.append("a message forwarded inside a forwarded message was not opened")
        elif isinstance(inner, list) and inner and isinstance(inner[0], Message):
            self.walk(inner[0], AttachmentSource.FORWARDED, "message/rfc822", forwarded_depth + 1)

    def _leaf(self, part: Message, content_type: str, source: AttachmentSource, parent_type: str) -> None:
        filename = attachment_filename(part)
        disposition = part.get_content_disposition()
        if content_type in _TNEF_TYPES or (filename or "").lower() == "winmail.dat":
            self._tnef(part, filename or "winmail.dat", content_type)
        elif _is_body(content_type, filename, disposition):
            if source is AttachmentSource.DIRECT:
                bodies = (
                    self.content.html_bodies if content_type == "text/html" else self.content.plain_bodies
                )
                bodies.append(part_text(part))
        elif _is_inline_image(part, content_type, disposition, parent_type):
            self.content.ignored_inline_images += 1
        else:
            name = filename or self._unnamed(content_type)
            self.content.attachments.append(self._attachment(part, name, content_type, source))

    def _tnef(self, part: Message, filename: str, content_type: str) -> None:
        raw = self._attachment(part, filename, content_type, AttachmentSource.WINMAIL)
        if raw.oversized:
            self.content.attachments.append(raw)
            return
        unwrapped = unwrap_tnef(raw.data)
        if unwrapped.error is not None:
            self.content.defects.append(f"winmail.dat could not be decoded ({unwrapped.error})")
            self.content.attachments.append(raw)
            return
        if unwrapped.skipped_embedded_messages:
            self.content.defects.append("winmail.dat held an embedded message that was not opened")
        for found in unwrapped.files:
            guessed = mimetypes.guess_type(found.filename)[0] or "application/octet-stream"
            self.content.attachments.append(
                _make(found.filename, guessed, found.data, AttachmentSource.WINMAIL)
            )

    def _attachment(
        self, part: Message, filename: str, content_type: str, source: AttachmentSource
    ) -> Attachment:
        estimate = _decoded_size_estimate(part)
        if estimate > self.max_bytes:
            return _oversized(filename, content_type, source, estimate)
        try:
            payload = part.get_payload(decode=True)
        except (TypeError, LookupError, ValueError):
            payload = None
            self.content.defects.append(f"the content of {filename} could not be decoded")
        data = payload if isinstance(payload, bytes) else b""
        if len(data) > self.max_bytes:
            return _oversized(filename, content_type, source, len(data))
        return _make(filename, content_type, data, source)

    def _unnamed(self, content_type: str) -> str:
        extension = _KNOWN_EXTENSIONS.get(content_type) or mimetypes.guess_extension(content_type) or ""
        return f"attachment-{len(self.content.attachments) + 1}{extension}"


def attachment_filename(part: Message) -> str | None:
    """The decoded file name (RFC 2231, RFC 2047 or raw 8-bit), from Content-Disposition or Content-Type."""
    for header, param in (("content-disposition", "filename"), ("content-type", "name")):
        value = _param(part, header, param)
        if isinstance(value, tuple):
            charset, _language, text = value
            name = decode_bytes(str(text).encode("raw-unicode-escape"), charset or "utf-8")
        elif isinstance(value, str):
            name = decode_words(value)
        else:
            continue
        cleaned = _safe_name(name)
        if cleaned:
            return cleaned
    return None


def _param(part: Message, header: str, name: str) -> object:
    raw = next((str(value) for key, value in part.raw_items() if key.lower() == header), None)
    if raw is None:
        return None
    source = part
    if any("\udc80" <= char <= "\udcff" for char in raw):
        # The stdlib replaces raw 8-bit bytes with U+FFFD here; re-read the recovered text instead.
        source = Message()
        source[header] = recover_8bit(raw)
    try:
        return source.get_param(name, None, header)
    except (TypeError, ValueError, IndexError):
        # The stdlib trips over some broken RFC 2231 continuations; fall back to a plain name="…".
        match = re.search(rf'(?:^|;)\s*{name}\s*=\s*"([^"]*)"', recover_8bit(raw), re.IGNORECASE)
        return match.group(1) if match else None


def _safe_name(name: str) -> str:
    """Drop any directory part and control characters a hostile sender could put in a name."""
    base = PureWindowsPath(name.replace("/", "\\")).name
    return "".join(char for char in base if char.isprintable()).strip()[:255]


def _is_body(content_type: str, filename: str | None, disposition: str | None) -> bool:
    return content_type in {"text/plain", "text/html"} and filename is None and disposition != "attachment"


def _is_inline_image(part: Message, content_type: str, disposition: str | None, parent_type: str) -> bool:
    """Logos and pasted pictures: inline images, or images referenced by Content-ID in an HTML body."""
    if not content_type.startswith("image/"):
        return False
    return disposition != "attachment" or (
        part.get("Content-ID") is not None and parent_type == "multipart/related"
    )


def _decoded_size_estimate(part: Message) -> int:
    try:
        payload = part.get_payload()
    except (TypeError, LookupError, ValueError):
        # compat32 re-decodes 8-bit payloads with the declared charset, which may be garbage.
        return 0
    if not isinstance(payload, str | bytes):
        return 0
    encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    if encoding != "base64":
        return len(payload)
    # Line breaks are a sixtieth of a base64 body: leave them out, so the size a supplier is told
    # ("the file is 31.2 MB") is the file's, not the encoding's.
    newline, cr = ("\n", "\r") if isinstance(payload, str) else (b"\n", b"\r")
    letters = len(payload) - payload.count(newline) - payload.count(cr)  # type: ignore[arg-type]
    return letters * 3 // 4


def _make(filename: str, content_type: str, data: bytes, source: AttachmentSource) -> Attachment:
    return Attachment(
        filename=filename,
        content_type=content_type,
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        source=source,
        size=len(data),
    )


def _oversized(filename: str, content_type: str, source: AttachmentSource, size: int) -> Attachment:
    return Attachment(
        filename=filename,
        content_type=content_type,
        data=b"",
        sha256=None,
        source=source,
        size=size,
        oversized=True,
    )
