"""The same smelter listed twice for the same metal with the same details: the rows could be one.

Such repeats inflate smelter counts in the buyer's roll-up and usually mean two people merged their
lists; the declaration stays valid, so this is a warning naming both rows. Two rows for one smelter
(also under two aliases of one CID) that differ in what they say about it (another mine, another
recycled-scrap answer, another comment, another contact) are how the template records that
smelter's different sources: not duplicates, and nothing to delete.
"""

from __future__ import annotations

from collections.abc import Iterator

from rmi.findings import Finding, Severity
from rmi.model import SmelterRow, TemplateModel
from rmi.policy import Policy
from rmi.rules.base import finding_at, norm
from rmi.rules.checker_gaps import NOT_LISTED
from rmi.rules.smelter_facts import known_blank, row_cid, row_metal


class SmelterDuplicatesRule:
    """Second and later rows naming a smelter already listed for that metal."""

    code = "SMELTER-DUPLICATE"

    def check(self, model: TemplateModel, policy: Policy) -> Iterator[Finding]:
        seen: dict[tuple[str, str], list[SmelterRow]] = {}
        for row in model.smelters:
            key = _identity(row)
            if key is None:
                continue
            earlier = seen.setdefault(key, [])
            # Details only for a smelter met before: reading them builds cells nobody else reads.
            details = _details(row) if earlier else ()
            first = next((other for other in earlier if _details(other) == details), None)
            earlier.append(row)
            if first is None:
                continue
            picked = not known_blank(row.smelter_lookup) and norm(row.smelter_lookup) != NOT_LISTED
            cell = row.smelter_lookup if picked else row.smelter_name
            yield finding_at(
                "SMELTER-DUPLICATE",
                "smelter.duplicate",
                cell,
                severity=Severity.WARNING,
                row=row.row,
                first_row=first.row,
                smelter=_label(first),
                cid=row_cid(row) or "-",
            )


def _identity(row: SmelterRow) -> tuple[str, str] | None:
    metal = row_metal(row).casefold()
    if not metal:
        return None
    cid = row_cid(row)
    if cid:
        return metal, cid
    name = row.smelter_name.text.casefold()
    return (metal, f"name:{name}") if name else None


def _details(row: SmelterRow) -> tuple[str, ...]:
    """What a row says about its smelter beyond naming it, as the Checker compares text."""
    cells = (
        row.street,
        row.city,
        row.state_province,
        row.contact_name,
        row.contact_email,
        row.proposed_next_steps,
        row.mine_name,
        row.mine_country,
        row.recycled_scrap,
        row.comments,
    )
    return tuple(norm(cell) for cell in cells)


def _label(row: SmelterRow) -> str:
    for cell in (row.smelter_lookup, row.smelter_name):
        if not cell.is_blank and norm(cell) != NOT_LISTED:
            return cell.text
    return row.smelter_name.text or "?"


RULE = SmelterDuplicatesRule()
