"""Which minerals a declaration covers, and which mineral each question "slot" row belongs to.

CMRT, EMRT 1.x and CRT have fixed minerals. EMRT 2.x and AMRT let the supplier pick minerals in
Declaration!D12:I13; the template sorts the picks (case-insensitively, duplicates removed) into
Declaration!AA12:AA21, and question row n of every block answers for the n-th sorted mineral.

A file written by a script carries no formula results, so the sorted list is recomputed from the
input cells. The cached list, when present, is the cross-check: it is what the supplier saw next to
the rows they answered, so when it holds the same minerals in another order (a locale collation,
e.g. Chinese names in pinyin order) its order wins; when it holds other minerals it is stale and
the recomputed list wins. Both cases leave a note on the model.
"""

from __future__ import annotations

from dataclasses import dataclass

from rmi.layouts import Layout, MineralSpec
from rmi.model import Cell, MineralSelection
from rmi.read.workbook import Workbook

_DELETE_PREFIX = "(delete"
NOTE_CACHED_ORDER = "slots-from-cached-order"
NOTE_CACHE_MISMATCH = "slot-cache-mismatch"


@dataclass(frozen=True, slots=True)
class MineralReading:
    """The minerals a declaration covers, in slot order, with what the reader noticed."""

    minerals: tuple[str, ...]
    """Fixed minerals, or the selected minerals in slot order (slot n = minerals[n - 1])."""
    selections: tuple[MineralSelection, ...]
    notes: tuple[str, ...] = ()


def read_minerals(workbook: Workbook, layout: Layout) -> MineralReading:
    spec = layout.minerals
    if not spec.selectable:
        return MineralReading(spec.fixed, ())
    selections = tuple(_selections(workbook, spec))
    recomputed = sorted_unique([item.mineral for item in selections if _counts(item, spec)])
    cached = _cached_order(workbook, spec)
    if cached is None or cached == recomputed:
        return MineralReading(recomputed, selections)
    if sorted(name.casefold() for name in cached) == sorted(name.casefold() for name in recomputed):
        by_key = {name.casefold(): name for name in recomputed}
        return MineralReading(
            tuple(by_key[name.casefold()] for name in cached), selections, (NOTE_CACHED_ORDER,)
        )
    return MineralReading(recomputed, selections, (NOTE_CACHE_MISMATCH,))


def sorted_unique(names: list[str]) -> tuple[str, ...]:
    """Excel's view of the picks: text compared without case, the first spelling of a duplicate kept."""
    unique: dict[str, str] = {}
    for name in names:
        unique.setdefault(name.casefold(), name)
    return tuple(unique[key] for key in sorted(unique))


def _selections(workbook: Workbook, spec: MineralSpec) -> list[MineralSelection]:
    found: list[MineralSelection] = []
    for ref in spec.input_cells:
        cell = workbook.cell(ref.sheet, ref.address)
        text = cell.text
        if not text or text.casefold().startswith(_DELETE_PREFIX):
            continue
        other_ref = spec.other_cells.get(ref.ref)
        if spec.other_value and other_ref and text.casefold() == spec.other_value.casefold():
            other = workbook.cell(other_ref.sheet, other_ref.address)
            found.append(MineralSelection(other.text or text, cell, other))
            continue
        found.append(MineralSelection(_canonical(text, spec.allowed.get(ref.ref)), cell))
    return found


def _counts(selection: MineralSelection, spec: MineralSpec) -> bool:
    """An "Other" pick without a typed name is blank to the template (its slot stays empty)."""
    return not (selection.other_name is not None and selection.other_name.is_blank)


def _canonical(text: str, allowed: tuple[str, ...] | None) -> str:
    for option in allowed or ():
        if option.casefold() == text.casefold():
            return option
    return text


def _cached_order(workbook: Workbook, spec: MineralSpec) -> tuple[str, ...] | None:
    """The template's own sorted list, or None when a script saved the file without results."""
    cells: list[Cell] = [workbook.cell(ref.sheet, ref.address) for ref in spec.sorted_cells]
    if any(cell.formula_without_cache for cell in cells):
        return None
    return tuple(cell.text for cell in cells if cell.text)
