"""The shared-strings part, decoded one entry at a time as cells ask for them.

A template's table holds 15,000–20,000 strings (every label in every language); a returned file's
cells use a few hundred of them. Splitting the part at its ``<si>`` tags is one C-level pass, and only
the entries a cell refers to are decoded. A part not written in the compact form every spreadsheet
application uses (prefixed or attributed ``<si>`` tags) is parsed in full instead. The form is taken
as checked when the split yields as many entries as the table's ``uniqueCount`` declares (Excel,
LibreOffice and openpyxl write it); only a table without that count, or with another one, is
searched for the other forms, which costs three scans of a megabyte.
"""

from __future__ import annotations

import re

from defusedxml.ElementTree import fromstring

from rmi.read.xml_text import element_text, xml_text

_ENTRY = b"<si>"
_PHONETIC = re.compile(rb"<rPh\b.*?</rPh>", re.DOTALL)
_TEXT_RUN = re.compile(rb"<t(?:\s[^>]*)?>([^<]*)</t>")
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_UNIQUE_COUNT = re.compile(rb'<sst\b[^>]*?\suniqueCount="(\d+)"')
_HEAD_BYTES = 1024


class SharedStrings:
    """``strings[index]`` is the text of entry ``index`` ("" when the index is out of range)."""

    def __init__(self, xml: bytes | None) -> None:
        self._xml = xml or b""
        self._raw: list[bytes] | None = None
        self._decoded: dict[int, str] = {}

    def __getitem__(self, index: int) -> str:
        found = self._decoded.get(index)
        if found is None:
            found = self._decoded[index] = self._decode(index)
        return found

    def _decode(self, index: int) -> str:
        if self._raw is None:
            self._raw = self._split()
        if not 0 <= index < len(self._raw):
            return ""
        entry = self._raw[index]
        if entry.startswith(b"<t") and entry.count(b"<t") == 1:  # one run, ``<t>`` or ``<t xml:space>``
            end = entry.find(b"</t>")
            if end > 0:
                return xml_text(entry[entry.find(b">") + 1 : end])
        if b"<rPh" in entry:  # phonetic guides (furigana) are not part of the text
            entry = _PHONETIC.sub(b"", entry)
        return "".join(xml_text(run) for run in _TEXT_RUN.findall(entry))

    def _split(self) -> list[bytes]:
        xml = self._xml
        entries = xml.split(_ENTRY)[1:]
        declared = _UNIQUE_COUNT.search(xml, 0, _HEAD_BYTES)
        if declared and int(declared.group(1)) == len(entries):
            return entries
        if b"<si " in xml or b":si>" in xml or b":si " in xml:
            self._parse_all(xml)
            return []
        return entries

    def _parse_all(self, xml: bytes) -> None:
        for index, item in enumerate(fromstring(xml).iter(f"{_MAIN}si")):
            self._decoded[index] = element_text(item, _MAIN)
