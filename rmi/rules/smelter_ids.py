"""Smelter identification numbers (CIDs) typed in Smelter List column A must be right.

The template fills metal and smelter from a typed CID, and paints the row red when the chosen
smelter's CID differs from the typed one; a supplier who never looks at colours sends it anyway.
A CID that is not a CID, one for another metal than the row says, or one that disagrees with the
chosen smelter are errors. A well-formed CID this revision's list does not know is only a warning
while the row still names its smelter (it may simply be newer than the template); when nothing
else in the row names one (the look-up columns show #N/A), the row identifies no smelter: an error.
"""

from __future__ import annotations

from collections.abc import Iterator

from rmi.findings import Finding, Severity
from rmi.model import SmelterRow, TemplateModel
from rmi.policy import Policy
from rmi.rules.base import finding_at, norm
from rmi.rules.checker_gaps import NOT_LISTED
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
        if names_a_smelter(row):
            yield finding_at("CID-UNKNOWN", "cid.unknown", cell, severity=Severity.WARNING, cid=typed)
        else:
            yield finding_at("CID-UNKNOWN", "cid.unknown_unidentified", cell, cid=typed, row=row.row)
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


def names_a_smelter(row: SmelterRow) -> bool:
    """Whether the row still names a smelter: a choice in C or a typed name, not blank or #N/A."""
    for cell in (row.smelter_lookup, row.smelter_name):
        text = norm(cell)
        if text and not text.startswith("#") and text != NOT_LISTED:
            return True
    return False


def _chosen_cid(row: SmelterRow, index: LookupIndex, metal: str) -> str | None:
    """The CID of the smelter chosen in the row: column F's formula result, else looked up from the
    chosen name. A value pasted over F is another rule's business (``smelter_id_column``)."""
    filled = "" if row.smelter_id_typed else row.smelter_id.text.upper()
    if CID_FORMAT.match(filled):
        return filled
    if row.smelter_lookup.is_blank:
        return None
    return index.cid_for_name(metal, row.smelter_lookup.text)


RULE = SmelterIdsRule()
