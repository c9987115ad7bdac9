"""Proves the workbook factory: its files look like a supplier's, and RMI's own Checker agrees with them.

All LibreOffice files of this module are built up front with the rest of the run's (``workbook_jobs``,
tests/support/prebuild.py) and cached, so a second run reads them from disk without starting soffice.
The typical mistakes' Checker totals come from the Checker-parity files (``FillJob.variants``):
each mistake's own file carries the total LibreOffice recalculated for it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from tests.rmi.rules import scenarios
from tests.support import fixtures
from tests.support.answers import AnswerSet, layout, lookup_rows, valid_answers
from tests.support.fixtures import FACTORY_TODAY, require_libreoffice
from tests.support.jobs import TEMPLATE_KEYS, FillJob, template_path
from tests.support.large import large_job
from tests.support.libreoffice import LibreOfficeError, LibreOfficeSession, fill_many
from tests.support.mistakes import Mistake, mistake_variants
from tests.support.workbooks import WorkbookFactory, read_cells, stored_cell

LANGUAGE_CASES = (
    ("Chinese", "CMRT/6.5"),
    ("Japanese", "EMRT/2.1"),
    ("Chinese", "AMRT/1.2"),
    ("Japanese", "CRT/2.21"),
)
# The full mistake matrix (16 versions x ~17 mistakes) was checked once; CI keeps two contrasting layouts.
MISTAKE_KEYS = ("CMRT/6.5", "AMRT/1.2")
CID = re.compile(r"^CID\d{6}$")

# A cold cache makes ~25 workbooks here (the mistakes come from the Checker-parity files); later runs
# read the cache.
pytestmark = pytest.mark.timeout(1200)


def all_mistakes() -> list[tuple[str, Mistake]]:
    found = []
    for key in MISTAKE_KEYS:
        for mistake in mistake_variants(valid_answers(key, today=FACTORY_TODAY)).values():
            found.append((key, mistake))
    return found


def batch_plan() -> dict[str, AnswerSet]:
    plan = {f"valid/{key}": valid_answers(key, today=FACTORY_TODAY) for key in TEMPLATE_KEYS}
    for language, key in LANGUAGE_CASES:
        plan[f"{language}/{key}"] = valid_answers(key, today=FACTORY_TODAY, language=language)
    return plan


def workbook_jobs() -> list[FillJob]:
    """Built up front with every other module's workbooks (tests/support/prebuild.py)."""
    own = [answers.job() for answers in batch_plan().values()]
    return [*own, large_job("CMRT/6.5", today=FACTORY_TODAY), *scenarios.workbook_jobs()]


@pytest.fixture(scope="module")
def made(workbook_factory: WorkbookFactory) -> Mapping[str, Path]:
    """Every LibreOffice workbook this module checks, produced in one batch."""
    plan = batch_plan()
    return dict(zip(plan, workbook_factory.libreoffice_many(list(plan.values())), strict=True))


@pytest.fixture(scope="module")
def placed(workbook_factory: WorkbookFactory) -> Mapping[str, Path]:
    """The Checker-parity scenarios' own workbooks (tests/rmi/rules)."""
    return scenarios.placements(workbook_factory)


def checker_total(path: Path, answers: AnswerSet) -> Any:
    return read_cells(path, [answers.checker_total])[answers.checker_total]


@pytest.mark.parametrize("key", TEMPLATE_KEYS)
def test_valid_answers_pass_rmi_checker_in_every_version(made: Mapping[str, Path], key: str) -> None:
    answers = valid_answers(key, today=FACTORY_TODAY)
    assert checker_total(made[f"valid/{key}"], answers) == 0


@pytest.mark.parametrize("key", TEMPLATE_KEYS)
def test_removing_a_required_answer_is_counted_by_rmi_checker(placed: Mapping[str, Path], key: str) -> None:
    answers = valid_answers(key, today=FACTORY_TODAY)
    assert checker_total(placed[f"{key}:missing_q1"], answers) > 0


@pytest.mark.parametrize(("language", "key"), LANGUAGE_CASES)
def test_chosen_language_translates_labels_and_still_passes_checker(
    made: Mapping[str, Path], language: str, key: str
) -> None:
    answers = valid_answers(key, today=FACTORY_TODAY, language=language)
    path = made[f"{language}/{key}"]
    cells = read_cells(path, ["Declaration!D3", "Declaration!B8"])
    english = read_cells(made[f"valid/{key}"], ["Declaration!B8"])["Declaration!B8"]
    assert language in cells["Declaration!D3"]
    assert english.startswith("Company Name")
    assert cells["Declaration!B8"] != english and not cells["Declaration!B8"].isascii()
    assert checker_total(path, answers) == 0


def test_libreoffice_file_has_cached_values_in_formula_cells(made: Mapping[str, Path]) -> None:
    answers = valid_answers("CMRT/6.5", today=FACTORY_TODAY)
    path = made["valid/CMRT/6.5"]
    picked, typed = answers.smelters[0], answers.smelters[1]
    f5, b6, total = (stored_cell(path, ref) for ref in ("Smelter List!F5", "Smelter List!B6", "Checker!H70"))
    lookup = {row.alias: row for row in lookup_rows("CMRT/6.5") if row.metal == picked.metal}
    assert f5.formula and f5.cached == lookup[str(picked.lookup_name)].cid
    typed_row = next(row for row in lookup_rows("CMRT/6.5") if row.cid == typed.cid)
    assert b6.formula and b6.cached == typed_row.metal
    assert total.formula == "SUM(H4:H69)" and total.cached == "0"


def test_dropdown_pick_replaces_the_auto_fill_formula(made: Mapping[str, Path]) -> None:
    path = made["valid/CMRT/6.5"]
    first_unused_row = 5 + len(valid_answers("CMRT/6.5", today=FACTORY_TODAY).smelters)
    picked = stored_cell(path, "Smelter List!C5")
    untouched = stored_cell(path, f"Smelter List!C{first_unused_row}")
    assert picked.formula is None and picked.kind == "s"
    assert untouched.formula and "INDEX('Smelter Look-up'!$C:$C" in untouched.formula


def test_openpyxl_file_keeps_formulas_without_cached_values(workbook_factory: WorkbookFactory) -> None:
    answers = valid_answers("CMRT/6.5", today=FACTORY_TODAY)
    path = workbook_factory.openpyxl(answers)
    f5, total = stored_cell(path, "Smelter List!F5"), stored_cell(path, "Checker!H70")
    assert f5.formula and f5.cached is None
    assert total.formula == "SUM(H4:H69)" and total.cached is None
    values = read_cells(path, ["Declaration!D8", "Declaration!D22", "Smelter List!C5"])
    assert values["Declaration!D8"] == answers.cells["Declaration!D8"]
    assert values["Declaration!D22"] == answers.cells["Declaration!D22"]
    assert values["Smelter List!C5"] == answers.smelters[0].lookup_name


@pytest.mark.parametrize("key", ["CMRT/6.01", "EMRT/2.1", "AMRT/1.3"])
def test_effective_date_is_a_real_date_within_the_last_year(made: Mapping[str, Path], key: str) -> None:
    ref = layout(key)["company_fields"]["effective_date"]["cell"]
    value = read_cells(made[f"valid/{key}"], [ref])[ref]
    assert isinstance(value, dt.date)
    assert FACTORY_TODAY - dt.timedelta(days=365) < value <= FACTORY_TODAY
    assert stored_cell(made[f"valid/{key}"], ref).kind in (None, "n")


def test_date_typed_as_text_stays_text(placed: Mapping[str, Path]) -> None:
    path = placed["CMRT/6.5:effective_date_as_text"]
    value = read_cells(path, ["Declaration!D22"])["Declaration!D22"]
    assert isinstance(value, str) and re.fullmatch(r"\d\d\.\d\d\.\d{4}", value)


def test_leftovers_of_the_supplied_blank_files_are_gone(made: Mapping[str, Path]) -> None:
    amrt = read_cells(
        made["valid/AMRT/1.2"], [f"Declaration!{c}" for c in ("D12", "E12", "G12", "H12", "D13")]
    )
    assert list(amrt.values()) == ["Aluminum", "Silver", "Zinc", "", ""]
    restored = stored_cell(made["valid/CMRT/6.4"], "Smelter List!F5")
    assert restored.formula and CID.match(str(restored.cached))
    crt = read_cells(made["valid/CRT/2.21"], ["Declaration!D75"])
    assert crt["Declaration!D75"] == "Yes, CRT"


@pytest.mark.parametrize(("key", "refs"), [("EMRT/1.1", ("D28", "D29")), ("CRT/2.2", ("D27", "D28", "D29"))])
def test_hidden_prefilled_no_answers_stay_no(made: Mapping[str, Path], key: str, refs: Sequence[str]) -> None:
    values = read_cells(made[f"valid/{key}"], [f"Declaration!{ref}" for ref in refs])
    assert set(values.values()) == {"No"}


@pytest.mark.parametrize(("key", "mistake"), all_mistakes(), ids=lambda item: getattr(item, "name", item))
def test_mistake_is_noticed_by_rmi_checker_exactly_when_declared(
    placed: Mapping[str, Path], key: str, mistake: Mistake
) -> None:
    total = checker_total(placed[f"{key}:{mistake.name}"], mistake.answers)
    assert (total != 0) is mistake.checker_counts, f"Checker total {total!r}"


@pytest.mark.parametrize("key", TEMPLATE_KEYS)
def test_smelters_come_from_the_templates_own_lookup(key: str) -> None:
    answers = valid_answers(key, today=FACTORY_TODAY)
    rows = lookup_rows(key)
    listed = {s.metal for s in answers.smelters} | {
        r.metal for s in answers.smelters for r in rows if r.cid == s.cid
    }
    assert set(answers.minerals) <= listed
    for smelter in answers.smelters:
        if smelter.cid:
            assert any(row.cid == smelter.cid for row in rows)
        elif rows and smelter.lookup_name != "Smelter not listed":
            assert any(row.metal == smelter.metal and row.alias == smelter.lookup_name for row in rows)


@pytest.mark.parametrize("key", TEMPLATE_KEYS)
def test_effective_date_respects_the_templates_date_validation(key: str) -> None:
    chosen = valid_answers(key, today=FACTORY_TODAY).cells[
        layout(key)["company_fields"]["effective_date"]["cell"]
    ]
    assert isinstance(chosen, dt.date)
    assert FACTORY_TODAY - dt.timedelta(days=365) < chosen <= FACTORY_TODAY
    limit = (layout(key)["company_fields"]["effective_date"].get("validation") or {}).get("formula2")
    if limit:
        assert chosen <= dt.date(1899, 12, 30) + dt.timedelta(days=int(limit))


class NoOffice(LibreOfficeSession):
    def run(self, jobs: Sequence[Mapping[str, Any]], on_done: Callable[[str], None] | None = None) -> None:
        raise AssertionError("LibreOffice was started although the file was cached")


def test_cached_file_is_reused_without_starting_libreoffice(made: Mapping[str, Path]) -> None:
    answers = valid_answers("CRT/2.2", today=FACTORY_TODAY)
    with NoOffice() as office:
        assert fill_many([answers.job()], session=office) == [made["valid/CRT/2.2"]]
    changed = answers.with_cells({"Declaration!D8": "Another Company Ltd."}).job()
    assert changed.cache_key("libreoffice", b"") != answers.job().cache_key("libreoffice", b"")


def test_broken_job_reports_the_cell_it_could_not_set(workbook_factory: WorkbookFactory) -> None:
    require_libreoffice()
    job = FillJob(template_path("CRT/2.2"), {"No Such Sheet!A1": "x"})
    with pytest.raises(LibreOfficeError, match="No Such Sheet!A1"):
        workbook_factory.libreoffice(job)


def test_missing_libreoffice_skips_unless_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fixtures, "libreoffice_missing_reason", lambda: "soffice is not installed")
    monkeypatch.delenv("REQUIRE_LIBREOFFICE", raising=False)
    with pytest.raises(pytest.skip.Exception):
        require_libreoffice()
    monkeypatch.setenv("REQUIRE_LIBREOFFICE", "1")
    with pytest.raises(pytest.fail.Exception, match="REQUIRE_LIBREOFFICE=1"):
        require_libreoffice()


def test_large_workbook_has_a_thousand_smelter_rows_with_cached_cids(
    workbook_factory: WorkbookFactory,
) -> None:
    path = workbook_factory.large("CMRT/6.5", rows=1000)
    last = read_cells(path, ["Smelter List!C1004", "Smelter List!F1004", "Smelter List!F1005", "Checker!H70"])
    assert last["Smelter List!C1004"] and CID.match(last["Smelter List!F1004"])
    assert last["Smelter List!F1005"] == "" and last["Checker!H70"] == 0


def test_fill_with_libreoffice_writes_the_requested_file(made: Mapping[str, Path], tmp_path: Path) -> None:
    from tests.support.workbooks import fill_with_libreoffice

    answers = valid_answers("CRT/2.2", today=FACTORY_TODAY)
    out = tmp_path / "supplier" / "CRT reply.xlsx"
    with NoOffice() as office:
        written = fill_with_libreoffice(
            answers.template, answers.cells, out, answers.smelters, session=office
        )
    assert written == out and out.read_bytes() == made["valid/CRT/2.2"].read_bytes()
