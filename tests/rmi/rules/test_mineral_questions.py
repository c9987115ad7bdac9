"""Per-mineral questions: the finding names the root cause and records the Checker rows it explains."""

from __future__ import annotations

from rmi.findings import Finding, Severity
from rmi.model import TemplateModel
from rmi.policy import Policy
from rmi.rules.mineral_questions import RULE
from tests.rmi.rules.models import answer_ref, set_cell, set_cells, valid_model


def findings(model: TemplateModel, policy: Policy) -> list[Finding]:
    return list(RULE.check(model, policy))


def test_answered_questions_give_no_findings(policy: Policy) -> None:
    for key in ("CMRT/6.01", "EMRT/1.1", "EMRT/2.0", "CRT/2.2", "AMRT/1.2"):
        assert findings(valid_model(key), policy) == []


def test_cmrt_blank_q2_is_one_finding_that_covers_q3_to_q8_of_that_metal(policy: Policy) -> None:
    """CMRT's Checker reads Q3..Q8 only once Q2 says Yes, so it flags all six; the fix is Q2 alone."""
    [found] = findings(set_cell(valid_model("CMRT/6.5"), "Declaration!D33", None), policy)
    assert (found.code, found.cell, found.checker_row) == ("CMRT-Q2-MISSING", "D33", 20)
    assert found.message_key == "answer.gate_missing"
    assert found.params == {"question": 2, "mineral": "Tin"}
    assert found.covers_checker_rows == (25, 30, 35, 40, 45, 50)


def test_cmrt_blank_q1_covers_q2_and_everything_after_it(policy: Policy) -> None:
    [found] = findings(set_cell(valid_model("CMRT/6.5"), "Declaration!D26", None), policy)
    assert (found.code, found.cell, found.checker_row) == ("CMRT-Q1-MISSING", "D26", 14)
    assert found.covers_checker_rows == (19, 24, 29, 34, 39, 44, 49)


def test_a_blank_later_question_is_reported_on_its_own(policy: Policy) -> None:
    [found] = findings(set_cell(valid_model("CMRT/6.5"), "Declaration!D58", None), policy)
    assert (found.code, found.cell, found.checker_row, found.covers_checker_rows) == (
        "CMRT-Q6-MISSING",
        "D58",
        41,
        (),
    )
    assert found.params["mineral"] == "Gold"


def test_a_gate_with_a_value_outside_its_list_blocks_like_a_blank_one(policy: Policy) -> None:
    [found] = findings(set_cell(valid_model("CMRT/6.5"), "Declaration!D26", "Maybe"), policy)
    assert (found.code, found.cell, found.checker_row) == ("ANSWER-NOT-ALLOWED", "D26", None)
    assert found.params["allowed"] == "Yes / No"
    assert 19 in found.covers_checker_rows


def test_q1_no_takes_the_metal_out_of_scope(policy: Policy) -> None:
    model = valid_model("CMRT/6.5")
    later = {answer_ref(model, q, "Tin"): None for q in range(2, 9)}
    assert findings(set_cells(model, {"Declaration!D27": "No", **later}), policy) == []


def test_emrt2_blank_q2_still_lets_filled_later_answers_count(policy: Policy) -> None:
    """EMRT 2.x's Checker reads Q3..Q7 as typed, so a blank Q2 blocks only what is also blank."""
    model = valid_model("EMRT/2.1")
    q2 = answer_ref(model, 2, "Cobalt")
    [found] = findings(set_cell(model, q2, None), policy)
    assert (found.code, found.cell, found.checker_row, found.covers_checker_rows) == (
        "EMRT-Q2-MISSING",
        "D42",
        28,
        (),
    )
    q4 = answer_ref(model, 4, "Cobalt")
    [found] = findings(set_cells(model, {q2: None, q4: None}), policy)
    assert found.covers_checker_rows == (50,)


def test_emrt2_slot_rows_follow_the_selected_minerals(policy: Policy) -> None:
    model = valid_model("EMRT/2.1")
    ref = answer_ref(model, 1, "Lithium")
    [found] = findings(set_cell(model, ref, None), policy)
    assert (found.cell, found.checker_row, found.params["mineral"]) == ("D33", 20, "Lithium")


def test_emrt1_unknown_in_q1_closes_the_gate(policy: Policy) -> None:
    model = valid_model("EMRT/1.3")
    later = {answer_ref(model, q, "Mica"): None for q in (2, 3, 5, 6, 7)}
    assert findings(set_cells(model, {"Declaration!D27": "Unknown", **later}), policy) == []


def test_crt_blank_q1_blocks_every_cobalt_question(policy: Policy) -> None:
    model = valid_model("CRT/2.21")
    later = {answer_ref(model, q, "Cobalt"): None for q in range(2, 7)}
    [found] = findings(set_cells(model, {"Declaration!D26": None, **later}), policy)
    assert (found.code, found.checker_row) == ("CRT-Q1-MISSING", 15)
    assert found.covers_checker_rows == (20, 25, 30, 35, 40)


def test_amrt_q2_is_shown_as_unanswered_but_never_blocks(policy: Policy) -> None:
    """AMRT's Checker flags a blank Q2 in its H column but leaves it out of its total."""
    model = valid_model("AMRT/1.3")
    [found] = findings(set_cell(model, answer_ref(model, 2, "Silver"), None), policy)
    assert (found.code, found.severity, found.cell, found.checker_row) == (
        "AMRT-Q2-UNANSWERED",
        Severity.WARNING,
        "D44",
        30,
    )
    [found] = findings(set_cell(model, answer_ref(model, 1, "Silver"), None), policy)
    assert (found.code, found.checker_row) == ("AMRT-Q1-MISSING", 19)
