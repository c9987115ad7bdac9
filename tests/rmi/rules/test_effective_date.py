"""Effective date: a real date, not in the future, not older than the policy's 12 months."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from rmi.findings import Finding
from rmi.model import EffectiveDate, TemplateModel
from rmi.policy import Policy
from rmi.rules.effective_date import RULE
from tests.rmi.rules.models import TODAY, set_cell, valid_model


def findings(model: TemplateModel, policy: Policy) -> list[Finding]:
    return list(RULE.check(model, policy))


def dated(day: dt.date) -> TemplateModel:
    return set_cell(valid_model("CMRT/6.5"), "Declaration!D22", day)


def test_a_recent_date_passes(policy: Policy) -> None:
    assert findings(dated(TODAY), policy) == []
    assert findings(dated(dt.date(2025, 11, 25)), policy) == []


@pytest.mark.parametrize(
    ("day", "code"),
    [(dt.date(2026, 11, 26), "DATE-FUTURE"), (dt.date(2025, 11, 24), "DATE-STALE")],
)
def test_a_future_or_stale_date_is_an_error_at_the_date_cell(policy: Policy, day: dt.date, code: str) -> None:
    [found] = findings(dated(day), policy)
    assert (found.code, found.cell, found.is_error) == (code, "D22", True)


def test_the_policy_sets_the_allowed_age(policy: Policy) -> None:
    lenient = dataclasses.replace(policy, max_date_age_months=24)
    assert findings(dated(dt.date(2025, 1, 1)), lenient) == []


def test_a_date_typed_as_text_is_reported_even_when_it_can_be_read(policy: Policy) -> None:
    model = valid_model("EMRT/2.1")
    cell = set_cell(model, "Declaration!D26", "01.10.2026").effective_date.cell
    model = dataclasses.replace(model, effective_date=EffectiveDate(cell, dt.date(2026, 10, 1), "01.10.2026"))
    [found] = findings(model, policy)
    assert (found.code, found.cell, found.params["value"]) == ("DATE-AS-TEXT", "D26", "01.10.2026")


def test_a_blank_date_is_left_to_the_required_field_rule(policy: Policy) -> None:
    assert findings(set_cell(valid_model("CMRT/6.5"), "Declaration!D22", None), policy) == []
