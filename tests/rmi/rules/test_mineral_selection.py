"""EMRT 2.x / AMRT mineral selection: at least one mineral, and a name for every "Other"."""

from __future__ import annotations

import dataclasses

from rmi.findings import Finding
from rmi.model import Cell, MineralSelection, TemplateModel
from rmi.policy import Policy
from rmi.rules.mineral_selection import RULE
from tests.rmi.rules.models import valid_model


def findings(model: TemplateModel, policy: Policy) -> list[Finding]:
    return list(RULE.check(model, policy))


def test_selected_minerals_give_no_findings(policy: Policy) -> None:
    assert findings(valid_model("EMRT/2.1"), policy) == []
    assert findings(valid_model("AMRT/1.3"), policy) == []


def test_no_mineral_selected_is_reported_at_the_first_selection_cell(policy: Policy) -> None:
    model = dataclasses.replace(
        valid_model("EMRT/2.0"), minerals=(), minerals_in_scope=(), mineral_answers=()
    )
    [found] = findings(model, policy)
    assert (found.code, found.cell, found.checker_row) == ("EMRT-DECL-MINERALS", "D12", 7)


def test_other_without_a_name_points_at_the_cell_to_type_it_in(policy: Policy) -> None:
    model = valid_model("AMRT/1.3")
    other = MineralSelection(
        "Other [specify below]",
        Cell("Declaration", "H12", "Other [specify below]"),
        Cell("Declaration", "H15"),
    )
    model = dataclasses.replace(model, minerals_in_scope=(*model.minerals_in_scope, other))
    [found] = findings(model, policy)
    assert (found.code, found.cell, found.checker_row, found.params["name_cell"]) == (
        "AMRT-DECL-OTHER-MINERAL",
        "H12",
        8,
        "H15",
    )
    named = dataclasses.replace(
        other, mineral="Tellurium", other_name=Cell("Declaration", "H15", "Tellurium")
    )
    model = dataclasses.replace(model, minerals_in_scope=(*model.minerals_in_scope[:-1], named))
    assert findings(model, policy) == []
