"""Risk flags a buyer acts on, one per fact, each pointing at its cell.

Covered-country sourcing declared "Yes", smelters that are not conformant (active, not listed,
lapsed), "Smelter not listed" rows the buyer cannot check, and declarations whose effective date
is older than the cut-off. Flags are facts to follow up, not verdicts on the file: the file was
accepted, and a flag never changes that.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from rmi.analysis import questions as q
from rmi.analysis.conformance import Standing, Verdict
from rmi.analysis.declaration import Declaration

_WHY = {
    Standing.ACTIVE: "is active (in the audit process), not conformant",
    Standing.LAPSED: "is lapsed (its last audit is older than its audit cycle)",
    Standing.NOT_LISTED: "is on neither RMI's conformant nor its active list",
    Standing.CONFORMANT: "is conformant",
}


@dataclass(frozen=True, slots=True)
class RiskFlag:
    code: str
    supplier_id: int
    submission_id: int
    message: str
    cell: str
    mineral: str | None = None
    cid: str = ""


def risk_flags(
    declaration: Declaration, *, cutoff: dt.date | None = None, verdicts: Mapping[str, Verdict] | None = None
) -> tuple[RiskFlag, ...]:
    """Every flag of one declaration; ``verdicts`` by CID (None: no facility list, no conformance flags)."""
    return (
        *_covered_countries(declaration),
        *_smelters(declaration, verdicts),
        *_stale(declaration, cutoff),
    )


def _flag(
    d: Declaration, code: str, message: str, cell: str, mineral: str | None = None, cid: str = ""
) -> RiskFlag:
    return RiskFlag(code, d.supplier_id, d.submission_id, message, cell, mineral, cid)


def _covered_countries(d: Declaration) -> list[RiskFlag]:
    return [
        _flag(
            d,
            "FLAG-COVERED-COUNTRIES",
            f"{a.mineral or 'All'}: sourcing from covered countries: {a.value}",
            a.cell,
            mineral=a.mineral,
        )
        for a in q.covered_country_answers(d)
        if a.value.casefold() in q.YES_COVERED
    ]


def _smelters(d: Declaration, verdicts: Mapping[str, Verdict] | None) -> list[RiskFlag]:
    flags = []
    for s in d.smelters:
        if s.not_listed or not s.cid:
            name = s.typed_name or "(no name)"
            flags.append(
                _flag(
                    d,
                    "FLAG-SMELTER-NOT-LISTED",
                    f"{s.metal}: {name} is not an RMI-listed smelter",
                    s.cell,
                    mineral=s.metal or None,
                )
            )
            continue
        verdict = verdicts.get(s.cid) if verdicts is not None else None
        if verdict is not None and not verdict.conformant:
            flags.append(
                _flag(
                    d,
                    "FLAG-SMELTER-NOT-CONFORMANT",
                    f"{s.metal}: {s.cid} {s.name} {_WHY[verdict.standing]}",
                    s.cell,
                    mineral=s.metal or None,
                    cid=s.cid,
                )
            )
    return flags


def _stale(d: Declaration, cutoff: dt.date | None) -> list[RiskFlag]:
    if cutoff is None or d.effective_date is None or d.effective_date >= cutoff:
        return []
    message = f"declaration dated {d.effective_date.isoformat()}, before the cut-off {cutoff.isoformat()}"
    return [_flag(d, "FLAG-DECLARATION-STALE", message, d.effective_date_cell)]
