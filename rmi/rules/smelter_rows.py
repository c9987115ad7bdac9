"""Half-filled Smelter List rows: a metal without a smelter, or (AMRT 1.2) a smelter without name or
country.

The Checker only asks whether each metal has at least one complete row, so a half-filled row next to
a complete one slips through; the template marks it yellow, and the buyer cannot use it. AMRT 1.2
has no look-up at all: every row is typed by hand and needs both name and country.
"""

from __future__ import annotations

from collections.abc import Iterator

from rmi.findings import Finding
from rmi.model import SmelterRow, TemplateModel
from rmi.policy import Policy
from rmi.rules.base import finding_at
from rmi.rules.smelter_coverage import lookup_column
from rmi.rules.smelter_facts import known_blank, row_metal

CODE = "SMELTER-ROW-INCOMPLETE"


class SmelterRowsRule:
    """Rows that name a metal but leave the smelter unidentified."""

    code = CODE

    def check(self, model: TemplateModel, policy: Policy) -> Iterator[Finding]:
        typed_by_hand = bool(model.smelters) and not model.lookup
        for row in model.smelters:
            metal = row_metal(row)
            if not metal:
                continue
            if typed_by_hand:
                yield from _typed_row(row)
            elif known_blank(row.smelter_lookup):
                column = lookup_column(model)
                yield finding_at(
                    CODE,
                    "smelter.no_smelter_chosen",
                    row.smelter_lookup,
                    row=row.row,
                    metal=metal,
                    column=column,
                )


def _typed_row(row: SmelterRow) -> Iterator[Finding]:
    if known_blank(row.smelter_name):
        yield finding_at(CODE, "smelter.no_name", row.smelter_name, row=row.row)
    if known_blank(row.country):
        yield finding_at(CODE, "smelter.no_country", row.country, row=row.row)


RULE = SmelterRowsRule()
