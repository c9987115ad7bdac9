"""Shared reading of Smelter List rows: which metal and which smelter (CID) a row really means.

A row can name its smelter three ways: a CID typed in column A, a choice in the Smelter Look-up
column (formulas then fill the CID into column F), or "Smelter not listed" with a typed name. Files
written by programs may hold those formulas without results; the reader then derives metal and CID
from the template's own look-up sheet, and these helpers fall back to that derivation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rmi.model import Cell, LookupEntry, SmelterRow, TemplateModel

CID_FORMAT = re.compile(r"^CID\d{6}$", re.IGNORECASE)


def known_blank(cell: Cell) -> bool:
    """Blank for sure: empty, and not a formula whose result nobody ever calculated."""
    return cell.is_blank and not cell.formula_without_cache


def row_metal(row: SmelterRow) -> str:
    """The row's metal, from column B or (formula never calculated) from the reader's derivation."""
    if row.metal.is_blank and row.metal.formula_without_cache and row.derived_metal:
        return row.derived_metal
    return row.metal.text


def row_cid(row: SmelterRow) -> str:
    """The CID the row resolves to: the filled-in column F, else the reader's derivation ("" if none)."""
    filled = row.smelter_id.text.upper()
    if CID_FORMAT.match(filled):
        return filled
    return (row.derived_cid or "").upper()


@dataclass(frozen=True, slots=True)
class LookupIndex:
    """The template's own smelter list, indexed for the smelter rules."""

    metal_of_cid: dict[str, str]
    cid_of_alias: dict[tuple[str, str], str]

    @classmethod
    def of(cls, entries: tuple[LookupEntry, ...]) -> LookupIndex:
        metal_of_cid: dict[str, str] = {}
        cid_of_alias: dict[tuple[str, str], str] = {}
        for entry in entries:
            cid = entry.cid.strip().upper()
            if not cid:
                continue
            metal_of_cid.setdefault(cid, entry.metal)
            for name in (entry.alias, entry.standard_name):
                cid_of_alias.setdefault((entry.metal.casefold(), name.strip().casefold()), cid)
        return cls(metal_of_cid, cid_of_alias)

    def cid_for_name(self, metal: str, name: str) -> str | None:
        return self.cid_of_alias.get((metal.casefold(), name.strip().casefold()))


_last: list[tuple[tuple[LookupEntry, ...], LookupIndex]] = []


def lookup_index(model: TemplateModel) -> LookupIndex:
    """The look-up index of this model's template (the last one is remembered)."""
    if _last and _last[0][0] is model.lookup:
        return _last[0][1]
    index = LookupIndex.of(model.lookup)
    _last[:] = [(model.lookup, index)]
    return index
