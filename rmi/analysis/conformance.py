"""Conformance of a smelter against RMI's facility lists, and which list said so.

A facility on the conformant list whose last audit is older than its audit cycle is *lapsed* (the
Checker and many buyers miss this: "conformant" that expired); one with a re-audit in progress keeps
its status, as RMI keeps it listed. Only RMAP is the scheme recognised under the EU Conflict
Minerals Regulation (Commission Implementing Decision (EU) 2025/2071); facilities conformant through
a cross-recognised scheme (LBMA, RJC) are marked so. Every verdict names the lists it used (date
and SHA-256), so the state at a date can be shown again later.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

EU_RECOGNISED = "RMAP"
EXPIRY_WARNING_DAYS = 30


class Standing(StrEnum):
    CONFORMANT = "conformant"
    ACTIVE = "active"
    NOT_LISTED = "not listed"
    LAPSED = "lapsed"


@dataclass(frozen=True, slots=True)
class Facility:
    """One row of a facility list; ``listed_as`` is conformant or active (the list or its column)."""

    cid: str
    name: str
    metal: str
    country: str
    listed_as: Standing
    scheme: str = EU_RECOGNISED
    last_audit: dt.date | None = None
    cycle_months: int | None = None
    reaudit_in_progress: bool = False

    @property
    def audit_due(self) -> dt.date | None:
        if self.last_audit is None or self.cycle_months is None:
            return None
        return add_months(self.last_audit, self.cycle_months)


@dataclass(frozen=True, slots=True)
class ListRef:
    name: str
    list_date: dt.date
    sha256: str


@dataclass(frozen=True, slots=True)
class FacilityList:
    ref: ListRef
    facilities: tuple[Facility, ...]


@dataclass(frozen=True, slots=True)
class Verdict:
    cid: str
    standing: Standing
    scheme: str
    audit_due: dt.date | None
    lists: tuple[ListRef, ...]

    @property
    def eu_recognised(self) -> bool:
        return self.standing is Standing.CONFORMANT and self.scheme.upper() == EU_RECOGNISED

    @property
    def conformant(self) -> bool:
        return self.standing is Standing.CONFORMANT


@dataclass(frozen=True, slots=True)
class Expiring:
    facility: Facility
    audit_due: dt.date
    source: ListRef


class Conformance:
    """Verdicts against a set of lists (a conformant and an active list, or one list with both)."""

    def __init__(self, lists: Sequence[FacilityList]) -> None:
        self.lists = tuple(lists)
        self._refs = tuple(item.ref for item in self.lists)
        # The newest list naming a facility wins (a downgrade shows); on one date, conformant wins.
        ranked: dict[str, tuple[dt.date, int, Facility, ListRef]] = {}
        for item in self.lists:
            for facility in item.facilities:
                rank = (item.ref.list_date, _rank(facility), facility, item.ref)
                current = ranked.get(facility.cid)
                if current is None or rank[:2] > current[:2]:
                    ranked[facility.cid] = rank
        self._by_cid = {cid: (rank[2], rank[3]) for cid, rank in ranked.items()}

    @property
    def refs(self) -> tuple[ListRef, ...]:
        return self._refs

    def verdict(self, cid: str, as_of: dt.date) -> Verdict:
        found = self._by_cid.get(cid)
        if found is None:
            return Verdict(cid, Standing.NOT_LISTED, "", None, self._refs)
        facility = found[0]
        return Verdict(cid, standing_of(facility, as_of), facility.scheme, facility.audit_due, self._refs)

    def verdicts(self, cids: Iterable[str], as_of: dt.date) -> dict[str, Verdict]:
        return {cid: self.verdict(cid, as_of) for cid in cids if cid}

    def expiring(self, as_of: dt.date, days: int = EXPIRY_WARNING_DAYS) -> tuple[Expiring, ...]:
        """Conformant facilities whose audit falls due within ``days`` (not yet lapsed), soonest first."""
        found = []
        horizon = as_of + dt.timedelta(days=days)
        for facility, ref in self._by_cid.values():
            due = facility.audit_due
            if facility.listed_as is Standing.CONFORMANT and due is not None and as_of <= due <= horizon:
                found.append(Expiring(facility, due, ref))
        return tuple(sorted(found, key=lambda e: (e.audit_due, e.facility.cid)))


def standing_of(facility: Facility, as_of: dt.date) -> Standing:
    if facility.listed_as is not Standing.CONFORMANT:
        return facility.listed_as
    due = facility.audit_due
    if due is not None and due < as_of and not facility.reaudit_in_progress:
        return Standing.LAPSED
    return Standing.CONFORMANT


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _rank(facility: Facility) -> int:
    return 1 if facility.listed_as is Standing.CONFORMANT else 0
