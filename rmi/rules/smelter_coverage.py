"""Checker parity for the Smelter List: a smelter for every declared mineral, and complete
"Smelter not listed" rows.

A mineral that questions 1/2 keep in scope needs at least one Smelter List row the Checker counts
(metal plus a Smelter Look-up choice; AMRT has its own counting). A row that picks "Smelter not
listed" must give the smelter's name and country, because nothing can be looked up for it.
"""

from __future__ import annotations

from collections.abc import Iterator

from rmi.findings import Finding
from rmi.model import Family, TemplateModel
from rmi.policy import Policy
from rmi.rules.base import family_code, finding_at, split_address
from rmi.rules.checker_gaps import GapKind, checker_gaps


def lookup_column(model: TemplateModel) -> str:
    """The Smelter List column a supplier picks the smelter in (AMRT 1.2 has no look-up)."""
    if model.identity.family is Family.AMRT and model.identity.version == "1.2":
        return "Smelter Name"
    return "Smelter Look-up"


class SmelterCoverageRule:
    """Declared minerals without smelters, and "Smelter not listed" rows without name or country."""

    code = "SMELTER-COVERAGE"

    def check(self, model: TemplateModel, policy: Policy) -> Iterator[Finding]:
        for gap in checker_gaps(model):
            if gap.kind is GapKind.SMELTERS and gap.blocked_by is None:
                code = family_code(model, "SMELTERS-MISSING")
                params: dict[str, str | int] = {
                    "mineral": gap.mineral or "",
                    "lookup_column": lookup_column(model),
                }
                yield finding_at(code, "smelters.missing", gap.cell, checker_row=gap.row, params=params)
            elif gap.kind is GapKind.NOT_LISTED and gap.cell is not None:
                code = family_code(model, "SMELTER-NOT-LISTED-DETAILS")
                key = "smelter.not_listed_no_name" if gap.key == "name" else "smelter.not_listed_no_country"
                row = split_address(gap.cell.address)[1]
                yield finding_at(code, key, gap.cell, checker_row=gap.row, row=row)


RULE = SmelterCoverageRule()
