"""The facts of one campaign's report, gathered from the store: suppliers, findings, timeline, files.

What is computed from them lives in ``rmi.analysis.report``; the files are written by
``surveybot.writers``. Findings are worded in English, as staff read them in Slack.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from handlers.analysis_source import (
    ACCEPTED,
    campaign_declarations,
    conformance,
    cooperation,
    declaration_of,
    policy_agreement,
)
from handlers.supplier_analysis import DEFAULT_MAX_AGE_DAYS
from handlers.supplier_card import english_findings
from rmi.analysis.declaration import Declaration
from rmi.analysis.report import CampaignReport, FindingRow, ReportFacts, SupplierRow, analyse
from rmi.analysis.scorecard import PolicyAgreement
from storage import Assignment, AssignmentState, Campaign, Store, Submission, Supplier


def campaign_report(
    store: Store, campaign: Campaign, as_of: dt.date | None = None, policy_version: str = ""
) -> CampaignReport:
    """The report as of today, or as of ``as_of``: conformance then uses the lists of that day.

    ``policy_version``: the buyer's current policy; each scorecard's agreement item is met (with the
    day and evidence) or not met by its agreement records, and unknown when no policy is set.
    """
    today = as_of or store.clock.now().date()
    assignments = store.assignments.for_campaign(campaign.id)
    suppliers = store.suppliers.get_many(a.supplier_id for a in assignments)
    files = {a.supplier_id: _files(store, a.supplier_id, campaign) for a in assignments}
    declarations = campaign_declarations(store, campaign)
    return analyse(
        ReportFacts(
            campaign=campaign.name,
            family=campaign.family,
            due=campaign.due,
            today=today,
            suppliers=tuple(_row(s, a, files[s.id]) for s, a in zip(suppliers, assignments, strict=True)),
            findings=tuple(_findings(suppliers, files)),
            responses=tuple(min(f.received_at for f in fs).date() for fs in files.values() if fs),
            acceptances=tuple(day for day in map(_accepted_on, assignments) if day is not None),
            declarations=declarations,
            cooperation={a.supplier_id: cooperation(store, a.supplier_id, campaign) for a in assignments},
            previous=_previous(store, declarations),
            conformance=conformance(store, today),
            cutoff=today - dt.timedelta(days=DEFAULT_MAX_AGE_DAYS),
            agreements=_agreements(store, assignments, policy_version),
        )
    )


def _agreements(
    store: Store, assignments: Sequence[Assignment], version: str
) -> dict[int, PolicyAgreement] | None:
    if not version.strip():
        return None
    found = (policy_agreement(store, a.supplier_id, version) for a in assignments)
    return {a.supplier_id: agreed for a, agreed in zip(assignments, found, strict=True) if agreed}


def _files(store: Store, supplier_id: int, campaign: Campaign) -> list[Submission]:
    found = [s for s in store.submissions.for_supplier(supplier_id) if s.campaign_id == campaign.id]
    return sorted(found, key=lambda s: (s.received_at, s.id))


def _row(supplier: Supplier, assignment: Assignment, files: list[Submission]) -> SupplierRow:
    last = files[-1] if files else None
    return SupplierRow(
        supplier_id=supplier.id,
        code=supplier.code,
        name=supplier.name,
        state=assignment.state.value.replace("_", " "),
        files=len(files),
        last_file=last.attachment_name if last else "",
        last_verdict=last.verdict if last else "",
        errors=sum(f.severity == "error" for f in last.findings) if last else 0,
        warnings=sum(f.severity == "warning" for f in last.findings) if last else 0,
        reminders=assignment.reminder_count,
    )


def _findings(suppliers: Sequence[Supplier], files: dict[int, list[Submission]]) -> list[FindingRow]:
    """The findings of each supplier's latest file: what is (or was last) wrong with it."""
    rows = []
    for supplier in suppliers:
        if not files[supplier.id]:
            continue
        last = files[supplier.id][-1]
        for f in english_findings(last.findings):
            cell = "!".join(p for p in (f.sheet, f.cell) if p)
            day = last.received_at.date()
            rows.append(
                FindingRow(supplier.code, last.attachment_name, day, f.code, f.severity, cell, f.message)
            )
    return rows


def _accepted_on(assignment: Assignment) -> dt.date | None:
    steps = [step.at.date() for step in assignment.history if step.state is AssignmentState.ACCEPTED]
    return steps[-1] if steps else None


def _previous(store: Store, declarations: tuple[Declaration, ...]) -> dict[int, Declaration]:
    """Per supplier, its newest accepted declaration from before its first one in this campaign."""
    earliest: dict[int, Declaration] = {}
    for d in sorted(declarations, key=lambda d: (d.received_at, d.submission_id), reverse=True):
        earliest[d.supplier_id] = d
    found: dict[int, Declaration] = {}
    for supplier_id, first in earliest.items():
        older = [
            s
            for s in store.submissions.for_supplier(supplier_id)
            if s.verdict == ACCEPTED and (s.received_at, s.id) < (first.received_at, first.submission_id)
        ]
        newest = max(older, key=lambda s: (s.received_at, s.id), default=None)
        previous = declaration_of(store, newest) if newest else None
        if previous is not None:
            found[supplier_id] = previous
    return found
