"""A campaign as the mail loop leaves it, with real filled templates: what reports are made from.

ALPHA sent a clean CMRT; BRAVO declared Tin from covered countries and a smelter RMI does not list;
CHARLIE's file was rejected; DELTA has not answered; ECHO's new CMRT follows last year's accepted
one (year over year). A facility list is imported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from handlers.facilities import import_facility_list
from storage import SYSTEM, AssignmentState, FindingSummary, ManualClock, NewSubmission, Store
from tests.analysis.facility_files import ROWS, spreadsheetml
from tests.analysis.filled import answer_cell
from tests.analysis.stored import accept, add_supplier, open_campaign
from tests.support.jobs import SmelterEntry
from tests.support.workbooks import WorkbookFactory

KEY = "CMRT/6.5"
START = dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC)
LOCAL = SmelterEntry(
    metal="Tin", lookup_name="Smelter not listed", name="=Pulau Kecil Timah", country="INDONESIA"
)
FINDING = FindingSummary(
    "CMRT-DECL-COMPANY", "error", "field.missing", {"field": "company_name"}, "Declaration", "D8"
)


@dataclass(frozen=True)
class Campaign:
    campaign_id: int
    ids: dict[str, int]


def seed_campaign(
    store: Store, clock: ManualClock, factory: WorkbookFactory, name: str = "CMRT 2026"
) -> Campaign:
    base = factory.answers(KEY)
    valid = factory.valid(KEY)
    risky = factory.libreoffice(
        base.with_smelters([*base.smelters, LOCAL]).with_cells({answer_cell(KEY, 3, "Tin"): "Yes"})
    )
    echo_now = factory.libreoffice(base.with_smelters(base.smelters[1:]))
    ids = {
        code: add_supplier(store, code, name)
        for code, name in (
            ("ALPHA", "Alpha Metals"),
            ("BRAVO", "=Bravo <Alloys>"),
            ("CHARLIE", "Charlie Parts"),
            ("DELTA", "Delta Components"),
            ("ECHO", "Echo Electronics"),
        )
    }
    clock.set(START - dt.timedelta(days=330))
    accept(store, ids["ECHO"], open_campaign(store, f"{name} (last year)"), valid)
    clock.set(START)
    campaign = open_campaign(store, name)
    store.assignments.invite(campaign.id, ids.values())
    for day, code, path in ((3, "ALPHA", valid), (5, "BRAVO", risky), (20, "ECHO", echo_now)):
        clock.set(START + dt.timedelta(days=day))
        accept(store, ids[code], campaign, path)
    clock.set(START + dt.timedelta(days=8))
    _rejected(store, ids["CHARLIE"], campaign.id)
    clock.set(dt.datetime(2026, 12, 3, 8, tzinfo=dt.UTC))
    import_facility_list(
        store, "rmi-facilities.xls", spreadsheetml(ROWS), SYSTEM, list_date=dt.date(2026, 11, 20)
    )
    return Campaign(campaign.id, ids)


def _rejected(store: Store, supplier_id: int, campaign_id: int) -> None:
    new = NewSubmission(
        message_id="<charlie-1@example.com>",
        sender="charlie@example.com",
        received_at=store.clock.now(),
        attachment_name="charlie CMRT.xlsx",
        family="CMRT",
        version="6.5",
        language="en",
        verdict="rejected",
        findings=(FINDING,),
        supplier_id=supplier_id,
        campaign_id=campaign_id,
    )
    submission = store.submissions.add(new, b"not kept for the report")
    assignment = store.assignments.find(supplier_id, campaign_id)
    assert assignment is not None
    store.assignments.transition(assignment.id, AssignmentState.RECEIVED, submission_id=submission.id)
    store.assignments.transition(assignment.id, AssignmentState.REJECTED, submission_id=submission.id)
