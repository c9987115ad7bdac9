"""CIDs typed in column A: format, known to this template, right metal, same as the chosen smelter."""

from __future__ import annotations

from dataclasses import replace

from rmi.findings import Finding, Severity
from rmi.messages import render
from rmi.model import Cell, TemplateModel
from rmi.policy import Policy
from rmi.rules.smelter_ids import RULE
from tests.rmi.rules.models import smelter, valid_model, with_smelters


def findings(model: TemplateModel, policy: Policy) -> list[Finding]:
    return list(RULE.check(model, policy))


def test_a_typed_cid_that_matches_the_row_passes(policy: Policy) -> None:
    model = valid_model("CMRT/6.5")  # Tin is the second mineral: CID000003 / CID000004
    row = smelter(9, "Tin", "Tin Works Ltd", cid="CID000003", typed_cid="cid000003")
    assert findings(with_smelters(model, row), policy) == []


def test_a_value_that_is_not_a_cid_is_an_error(policy: Policy) -> None:
    row = smelter(9, "Tin", "Tin Works Ltd", cid="CID000003", typed_cid="3")
    [found] = findings(with_smelters(valid_model("CMRT/6.5"), row), policy)
    assert (found.code, found.cell, found.severity) == ("CID-MALFORMED", "A9", Severity.ERROR)


def test_a_cid_this_template_does_not_know_is_a_warning_while_the_row_names_its_smelter(
    policy: Policy,
) -> None:
    picked = smelter(9, "Tin", "Tin Works Ltd", typed_cid="CID999999")
    typed = smelter(10, "Tin", "Smelter not listed", name="Local Tin Works", typed_cid="CID999998")
    found = findings(with_smelters(valid_model("CMRT/6.5"), picked, typed), policy)
    assert [(f.code, f.cell, f.severity) for f in found] == [
        ("CID-UNKNOWN", "A9", Severity.WARNING),
        ("CID-UNKNOWN", "A10", Severity.WARNING),
    ]


def test_an_unknown_cid_that_leaves_the_row_without_a_smelter_is_an_error(policy: Policy) -> None:
    blank = smelter(9, "", typed_cid="CID999999")
    not_available = replace(
        smelter(10, "", typed_cid="CID999998"), smelter_lookup=Cell("Smelter List", "C10", "#N/A")
    )
    found = findings(with_smelters(valid_model("CMRT/6.5"), blank, not_available), policy)
    assert [(f.code, f.cell, f.severity) for f in found] == [
        ("CID-UNKNOWN", "A9", Severity.ERROR),
        ("CID-UNKNOWN", "A10", Severity.ERROR),
    ]
    assert "identifies no smelter" in render(found[0], "en")


def test_a_value_pasted_over_column_f_is_not_taken_for_the_chosen_smelter(policy: Policy) -> None:
    """The pasted value is the Smelter Identification rule's business; A agrees with C here."""
    row = replace(
        smelter(9, "Tin", "Tin Works Ltd", cid="CID000004", typed_cid="CID000003"), smelter_id_typed=True
    )
    assert findings(with_smelters(valid_model("CMRT/6.5"), row), policy) == []


def test_a_cid_of_another_metal_is_an_error(policy: Policy) -> None:
    row = smelter(9, "Gold", "Gold Works Ltd", cid="CID000005", typed_cid="CID000003")
    [found] = findings(with_smelters(valid_model("CMRT/6.5"), row), policy)
    assert (found.code, found.params["cid_metal"], found.params["metal"]) == (
        "CID-WRONG-METAL",
        "Tin",
        "Gold",
    )


def test_a_typed_cid_that_disagrees_with_the_chosen_smelter_is_an_error(policy: Policy) -> None:
    row = smelter(9, "Tin", "Tin Refinery SA", cid="CID000004", typed_cid="CID000003")
    [found] = findings(with_smelters(valid_model("CMRT/6.5"), row), policy)
    assert (found.code, found.params["typed"], found.params["filled"]) == (
        "CID-MISMATCH",
        "CID000003",
        "CID000004",
    )


def test_the_chosen_smelter_is_looked_up_when_column_f_was_never_calculated(policy: Policy) -> None:
    row = smelter(9, "Tin", "Tin Refinery SA", typed_cid="CID000003")
    [found] = findings(with_smelters(valid_model("CMRT/6.5"), row), policy)
    assert found.code == "CID-MISMATCH"


def test_amrt_1_2_has_no_look_up_to_compare_with(policy: Policy) -> None:
    row = smelter(9, "Zinc", name="Hanse Zink", country="GERMANY", typed_cid="CID123456")
    assert findings(with_smelters(valid_model("AMRT/1.2"), row), policy) == []
