"""One supplier's latest accepted declaration, analysed: scorecard, risk flags, changes since the last.

What the ``supplier`` card and the file notice show. The cut-off for a stale declaration is the
campaign policy's default age (``max_effective_date_age_days``, 365 days) counted back from today.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from handlers.analysis_source import ACCEPTED, conformance, cooperation, declaration_of, policy_agreement
from rmi.analysis.changes import Changes, changes, previous_declaration
from rmi.analysis.conformance import ListRef
from rmi.analysis.declaration import Declaration
from rmi.analysis.flags import RiskFlag, risk_flags
from rmi.analysis.scorecard import Cooperation, Scorecard, scorecard
from storage import Campaign, Store, Submission

DEFAULT_MAX_AGE_DAYS = 365


@dataclass(frozen=True, slots=True)
class SupplierAnalysis:
    declaration: Declaration
    file_name: str
    campaign: Campaign | None
    scorecard: Scorecard
    flags: tuple[RiskFlag, ...]
    changes: Changes | None
    lists: tuple[ListRef, ...]  # the facility lists the conformance verdicts used


def supplier_analysis(
    store: Store, supplier_id: int, *, max_age_days: int = DEFAULT_MAX_AGE_DAYS, policy_version: str = ""
) -> SupplierAnalysis | None:
    """The analysis of the supplier's newest accepted declaration; None when there is none.

    ``policy_version``: the buyer's current policy (``[invitations] policy_version``), whose agreement
    record decides the scorecard's first item ("" : no policy, the item stays unknown).

    Reads the two newest accepted files only (the newest, and the one before it for the changes);
    a newest file that can no longer be read falls back to the one before it.
    """
    history = _two_newest(store, supplier_id)
    if not history:
        return None
    current = history[-1]
    today = store.clock.now().date()
    index = conformance(store, today)
    verdicts = index.verdicts((s.cid for s in current.smelters), today) if index else None
    campaign = store.campaigns.get(current.campaign_id) if current.campaign_id is not None else None
    coop = cooperation(store, supplier_id, campaign) if campaign else Cooperation(today, None, 0, 0)
    previous = previous_declaration(current, history)
    agreed = policy_agreement(store, supplier_id, policy_version)
    return SupplierAnalysis(
        declaration=current,
        file_name=store.submissions.get(current.submission_id).attachment_name,
        campaign=campaign,
        scorecard=scorecard(current, coop, agreed=agreed, verdicts=verdicts),
        flags=risk_flags(current, cutoff=today - dt.timedelta(days=max_age_days), verdicts=verdicts),
        changes=changes(previous, current) if previous else None,
        lists=index.refs if index else (),
    )


def _two_newest(store: Store, supplier_id: int) -> tuple[Declaration, ...]:
    accepted = sorted(
        (s for s in store.submissions.for_supplier(supplier_id) if s.verdict == ACCEPTED),
        key=lambda s: (s.received_at, s.id),
    )
    found: list[Declaration] = []
    for submission in reversed(accepted):
        declaration = declaration_of(store, submission)
        if declaration is not None:
            found.insert(0, declaration)
        if len(found) == 2:
            break
    return tuple(found)


def year_over_year(store: Store, submission: Submission) -> Changes | None:
    """For a file just accepted: what changed since the supplier's previous accepted declaration.

    Reads only the two files compared, and nothing at all for a supplier's first accepted file
    (every supplier's first year), so the mail loop pays for it only when there is something to say.
    """
    if submission.supplier_id is None:
        return None
    accepted = sorted(
        (s for s in store.submissions.for_supplier(submission.supplier_id) if s.verdict == ACCEPTED),
        key=lambda s: (s.received_at, s.id),
    )
    at = next((n for n, s in enumerate(accepted) if s.id == submission.id), 0)
    if at == 0:
        return None
    previous, current = declaration_of(store, accepted[at - 1]), declaration_of(store, submission)
    return changes(previous, current) if previous and current else None
