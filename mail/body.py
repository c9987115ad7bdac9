"""The readable text of a mail: its plain-text part, or its HTML part reduced to text.

Handlers look at the text for hints (a reply to "please confirm", a language), and staff see it in
triage, so it only needs to be faithful and bounded, not pretty. HTML is reduced with the stdlib
parser: scripts, styles and the head are dropped, block elements become line breaks.
"""

from __future__ import annotations

import contextlib
import re
from email.message import Message
from html.parser import HTMLParser

from mail.headers import decode_bytes

MAX_TEXT_CHARS = 200_000

_BLOCK_TAGS = frozenset(
    {
        "br",
        "p",
        "div",
        "tr",
        "li",
        "ul",
        "ol",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "hr",
    }
)
_SKIPPED_TAGS = frozenset({"script", "style", "head", "title", "xml"})
_BLANK_RUNS = re.compile(r"\n[ \t\u00a0]*(?:\n[ \t\u00a0]*)+")
_SPACE_RUNS = re.compile(r"[ \t\u00a0]+")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._pieces: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self._pieces.append("\n")
        elif tag == "td":
            self._pieces.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self._pieces.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._pieces.append(data)

    def text(self) -> str:
        return "".join(self._pieces)


def html_to_text(html: str) -> str:
    extractor = _TextExtractor()
    # html.parser gives up on some broken markup; what it had read so far is kept.
    with contextlib.suppress(AssertionError, ValueError):
        extractor.feed(html[: MAX_TEXT_CHARS * 4])
        extractor.close()
    lines = (_SPACE_RUNS.sub(" ", line).strip() for line in extractor.text().splitlines())
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def part_text(part: Message) -> str:
    """A text part's content as a string, in its declared charset (or the usual supersets)."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    text = decode_bytes(payload, part.get_content_charset())
    if part.get_content_subtype() == "html":
        text = html_to_text(text)
    return text.replace("\r\n", "\n")[:MAX_TEXT_CHARS].strip()
