"""A small, realistic campaign in a real (in-memory) store: six suppliers in every kind of state.

Built only through the store's public methods, on a manual clock, so the records carry real
histories: ACME sent a file that was rejected and got a correction mail, BOLT was accepted, CUPR and
ECHO never answered (ECHO has no contact address), DYNA was reminded once, FERR opted out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from storage import (
    AssignmentState,
    CampaignState,
    Contact,
    FindingSummary,
    MailDraft,
    ManualClock,
    NewSubmission,
    Store,
    SupplierDraft,
)

S = AssignmentState
NOW = dt.datetime(2026, 6, 10, 9, 0, tzinfo=dt.UTC)
DUE = dt.date(2026, 6, 30)


@dataclass(frozen=True)
class Seeded:
    campaign_id: int
    ids: dict[str, int]  # supplier code -> id
    acme_submission_id: int
    correction_outbox_id: int


ACME_FINDINGS = (
    FindingSummary(
        "CMRT-DECL-COMPANY", "error", "field.missing", {"field": "company_name"}, "Declaration", "D8"
    ),
    FindingSummary(
        "CMRT-DECL-EMAIL",
        "error",
        "field.email_no_at",
        {"field": "contact_email", "value": "anna"},
        "Declaration",
        "D15",
    ),
    FindingSummary("CMRT-MINERALS", "error", "minerals.none_selected", {}, "Declaration", "D22"),
    FindingSummary("CMRT-SCOPE", "warning", "scope.description_missing", {}, "Declaration", "D12"),
)


def at(clock: ManualClock, month: int, day: int) -> None:
    clock.set(dt.datetime(2026, month, day, 9, 0, tzinfo=dt.UTC))


def seed(store: Store, clock: ManualClock) -> Seeded:
    at(clock, 5, 1)
    campaign = store.campaigns.create("CMRT 2026", "CMRT", "6.31", DUE)
    store.campaigns.set_state(campaign.id, CampaignState.ACTIVE)
    ids = {
        code: store.suppliers.add(SupplierDraft(code, name, contacts, owner=owner)).id
        for code, name, contacts, owner in (
            ("ACME-001", "Acme Metals", (Contact("anna@acme.example", "Anna Li"),), "U0OWNER1"),
            ("BOLT-002", "Bolt Components", (Contact("bob@bolt.example"),), "Kim Buyer"),
            ("CUPR-003", "Cupric Ltd", (Contact("carl@cupric.example", "Carl"),), "U0OWNER1"),
            ("DYNA-004", "Dynamo Parts", (Contact("dina@dynamo.example"),), ""),
            ("ECHO-005", "Echo Alloys", (), ""),
            ("FERR-006", "Ferro Opt-out", (Contact("fe@ferro.example"),), ""),
        )
    }
    assignments = {a.supplier_id: a.id for a in store.assignments.invite(campaign.id, ids.values())}
    at(clock, 5, 15)
    bolt = _submit(store, ids["BOLT-002"], campaign.id, "bolt-cmrt.xlsx", "accepted", ())
    store.assignments.transition(assignments[ids["BOLT-002"]], S.RECEIVED, submission_id=bolt)
    store.assignments.transition(assignments[ids["BOLT-002"]], S.ACCEPTED)
    store.assignments.transition(assignments[ids["FERR-006"]], S.OPTED_OUT, note="no 3TG")
    at(clock, 5, 20)
    for code in ("ACME-001", "DYNA-004"):
        store.assignments.transition(assignments[ids[code]], S.REMINDED)
    at(clock, 6, 1)
    acme = _submit(store, ids["ACME-001"], campaign.id, "acme CMRT.xlsx", "rejected", ACME_FINDINGS)
    store.assignments.transition(assignments[ids["ACME-001"]], S.RECEIVED, submission_id=acme)
    store.assignments.transition(assignments[ids["ACME-001"]], S.REJECTED)
    correction = store.outbox.enqueue(
        MailDraft(
            to=("anna@acme.example",),
            subject="Re: [RMI] CMRT 2026",
            text="Please correct D8, D15 and D22.",
            dedupe_key="reply:<acme-1@acme.example>",
            campaign_id=campaign.id,
            supplier_id=ids["ACME-001"],
        )
    )
    clock.set(NOW)
    return Seeded(campaign.id, ids, acme, correction.id)


def _submit(
    store: Store,
    supplier_id: int,
    campaign_id: int,
    name: str,
    verdict: str,
    findings: tuple[FindingSummary, ...],
) -> int:
    new = NewSubmission(
        message_id=f"<{name}@example>",
        sender="someone@example",
        received_at=store.clock.now(),
        attachment_name=name,
        family="CMRT",
        version="6.31",
        language="en",
        verdict=verdict,
        findings=findings,
        supplier_id=supplier_id,
        campaign_id=campaign_id,
    )
    return store.submissions.add(new, f"xlsx bytes of {name}".encode()).id
