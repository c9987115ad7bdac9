"""Smelter identification numbers (CIDs) typed in Smelter List column A must be right.

The template fills metal and smelter from a typed CID, and paints the row red when the chosen
smelter's CID differs from the typed one; a supplier who never looks at colours sends it anyway.
A CID that is not a CID, one for another metal than the row says, or one that disagrees with the
chosen smelter are errors. A well-formed CID this revision's list does not know is only a warning:
the smelter may simply be newer than the template.
"""

from __future__ import annotations

from collections.abc import Iterator

from rmi.findings import Finding, Severity
from rmi.model import SmelterRow, TemplateModel
from rmi.policy import Policy
from rmi.rules.base import finding_at
from rmi.rules.smelter_facts import CID_FORMAT, LookupIndex, lookup_index, row_metal


class SmelterIdsRule:
    """Malformed, unknown, wrong-metal and contradicting CIDs in column A."""

    code = "CID"

    def check(self, model: TemplateModel, policy: Policy) -> Iterator[Finding]:
        index = lookup_index(model)
        for row in model.smelters:
            if not row.smelter_id_input.is_blank:
                yield from _check_row(row, index)


def _check_row(row: SmelterRow, index: LookupIndex) -> Iterator[Finding]:
    cell = row.smelter_id_input
    typed = cell.text.upper()
    if not CID_FORMAT.match(typed):
        yield finding_at("CID-MALFORMED", "cid.malformed", cell, cid=cell.text)
        return
    if not index.metal_of_cid:
        return  # no look-up sheet (AMRT 1.2): nothing to compare with
    cid_metal = index.metal_of_cid.get(typed)
    if cid_metal is None:
        yield finding_at("CID-UNKNOWN", "cid.unknown", cell, severity=Severity.WARNING, cid=typed)
        return
    metal = row_metal(row)
    if metal and metal.casefold() != cid_metal.casefold():
        yield finding_at(
            "CID-WRONG-METAL", "cid.wrong_metal", cell, cid=typed, metal=metal, cid_metal=cid_metal
        )
        return
    chosen = _chosen_cid(row, index, metal)
    if chosen and chosen != typed:
        yield finding_at("CID-MISMATCH", "cid.mismatch", cell, row=row.row, typed=typed, filled=chosen)


def _chosen_cid(row: SmelterRow, index: LookupIndex, metal: str) -> str | None:
    """The CID of the smelter chosen in the row: column F, else looked up from the chosen name."""
    filled = row.smelter_id.text.upper()
    if CID_FORMAT.match(filled):
        return filled
    if row.smelter_lookup.is_blank:
        return None
    return index.cid_for_name(metal, row.smelter_lookup.text)


RULE = SmelterIdsRule()
