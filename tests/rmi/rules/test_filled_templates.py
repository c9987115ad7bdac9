"""Every revision, filled like a supplier's spreadsheet application fills it (LibreOffice, recalculated):
a complete declaration is accepted without errors, and each typical mistake is rejected at its cell.

Each mistake has its own file: the revision's valid file with the mistake's change and the results
LibreOffice recalculated for it (``FillJob.variants``).
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from rmi.findings import Finding, Severity, Verdict
from rmi.judge import judge
from rmi.model import Family
from rmi.policy import Policy
from rmi.rules.template_version import newest_version
from tests.rmi.rules.scenarios import SCENARIOS, Scenario, read_model, workbook_jobs
from tests.support.fixtures import FACTORY_TODAY
from tests.support.jobs import TEMPLATE_KEYS
from tests.support.mistakes import Mistake, mistake_variants

# mistake name → (code, with "{F}" for the family; severity; where the finding points:
# "mistake" = the mistake's own cell, or a fixed "Sheet!A1", or None for "anywhere").
EXPECTED: dict[str, tuple[str, Severity, str | None]] = {
    "missing_company_name": ("{F}-DECL-COMPANY-NAME", Severity.ERROR, "mistake"),
    "bad_contact_email": ("{F}-DECL-CONTACT-EMAIL", Severity.ERROR, "mistake"),
    "bad_authorizer_email_domain": ("EMAIL-INVALID", Severity.ERROR, "mistake"),
    "missing_effective_date": ("{F}-DECL-EFFECTIVE-DATE", Severity.ERROR, "mistake"),
    "effective_date_as_text": ("DATE-AS-TEXT", Severity.WARNING, "mistake"),  # "26.10.2026": one day
    "effective_date_in_future": ("DATE-FUTURE", Severity.ERROR, "mistake"),
    "effective_date_too_old": ("DATE-STALE", Severity.WARNING, "mistake"),  # a campaign may make it an error
    "scope_product_without_products": ("{F}-PRODUCT-LIST", Severity.ERROR, "Product List!B6"),
    "missing_q1": ("{F}-Q1-MISSING", Severity.ERROR, "mistake"),
    "answer_not_in_list": ("ANSWER-NOT-ALLOWED", Severity.ERROR, "mistake"),
    "blank_q2": ("{F}-Q2-MISSING", Severity.ERROR, "mistake"),
    "metal_declared_no_but_smelters_listed": ("SMELTER-FOR-EXCLUDED-METAL", Severity.WARNING, None),
    "policy_url_missing": ("{F}-COMPANY-{Q}-URL", Severity.ERROR, "mistake"),
    "duplicate_smelter": ("SMELTER-DUPLICATE", Severity.WARNING, None),
    "smelter_not_listed_without_country": ("{F}-SMELTER-NOT-LISTED-DETAILS", Severity.ERROR, None),
    "no_smelters_for_declared_mineral": ("{F}-SMELTERS-MISSING", Severity.ERROR, None),
    "unknown_cid": ("CID-UNKNOWN", Severity.ERROR, None),  # B/C show #N/A: the row names no smelter
}
VALID = {scenario.key: scenario for scenario in SCENARIOS if scenario.name == "valid"}
MISTAKES = [scenario for scenario in SCENARIOS if scenario.name in EXPECTED]

__all__ = ["workbook_jobs"]  # built up front, so this module runs once they are there (prebuild.py)
# The scenarios' workbooks are the Checker-parity files (tests/rmi/rules/conftest.py ``filled``).
pytestmark = pytest.mark.timeout(3600)


@functools.cache
def verdict_of_path(path: Path) -> Verdict:
    return judge(read_model(path), Policy(today=FACTORY_TODAY))


def findings_of(filled: dict[str, Path], scenario: Scenario) -> list[Finding]:
    return list(verdict_of_path(filled[scenario.id]).findings)


@pytest.mark.parametrize("key", TEMPLATE_KEYS)
def test_a_complete_declaration_saved_by_a_spreadsheet_app_is_accepted_without_errors(
    filled: dict[str, Path], key: str
) -> None:
    verdict = verdict_of_path(filled[VALID[key].id])
    assert verdict.errors == ()
    assert verdict.accepted


@pytest.mark.parametrize("key", TEMPLATE_KEYS)
def test_a_complete_declaration_carries_only_the_warnings_it_deserves(
    filled: dict[str, Path], key: str
) -> None:
    """An older revision is told so; EMRT 2.x lists a graphite processor RMI does not know yet."""
    codes = {finding.code for finding in verdict_of_path(filled[VALID[key].id]).warnings}
    newest = newest_version(Family(key.split("/")[0]), Policy(today=FACTORY_TODAY))
    expected = {"TEMPLATE-OUTDATED"} if newest != key.split("/")[1] else set()
    if key.startswith("EMRT/2."):
        expected.add("SMELTER-NOT-IN-RMI-LIST")
    if key == "CRT/2.2":
        expected = set()  # indistinguishable from 2.21, never called outdated
    assert codes == expected


AMRT_12_LAYOUT = ("AMRT/1.2", "AMRT/1.21")  # 1.21 has the cells of 1.2 (tools/build_layouts.py)


def _expected(scenario: Scenario) -> tuple[str, Severity, str | None]:
    mistake: Mistake = mistake_variants(VALID[scenario.key].answers)[scenario.name]
    code, severity, where = EXPECTED[scenario.name]
    if scenario.name == "smelter_not_listed_without_country" and scenario.key in AMRT_12_LAYOUT:
        code, where = "SMELTER-ROW-INCOMPLETE", None  # no look-up: every row is typed by hand
    family = scenario.key.split("/")[0]
    if where == "mistake":
        where = mistake.cell
    question = "A" if family == "CRT" or (mistake.cell or "").endswith("G69") else "B"
    return code.replace("{F}", family).replace("{Q}", question), severity, where


def _location(finding: Finding) -> str:
    return f"{finding.sheet}!{finding.cell}"


@pytest.mark.parametrize("scenario", MISTAKES, ids=lambda s: s.id)
def test_a_typical_mistake_is_reported_at_its_cell(filled: dict[str, Path], scenario: Scenario) -> None:
    code, severity, where = _expected(scenario)
    findings = findings_of(filled, scenario)
    accepted = not any(finding.is_error for finding in findings)
    matching = [f for f in findings if f.code == code and f.severity is severity]
    if scenario.key.startswith("AMRT") and scenario.name == "blank_q2":
        assert matching == [] and accepted  # AMRT's question 2 is optional
        return
    assert matching, [(f.code, _location(f)) for f in findings]
    if where is not None:
        assert where in {_location(f) for f in matching}
    assert accepted is (severity is Severity.WARNING)
