"""Text content of spreadsheet XML as a parser would give it, from raw bytes.

The fast readers slice values out of the XML without a parser, so they undo what a parser undoes:
entity and character references, CR/LF line ends (XML reads both as LF) and Excel's ``_xHHHH_``
escapes for characters XML cannot carry (``_x000D_`` is a carriage return).
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# XML has five named entities and character references; nothing else can appear without a DTD,
# and intake refuses DTDs. (html.unescape would also take HTML's 2,000 names, and costs an import.)
_REFERENCE = re.compile(r"&(?:#x([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|(lt|gt|amp|quot|apos));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_REPLACEMENT = "\ufffd"


def xml_text(raw: bytes) -> str:
    """The text of an element's content ``raw`` (no child elements)."""
    if b"\r" in raw:
        raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    text = raw.decode("utf-8", "replace")
    if "&" in text:
        text = _REFERENCE.sub(_referenced, text)
    return excel_unescaped(text)


def _referenced(match: re.Match[str]) -> str:
    hexadecimal, decimal, name = match.groups()
    if name:
        return _NAMED[name]
    code = int(hexadecimal, 16) if hexadecimal else int(decimal)
    # A reference to no character (NUL, a surrogate, beyond Unicode) shows as U+FFFD, as html did.
    return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else _REPLACEMENT


def excel_unescaped(text: str) -> str:
    """``text`` with Excel's ``_xHHHH_`` escapes replaced by the characters they stand for."""
    if "_x" not in text:
        return text
    return _EXCEL_ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text)


def element_text(element: Element, namespace: str) -> str:
    """The text of a string item (``<si>`` or ``<is>``): its ``<t>`` runs, phonetic guides left out."""
    runs: list[str] = []
    for child in element:
        if child.tag == f"{namespace}t":
            runs.append(child.text or "")
        elif child.tag == f"{namespace}r":
            runs.extend(run.text or "" for run in child.iter(f"{namespace}t"))
    return excel_unescaped("".join(runs))
