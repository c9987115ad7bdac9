"""Half-filled Smelter List rows are errors even when another row already covers the metal."""

from __future__ import annotations

from rmi.findings import Finding
from rmi.model import TemplateModel
from rmi.policy import Policy
from rmi.rules.smelter_rows import RULE
from tests.rmi.rules.models import smelter, valid_model, with_smelters


def findings(model: TemplateModel, policy: Policy) -> list[Finding]:
    return list(RULE.check(model, policy))


def test_complete_rows_pass(policy: Policy) -> None:
    for key in ("CMRT/6.5", "EMRT/2.1", "AMRT/1.2", "AMRT/1.3"):
        assert findings(valid_model(key), policy) == []


def test_a_metal_without_a_chosen_smelter_is_reported_at_the_look_up_cell(policy: Policy) -> None:
    model = valid_model("CMRT/6.5")
    [found] = findings(with_smelters(model, *model.smelters, smelter(12, "Gold")), policy)
    assert (found.code, found.cell, found.is_error) == ("SMELTER-ROW-INCOMPLETE", "C12", True)
    assert (found.params["metal"], found.params["column"]) == ("Gold", "Smelter Look-up")


def test_amrt_1_2_rows_need_name_and_country(policy: Policy) -> None:
    model = valid_model("AMRT/1.2")
    row = smelter(9, "Zinc", name="Hanse Zink Hütte GmbH")
    [found] = findings(with_smelters(model, *model.smelters, row), policy)
    assert (found.code, found.cell, found.message_key) == (
        "SMELTER-ROW-INCOMPLETE",
        "E9",
        "smelter.no_country",
    )
