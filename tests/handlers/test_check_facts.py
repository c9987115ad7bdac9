"""The policy a mail is judged under comes from the campaign settings and the open campaigns."""

from __future__ import annotations

import datetime as dt

from handlers.check_facts import policy_for
from rmi.findings import Severity
from rmi.model import Family
from surveybot.settings import CampaignSettings

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
