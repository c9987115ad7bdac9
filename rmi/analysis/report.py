"""A campaign's analysis in one record: what ``surveybot report`` writes and ``/minerals report`` sends.

The facts come from the store (``handlers.campaign_report``): one row per supplier, the findings of
their files, when files came and were accepted, the accepted declarations. This module adds what
is computed from them - scorecards, risk flags, the smelter roll-up with conformance, year-over-year
changes - so the writers only lay records out.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from rmi.analysis.changes import Changes, changes
from rmi.analysis.conformance import Conformance, ListRef, Verdict
from rmi.analysis.declaration import Declaration
from rmi.analysis.flags import RiskFlag, risk_flags
from rmi.analysis.rollup import Rollup, latest_per_supplier, roll_up
from rmi.analysis.scorecard import Cooperation, PolicyAgreement, Scorecard, scorecard


@dataclass(frozen=True, slots=True)
class SupplierRow:
    supplier_id: int
    code: str
    name: str
    state: str
    files: int
    last_file: str
    last_verdict: str
    errors: int
    warnings: int
    reminders: int


@dataclass(frozen=True, slots=True)
class FindingRow:
    supplier_code: str
    file_name: str
    received: dt.date
    code: str
    severity: str
    cell: str
    message: str


@dataclass(frozen=True, slots=True)
class ReportFacts:
    campaign: str
    family: str
    due: dt.date
    today: dt.date
    suppliers: tuple[SupplierRow, ...]
    findings: tuple[FindingRow, ...]
    responses: tuple[dt.date, ...]  # the day each supplier's first file came
    acceptances: tuple[dt.date, ...]  # the day each supplier's file was accepted
    declarations: tuple[Declaration, ...]  # accepted in this campaign
    cooperation: Mapping[int, Cooperation]
    previous: Mapping[int, Declaration]  # per supplier: the accepted declaration before this campaign's
    conformance: Conformance | None = None
    cutoff: dt.date | None = None
    agreements: Mapping[int, PolicyAgreement] | None = None  # per supplier; None: no policy configured


@dataclass(frozen=True, slots=True)
class CampaignReport:
    facts: ReportFacts
    scorecards: tuple[Scorecard, ...]
    flags: tuple[RiskFlag, ...]
    rollup: Rollup
    verdicts: Mapping[str, Verdict]
    changes: tuple[Changes, ...]

    @property
    def lists(self) -> tuple[ListRef, ...]:
        return self.facts.conformance.refs if self.facts.conformance else ()

    def status_breakdown(self) -> dict[str, int]:
        return dict(Counter(row.state for row in self.facts.suppliers))

    def conformance_share(self) -> dict[str, int]:
        """Identified smelters per standing (no facility list: all "unknown"), unidentified apart."""
        shares = Counter(
            self.verdicts[s.cid].standing.value if s.cid in self.verdicts else "unknown"
            for s in self.rollup.identified
        )
        if self.rollup.unidentified:
            shares["unidentified"] = len(self.rollup.unidentified)
        return dict(shares)


def analyse(facts: ReportFacts) -> CampaignReport:
    with _collector_paused():
        return _analyse(facts)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic GC while the analysis runs.

    It builds hundreds of thousands of small frozen records with no reference cycles; generation-2
    collections rescanning them (and the declarations) took 40 % of the time (bench/analysis_bench.py).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _analyse(facts: ReportFacts) -> CampaignReport:
    latest = latest_per_supplier(facts.declarations)
    rollup = roll_up(latest)
    index = facts.conformance
    verdicts = index.verdicts(rollup.cids, facts.today) if index else {}
    known = verdicts if index else None
    scorecards = tuple(
        scorecard(
            d,
            facts.cooperation.get(d.supplier_id) or _unknown(facts.due),
            agreed=facts.agreements.get(d.supplier_id) if facts.agreements is not None else None,
            verdicts=known,
        )
        for d in latest
    )
    flags = tuple(f for d in latest for f in risk_flags(d, cutoff=facts.cutoff, verdicts=known))
    found = tuple(
        changes(facts.previous[d.supplier_id], d) for d in latest if d.supplier_id in facts.previous
    )
    return CampaignReport(facts, scorecards, flags, rollup, verdicts, found)


def _unknown(due: dt.date) -> Cooperation:
    return Cooperation(due, None, 0, 0)
