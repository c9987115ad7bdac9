"""Read-only questions Slack and reports ask: campaign status, who is missing, one supplier's story.

All of them walk an index (a campaign's assignments, a supplier's records), never a whole table, so
they stay within milliseconds at 10,000 suppliers (``bench/storage_bench.py``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from storage.assignments import AssignmentRepo
from storage.campaigns import CampaignRepo
from storage.clock import Clock
from storage.lifecycle import EXCLUDED
from storage.outbox import OutboxRepo
from storage.records import Assignment, AssignmentState, Campaign, OutboxItem, Submission, Supplier
from storage.submissions import SubmissionRepo
from storage.suppliers import SupplierRepo

S = AssignmentState
#: Still owing us a valid file (received/resubmitted are waiting for *our* verdict, not theirs).
MISSING = frozenset({S.INVITED, S.REMINDED, S.REJECTED, S.ESCALATED})


@dataclass(frozen=True, slots=True)
class CampaignStatus:
    """A campaign at a glance: assignments per state, how many responded, were accepted, are overdue."""

    campaign: Campaign
    counts: Mapping[AssignmentState, int]
    total: int
    applicable: int  # total minus opted-out and not-applicable
    responded: int  # applicable assignments with at least one file
    accepted: int
    overdue: int

    @property
    def response_rate(self) -> float:
        return self.responded / self.applicable if self.applicable else 0.0

    @property
    def acceptance_rate(self) -> float:
        return self.accepted / self.applicable if self.applicable else 0.0


class MissingRow(NamedTuple):
    """One supplier still owing a file (a tuple: thousands are built per report, cheaply)."""

    supplier: Supplier
    assignment: Assignment
    owner: str
    last_contact: datetime | None
    overdue: bool


@dataclass(frozen=True, slots=True)
class SupplierHistory:
    """Everything stored about one supplier: assignments, submissions, mails."""

    supplier: Supplier
    assignments: tuple[Assignment, ...]
    submissions: tuple[Submission, ...]
    mails: tuple[OutboxItem, ...]


class Reports:
    def __init__(
        self,
        clock: Clock,
        suppliers: SupplierRepo,
        campaigns: CampaignRepo,
        assignments: AssignmentRepo,
        submissions: SubmissionRepo,
        outbox: OutboxRepo,
    ) -> None:
        self._clock = clock
        self._suppliers = suppliers
        self._campaigns = campaigns
        self._assignments = assignments
        self._submissions = submissions
        self._outbox = outbox

    def campaign_status(self, campaign_id: int) -> CampaignStatus:
        campaign = self._campaigns.get(campaign_id)
        rows = self._assignments.for_campaign(campaign_id)
        counts = Counter(a.state for a in rows)
        applicable = [a for a in rows if a.state not in EXCLUDED]
        late = self._is_late(campaign)
        return CampaignStatus(
            campaign=campaign,
            counts={state: counts.get(state, 0) for state in AssignmentState},
            total=len(rows),
            applicable=len(applicable),
            responded=sum(a.last_submission_id is not None for a in applicable),
            accepted=counts.get(S.ACCEPTED, 0),
            overdue=sum(a.state in MISSING for a in applicable) if late else 0,
        )

    def missing(self, campaign_id: int, overdue_only: bool = False) -> tuple[MissingRow, ...]:
        """Suppliers that still owe a valid file, with their buyer and when we last wrote to them."""
        campaign = self._campaigns.get(campaign_id)
        late = self._is_late(campaign)
        if overdue_only and not late:
            return ()
        waiting = [a for a in self._assignments.for_campaign(campaign_id) if a.state in MISSING]
        owed_by = self._suppliers.get_many(a.supplier_id for a in waiting)
        rows = [
            MissingRow(s, a, s.owner, a.last_contact, late) for s, a in zip(owed_by, waiting, strict=True)
        ]
        order = sorted(range(len(rows)), key=[(s.owner, s.code) for s in owed_by].__getitem__)
        rows = [rows[i] for i in order]
        return tuple(rows)

    def supplier_history(self, supplier_id: int) -> SupplierHistory:
        return SupplierHistory(
            supplier=self._suppliers.get(supplier_id),
            assignments=self._assignments.for_supplier(supplier_id),
            submissions=self._submissions.for_supplier(supplier_id),
            mails=self._outbox.for_supplier(supplier_id),
        )

    def _is_late(self, campaign: Campaign) -> bool:
        return self._clock.now().date() > campaign.due
