"""Which row of a template's own Checker sheet tests which input.

RMI's Checker sheet lists one required item per row (F "necessary?" × G "incomplete?" = H). The
row numbers differ per family and revision, so instead of hard-coding them this module classifies
the Checker rows recorded in the layout data: rows that test one Declaration cell, the URL and
"(Describe)" comment rows, the per-mineral "at least one smelter" rows, the product-list row, the
"Smelter not listed" row and the mineral-selection rows. Findings carry these numbers so a test can
hold every finding against the Checker's own verdict.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rmi.layouts import CheckerRow
from rmi.model import Cell

_CELL_REF = re.compile(r"Declaration!\$?([A-Z]+)\$?(\d+)")
_MINERAL_LABEL_TEST = re.compile(r'IF\(Declaration!B\d+<>""')
# AMRT counts smelter rows per mineral in a helper column K and tests "K<1" in G.
_SMELTER_COUNT_TEST = re.compile(r"IF\(K\d+<1,")
_QUOTED_OPTION = re.compile(r'Declaration!D\d+="([^"]+)"')
_NAMED_METAL = re.compile(r'SmelterIdetifiedForMetal,"([^"]+)"')


@dataclass(frozen=True, slots=True)
class CheckerMap:
    """The classified Checker rows of one template revision."""

    rows_by_cell: Mapping[str, int] = field(default_factory=dict)
    advisory_rows_by_cell: Mapping[str, int] = field(default_factory=dict)
    url_rows: Mapping[str, int] = field(default_factory=dict)
    describe_options: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    smelter_rows: tuple[int, ...] = ()
    smelter_rows_by_mineral: Mapping[str, int] = field(default_factory=dict)
    product_row: int | None = None
    not_listed_row: int | None = None
    minerals_row: int | None = None
    other_minerals_row: int | None = None

    def row_for(self, cell: Cell | None) -> int | None:
        """The Checker row that requires ``cell`` (None when the Checker never tests it)."""
        return self.rows_by_cell.get(cell.ref) if cell is not None else None

    def advisory_row_for(self, cell: Cell) -> int | None:
        """A row that flags ``cell`` when blank but is left out of the Checker's total (AMRT Q2)."""
        return self.advisory_rows_by_cell.get(cell.ref)

    def url_row_for(self, comment: Cell) -> int | None:
        return self.url_rows.get(comment.ref)

    def smelter_row(self, mineral: str, slot: int) -> int | None:
        """The "at least one smelter for this mineral" row, by name (fixed minerals) or slot (0-based)."""
        if mineral in self.smelter_rows_by_mineral:
            return self.smelter_rows_by_mineral[mineral]
        if self.smelter_rows_by_mineral:
            return None
        return self.smelter_rows[slot] if 0 <= slot < len(self.smelter_rows) else None


def build_checker_map(rows: Sequence[CheckerRow]) -> CheckerMap:
    """Classify the layout's Checker rows (row, item, checks and the F/G/B formulas)."""
    by_cell: dict[str, int] = {}
    url_rows: dict[str, int] = {}
    describe: dict[str, tuple[str, ...]] = {}
    smelters: list[int] = []
    by_mineral: dict[str, int] = {}
    special: dict[str, int] = {}
    advisory: dict[str, int] = {}
    for spec in rows:
        row = spec.row
        if _constant_zero(spec.necessary) and spec.checks:
            # AMRT's question-2 rows: F is 0, yet H = IF(label="",0,G) still shows a blank answer;
            # the total (H52 = SUM(H4:H27)+SUM(H39:H51)) skips them, so they never block.
            advisory[spec.checks] = row
            continue
        if not _ever_necessary(spec.necessary):
            continue
        item = spec.item or ""
        complete = spec.complete or ""
        value = spec.value_formula or ""
        checks = spec.checks
        if "(Describe)" in value:
            answer = _first_declaration_cell(value)
            if answer:
                by_cell[answer] = row
                describe[answer] = tuple(_QUOTED_OPTION.findall(value))
        elif checks and "LEN(" in complete:
            url_rows[checks] = row
        elif checks:
            by_cell[checks] = row
        elif item == "Product List":
            special["product"] = row
        elif "SmelterIdetifiedForMetal" in complete or _SMELTER_COUNT_TEST.search(complete):
            smelters.append(row)
            named = _NAMED_METAL.search(complete)
            if named:
                by_mineral[named.group(1)] = row
        elif "not listed" in item.casefold():
            special["not_listed"] = row
        elif "Other [specify below]" in complete:
            special["other"] = row
        elif _MINERAL_LABEL_TEST.search(complete):
            special["minerals"] = row
    return CheckerMap(
        rows_by_cell=by_cell,
        advisory_rows_by_cell=advisory,
        url_rows=url_rows,
        describe_options=describe,
        smelter_rows=tuple(smelters),
        smelter_rows_by_mineral=by_mineral,
        product_row=special.get("product"),
        not_listed_row=special.get("not_listed"),
        minerals_row=special.get("minerals"),
        other_minerals_row=special.get("other"),
    )


def _constant_zero(formula: object) -> bool:
    return formula is not None and str(formula).strip().lstrip("=") == "0"


def _ever_necessary(formula: object) -> bool:
    """False for rows whose F cell is empty or the constant 0 (listed, but never counted)."""
    if formula is None:
        return False
    text = str(formula).strip().lstrip("=")
    return text not in ("", "0")


def _first_declaration_cell(formula: str) -> str | None:
    match = _CELL_REF.search(formula)
    return f"Declaration!{match.group(1)}{match.group(2)}" if match else None
