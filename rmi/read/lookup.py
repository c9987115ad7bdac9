"""The template's own Smelter Look-up sheet: the RMI smelter list the template shipped with.

The Smelter List fills a row from this sheet in two ways (both re-done here, so rules need no cached
formula results): a CID typed in column A finds its metal and standard name (``MATCH(A, Look-up!E)``),
and a metal plus a look-up name picked from the dropdowns finds the row's CID
(``MATCH(B&C, Look-up!J)`` with J = metal & alias). Excel compares text case-insensitively, and so
does this index.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from rmi.layouts import ListSheet
from rmi.model import LookupEntry
from rmi.read.sheet_xml import column_number
from rmi.read.workbook import Sheet

_FIELDS = ("metal", "alias", "standard_name", "country", "cid", "id_source")


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def normalise_cid(text: str) -> str:
    """``" cid002763 "`` → ``"CID002763"`` (suppliers type CIDs in any case, with stray spaces)."""
    return "".join(text.split()).upper()


@dataclass(frozen=True, slots=True)
class SmelterLookup:
    """Entries of the Look-up sheet with the two indexes the Smelter List formulas use."""

    entries: tuple[LookupEntry, ...] = ()
    _by_cid: dict[str, LookupEntry] = field(default_factory=dict, repr=False)
    _by_name: dict[tuple[str, str], LookupEntry] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, entries: tuple[LookupEntry, ...]) -> SmelterLookup:
        by_cid: dict[str, LookupEntry] = {}
        by_name: dict[tuple[str, str], LookupEntry] = {}
        for entry in entries:  # the first row wins, as MATCH(..., 0) does
            if entry.cid:
                by_cid.setdefault(normalise_cid(entry.cid), entry)
            by_name.setdefault((_key(entry.metal), _key(entry.alias)), entry)
        return cls(entries, by_cid, by_name)

    @classmethod
    def from_sheet(cls, sheet: Sheet, spec: ListSheet) -> SmelterLookup:
        return cls.build(tuple(_entries(sheet, spec)))

    def by_cid(self, cid: str) -> LookupEntry | None:
        return self._by_cid.get(normalise_cid(cid)) if cid else None

    def by_name(self, metal: str, name: str) -> LookupEntry | None:
        """The row whose metal and look-up name (alias) match, like ``MATCH(B&C, Look-up!J)``."""
        if not metal or not name:
            return None
        return self._by_name.get((_key(metal), _key(name)))

    def metals(self) -> frozenset[str]:
        return frozenset(entry.metal for entry in self.entries)


def _entries(sheet: Sheet, spec: ListSheet) -> Iterator[LookupEntry]:
    columns = [column_number(spec.columns[name]) for name in _FIELDS]
    for texts in sheet.texts(spec.first_row, columns):
        if texts[0]:
            yield LookupEntry(*texts)
