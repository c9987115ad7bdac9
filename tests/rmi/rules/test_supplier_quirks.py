"""Templates as suppliers send them today, filled and recalculated by LibreOffice (cached values).

Dates typed as text, one smelter listed for several mines, a CID typed that the look-up does not
know, and values pasted over the Smelter Identification formula: each judged the way a buyer
expects, on files saved the way a supplier's spreadsheet application saves them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

import pytest

from rmi.check import check_bytes
from rmi.findings import Finding, Severity, Verdict
from rmi.policy import Policy
from tests.support.answers import AnswerSet, LookupRow, lookup_rows, valid_answers
from tests.support.fixtures import FACTORY_TODAY
from tests.support.jobs import AsText, FillJob, SmelterEntry
from tests.support.mistakes import field_cell
from tests.support.scenario_changes import variant_files, variant_jobs
from tests.support.workbooks import WorkbookFactory, stored_cell

LOOKUP_KEYS = ("CMRT/6.5", "EMRT/2.1", "AMRT/1.3")
TEXT_DATES = {
    "02-May-2026": "2026-05-02",
    "2026/05/02": "2026-05-02",
    "2026年5月2日": "2026-05-02",
    "31/03/2026": "2026-03-31",
}
NOT_DATES = {"03/04/2026": "DATE-AMBIGUOUS", "early May 2026": "DATE-AS-TEXT"}


def _picked(answers: AnswerSet) -> tuple[int, SmelterEntry, LookupRow]:
    """The first row picked from the Look-up dropdown, and its Look-up entry."""
    rows = lookup_rows(answers.key)
    for index, entry in enumerate(answers.smelters):
        match = next((r for r in rows if r.metal == entry.metal and r.alias == entry.lookup_name), None)
        if match is not None:
            return index, entry, match
    raise AssertionError(f"{answers.key}: no dropdown pick in the valid answers")


def _with_entry(answers: AnswerSet, index: int, entry: SmelterEntry) -> AnswerSet:
    smelters = list(answers.smelters)
    smelters[index] = entry
    return answers.with_smelters(smelters)


def _smelter_jobs(answers: AnswerSet) -> dict[str, AnswerSet]:
    index, entry, chosen = _picked(answers)
    rows = lookup_rows(answers.key)
    listed = {r.cid for r in rows for e in answers.smelters if r.alias == e.lookup_name or r.cid == e.cid}
    other = next(
        r for r in rows if r.metal == chosen.metal and r.cid.startswith("CID") and r.cid not in listed
    )
    other_metal = next(r for r in rows if r.metal != chosen.metal and r.cid.startswith("CID"))
    mine = {"mine_name": "Bisie Mine"}
    return {
        "pasted_other_smelter": _with_entry(answers, index, replace(entry, extra={"smelter_id": other.cid})),
        "pasted_other_metal": _with_entry(
            answers, index, replace(entry, extra={"smelter_id": other_metal.cid})
        ),
        "pasted_agreeing": _with_entry(answers, index, replace(entry, extra={"smelter_id": chosen.cid})),
        "unknown_cid_smelter_chosen": answers.with_smelters(
            [*answers.smelters, SmelterEntry(cid="CID999999", metal=other.metal, lookup_name=other.alias)]
        ),
        "same_smelter_other_mine": answers.with_smelters([*answers.smelters, replace(entry, extra=mine)]),
        "same_smelter_other_comment": answers.with_smelters(
            [*answers.smelters, replace(entry, extra={"comments": "second source, via our distributor"})]
        ),
    }


def quirk_jobs() -> dict[str, AnswerSet]:
    jobs: dict[str, AnswerSet] = {}
    for key in LOOKUP_KEYS:
        answers = valid_answers(key, today=FACTORY_TODAY)
        jobs.update({f"{key}:{name}": job for name, job in _smelter_jobs(answers).items()})
        date_cell = field_cell(answers, "effective_date")
        for text in (*TEXT_DATES, *NOT_DATES):
            jobs[f"{key}:date:{text}"] = answers.with_cells({date_cell: AsText(text)})
    return jobs


def workbook_jobs() -> list[FillJob]:
    """Built up front with every other module's workbooks (tests/support/prebuild.py): each quirk
    as a variant of its revision's valid file (``tests/support/variant_files.py``)."""
    return variant_jobs(quirk_jobs())


@pytest.fixture(scope="module")
def quirks(workbook_factory: WorkbookFactory) -> Mapping[str, Path]:
    return variant_files(workbook_factory, quirk_jobs())


def verdict(path: Path) -> Verdict:
    return check_bytes(path.read_bytes(), path.name, Policy(today=FACTORY_TODAY)).verdict


def coded(path: Path, code: str) -> list[Finding]:
    return [finding for finding in verdict(path).findings if finding.code == code]


@pytest.mark.parametrize("key", LOOKUP_KEYS)
@pytest.mark.parametrize("text", TEXT_DATES)
def test_a_text_date_naming_one_day_is_accepted_with_a_warning_showing_the_day(
    quirks: Mapping[str, Path], key: str, text: str
) -> None:
    path = quirks[f"{key}:date:{text}"]
    [found] = coded(path, "DATE-AS-TEXT")
    assert (found.severity, found.params["value"], found.params["date"]) == (
        Severity.WARNING,
        text,
        TEXT_DATES[text],
    )
    assert verdict(path).accepted


@pytest.mark.parametrize("key", LOOKUP_KEYS)
@pytest.mark.parametrize("text", NOT_DATES)
def test_an_ambiguous_or_unreadable_text_date_is_an_error(
    quirks: Mapping[str, Path], key: str, text: str
) -> None:
    [found] = coded(quirks[f"{key}:date:{text}"], NOT_DATES[text])
    assert found.is_error and found.params["value"] == text


@pytest.mark.parametrize("key", LOOKUP_KEYS)
@pytest.mark.parametrize("name", ["same_smelter_other_mine", "same_smelter_other_comment"])
def test_one_smelter_listed_again_with_other_details_is_no_duplicate(
    quirks: Mapping[str, Path], key: str, name: str
) -> None:
    path = quirks[f"{key}:{name}"]
    assert coded(path, "SMELTER-DUPLICATE") == []
    assert verdict(path).accepted


@pytest.mark.parametrize("key", LOOKUP_KEYS)
@pytest.mark.parametrize("name", ["pasted_other_smelter", "pasted_other_metal"])
def test_a_value_pasted_over_the_smelter_identification_that_contradicts_the_row_is_an_error(
    quirks: Mapping[str, Path], key: str, name: str
) -> None:
    path = quirks[f"{key}:{name}"]
    [found] = coded(path, "SMELTER-ID-PASTED")
    assert found.is_error and found.cell is not None and found.cell.startswith("F")
    assert stored_cell(path, f"Smelter List!{found.cell}").formula is None  # a constant, as pasted
    assert not verdict(path).accepted


@pytest.mark.parametrize("key", LOOKUP_KEYS)
def test_a_pasted_smelter_identification_that_agrees_with_the_row_is_accepted(
    quirks: Mapping[str, Path], key: str
) -> None:
    path = quirks[f"{key}:pasted_agreeing"]
    assert coded(path, "SMELTER-ID-PASTED") == []
    assert verdict(path).accepted


@pytest.mark.parametrize("key", LOOKUP_KEYS)
def test_an_unknown_cid_is_only_a_warning_while_the_row_still_names_its_smelter(
    quirks: Mapping[str, Path], key: str
) -> None:
    path = quirks[f"{key}:unknown_cid_smelter_chosen"]
    [found] = coded(path, "CID-UNKNOWN")
    assert found.severity is Severity.WARNING
    assert verdict(path).accepted, [(f.code, f.cell) for f in verdict(path).errors]


def test_an_unknown_typed_cid_in_a_file_written_by_a_script_still_leaves_the_row_without_a_smelter(
    workbook_factory: WorkbookFactory,
) -> None:
    """openpyxl keeps the look-up formulas without results: the columns stay empty instead of #N/A."""
    answers = workbook_factory.answers("CMRT/6.5")
    unknown = answers.with_smelters([*answers.smelters, SmelterEntry(cid="CID999999")])
    [found] = coded(workbook_factory.openpyxl(unknown), "CID-UNKNOWN")
    assert found.is_error and found.cell == f"A{5 + len(answers.smelters)}"
