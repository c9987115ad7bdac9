"""Checker parity for EMRT 2.x / AMRT mineral selection: at least one mineral, and a name for
every "Other [specify below]".
"""

from __future__ import annotations

from collections.abc import Iterator

from rmi.findings import Finding
from rmi.model import Cell, TemplateModel
from rmi.policy import Policy
from rmi.rules.base import family_code, finding_at, split_address
from rmi.rules.checker_gaps import GapKind, checker_gaps


class MineralSelectionRule:
    """No mineral selected, or an "Other" mineral left unnamed."""

    code = "DECL-MINERALS"

    def check(self, model: TemplateModel, policy: Policy) -> Iterator[Finding]:
        for gap in checker_gaps(model):
            if gap.kind is GapKind.MINERALS:
                code = family_code(model, "DECL-MINERALS")
                yield finding_at(code, "minerals.none_selected", gap.cell, checker_row=gap.row)
            elif gap.kind is GapKind.OTHER_MINERAL and gap.cell is not None:
                name_cell = gap.name_cell or _three_rows_below(gap.cell)
                code = family_code(model, "DECL-OTHER-MINERAL")
                yield finding_at(
                    code, "minerals.other_unnamed", gap.cell, checker_row=gap.row, name_cell=name_cell.address
                )


def _three_rows_below(cell: Cell) -> Cell:
    column, row = split_address(cell.address)
    return Cell(cell.sheet, f"{column}{row + 3}")


RULE = MineralSelectionRule()
