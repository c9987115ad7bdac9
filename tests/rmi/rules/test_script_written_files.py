"""Every revision, filled by a script (openpyxl): formulas without results are judged from the inputs.

A file written by a script keeps the template's formulas but no cached results, so the reader must
take metals and CIDs from the Look-up sheet instead of reading blanks, and say that opening and
saving the file in a spreadsheet application fills the results in. These files need no LibreOffice,
so this module runs while LibreOffice builds the other modules' workbooks (tests/support/prebuild.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rmi.findings import Verdict
from rmi.judge import judge
from rmi.policy import Policy
from tests.rmi.rules.scenarios import read_model
from tests.support.fixtures import FACTORY_TODAY
from tests.support.jobs import TEMPLATE_KEYS
from tests.support.mistakes import mistake_variants
from tests.support.workbooks import WorkbookFactory


def verdict_of(path: Path) -> Verdict:
    return judge(read_model(path), Policy(today=FACTORY_TODAY))


@pytest.mark.parametrize("key", TEMPLATE_KEYS)
def test_a_file_written_by_a_script_is_judged_from_its_inputs_with_an_open_and_save_hint(
    workbook_factory: WorkbookFactory, key: str
) -> None:
    """openpyxl keeps formulas but no results; metals and CIDs come from the look-up sheet instead."""
    answers = workbook_factory.answers(key)
    broken = mistake_variants(answers)["no_smelters_for_declared_mineral"].answers
    complete, without_smelters = workbook_factory.openpyxl_many([answers, broken])
    verdict = verdict_of(complete)
    assert verdict.accepted, [(f.code, f.cell) for f in verdict.errors]
    assert "FORMULAS-UNCACHED" in {finding.code for finding in verdict.warnings}
    assert "-SMELTERS-MISSING" in " ".join(f.code for f in verdict_of(without_smelters).errors)
