"""The daily digest names the campaign's smelters whose audits fall due within 30 days."""

from __future__ import annotations

import datetime as dt

from bot.render.notices import digest_message
from handlers.analysis_source import campaign_declarations
from handlers.digest import daily_digest
from handlers.facilities import import_facility_list
from storage import SYSTEM, ManualClock, memory_store
from tests.analysis.facility_files import ROWS, Row, spreadsheetml
from tests.analysis.stored import accept, add_supplier, open_campaign
from tests.support.workbooks import WorkbookFactory

TODAY = dt.datetime(2026, 12, 3, 7, tzinfo=dt.UTC)


def test_an_audit_falling_due_for_a_smelter_a_supplier_named_appears_in_the_digest(
    workbook_factory: WorkbookFactory,
) -> None:
    store = memory_store(ManualClock(TODAY))
    campaign = open_campaign(store)
    accept(store, add_supplier(store, "ACME", "Acme <Metals>"), campaign, workbook_factory.valid("CMRT/6.5"))
    (declaration,) = campaign_declarations(store, campaign)
    named = declaration.smelters[0]
    due_soon = Row(
        named.cid,
        "Smelter <b>&",
        named.metal,
        "CHINA",
        dt.date(2025, 12, 20),
        "1 Year",
        "No",
        "Conformant",
        "RMAP",
    )
    import_facility_list(
        store, "list.xls", spreadsheetml((*ROWS, due_soon)), SYSTEM, list_date=dt.date(2026, 11, 20)
    )

    (digest,) = daily_digest(store)

    assert [(e.facility.cid, e.audit_due) for e in digest.expiring] == [(named.cid, dt.date(2026, 12, 20))]
    message = digest_message(digest)
    shown = [b["text"]["text"] for b in message.kwargs()["blocks"] if b.get("type") == "section"]
    line = next(text for text in shown if "falling due" in text)
    assert f"{named.cid} Smelter &lt;b&gt;&amp; ({named.metal}, CHINA): due 2026-12-20" in line
    assert "CID001070" not in line  # due soon too, but no supplier of this campaign names it


def test_without_a_facility_list_the_digest_has_no_audit_section() -> None:
    store = memory_store(ManualClock(TODAY))
    open_campaign(store)
    (digest,) = daily_digest(store)
    assert digest.expiring == ()
    assert "falling due" not in str(digest_message(digest).kwargs()["blocks"])
