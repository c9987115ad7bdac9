"""Shared reading of Smelter List rows: which metal and which smelter (CID) a row really means.

A row can name its smelter three ways: a CID typed in column A, a choice in the Smelter Look-up
column (formulas then fill the CID into column F), or "Smelter not listed" with a typed name. Files
written by programs may hold those formulas without results; the reader then derives metal and CID
from the template's own look-up sheet, and these helpers fall back to that derivation.
How each family's Checker counts a row as "a smelter for this mineral" lives here too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rmi.model import Cell, Family, LookupEntry, SmelterRow, TemplateModel
from rmi.rules.base import checker_blank, norm
from rmi.rules.gates import MineralState
from rmi.rules.layout_facts import find_layout

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


def has_counted_smelter(model: TemplateModel, mineral: str) -> bool:
    """Whether the Checker counts a Smelter List row for ``mineral`` (its per-family test)."""
    wanted = mineral.casefold()
    rows = [row for row in model.smelters if row_metal(row).casefold() == wanted]
    if model.identity.family is not Family.AMRT:
        return any(not known_blank(row.smelter_lookup) for row in rows)
    if model.identity.version == "1.2":
        return any(not known_blank(row.smelter_name) and not known_blank(row.country) for row in rows)
    return bool(rows)  # AMRT 1.3 counts any row of that metal: its C and E always hold formulas


def metal_column(model: TemplateModel) -> Cell:
    """The Smelter List metal column as a range, for findings about the list as a whole."""
    found = find_layout(model.identity)
    if found is None:
        return Cell("Smelter List", "B5")
    sheet = found.smelter_list
    column = sheet.columns.get("metal", "B")
    return Cell(sheet.sheet, f"{column}{sheet.first_row}:{column}{sheet.last_row}")


def crt_counts_missing_cobalt(model: TemplateModel, state: MineralState) -> bool:
    """CRT's H57 is not F×G: =IF(AND(OR(D26="Yes",D32="Yes"),COUNTIF(metal,"Cobalt")<1),1*K57,0)
    with K57 = IF(H15>0,1,0), i.e. it only fires while Q1 is blank, Q2 is "Yes" and no row says Cobalt.
    """
    q1 = state.first.answer if state.first else None
    q2 = model.answer(2, state.mineral)
    no_metal_rows = not any(row_metal(row).casefold() == state.mineral.casefold() for row in model.smelters)
    return checker_blank(q1) and norm(q2.answer if q2 else None) == "yes" and no_metal_rows
