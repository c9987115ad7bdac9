"""Contacts must name people and give one usable email address each."""

from __future__ import annotations

import pytest

from rmi.findings import Finding
from rmi.model import TemplateModel
from rmi.policy import Policy
from rmi.rules.contacts import RULE
from tests.rmi.rules.models import set_cell, valid_model


def findings(model: TemplateModel, policy: Policy) -> list[Finding]:
    return list(RULE.check(model, policy))


def test_real_names_and_addresses_pass(policy: Policy) -> None:
    assert findings(valid_model("CMRT/6.5"), policy) == []


@pytest.mark.parametrize("value", ["Same", "same as above", "N/A", "-", "同上"])
def test_a_placeholder_authorizer_is_an_error(policy: Policy, value: str) -> None:
    [found] = findings(set_cell(valid_model("CMRT/6.5"), "Declaration!D18", value), policy)
    assert (found.code, found.cell, found.params["field"]) == (
        "CONTACT-PLACEHOLDER",
        "D18",
        "authorizer_name",
    )


@pytest.mark.parametrize(
    "value", ["t.becker@kestrel", "a@x.com; b@y.com", "jane @kestrel.com", "@kestrel.com"]
)
def test_an_email_with_an_at_sign_but_not_an_address_is_an_error(policy: Policy, value: str) -> None:
    [found] = findings(set_cell(valid_model("EMRT/2.1"), "Declaration!D20", value), policy)
    assert (found.code, found.cell) == ("EMAIL-INVALID", "D20")


def test_an_email_without_at_sign_is_left_to_the_checker_parity_rule(policy: Policy) -> None:
    assert findings(set_cell(valid_model("CMRT/6.5"), "Declaration!D16", "N/A"), policy) == []
