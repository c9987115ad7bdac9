"""Checker parity for the Declaration's company block: required fields, emails, scope, products.

The Checker requires company name, scope, contact and authorizer (with an "@" in both emails) and
the effective date; a user-defined scope (C) needs its description and a product scope (B) needs
the Product List to start in row 6.
"""

from __future__ import annotations

from collections.abc import Iterator

from rmi.findings import Finding
from rmi.model import TemplateModel
from rmi.policy import Policy
from rmi.rules.base import display_value, family_code, finding_at
from rmi.rules.checker_gaps import Gap, GapKind, checker_gaps


def field_code(key: str) -> str:
    """``contact_email`` → ``DECL-CONTACT-EMAIL`` (the scope keeps its short name ``DECL-SCOPE``)."""
    short = "scope" if key == "declaration_scope" else key
    return "DECL-" + short.upper().replace("_", "-")


class CompanyInfoRule:
    """Required company information, as the Checker's first rows demand it."""

    code = "DECL-REQUIRED"

    def check(self, model: TemplateModel, policy: Policy) -> Iterator[Finding]:
        for gap in checker_gaps(model):
            if gap.kind in (GapKind.FIELD, GapKind.EMAIL, GapKind.PRODUCTS):
                yield _finding(model, gap)


def _finding(model: TemplateModel, gap: Gap) -> Finding:
    if gap.kind is GapKind.PRODUCTS:
        return finding_at(
            family_code(model, "PRODUCT-LIST"), "products.missing", gap.cell, checker_row=gap.row
        )
    code = family_code(model, field_code(gap.key))
    if gap.kind is GapKind.EMAIL and gap.cell is not None:
        value = display_value(gap.cell)
        return finding_at(
            code, "field.email_no_at", gap.cell, checker_row=gap.row, field=gap.key, value=value
        )
    key = "scope.description_missing" if gap.key == "scope_description" else "field.missing"
    return finding_at(code, key, gap.cell, checker_row=gap.row, field=gap.key)


RULE = CompanyInfoRule()
