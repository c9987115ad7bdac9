"""The policy a mail is judged under comes from the campaign settings and the open campaigns."""

from __future__ import annotations

import datetime as dt

from handlers.check_facts import policy_for
from rmi.findings import Severity
from rmi.model import Family
from storage import Campaign, CampaignState
from surveybot.settings import CampaignPolicy, CampaignSettings

TODAY = dt.date(2026, 11, 25)


def test_by_default_stale_dates_and_smelters_for_a_metal_answered_no_are_warnings() -> None:
    policy = policy_for(CampaignSettings(), [], TODAY)
    assert (policy.stale_date_severity, policy.smelters_for_metal_answered_no) == (
        Severity.WARNING,
        Severity.WARNING,
    )
    assert (policy.max_date_age_months, policy.declarations_dated_from) == (12, None)


def test_every_campaign_override_reaches_the_policy() -> None:
    settings = CampaignSettings(
        max_effective_date_age_days=183,
        stale_effective_date="error",
        declarations_dated_from="2026-07-01",
        smelters_for_metal_answered_no="error",
        minimum_versions={"cmrt": "6.4"},
    )
    policy = policy_for(settings, [], TODAY)
    assert policy.max_date_age_months == 6
    assert policy.stale_date_severity is Severity.ERROR
    assert policy.declarations_dated_from == dt.date(2026, 7, 1)
    assert policy.smelters_for_metal_answered_no is Severity.ERROR
    assert policy.minimum_versions == {Family.CMRT: "6.4"}


def campaign(name: str) -> Campaign:
    made = dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    return Campaign(1, name, "CMRT", "", dt.date(2026, 12, 31), 7, CampaignState.ACTIVE, made)


STRICT = CampaignPolicy(
    max_effective_date_age_days=92,
    stale_effective_date="error",
    declarations_dated_from="2026-07-01",
    smelters_for_metal_answered_no="error",
)


def test_a_campaigns_own_policy_judges_its_suppliers_and_no_one_elses() -> None:
    settings = CampaignSettings(policies={"2026-H2 strict": STRICT})
    strict = policy_for(settings, [campaign("2026-H2 strict")], TODAY)
    assert (strict.max_date_age_months, strict.declarations_dated_from) == (3, dt.date(2026, 7, 1))
    assert strict.stale_date_severity is strict.smelters_for_metal_answered_no is Severity.ERROR
    other = policy_for(settings, [campaign("2026-H1")], TODAY)
    assert (other.max_date_age_months, other.declarations_dated_from) == (12, None)
    assert other.stale_date_severity is other.smelters_for_metal_answered_no is Severity.WARNING


def test_a_supplier_in_a_strict_and_a_lenient_campaign_is_judged_by_the_stricter() -> None:
    settings = CampaignSettings(
        declarations_dated_from="2026-03-01",
        policies={"strict": STRICT, "lenient": CampaignPolicy(max_effective_date_age_days=730)},
    )
    policy = policy_for(settings, [campaign("lenient"), campaign("strict")], TODAY)
    assert policy.max_date_age_months == 3
    assert policy.declarations_dated_from == dt.date(2026, 7, 1)
    assert policy.stale_date_severity is Severity.ERROR


def test_a_campaign_may_be_more_lenient_than_the_defaults() -> None:
    settings = CampaignSettings(
        stale_effective_date="error",
        smelters_for_metal_answered_no="error",
        policies={
            "pilot": CampaignPolicy(stale_effective_date="warning", smelters_for_metal_answered_no="warning")
        },
    )
    pilot = policy_for(settings, [campaign("pilot")], TODAY)
    assert pilot.stale_date_severity is pilot.smelters_for_metal_answered_no is Severity.WARNING
    both = policy_for(settings, [campaign("pilot"), campaign("main survey")], TODAY)
    assert both.stale_date_severity is both.smelters_for_metal_answered_no is Severity.ERROR
