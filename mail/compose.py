"""Outbox drafts to RFC 5322 messages, with the headers that keep automatic mail safe.

The SMTP sender calls ``build_message`` for each outbox item just before sending. Whatever the code
that enqueued a draft put in its headers, the built message always carries ``Auto-Submitted``
(``auto-generated`` unless the draft says ``auto-replied``) and ``X-Auto-Response-Suppress: All``, so
out-of-office responders and ticket systems do not answer it, and a Message-ID derived from the
draft's dedupe key: sending the same item again after a crash yields the same Message-ID, which lets
receiving servers and our own intake recognise the repeat instead of seeing two mails.

Headers are folded per RFC 5322 at 78 characters, except that a header is never folded right after
its name: the stdlib does that when the first word does not fit behind ``Subject: ``, and several
mail programs then read a subject that starts with a blank (and thread it apart). Such a header
stays on one longer line instead (RFC 5322 allows 998). ``References``/``In-Reply-To`` are folded
between message ids only: the stdlib would turn a long id into RFC 2047 encoded words, which no
mail program matches against the Message-ID it sent, so the answer would leave the thread.
"""

from __future__ import annotations

import binascii
import datetime as dt
import hashlib
import threading
from collections.abc import Callable
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import EmailPolicy
from email.utils import format_datetime

from handlers.threads import AUTO_GENERATED, AUTO_REPLIED, clean_header_text, header_text
from mail.flatten import set_boundaries
from storage.records import AttachmentRef, MailDraft

AttachmentLoader = Callable[[AttachmentRef], bytes]

_RESERVED = frozenset({"from", "to", "cc", "bcc", "subject", "date", "message-id", "mime-version", "sender"})
_AUTO_SUBMITTED_VALUES = frozenset({AUTO_GENERATED, AUTO_REPLIED})
_FALLBACK_DOMAIN = "surveybot.invalid"


_LONGEST_LINE = 998  # RFC 5322 §2.1.1
_ID_HEADERS = frozenset({"references", "in-reply-to"})


class _MailPolicy(EmailPolicy):
    """``email.policy.default``, but a fold right after the header name is replaced by one long line."""

    def fold(self, name: str, value: str) -> str:
        if name.lower() in _ID_HEADERS and str(value).isascii():
            return self._fold_ids(name, str(value))
        folded: str = super().fold(name, value)
        if self._folded_after_name(name, folded):
            folded = self._unfolded().fold(name, value)
        return folded

    def fold_binary(self, name: str, value: str) -> bytes:
        if name.lower() in _ID_HEADERS and str(value).isascii():
            return self._fold_ids(name, str(value)).encode("ascii")
        folded = super().fold_binary(name, value)
        if self._folded_after_name(name, folded.decode("ascii", "replace")):
            return self._unfolded().fold_binary(name, value)
        return folded

    def _fold_ids(self, name: str, value: str) -> str:
        """``name: <a> <b>``, a new line before an id that would pass 78 characters, ids never split."""
        limit = self.max_line_length or _LONGEST_LINE
        lines, line = [], f"{name}:"
        for token in value.split():
            if len(line) + 1 + len(token) > limit and line != f"{name}:":
                lines.append(line)
                line = ""
            line += " " + token
        return self.linesep.join([*lines, line]) + self.linesep

    def _folded_after_name(self, name: str, folded: str) -> bool:
        return folded.startswith(f"{name}:{self.linesep}") and (self.max_line_length or 0) < _LONGEST_LINE

    def _unfolded(self) -> EmailPolicy:
        return self.clone(max_line_length=_LONGEST_LINE)


MAIL_POLICY = _MailPolicy()


def message_id_for(dedupe_key: str, from_address: str) -> str:
    """``<sb.<hash of the dedupe key>@<our domain>>``: unique per outbox item, stable across retries."""
    digest = hashlib.sha256(dedupe_key.encode("utf-8")).hexdigest()[:40]
    domain = from_address.rpartition("@")[2].strip().lower() or _FALLBACK_DOMAIN
    return f"<sb.{digest}@{domain}>"


def build_message(
    draft: MailDraft,
    *,
    from_address: str,
    from_name: str = "",
    reply_to: str = "",
    date: dt.datetime,
    load_attachment: AttachmentLoader | None = None,
) -> EmailMessage:
    """The complete message for ``draft``: text, HTML alternative and attachments, threaded and marked.

    Raises ``ValueError`` when the draft tries to set an address or identity header itself, or
    names an attachment but no loader was given: both are bugs in the code that enqueued it.
    """
    message = EmailMessage(policy=MAIL_POLICY)
    message["From"] = Address(display_name=clean_header_text(from_name), addr_spec=from_address)
    message["To"] = ", ".join(draft.to)
    if reply_to:
        message["Reply-To"] = reply_to
    message["Subject"] = header_text(draft.subject)
    message["Date"] = format_datetime(date.astimezone(dt.UTC))
    message["Message-ID"] = message_id_for(draft.dedupe_key, from_address)
    _set_bodies(message, draft)  # first: setting a body drops any Content-* header set before it
    _add_draft_headers(message, draft)
    for ref in draft.attachments:
        _attach(message, ref, load_attachment)
    set_boundaries(message)
    return message


def _add_draft_headers(message: EmailMessage, draft: MailDraft) -> None:
    for name in draft.headers:
        if name.lower() in _RESERVED:
            raise ValueError(f"outbox draft {draft.dedupe_key!r} may not set the {name} header itself")
    auto_submitted = draft.headers.get("Auto-Submitted", AUTO_GENERATED)
    message["Auto-Submitted"] = auto_submitted if auto_submitted in _AUTO_SUBMITTED_VALUES else AUTO_GENERATED
    message["X-Auto-Response-Suppress"] = "All"
    for name, value in draft.headers.items():
        if name.lower() not in ("auto-submitted", "x-auto-response-suppress"):
            message[name] = clean_header_text(value)


def _set_bodies(message: EmailMessage, draft: MailDraft) -> None:
    message.set_content(draft.text, subtype="plain", charset="utf-8", cte=_transfer_encoding(draft.text))
    if draft.html:
        message.add_alternative(
            draft.html, subtype="html", charset="utf-8", cte=_transfer_encoding(draft.html)
        )


def _transfer_encoding(body: str) -> str:
    """7bit for short-lined ASCII, base64 for mostly-CJK text (smaller), quoted-printable otherwise.

    Never 8bit: not every relay on the way to a supplier announces 8BITMIME.
    """
    if body.isascii() and all(len(line) <= 900 for line in body.splitlines()):
        return "7bit"
    non_ascii = sum(not ch.isascii() for ch in body)
    return "base64" if non_ascii * 5 > len(body) else "quoted-printable"


def _attach(message: EmailMessage, ref: AttachmentRef, load: AttachmentLoader | None) -> None:
    if load is None:
        raise ValueError(f"attachment {ref.filename!r} needs a loader to read its bytes")
    maintype, _, subtype = ref.content_type.partition("/")
    message.add_attachment(
        b"", maintype=maintype or "application", subtype=subtype or "octet-stream", filename=ref.filename
    )
    # base64 in one C call: the email package encodes 57 bytes per loop turn (a template: 28,000 turns)
    parts = message.get_payload()
    assert isinstance(parts, list) and isinstance(parts[-1], EmailMessage)
    part = parts[-1]
    part.set_payload(_SHARED.encode(load(ref)))


def base64_lines(data: bytes) -> str:
    """``data`` in base64, 76 characters a line (RFC 2045), encoded in one C call then cut."""
    text = binascii.b2a_base64(data, newline=False).decode("ascii")
    return "".join(text[i : i + 76] + "\n" for i in range(0, len(text), 76))


_GROUP = 57  # input bytes per 76-character base64 line
_WORTH_SHARING = 64 * 1024


class SharedBeginnings:
    """base64 of large attachments, reusing the encoded beginning that consecutive ones share.

    Why: an invitation wave attaches the same template to every mail with only the company name
    changed, and ``rmi.zip_copy`` writes the changed parts last, so the first 1.5 MB of every
    attachment are the same bytes; cutting 2 MB of base64 into lines was most of building a mail.
    The shared beginning is learnt from two attachments in a row and reused only when an attachment
    starts with exactly those bytes; anything else is encoded in full. At a multiple of 57 bytes the
    rest is encoded on its own and its lines continue the shared ones exactly.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._previous = b""
        self._prefix = b""
        self._encoded = ""

    def encode(self, data: bytes) -> str:
        with self._lock:
            prefix, encoded, previous = self._prefix, self._encoded, self._previous
        if len(data) < _WORTH_SHARING:
            return base64_lines(data)
        if prefix and data.startswith(prefix):
            return encoded + base64_lines(data[len(prefix) :])
        text = base64_lines(data)
        shared = common_length(previous, data) // _GROUP * _GROUP
        with self._lock:
            self._previous = data
            if shared >= _WORTH_SHARING:
                self._prefix, self._encoded = data[:shared], text[: shared // _GROUP * 77]
        return text


def common_length(first: bytes, second: bytes, chunk: int = 64 * 1024) -> int:
    """How many leading bytes ``first`` and ``second`` share (chunk by chunk, then by halves)."""
    end = min(len(first), len(second))
    low = 0
    while low < end and first[low : low + chunk] == second[low : low + chunk]:
        low += chunk
    high = min(low + chunk, end)  # the first difference lies in [low, high), or nowhere
    while low < high:
        middle = (low + high + 1) // 2
        if first[low:middle] == second[low:middle]:
            low = middle
        else:
            high = middle - 1
    return min(low, end)


_SHARED = SharedBeginnings()
