"""Effective date: a real date, not in the future, not older than the policy allows, not ambiguous text."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from rmi.findings import Finding, Severity
from rmi.messages import render
from rmi.messages.forms import long_date
from rmi.model import TemplateModel
from rmi.policy import Policy
from rmi.read.declaration import read_effective_date
from rmi.rules.effective_date import RULE
from tests.rmi.rules.models import TODAY, set_cell, valid_model


def findings(model: TemplateModel, policy: Policy) -> list[Finding]:
    return list(RULE.check(model, policy))


def dated(day: dt.date) -> TemplateModel:
    return set_cell(valid_model("CMRT/6.5"), "Declaration!D22", day)


def test_a_recent_date_passes(policy: Policy) -> None:
    assert findings(dated(TODAY), policy) == []
    assert findings(dated(dt.date(2025, 11, 25)), policy) == []


def test_a_future_date_is_an_error_at_the_date_cell(policy: Policy) -> None:
    [found] = findings(dated(dt.date(2026, 11, 26)), policy)
    assert (found.code, found.cell, found.is_error) == ("DATE-FUTURE", "D22", True)


def test_a_stale_date_is_a_warning_by_default_and_an_error_where_the_campaign_says_so(policy: Policy) -> None:
    [found] = findings(dated(dt.date(2025, 11, 24)), policy)
    assert (found.code, found.cell, found.severity) == ("DATE-STALE", "D22", Severity.WARNING)
    strict = dataclasses.replace(policy, stale_date_severity=Severity.ERROR)
    [found] = findings(dated(dt.date(2025, 11, 24)), strict)
    assert (found.code, found.is_error) == ("DATE-STALE", True)


def test_a_declaration_dated_before_the_campaigns_start_is_an_error(policy: Policy) -> None:
    campaign = dataclasses.replace(policy, declarations_dated_from=dt.date(2026, 7, 1))
    [found] = findings(dated(dt.date(2026, 6, 30)), campaign)
    assert (found.code, found.cell, found.is_error) == ("DATE-BEFORE-CAMPAIGN", "D22", True)
    assert found.params["dated_from"] == "2026-07-01"
    assert findings(dated(dt.date(2026, 7, 1)), campaign) == []
    [older] = findings(dated(dt.date(2024, 1, 1)), campaign)
    assert older.code == "DATE-BEFORE-CAMPAIGN"  # one fix, not also "stale"


def test_the_policy_sets_the_allowed_age(policy: Policy) -> None:
    lenient = dataclasses.replace(policy, max_date_age_months=24)
    assert findings(dated(dt.date(2025, 1, 1)), lenient) == []


def text_dated(text: str) -> TemplateModel:
    model = valid_model("EMRT/2.1")
    cell = set_cell(model, "Declaration!D26", text).effective_date.cell
    return dataclasses.replace(model, effective_date=read_effective_date(cell, date1904=False))


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("02-May-2026", "2026-05-02"),
        ("2026/05/02", "2026-05-02"),
        ("2026年5月2日", "2026-05-02"),
        ("01.10.2026", "2026-10-01"),
        ("31/03/2026", "2026-03-31"),
        ("03/03/2026", "2026-03-03"),
    ],
)
def test_a_text_date_naming_one_day_is_a_warning_showing_the_day_understood(
    policy: Policy, text: str, day: str
) -> None:
    [found] = findings(text_dated(text), policy)
    assert (found.code, found.cell, found.severity) == ("DATE-AS-TEXT", "D26", Severity.WARNING)
    assert (found.params["value"], found.params["date"]) == (text, day)
    assert long_date(day, "en") in render(found, "en")  # "2 May 2026": no reader can misread it


def test_an_ambiguous_text_date_is_an_error_naming_both_readings(policy: Policy) -> None:
    [found] = findings(text_dated("03/04/2026"), policy)
    assert (found.code, found.cell, found.is_error) == ("DATE-AMBIGUOUS", "D26", True)
    assert (found.params["first"], found.params["second"]) == ("2026-04-03", "2026-03-04")


@pytest.mark.parametrize("text", ["soon", "31.02.2026", "Q3 2026"])
def test_a_text_that_is_no_date_is_an_error(policy: Policy, text: str) -> None:
    [found] = findings(text_dated(text), policy)
    assert (found.code, found.is_error, found.params["value"]) == ("DATE-AS-TEXT", True, text)


def test_a_blank_date_is_left_to_the_required_field_rule(policy: Policy) -> None:
    assert findings(set_cell(valid_model("CMRT/6.5"), "Declaration!D22", None), policy) == []
