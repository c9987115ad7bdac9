"""The judge runs every rule and orders the findings the way a supplier fixes them."""

from __future__ import annotations

import pytest

from rmi import layouts
from rmi.judge import RULES, judge
from rmi.policy import Policy
from tests.rmi.rules.models import set_cells, valid_model


@pytest.mark.parametrize("key", list(layouts.all_layouts()))
def test_a_complete_declaration_of_every_revision_is_accepted(policy: Policy, key: str) -> None:
    verdict = judge(valid_model(key), policy)
    assert verdict.accepted
    assert {finding.code for finding in verdict.findings} <= {"TEMPLATE-OUTDATED"}


def test_errors_come_first_in_reading_order(policy: Policy) -> None:
    model = set_cells(
        valid_model("CMRT/6.22"),
        {
            "Declaration!D20": "x@y",
            "Declaration!D8": None,
            "Declaration!G77": "see intranet",
            "Declaration!D45": None,
        },
    )
    verdict = judge(model, policy)
    assert [(f.code, f.cell) for f in verdict.findings] == [
        ("CMRT-DECL-COMPANY-NAME", "D8"),
        ("EMAIL-INVALID", "D20"),
        ("CMRT-Q4-MISSING", "D45"),
        ("TEMPLATE-OUTDATED", "J3"),
        ("COMPANY-URL-INVALID", "G77"),
    ]
    assert not verdict.accepted


def test_every_rule_has_a_stable_distinct_code() -> None:
    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes))
