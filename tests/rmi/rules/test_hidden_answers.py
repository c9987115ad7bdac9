"""The hidden pre-filled "No" rows of EMRT 1.x and CRT must stay as the template ships them."""

from __future__ import annotations

from rmi.findings import Finding
from rmi.model import TemplateModel
from rmi.policy import Policy
from rmi.rules.hidden_answers import RULE
from tests.rmi.rules.models import set_cell, valid_model


def findings(model: TemplateModel, policy: Policy) -> list[Finding]:
    return list(RULE.check(model, policy))


def test_intact_hidden_rows_give_no_findings(policy: Policy) -> None:
    for key in ("EMRT/1.1", "EMRT/1.3", "CRT/2.2", "CMRT/6.5"):
        assert findings(valid_model(key), policy) == []


def test_a_cleared_hidden_q1_is_one_finding_covering_the_rows_it_opens(policy: Policy) -> None:
    [found] = findings(set_cell(valid_model("EMRT/1.3"), "Declaration!D28", None), policy)
    assert (found.code, found.cell, found.checker_row) == ("EMRT-HIDDEN-ANSWER", "D28", 17)
    assert found.covers_checker_rows == (25, 30, 35, 40, 45)


def test_a_hidden_q1_changed_to_yes_opens_the_hidden_rows_too(policy: Policy) -> None:
    [found] = findings(set_cell(valid_model("CRT/2.21"), "Declaration!D27", "Yes"), policy)
    assert (found.cell, found.checker_row) == ("D27", None)
    assert found.covers_checker_rows == (21, 26, 31, 36, 41)
