"""Smelters for a metal declared "No", and smelters outside the RMI list."""

from __future__ import annotations

import dataclasses

from rmi.findings import Finding, Severity
from rmi.model import TemplateModel
from rmi.policy import Policy
from rmi.rules.smelter_consistency import RULE
from tests.rmi.rules.models import answer_ref, set_cell, smelter, valid_model, with_smelters


def findings(model: TemplateModel, policy: Policy) -> list[Finding]:
    return list(RULE.check(model, policy))


def test_a_consistent_list_gives_no_findings(policy: Policy) -> None:
    assert findings(valid_model("CMRT/6.5"), policy) == []


def _gold_declared_no_with_gold_smelters() -> TemplateModel:
    model = valid_model("CMRT/6.5")
    model = with_smelters(model, *model.smelters, smelter(20, "Gold", "Gold Refinery SA", cid="CID000006"))
    return set_cell(model, "Declaration!D34", "No")


def test_smelters_for_a_metal_declared_no_are_one_warning_per_metal_as_rmis_checker_accepts_them(
    policy: Policy,
) -> None:
    [found] = findings(_gold_declared_no_with_gold_smelters(), policy)
    assert (found.code, found.cell, found.severity) == ("SMELTER-FOR-EXCLUDED-METAL", "B7", Severity.WARNING)
    assert (found.params["count"], found.params["question"], found.params["answer_cell"]) == (2, 2, "D34")


def test_a_campaign_can_make_smelters_for_a_metal_declared_no_an_error(policy: Policy) -> None:
    strict = dataclasses.replace(policy, smelters_for_metal_answered_no=Severity.ERROR)
    [found] = findings(_gold_declared_no_with_gold_smelters(), strict)
    assert (found.code, found.is_error) == ("SMELTER-FOR-EXCLUDED-METAL", True)


def test_unknown_for_emrt_is_not_a_no(policy: Policy) -> None:
    model = valid_model("EMRT/2.1")
    assert findings(set_cell(model, answer_ref(model, 1, "Copper"), "Unknown"), policy) == []


def test_a_smelter_not_in_the_rmi_list_is_a_warning_unless_its_name_is_a_known_alias(policy: Policy) -> None:
    model = valid_model("CMRT/6.5")
    unknown = smelter(9, "Tin", "Smelter not listed", name="Local Tin Works", country="BOLIVIA")
    [found] = findings(with_smelters(model, *model.smelters, unknown), policy)
    assert (found.code, found.severity, found.cell) == ("SMELTER-NOT-IN-RMI-LIST", Severity.WARNING, "D9")
    alias = smelter(9, "Tin", "Smelter not listed", name="Tin Works (old name)", country="GERMANY")
    assert findings(with_smelters(model, *model.smelters, alias), policy) == []
