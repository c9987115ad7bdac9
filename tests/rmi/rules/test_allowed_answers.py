"""Answers outside a cell's drop-down list are errors, whatever the Checker says."""

from __future__ import annotations

from rmi.findings import Finding
from rmi.model import TemplateModel
from rmi.policy import Policy
from rmi.rules.allowed_answers import RULE
from tests.rmi.rules.models import answer_ref, set_cell, valid_model


def findings(model: TemplateModel, policy: Policy) -> list[Finding]:
    return list(RULE.check(model, policy))


def test_drop_down_answers_pass_in_every_revision(policy: Policy) -> None:
    for key in ("CMRT/6.01", "CMRT/6.5", "EMRT/1.1", "EMRT/2.1", "CRT/2.21", "AMRT/1.2", "AMRT/1.3"):
        assert findings(valid_model(key), policy) == []


def test_a_later_answer_outside_the_list_is_named_with_the_options(policy: Policy) -> None:
    [found] = findings(set_cell(valid_model("CMRT/6.5"), "Declaration!D45", "Probably not"), policy)
    assert (found.code, found.cell, found.checker_row) == ("ANSWER-NOT-ALLOWED", "D45", None)
    assert found.params == {"value": "Probably not", "allowed": "Yes / No / Unknown"}


def test_case_and_the_number_one_for_100_percent_are_accepted(policy: Policy) -> None:
    model = valid_model("CMRT/6.01")
    assert findings(set_cell(model, "Declaration!D56", 1), policy) == []
    assert findings(set_cell(model, "Declaration!D44", "unknown"), policy) == []


def test_blocking_gates_are_left_to_the_question_rule(policy: Policy) -> None:
    assert findings(set_cell(valid_model("CMRT/6.5"), "Declaration!D26", "Maybe"), policy) == []


def test_an_invalid_scope_and_an_invalid_company_answer_are_reported(policy: Policy) -> None:
    [found] = findings(set_cell(valid_model("EMRT/1.2"), "Declaration!D9", "Whole company"), policy)
    assert found.cell == "D9"
    model = valid_model("EMRT/2.1")
    [found] = findings(set_cell(model, answer_ref(model, 5, "Copper"), "About 80%"), policy)
    assert found.cell == "D79"
