"""At least one smelter per declared mineral; "Smelter not listed" rows need name and country."""

from __future__ import annotations

from rmi.findings import Finding
from rmi.model import TemplateModel
from rmi.policy import Policy
from rmi.rules.mineral_questions import RULE as MINERAL_RULE
from rmi.rules.smelter_coverage import RULE
from tests.rmi.rules.models import answer_ref, set_cell, set_cells, smelter, valid_model, with_smelters


def findings(model: TemplateModel, policy: Policy) -> list[Finding]:
    return list(RULE.check(model, policy))


def test_one_smelter_per_declared_metal_is_enough(policy: Policy) -> None:
    for key in ("CMRT/6.5", "EMRT/1.2", "EMRT/2.0", "CRT/2.2", "AMRT/1.2", "AMRT/1.3"):
        assert findings(valid_model(key), policy) == []


def test_a_declared_metal_without_smelters_is_reported_for_the_metal_column(policy: Policy) -> None:
    model = valid_model("CMRT/6.5")
    model = with_smelters(model, *[row for row in model.smelters if row.metal.text != "Gold"])
    [found] = findings(model, policy)
    assert (found.code, found.sheet, found.cell, found.checker_row) == (
        "CMRT-SMELTERS-MISSING",
        "Smelter List",
        "B5:B2504",
        67,
    )
    assert found.params["mineral"] == "Gold"


def test_a_metal_row_without_a_smelter_choice_does_not_count(policy: Policy) -> None:
    model = valid_model("CMRT/6.31")
    rows = [row for row in model.smelters if row.metal.text != "Tin"]
    [found] = findings(with_smelters(model, *rows, smelter(9, "Tin")), policy)
    assert (found.code, found.checker_row) == ("CMRT-SMELTERS-MISSING", 66)


def test_crt_requires_a_cobalt_smelter_although_its_checker_row_only_counts_it_in_one_odd_case(
    policy: Policy,
) -> None:
    """CRT's H57 fires only while Q1 is blank and Q2 says Yes; the requirement itself is RMI's intent."""
    model = valid_model("CRT/2.21")
    [found] = findings(with_smelters(model, smelter(5, "Cobalt")), policy)
    assert (found.code, found.is_error, found.checker_row) == ("CRT-SMELTERS-MISSING", True, None)
    odd = set_cells(with_smelters(model), {"Declaration!D26": None, "Declaration!D32": "Yes"})
    assert findings(odd, policy) == []  # blocked by the blank Q1, which covers row 57
    [gate] = MINERAL_RULE.check(odd, policy)
    assert 57 in gate.covers_checker_rows


def test_amrt_1_3_counts_any_row_of_the_metal(policy: Policy) -> None:
    model = valid_model("AMRT/1.3")
    rows = [smelter(5, "Aluminum"), smelter(6, "Silver"), smelter(7, "Zinc")]
    assert findings(with_smelters(model, *rows), policy) == []


def test_amrt_1_2_needs_name_and_country(policy: Policy) -> None:
    model = valid_model("AMRT/1.2")
    rows = [*model.smelters[:2], smelter(7, "Zinc", name="Hanse Zink")]
    [found] = findings(with_smelters(model, *rows), policy)
    assert (found.code, found.checker_row, found.params["mineral"]) == ("AMRT-SMELTERS-MISSING", 42, "Zinc")


def test_metals_declared_no_need_no_smelters(policy: Policy) -> None:
    model = valid_model("EMRT/2.1")
    model = with_smelters(model, *[row for row in model.smelters if row.metal.text != "Nickel"])
    assert findings(set_cell(model, answer_ref(model, 2, "Nickel"), "No"), policy) == []


def test_smelter_not_listed_needs_name_and_country(policy: Policy) -> None:
    model = valid_model("CMRT/6.5")
    unlisted = smelter(9, "Tin", "Smelter not listed", name="", country="")
    found = findings(with_smelters(model, *model.smelters, unlisted), policy)
    assert [(f.code, f.cell, f.checker_row, f.message_key) for f in found] == [
        ("CMRT-SMELTER-NOT-LISTED-DETAILS", "D9", 69, "smelter.not_listed_no_name"),
        ("CMRT-SMELTER-NOT-LISTED-DETAILS", "E9", 69, "smelter.not_listed_no_country"),
    ]
    named = smelter(9, "Tin", "Smelter not listed", name="Local Tin Works", country="BOLIVIA")
    assert findings(with_smelters(model, *model.smelters, named), policy) == []
