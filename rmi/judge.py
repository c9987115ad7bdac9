"""Judge a read template: run every rule, in a fixed order, and return the verdict.

The verdict rejects a template when any finding is an error; warnings travel with an accepted
template. Findings come out errors first, then in the order a supplier reads the workbook
(Declaration top to bottom, then Smelter List, Product List), so the first line is the first fix.
"""

from __future__ import annotations

from rmi.findings import Finding, Severity, Verdict
from rmi.model import TemplateModel
from rmi.policy import Policy
from rmi.rules import (
    allowed_answers,
    company_info,
    company_questions,
    contacts,
    effective_date,
    hidden_answers,
    mineral_questions,
    mineral_selection,
    smelter_consistency,
    smelter_coverage,
    smelter_duplicates,
    smelter_id_column,
    smelter_ids,
    smelter_rows,
    template_version,
    uncached_formulas,
)
from rmi.rules.base import Rule, split_address

RULES: tuple[Rule, ...] = (
    template_version.RULE,
    company_info.RULE,
    mineral_selection.RULE,
    mineral_questions.RULE,
    hidden_answers.RULE,
    company_questions.RULE,
    smelter_coverage.RULE,
    smelter_rows.RULE,
    allowed_answers.RULE,
    effective_date.RULE,
    contacts.RULE,
    smelter_ids.RULE,
    smelter_id_column.RULE,
    smelter_duplicates.RULE,
    smelter_consistency.RULE,
    uncached_formulas.RULE,
)

_SHEET_ORDER = {"Declaration": 0, "Smelter List": 1, "Mine List": 2, "Product List": 3}


def judge(model: TemplateModel, policy: Policy, rules: tuple[Rule, ...] = RULES) -> Verdict:
    """All findings of ``rules`` on ``model`` under ``policy``, ordered for reading."""
    findings = [finding for rule in rules for finding in rule.check(model, policy)]
    return Verdict(tuple(sorted(findings, key=_reading_order)))


def _reading_order(finding: Finding) -> tuple[int, int, int, str, str]:
    severity = 0 if finding.severity is Severity.ERROR else 1
    sheet = _SHEET_ORDER.get(finding.sheet or "", 9)
    first_cell = (finding.cell or "").split(":")[0]
    column, row = split_address(first_cell) if first_cell else ("", 0)
    return severity, sheet, row, f"{len(column):02d}{column}", finding.code
