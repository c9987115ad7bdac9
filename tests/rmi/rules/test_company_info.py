"""Required company information: the Checker's first rows, one finding per missing field."""

from __future__ import annotations

import pytest

from rmi.findings import Finding
from rmi.model import TemplateModel
from rmi.policy import Policy
from rmi.rules.company_info import RULE
from tests.rmi.rules.models import set_cell, valid_model, with_products


def findings(model: TemplateModel, policy: Policy) -> list[Finding]:
    return list(RULE.check(model, policy))


def test_a_complete_company_block_has_no_findings(policy: Policy) -> None:
    assert findings(valid_model("CMRT/6.5"), policy) == []


@pytest.mark.parametrize(
    ("key", "ref", "code", "row"),
    [
        ("CMRT/6.5", "Declaration!D8", "CMRT-DECL-COMPANY-NAME", 4),
        ("CMRT/6.5", "Declaration!D15", "CMRT-DECL-CONTACT-NAME", 7),
        ("CMRT/6.5", "Declaration!D17", "CMRT-DECL-CONTACT-PHONE", 9),
        ("CMRT/6.5", "Declaration!D18", "CMRT-DECL-AUTHORIZER-NAME", 10),
        ("CMRT/6.5", "Declaration!D22", "CMRT-DECL-EFFECTIVE-DATE", 12),
        ("EMRT/2.1", "Declaration!D19", "EMRT-DECL-CONTACT-NAME", 9),
        ("AMRT/1.2", "Declaration!D24", "AMRT-DECL-EFFECTIVE-DATE", 14),
        ("CRT/2.21", "Declaration!D9", "CRT-DECL-SCOPE", 5),
    ],
)
def test_a_blank_required_field_is_reported_at_its_cell_with_its_checker_row(
    policy: Policy, key: str, ref: str, code: str, row: int
) -> None:
    [found] = findings(set_cell(valid_model(key), ref, None), policy)
    assert (found.code, f"{found.sheet}!{found.cell}", found.checker_row) == (code, ref, row)
    assert found.message_key == "field.missing"


def test_optional_fields_like_the_authorizer_phone_may_stay_blank(policy: Policy) -> None:
    for key in ("CMRT/6.5", "EMRT/1.3", "CRT/2.2", "AMRT/1.3"):
        model = valid_model(key)
        ref = model.company["authorizer_phone"].ref
        assert findings(set_cell(model, ref, None), policy) == []


def test_an_email_without_at_sign_is_reported_like_the_checker_does(policy: Policy) -> None:
    [found] = findings(set_cell(valid_model("CMRT/6.5"), "Declaration!D20", "t.becker.example.com"), policy)
    assert (found.code, found.cell, found.checker_row) == ("CMRT-DECL-AUTHORIZER-EMAIL", "D20", 11)
    assert found.params["value"] == "t.becker.example.com"


def test_user_defined_scope_needs_a_description_but_company_scope_does_not(policy: Policy) -> None:
    model = set_cell(
        valid_model("CMRT/6.5"), "Declaration!D9", "C. User defined [Specify in 'Description of scope']"
    )
    [found] = findings(model, policy)
    assert (found.code, found.cell, found.checker_row) == ("CMRT-DECL-SCOPE-DESCRIPTION", "D10", 6)
    assert findings(set_cell(model, "Declaration!D10", "All connectors made in Plant 2"), policy) == []


def test_product_scope_needs_a_product_in_the_first_row_of_the_product_list(policy: Policy) -> None:
    model = set_cell(valid_model("EMRT/2.1"), "Declaration!D9", "B. Product (or List of Products)")
    [found] = findings(model, policy)
    assert (found.code, found.sheet, found.cell, found.checker_row) == (
        "EMRT-PRODUCT-LIST",
        "Product List",
        "B6",
        112,
    )
    assert findings(with_products(model, "KPC-1001"), policy) == []
