"""A value pasted over the Smelter Identification formula that contradicts its row.

Column F of the Smelter List is the template's formula: the CID of the smelter chosen in column C,
or of the CID typed in column A. Suppliers paste their own lists over it. A pasted CID of another
metal, or of another smelter than the row chooses, means the row says two things at once and the
buyer's roll-up reads the wrong one; nothing in the template shows it (the formula that would paint
the row red is gone), so it is an error. A pasted value that agrees with the row is harmless, and
one that is no CID at all claims no smelter: the CMRT 6.4 blank itself ships a stray number in F5.
"""

from __future__ import annotations

from collections.abc import Iterator

from rmi.findings import Finding
from rmi.model import SmelterRow, TemplateModel
from rmi.policy import Policy
from rmi.rules.base import finding_at, norm
from rmi.rules.checker_gaps import NOT_LISTED
from rmi.rules.smelter_facts import CID_FORMAT, LookupIndex, known_blank, lookup_index, row_metal


class PastedSmelterIdRule:
    """Typed Smelter Identification values that contradict the row's metal or chosen smelter."""

    code = "SMELTER-ID-PASTED"

    def check(self, model: TemplateModel, policy: Policy) -> Iterator[Finding]:
        index = lookup_index(model)
        if not index.metal_of_cid:
            return  # no look-up sheet: column F is an input there
        for row in model.smelters:
            if row.smelter_id_typed and CID_FORMAT.match(row.smelter_id.text):
                found = _contradiction(row, index)
                if found is not None:
                    yield found


def _contradiction(row: SmelterRow, index: LookupIndex) -> Finding | None:
    cell = row.smelter_id
    pasted = cell.text.upper()
    metal = row_metal(row)
    chosen = chosen_cid(row, index, metal)
    if chosen and chosen != pasted:
        key = "smelter_id.pasted_other_smelter"
        return finding_at(
            PastedSmelterIdRule.code, key, cell, row=row.row, value=cell.text, chosen_cid=chosen
        )
    pasted_metal = index.metal_of_cid.get(pasted)
    if pasted_metal and metal and pasted_metal.casefold() != metal.casefold():
        key = "smelter_id.pasted_wrong_metal"
        params: dict[str, str | int] = {"row": row.row, "value": cell.text, "cid_metal": pasted_metal}
        return finding_at(PastedSmelterIdRule.code, key, cell, params=params, metal=metal)
    return None


def chosen_cid(row: SmelterRow, index: LookupIndex, metal: str) -> str | None:
    """The CID the row's inputs choose: a known CID typed in A, else the smelter picked in C."""
    typed = row.smelter_id_input.text.upper()
    if typed in index.metal_of_cid:
        return typed
    if known_blank(row.smelter_lookup) or norm(row.smelter_lookup) == NOT_LISTED:
        return None
    return index.cid_for_name(metal, row.smelter_lookup.text)


RULE = PastedSmelterIdRule()
