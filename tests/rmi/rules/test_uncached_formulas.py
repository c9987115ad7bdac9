"""Files whose formulas were never calculated get an "open and save" warning."""

from __future__ import annotations

import dataclasses

from rmi.findings import Severity
from rmi.policy import Policy
from rmi.rules.uncached_formulas import RULE
from tests.rmi.rules.models import valid_model


def test_calculated_files_pass(policy: Policy) -> None:
    assert list(RULE.check(valid_model("CMRT/6.5"), policy)) == []


def test_uncalculated_formulas_are_one_warning_with_the_count(policy: Policy) -> None:
    model = dataclasses.replace(valid_model("CMRT/6.5"), uncached_formula_cells=412)
    [found] = RULE.check(model, policy)
    assert (found.code, found.severity, found.params["count"]) == ("FORMULAS-UNCACHED", Severity.WARNING, 412)
