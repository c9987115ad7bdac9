"""A store holding a campaign with accepted files, the way the mail loop leaves it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from storage import (
    AssignmentState,
    Campaign,
    CampaignState,
    Contact,
    NewSubmission,
    Store,
    SupplierDraft,
    state_after_submission,
)

DUE = dt.date(2026, 12, 15)


def open_campaign(store: Store, name: str = "CMRT 2026", family: str = "CMRT") -> Campaign:
    campaign = store.campaigns.create(name, family, "6.31", DUE)
    store.campaigns.set_state(campaign.id, CampaignState.ACTIVE)
    return store.campaigns.get(campaign.id)


def add_supplier(store: Store, code: str, name: str) -> int:
    return store.suppliers.add(SupplierDraft(code, name, (Contact(f"{code.lower()}@example.com"),))).id


def accept(store: Store, supplier_id: int, campaign: Campaign, path: Path, verdict: str = "accepted") -> int:
    """Store ``path`` as a file from the supplier and move its assignment like ``handlers.judging``."""
    assignment = store.assignments.find(supplier_id, campaign.id)
    if assignment is None:
        (assignment,) = store.assignments.invite(campaign.id, [supplier_id])
    new = NewSubmission(
        message_id=f"<{supplier_id}-{path.name}-{store.clock.now().timestamp()}@example.com>",
        sender="supplier@example.com",
        received_at=store.clock.now(),
        attachment_name=path.name,
        family=campaign.family,
        version="6.5",
        language="en",
        verdict=verdict,
        supplier_id=supplier_id,
        campaign_id=campaign.id,
    )
    submission = store.submissions.add(new, path.read_bytes())
    if assignment.state not in (AssignmentState.RECEIVED, AssignmentState.RESUBMITTED):
        arrived = state_after_submission(assignment)
        store.assignments.transition(assignment.id, arrived, submission_id=submission.id)
    final = AssignmentState.ACCEPTED if verdict == "accepted" else AssignmentState.REJECTED
    store.assignments.transition(assignment.id, final, submission_id=submission.id)
    return submission.id
