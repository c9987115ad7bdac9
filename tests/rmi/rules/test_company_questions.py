"""Company questions: required once a mineral is in scope, with the URL or description they promise."""

from __future__ import annotations

from rmi.findings import Finding, Severity
from rmi.model import TemplateModel
from rmi.policy import Policy
from rmi.rules.company_questions import RULE
from tests.rmi.rules.models import answer_ref, company_ref, set_cell, set_cells, valid_model


def findings(model: TemplateModel, policy: Policy) -> list[Finding]:
    return list(RULE.check(model, policy))


def test_answered_company_questions_give_no_findings(policy: Policy) -> None:
    for key in ("CMRT/6.5", "EMRT/1.1", "EMRT/2.1", "CRT/2.2"):
        assert findings(valid_model(key), policy) == []


def test_a_blank_company_question_is_reported_with_its_letter(policy: Policy) -> None:
    [found] = findings(set_cell(valid_model("CMRT/6.5"), "Declaration!D81", None), policy)
    assert (found.code, found.cell, found.checker_row) == ("CMRT-COMPANY-D-MISSING", "D81", 58)
    assert found.params == {"question": "D"}


def test_company_questions_are_not_required_when_every_metal_is_declared_no(policy: Policy) -> None:
    model = valid_model("CMRT/6.5")
    cells = {f"Declaration!D{26 + i}": "No" for i in range(4)}
    cells.update({item.answer.ref: None for item in model.company_answers})
    assert findings(set_cells(model, cells), policy) == []


def test_policy_said_public_needs_a_url_in_the_comment(policy: Policy) -> None:
    [found] = findings(set_cell(valid_model("CMRT/6.5"), "Declaration!G77", None), policy)
    assert (found.code, found.cell, found.checker_row) == ("CMRT-COMPANY-B-URL", "G77", 56)
    assert findings(set_cell(valid_model("CMRT/6.5"), "Declaration!D77", "No"), policy) == []


def test_crt_asks_the_url_for_question_a_and_emrt_1_1_for_a_too(policy: Policy) -> None:
    [found] = findings(set_cell(valid_model("CRT/2.21"), "Declaration!G63", None), policy)
    assert (found.code, found.checker_row) == ("CRT-COMPANY-A-URL", 46)
    model = set_cells(valid_model("EMRT/1.1"), {"Declaration!D69": "Yes", "Declaration!G69": None})
    [found] = findings(model, policy)
    assert (found.code, found.checker_row) == ("EMRT-COMPANY-A-URL", 49)


def test_a_url_comment_that_is_not_a_web_address_is_a_warning(policy: Policy) -> None:
    [found] = findings(set_cell(valid_model("CMRT/6.5"), "Declaration!G77", "see our intranet"), policy)
    assert (found.code, found.severity, found.cell) == ("COMPANY-URL-INVALID", Severity.WARNING, "G77")
    assert (
        findings(set_cell(valid_model("CMRT/6.5"), "Declaration!G77", "www.example.com/policy"), policy) == []
    )


def test_other_format_needs_a_description_where_the_checker_reads_it(policy: Policy) -> None:
    model = set_cell(valid_model("EMRT/1.3"), "Declaration!D79", "Yes, Using Other Format (Describe)")
    [found] = findings(model, policy)
    assert (found.code, found.cell, found.checker_row) == ("EMRT-COMPANY-E-DESCRIBE", "G79", 55)
    assert findings(set_cell(model, "Declaration!G79", "Our own supplier portal questionnaire"), policy) == []


def test_other_format_needs_a_description_also_where_the_checker_forgets_it(policy: Policy) -> None:
    model = set_cell(valid_model("CMRT/6.5"), "Declaration!D83", "Yes, using other format (describe)")
    [found] = findings(model, policy)
    assert (found.code, found.cell, found.checker_row) == ("CMRT-COMPANY-E-DESCRIBE", "G83", None)


def test_a_survey_answer_outside_the_list_is_what_the_checker_counts(policy: Policy) -> None:
    [found] = findings(set_cell(valid_model("CRT/2.2"), "Declaration!D75", "Yes"), policy)
    assert (found.code, found.cell, found.checker_row) == ("ANSWER-NOT-ALLOWED", "D75", 53)


def test_per_mineral_question_c_follows_its_mineral(policy: Policy) -> None:
    model = valid_model("EMRT/2.1")
    ref = company_ref(model, "C", "Mica")
    [found] = findings(set_cell(model, ref, None), policy)
    assert (found.code, found.cell, found.checker_row, found.params["mineral"]) == (
        "EMRT-COMPANY-C-MISSING",
        "D124",
        102,
        "Mica",
    )
    out_of_scope = set_cells(model, {ref: None, answer_ref(model, 1, "Mica"): "No"})
    assert findings(out_of_scope, policy) == []


def test_company_questions_blocked_by_unanswered_gates_are_left_to_the_gate(policy: Policy) -> None:
    model = valid_model("CMRT/6.5")
    cells = {
        "Declaration!D26": None,
        "Declaration!D27": "No",
        "Declaration!D28": "No",
        "Declaration!D29": "No",
    }
    cells.update({item.answer.ref: None for item in model.company_answers})
    assert findings(set_cells(model, cells), policy) == []
