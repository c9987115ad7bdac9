"""Proves the scenario files written from a stored base: cell for cell what LibreOffice itself stores.

Most workbook scenarios (Checker parity, supplier quirks, the languages of replies) get their file
from ``tests/support/variant_files.py``: the revision's valid file as LibreOffice stored it, with
the scenario's input cells and every formula result LibreOffice recalculated for it written into
the sheet XML. Here a sample covering every kind of change (a cleared field, text, a number in a
date cell, text in a date cell, error results, Smelter List rows added, removed (the template's
formulas back) and a duplicate, a product list, minerals deleted or renamed, older revisions, the
template's language, a pasted Smelter Identification) is also stored by LibreOffice from a fresh
template with the scenario's whole answers, and both files must hold the same value in every cell
of every sheet (python-calamine, an independent reader) and read as the same model with the same
verdict in surveybot.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook

from rmi.judge import judge
from rmi.policy import Policy
from tests.handlers.test_reply_languages import faulty_answers
from tests.rmi.rules.scenarios import SCENARIOS, read_model
from tests.rmi.rules.test_supplier_quirks import quirk_jobs
from tests.support.answers import AnswerSet
from tests.support.fixtures import FACTORY_TODAY
from tests.support.jobs import FillJob, template_path
from tests.support.scenario_changes import variant_files, variant_jobs
from tests.support.variant_files import write_variant
from tests.support.workbooks import StoredCell, WorkbookFactory, read_cells, stored_cell

SCENARIO_SAMPLE = (
    "CMRT/6.5:missing_company_name",
    "CMRT/6.5:effective_date_in_future",
    "CMRT/6.5:effective_date_as_text",
    "CMRT/6.5:unknown_cid",
    "CMRT/6.5:smelter_not_listed_without_country",
    "CMRT/6.5:scope_b_with_products",
    "CMRT/6.5:no_smelters_for_declared_mineral",
    "EMRT/1.3:q1_unknown_rest_blank",
    "CMRT/6.01:duplicate_smelter",
    "EMRT/2.1:minerals_all_deleted",
    "EMRT/1.1:answer_not_in_list",
    "AMRT/1.3:other_mineral_unnamed",
    "CRT/2.21:hidden_q1_cleared",
)
QUIRK_SAMPLE = ("EMRT/2.1:date:2026年5月2日", "AMRT/1.3:pasted_other_metal")


@functools.cache
def sample() -> dict[str, AnswerSet]:
    """The sample by name: parity scenarios, a template in another language, supplier quirks."""
    scenarios = {scenario.id: scenario.answers for scenario in SCENARIOS}
    chosen = {name: scenarios[name] for name in SCENARIO_SAMPLE}
    chosen["CMRT/6.5 in Chinese, with mistakes"] = faulty_answers()["zh"]
    quirks = quirk_jobs()
    chosen.update({name: quirks[name] for name in QUIRK_SAMPLE})
    return chosen


pytestmark = pytest.mark.timeout(3600)


def workbook_jobs() -> list[FillJob]:
    """Built up front (tests/support/prebuild.py): the sample written from the valid files, and
    as LibreOffice stores it from a fresh template."""
    return [*variant_jobs(sample()), *(answers.job() for answers in sample().values())]


def every_value(path: Path) -> dict[str, list[list[Any]]]:
    workbook = CalamineWorkbook.from_path(str(path))
    return {
        name: workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        for name in workbook.sheet_names
    }


@pytest.fixture(scope="module")
def stored_whole(workbook_factory: WorkbookFactory) -> dict[str, Path]:
    named = sample()
    return dict(zip(named, workbook_factory.libreoffice_many(list(named.values())), strict=True))


@pytest.fixture(scope="module")
def written(workbook_factory: WorkbookFactory) -> dict[str, Path]:
    return variant_files(workbook_factory, sample())


@pytest.mark.parametrize("name", list(sample()))
def test_a_written_file_holds_every_value_libreoffice_stores_for_the_same_answers(
    written: dict[str, Path], stored_whole: dict[str, Path], name: str
) -> None:
    mine, theirs = written[name], stored_whole[name]
    assert mine != theirs
    assert every_value(mine) == every_value(theirs)
    assert read_model(mine) == read_model(theirs)
    policy = Policy(today=FACTORY_TODAY)
    assert judge(read_model(mine), policy).findings == judge(read_model(theirs), policy).findings


def test_a_scenario_that_changes_nothing_is_its_base_file_cell_for_cell(tmp_path: Path) -> None:
    path = tmp_path / "unchanged.xlsx"
    path.write_bytes(write_variant(template_path("CMRT/6.5").read_bytes(), []))
    assert every_value(path) == every_value(template_path("CMRT/6.5"))


def test_recorded_cells_are_written_the_way_a_spreadsheet_stores_them(tmp_path: Path) -> None:
    recorded = [
        ["Declaration", "D8", "input-string", "Kestrel <GmbH> & Co"],
        ["Declaration", "D9", "input-number", 42.0],
        ["Declaration", "D10", "input-clear", None],
        ["Checker", "B4", "result-str", "Kestrel <GmbH> & Co"],
        ["Checker", "H4", "result-n", 1.0],
        ["Checker", "H5", "result-e", "#N/A"],
    ]
    path = tmp_path / "variant.xlsx"
    path.write_bytes(write_variant(template_path("CMRT/6.5").read_bytes(), recorded))
    values = read_cells(path, ["Declaration!D8", "Declaration!D9", "Declaration!D10", "Checker!B4"])
    assert values == {
        "Declaration!D8": "Kestrel <GmbH> & Co",
        "Declaration!D9": 42,
        "Declaration!D10": "",
        "Checker!B4": "Kestrel <GmbH> & Co",
    }
    blank_formula = stored_cell(template_path("CMRT/6.5"), "Checker!H4").formula
    assert blank_formula
    assert stored_cell(path, "Declaration!D8").kind == "s"
    assert stored_cell(path, "Declaration!D9") == StoredCell(None, "42", None)
    assert stored_cell(path, "Checker!H4") == StoredCell(blank_formula, "1", None)
    assert stored_cell(path, "Checker!H5").kind == "e"
    assert stored_cell(path, "Checker!H5").cached == "#N/A"
