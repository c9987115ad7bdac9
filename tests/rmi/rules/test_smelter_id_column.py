"""A value pasted over the Smelter Identification formula (column F) that contradicts its row."""

from __future__ import annotations

from dataclasses import replace

from rmi.findings import Finding
from rmi.model import SmelterRow, TemplateModel
from rmi.policy import Policy
from rmi.rules.smelter_id_column import RULE
from tests.rmi.rules.models import smelter, valid_model, with_smelters


def findings(model: TemplateModel, policy: Policy) -> list[Finding]:
    return list(RULE.check(model, policy))


def pasted(row: SmelterRow) -> SmelterRow:
    return replace(row, smelter_id_typed=True)


def test_a_pasted_cid_of_another_smelter_than_the_row_chooses_is_an_error(policy: Policy) -> None:
    row = pasted(smelter(9, "Tin", "Tin Works Ltd", cid="CID000004"))  # Tin Works Ltd is CID000003
    [found] = findings(with_smelters(valid_model("CMRT/6.5"), row), policy)
    assert (found.code, found.cell, found.is_error) == ("SMELTER-ID-PASTED", "F9", True)
    assert (found.params["value"], found.params["chosen_cid"]) == ("CID000004", "CID000003")


def test_a_pasted_cid_of_another_metal_is_an_error(policy: Policy) -> None:
    row = pasted(smelter(9, "Gold", "Smelter not listed", name="Small Refinery", cid="CID000003"))
    [found] = findings(with_smelters(valid_model("CMRT/6.5"), row), policy)
    assert (found.code, found.params["cid_metal"], found.params["metal"]) == (
        "SMELTER-ID-PASTED",
        "Tin",
        "Gold",
    )


def test_a_pasted_value_that_agrees_with_the_row_or_a_formula_result_passes(policy: Policy) -> None:
    agreeing = pasted(smelter(9, "Tin", "Tin Works Ltd", cid="CID000003"))
    formula = smelter(10, "Tin", "Tin Works Ltd", cid="CID000004")  # a stale result, not pasted
    assert findings(with_smelters(valid_model("CMRT/6.5"), agreeing, formula), policy) == []


def test_a_typed_value_that_is_no_cid_claims_no_smelter(policy: Policy) -> None:
    """RMI's own CMRT 6.4 blank carries the number 242332 in F5 instead of the formula."""
    leftover = pasted(smelter(5, "Tin", "Tin Works Ltd", cid="242332"))
    assert findings(with_smelters(valid_model("CMRT/6.5"), leftover), policy) == []
