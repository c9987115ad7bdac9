"""The cadence's calendar and the suppliers' business hours, as plain rules."""

from __future__ import annotations

import datetime as dt

import pytest

from handlers.business_hours import next_business_moment
from handlers.cadence import DAY_KEY_KIND, Cadence, cadence_day, for_campaign, next_wave
from storage import AssignmentState, Campaign, CampaignState, Contact, Store, SupplierDraft, memory_store

DUE = dt.date(2027, 2, 3)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2027, 1, 19), None),  # before the first reminder day
        (dt.date(2027, 1, 20), dt.date(2027, 1, 20)),  # 14 days before
        (dt.date(2027, 1, 30), dt.date(2027, 1, 20)),  # a service down on the day catches up, once
        (dt.date(2027, 1, 31), dt.date(2027, 1, 31)),  # 3 days before
        (DUE, dt.date(2027, 1, 31)),  # the due date itself is not a reminder day
        (dt.date(2027, 2, 9), dt.date(2027, 1, 31)),
        (dt.date(2027, 2, 10), dt.date(2027, 2, 10)),  # then weekly while overdue
        (dt.date(2027, 3, 5), dt.date(2027, 3, 3)),
    ],
)
def test_the_cadence_day_in_force_is_the_latest_one_that_has_come(
    today: dt.date, expected: dt.date | None
) -> None:
    assert cadence_day(DUE, today, Cadence()) == expected


def test_a_campaign_set_up_with_its_own_cadence_overrides_the_configured_one() -> None:
    now = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    campaign = Campaign(1, "RMI 2027", "CMRT", "6.31", DUE, 7, CampaignState.ACTIVE, now)
    own = Campaign(
        1, "RMI 2027", "CMRT", "6.31", DUE, 7, CampaignState.ACTIVE, now,
        reminder_days_before_due=(21,), overdue_reminder_every_days=3, escalate_after_reminders=5,
    )  # fmt: skip
    assert for_campaign(Cadence(), campaign) == Cadence()
    mine = for_campaign(Cadence(), own)
    assert (mine.before_due, mine.overdue_every, mine.escalate_after) == ((21,), 3, 5)
    assert cadence_day(DUE, dt.date(2027, 1, 31), mine) == dt.date(2027, 1, 13)
    assert cadence_day(DUE, dt.date(2027, 2, 6), mine) == dt.date(2027, 2, 6)


def test_a_reminder_waits_for_business_hours_in_the_suppliers_country() -> None:
    friday_evening_tokyo = dt.datetime(2027, 1, 22, 10, 0, tzinfo=dt.UTC)  # 19:00 in Tokyo
    assert next_business_moment(friday_evening_tokyo, "JP", (9, 17)) == dt.datetime(
        2027, 1, 25, 0, 0, tzinfo=dt.UTC
    )
    assert next_business_moment(friday_evening_tokyo, "DE", (9, 17)) is None  # 11:00 in Berlin
    early_berlin = dt.datetime(2027, 1, 22, 5, 0, tzinfo=dt.UTC)  # 06:00 in Berlin
    assert next_business_moment(early_berlin, "de", (9, 17)) == dt.datetime(2027, 1, 22, 8, 0, tzinfo=dt.UTC)
    assert next_business_moment(friday_evening_tokyo, "", (9, 17)) is None  # country unknown: at once
    assert next_business_moment(friday_evening_tokyo, "XX", (9, 17)) is None


def _campaign_with_two_suppliers() -> tuple[Store, Campaign]:
    store = memory_store()
    campaign = store.campaigns.create("RMI 2027", "CMRT", "6.31", DUE)
    store.campaigns.set_state(campaign.id, CampaignState.ACTIVE)
    ids = [
        store.suppliers.add(SupplierDraft(code, code, (Contact(f"{code}@x.example"),))).id for code in "AB"
    ]
    store.assignments.invite(campaign.id, ids)
    return store, campaign


def _day_had_its_wave(store: Store, campaign: Campaign, day: dt.date) -> None:
    store.dedupe.mark(DAY_KEY_KIND, f"{campaign.id}:{day.isoformat()}")


def test_the_next_wave_is_the_next_cadence_day_with_the_suppliers_it_would_remind() -> None:
    store, campaign = _campaign_with_two_suppliers()
    coming = next_wave(store, dt.date(2027, 1, 10), Cadence(), "RMI")
    assert coming is not None
    assert (coming.campaign.name, coming.day, coming.suppliers) == ("RMI 2027", dt.date(2027, 1, 20), 2)
    answered = store.assignments.for_campaign(campaign.id)[0]
    store.assignments.transition(answered.id, AssignmentState.OPTED_OUT)  # it said it will not answer
    later = next_wave(store, dt.date(2027, 1, 10), Cadence(), "RMI")
    assert later is not None and later.suppliers == 1


def test_a_cadence_day_missed_while_the_service_was_down_is_the_next_wave_today() -> None:
    store, campaign = _campaign_with_two_suppliers()
    coming = next_wave(store, dt.date(2027, 1, 25), Cadence(), "RMI")
    assert coming is not None and coming.day == dt.date(2027, 1, 25)
    _day_had_its_wave(store, campaign, dt.date(2027, 1, 20))
    after = next_wave(store, dt.date(2027, 1, 25), Cadence(), "RMI")
    assert after is not None and after.day == dt.date(2027, 1, 31)


def test_an_overdue_campaign_is_next_reminded_on_its_next_weekly_day() -> None:
    store, campaign = _campaign_with_two_suppliers()
    _day_had_its_wave(store, campaign, dt.date(2027, 2, 10))
    coming = next_wave(store, dt.date(2027, 2, 12), Cadence(), "RMI")
    assert coming is not None and coming.day == dt.date(2027, 2, 17)


def test_a_closed_campaign_has_no_next_wave() -> None:
    store, campaign = _campaign_with_two_suppliers()
    store.campaigns.set_state(campaign.id, CampaignState.CLOSED)
    assert next_wave(store, dt.date(2027, 1, 10), Cadence(), "RMI") is None
