"""Header decoding that survives what real mail clients send.

The stdlib decodes the standards; suppliers' mail programs bend them. Foxmail and older Outlook
label GBK text as ``gb2312`` and split multi-byte characters across encoded words; some servers
pass raw 8-bit UTF-8 or GBK in headers; Korean and Japanese clients use Microsoft's supersets of
the registered charsets. Everything here works on the raw header strings of a ``compat32``
message (8-bit bytes kept as surrogates) and never raises.
"""

from __future__ import annotations

import codecs
import datetime as dt
import email.errors
import email.header
import email.utils
import re
from collections.abc import Iterable
from email.message import Message

# Registered names mapped to the superset codecs the senders actually use.
_CHARSET_SUPERSETS = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "ks_c_5601-1987": "cp949",
    "euc-kr": "cp949",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "big5": "big5hkscs",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "utf-8",
    "ascii": "utf-8",
    "unknown-8bit": "utf-8",
    "x-unknown": "utf-8",
}
_FOLDING = re.compile(r"\r?\n[ \t]*")
_MSG_ID = re.compile(r"<([^<>\s]+)>")


def codec_for(charset: str | None) -> str:
    """A Python codec for a MIME charset label, falling back to UTF-8 for unknown labels."""
    label = (charset or "utf-8").strip().strip('"').lower()
    label = _CHARSET_SUPERSETS.get(label, label)
    try:
        name = codecs.lookup(label).name
        b"a".decode(name, "replace")  # rejects bytes-to-bytes codecs such as "base64" or "zlib"
    except (LookupError, ValueError):
        return "utf-8"
    return name


def decode_bytes(data: bytes, charset: str | None) -> str:
    return data.decode(codec_for(charset), errors="replace")


def recover_8bit(value: str) -> str:
    """Turn raw 8-bit header bytes (kept as surrogates by the parser) back into text."""
    try:
        raw = value.encode("ascii", "surrogateescape")
    except UnicodeEncodeError:
        return value
    for codec in ("utf-8", "gb18030"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return raw.decode("cp1252", errors="replace")


def decode_words(value: str | None) -> str:
    """Decode RFC 2047 encoded words (merging words split mid-character) and unfold the result."""
    if not value:
        return ""
    text = recover_8bit(_FOLDING.sub(" ", str(value)))
    try:
        parts = email.header.decode_header(text)
    except (email.errors.HeaderParseError, ValueError, LookupError):
        return text.strip()
    pieces = []
    for data, charset in parts:
        if isinstance(data, str):
            pieces.append(data)
        elif charset is None:
            pieces.append(data.decode("raw-unicode-escape", errors="replace"))
        else:
            pieces.append(decode_bytes(data, charset))
    return "".join(pieces).strip()


class Headers:
    """Case-insensitive access to a message's raw header values, in message order."""

    def __init__(self, message: Message) -> None:
        self._values: dict[str, list[str]] = {}
        for name, value in message.raw_items():
            self._values.setdefault(name.lower(), []).append(str(value))

    def get(self, name: str) -> str | None:
        values = self._values.get(name.lower())
        return values[0] if values else None

    def get_all(self, name: str) -> list[str]:
        return list(self._values.get(name.lower(), []))

    def has(self, name: str) -> bool:
        return name.lower() in self._values

    def text(self, name: str) -> str:
        """The first value, RFC 2047-decoded and unfolded ("" when absent)."""
        return decode_words(self.get(name))


def addresses(raw_values: Iterable[str]) -> list[tuple[str, str]]:
    """(display name, lower-cased address) pairs; entries without an ``@`` are dropped."""
    unfolded = [recover_8bit(_FOLDING.sub(" ", value)) for value in raw_values]
    try:
        pairs = email.utils.getaddresses(unfolded)
    except (ValueError, IndexError, TypeError):
        return []
    return [(decode_words(name), address.strip().lower()) for name, address in pairs if "@" in address]


def message_ids(raw: object) -> tuple[str, ...]:
    """All ``<id>`` tokens of a Message-ID, In-Reply-To or References header, in order."""
    if raw is None:
        return ()
    value = str(raw)
    found = tuple(f"<{match}>" for match in _MSG_ID.findall(value))
    if found:
        return found
    bare = value.strip()
    return (f"<{bare}>",) if bare and "@" in bare and " " not in bare else ()


def parse_date(value: str | None) -> dt.datetime | None:
    """An aware datetime (naive dates are taken as UTC), or None for missing or nonsense dates."""
    if not value:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(_FOLDING.sub(" ", value).strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
