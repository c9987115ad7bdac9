"""Parity with RMI's own Checker sheet, for every revision, on files a spreadsheet application filled.

Every scenario (a valid declaration, the factory's typical mistakes, and inputs that switch Checker
rows on and off) is filled and recalculated by LibreOffice (cached on disk). The Checker's own per-row
"incomplete" cells (column H) then say which requirements are missing; the rules must report exactly
those rows: each as a finding's ``checker_row``, or as a row the root-cause finding covers (a blank Q2
explains Q3..Q8 of that metal).

Each revision's valid file is stored by LibreOffice; every other scenario's own file is that file
with the scenario's change and the results LibreOffice recalculated for it (``FillJob.variants``,
proven against files LibreOffice stored itself in ``tests/support/test_variant_files.py``).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from rmi import layouts
from rmi.findings import Verdict
from rmi.judge import judge
from rmi.policy import Policy
from rmi.rules.layout_facts import checker_map
from tests.rmi.rules.scenarios import SCENARIOS, Scenario, is_one, read_model, workbook_jobs

__all__ = ["workbook_jobs"]  # built up front with every other module's workbooks (tests/conftest.py)
from tests.support.fixtures import FACTORY_TODAY
from tests.support.workbooks import read_cells

# A cold cache fills 17 workbooks and ~450 variants in LibreOffice once (minutes on 2 cores).
pytestmark = pytest.mark.timeout(3600)


@functools.cache
def checker_incomplete_rows(path: Path, key: str) -> frozenset[int]:
    """The rows whose H cell (necessary × incomplete) the recalculated Checker left at 1 (read once
    per file: three tests ask)."""
    rows = [row.row for row in layouts.layout(key).checker_rows]
    values = read_cells(path, [f"Checker!H{row}" for row in rows])
    # "#REF!" cells (dead rows RMI left in EMRT 1.1 and CRT) count as nothing, as in the total.
    return frozenset(row for row in rows if is_one(values[f"Checker!H{row}"]))


def reported_rows(verdict: Verdict) -> set[int]:
    def rows() -> Iterator[int]:
        for finding in verdict.findings:
            if finding.checker_row is not None:
                yield finding.checker_row
            yield from finding.covers_checker_rows

    return set(rows())


@functools.cache
def verdict_of(path: Path) -> Verdict:
    return judge(read_model(path), Policy(today=FACTORY_TODAY))


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_findings_point_at_exactly_the_rows_the_templates_own_checker_counts(
    filled: dict[str, Path], scenario: Scenario
) -> None:
    path = filled[scenario.id]
    assert reported_rows(verdict_of(path)) == checker_incomplete_rows(path, scenario.key)


def test_the_scenarios_switch_on_every_kind_of_checker_row(filled: dict[str, Path]) -> None:
    """Guards the parity test itself: in every revision each kind of Checker row was seen incomplete."""
    seen: dict[str, set[int]] = {}
    for scenario in SCENARIOS:
        rows = checker_incomplete_rows(filled[scenario.id], scenario.key)
        seen.setdefault(scenario.key, set()).update(rows)
    for key, rows in seen.items():
        found = checker_map(read_model(filled[f"{key}:valid"]).identity)
        kinds = {
            "company fields": {found.rows_by_cell[ref] for ref in ("Declaration!D8", "Declaration!D9")},
            "answers": set(found.rows_by_cell.values()) - {found.rows_by_cell["Declaration!D8"]},
            "URLs": set(found.url_rows.values()),
            "describe": {found.rows_by_cell[ref] for ref in found.describe_options},
            "smelters": set(found.smelter_rows),
            "optional": set(found.advisory_rows_by_cell.values()),
            "single rows": {
                found.product_row,
                found.not_listed_row,
                found.minerals_row,
                found.other_minerals_row,
            },
        }
        for kind, candidates in kinds.items():
            present = {row for row in candidates if row is not None}
            if kind == "single rows":
                assert present <= rows, (key, present - rows)
            elif present:
                assert present & rows, (key, kind)


# Every Checker row the scenarios switched on before they were spread over the minerals (``GATES``).
ROWS_SEEN = Path(__file__).with_name("checker_rows_seen.json")


def test_the_scenarios_still_switch_on_every_checker_row_they_ever_switched_on(
    filled: dict[str, Path],
) -> None:
    """Guards the parity test itself: building fewer files must never cost a row its proof.

    The file lists, per revision, the rows seen incomplete while every mineral scenario was about the
    first mineral (add rows when the scenarios switch on more; never remove one)."""
    seen: dict[str, set[int]] = {}
    for scenario in SCENARIOS:
        rows = checker_incomplete_rows(filled[scenario.id], scenario.key)
        seen.setdefault(scenario.key, set()).update(rows)
    expected: dict[str, list[int]] = json.loads(ROWS_SEEN.read_text(encoding="utf-8"))
    lost = {key: sorted(set(rows) - seen.get(key, set())) for key, rows in expected.items()}
    assert {key: rows for key, rows in lost.items() if rows} == {}
    assert set(expected) == {scenario.key for scenario in SCENARIOS}


# Scenarios whose root cause (a blank or invalid gate answer) explains further Checker rows.
ROOT_CAUSES = {"missing_q1", "blank_q2", "answer_not_in_list", "every_q1_blank", "hidden_q1_cleared"}


def test_a_root_cause_covers_exactly_the_cells_its_covered_checker_rows_test(
    filled: dict[str, Path],
) -> None:
    """What ``surveybot check --json`` shows as ``covers``, held against the Checker's own rows."""
    with_covers = 0
    for scenario in (s for s in SCENARIOS if s.name in ROOT_CAUSES):
        tested = {row.row: row.checks for row in layouts.layout(scenario.key).checker_rows}
        for finding in verdict_of(filled[scenario.id]).findings:
            expected = [tested[row] for row in finding.covers_checker_rows if tested.get(row)]
            assert set(expected) <= set(finding.covers_cells), (scenario.id, finding.code)
            assert len(finding.covers_cells) <= len(finding.covers_checker_rows), (scenario.id, finding.code)
            with_covers += bool(finding.covers_cells)
    assert with_covers >= 40
