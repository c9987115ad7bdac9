"""Reading: every answer a supplier gives ends up in the model at its sheet and cell, whether the file
was saved by a spreadsheet application (LibreOffice: formulas carry results) or by a script
(openpyxl: formulas without results), and the shipped "blank" templates read as exactly their leftovers."""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from bench.xlsx_patch import patch_workbook
from rmi.layouts import layout
from rmi.model import Cell, TemplateModel
from rmi.read import read_workbook
from rmi.read.minerals import NOTE_CACHE_MISMATCH, NOTE_CACHED_ORDER
from tests.support.answers import AnswerSet, valid_answers
from tests.support.fixtures import FACTORY_TODAY
from tests.support.jobs import (
    TEMPLATE_KEYS,
    AsText,
    Formula,
    SmelterEntry,
    layouts,
    template_path,
)
from tests.support.workbooks import WorkbookFactory

SMELTER_FIELDS = (
    "smelter_id_input",
    "metal",
    "smelter_lookup",
    "smelter_name",
    "country",
    "smelter_id",
    "id_source",
    "street",
    "city",
    "state_province",
    "contact_name",
    "contact_email",
    "proposed_next_steps",
    "mine_name",
    "mine_country",
    "recycled_scrap",
    "comments",
)


def read(data: bytes) -> TemplateModel:
    model = read_workbook(data)
    assert isinstance(model, TemplateModel), model
    return model


def read_path(path: Path) -> TemplateModel:
    return read(path.read_bytes())


def model_cells(model: TemplateModel) -> Iterator[Cell]:
    yield from model.company.values()
    for selection in model.minerals_in_scope:
        yield selection.cell
        if selection.other_name is not None:
            yield selection.other_name
    for answer in (*model.mineral_answers, *model.hidden_answers):
        yield from (answer.answer, answer.comment)
    for company in model.company_answers:
        yield from (company.answer, company.comment)
    for smelter in model.smelters:
        yield from (getattr(smelter, name) for name in SMELTER_FIELDS)
        yield from smelter.extra_cells.values()
    for mine in model.mines:
        yield from mine.cells.values()
    for product in model.products:
        yield from (cell for cell in (product.number, product.name, product.comments) if cell)
        yield from (cell for cell in (product.requester_number, product.requester_name) if cell)


def cells_by_ref(model: TemplateModel) -> dict[str, Cell]:
    return {cell.ref: cell for cell in model_cells(model) if cell.address}


def expected_value(value: Any) -> Any:
    """What the model holds for a typed value: text for AsText, "100%" for the 0%-formatted 1."""
    if isinstance(value, AsText):
        return value.text
    if isinstance(value, int | float) and not isinstance(value, bool) and value == 1:
        return "100%"
    return value


def smelter_refs(key: str, row: int, entry: SmelterEntry) -> dict[str, Any]:
    columns = layout(key).smelter_list.columns
    return {f"Smelter List!{columns[name]}{row}": value for name, value in entry.by_key().items()}


def assert_model_holds(model: TemplateModel, answers: AnswerSet) -> None:
    """Every typed cell of ``answers`` is in the model at its sheet and cell, with its value."""
    cells = cells_by_ref(model)
    assert model.identity.language_label == answers.cells["Declaration!D3"]
    first_row = layout(answers.key).smelter_list.first_row
    typed = dict(answers.cells)
    for offset, entry in enumerate(answers.smelters):
        typed.update(smelter_refs(answers.key, first_row + offset, entry))
    for ref, value in typed.items():
        if value is None or isinstance(value, Formula) or ref == "Declaration!D3":
            continue  # cleared leftovers, restored template formulas, the language (in the identity)
        assert ref in cells, f"{ref} missing from the model"
        assert cells[ref].value == expected_value(value), ref
    assert [smelter.row for smelter in model.smelters] == [
        first_row + n for n in range(len(answers.smelters))
    ]
    assert model.minerals == answers.minerals


def assert_cids_derived(model: TemplateModel, answers: AnswerSet) -> None:
    """Typed CIDs and dropdown picks of a known smelter lead to that smelter's CID and metal."""
    known = {(entry.metal, entry.alias): entry.cid for entry in model.lookup if entry.cid}
    for smelter, entry in zip(model.smelters, answers.smelters, strict=True):
        if entry.cid:
            assert smelter.derived_cid == entry.cid
            assert smelter.derived_metal in answers.minerals
        else:
            expected = known.get((entry.metal or "", entry.lookup_name or ""))
            assert smelter.derived_cid == expected
            assert smelter.derived_metal == (entry.metal if expected else None)


OTHER_MINERAL = {"Declaration!H12": "Other [specify below]", "Declaration!H15": "Cobalt Alloy"}


def workbook_jobs() -> list[AnswerSet]:
    """Built up front with every other module's workbooks (tests/support/prebuild.py)."""
    valid = [valid_answers(key, today=FACTORY_TODAY) for key in TEMPLATE_KEYS]
    deleted = valid_answers("EMRT/2.1", today=FACTORY_TODAY).with_cells(
        {"Declaration!E12": "(Delete Copper)"}
    )
    text_date = valid_answers("CMRT/6.5", today=FACTORY_TODAY).with_cells(
        {"Declaration!D22": AsText("31.03.2026")}
    )
    other = valid_answers("AMRT/1.3", today=FACTORY_TODAY).with_cells(OTHER_MINERAL)
    return [*valid, deleted, text_date, other]


@pytest.fixture(scope="module")
def valid_files(workbook_factory: WorkbookFactory) -> Mapping[str, tuple[Path, Path]]:
    """(LibreOffice file, openpyxl file) of a complete, valid declaration for every template."""
    answers = [workbook_factory.answers(key) for key in TEMPLATE_KEYS]
    saved = workbook_factory.libreoffice_many(answers)
    return {
        key: (app_file, workbook_factory.openpyxl(answer))
        for key, app_file, answer in zip(TEMPLATE_KEYS, saved, answers, strict=True)
    }


@pytest.mark.parametrize("key", TEMPLATE_KEYS)
def test_every_answer_of_a_file_saved_by_a_spreadsheet_app_is_read_at_its_cell(
    valid_files: Mapping[str, tuple[Path, Path]], workbook_factory: WorkbookFactory, key: str
) -> None:
    answers = workbook_factory.answers(key)
    model = read_path(valid_files[key][0])
    assert (model.identity.layout_key, model.identity.language) == (key, "en")
    assert model.reader_notes == ()
    assert_model_holds(model, answers)
    assert_cids_derived(model, answers)
    assert model.uncached_formula_cells == 0
    assert model.effective_date.date == answers.cells[layout(key).company_fields["effective_date"].cell.ref]
    for smelter in model.smelters:  # the cached auto-fill result agrees with the derived CID
        if smelter.derived_cid and key != "CRT/2.2":  # CRT 2.2 has no auto-fill in rows 5-211
            assert smelter.smelter_id.value == smelter.derived_cid


def test_a_read_model_crosses_a_process_boundary_whole(valid_files: Mapping[str, tuple[Path, Path]]) -> None:
    """Look-ahead workers check files in other processes and send the model back pickled."""
    model = read_path(valid_files["CMRT/6.5"][0])
    assert model.smelters
    copy = pickle.loads(pickle.dumps(model))  # noqa: S301 - our own bytes, as between our processes
    assert cells_by_ref(copy) == cells_by_ref(model)
    assert [dict(row.extra_cells) for row in copy.smelters] == [
        dict(row.extra_cells) for row in model.smelters
    ]
    assert [(row.derived_cid, row.smelter_id_typed) for row in copy.smelters] == [
        (row.derived_cid, row.smelter_id_typed) for row in model.smelters
    ]


@pytest.mark.parametrize("key", TEMPLATE_KEYS)
def test_a_file_saved_by_a_script_reads_to_the_same_answers_with_unknown_formula_results_marked(
    valid_files: Mapping[str, tuple[Path, Path]], workbook_factory: WorkbookFactory, key: str
) -> None:
    answers = workbook_factory.answers(key)
    app_model, script_model = read_path(valid_files[key][0]), read_path(valid_files[key][1])
    assert script_model.identity == app_model.identity
    assert_model_holds(script_model, answers)
    assert_cids_derived(script_model, answers)
    assert [(s.row, s.derived_cid, s.derived_metal) for s in script_model.smelters] == [
        (s.row, s.derived_cid, s.derived_metal) for s in app_model.smelters
    ]
    assert script_model.minerals == app_model.minerals
    assert script_model.uncached_formula_cells > 0
    auto_filled = layout(key).smelter_lookup is not None and key != "CRT/2.2"
    assert [smelter.smelter_id.formula_without_cache for smelter in script_model.smelters] == [
        auto_filled for _ in script_model.smelters
    ]


def test_a_typed_cid_fills_metal_and_name_only_as_formula_results_which_a_script_leaves_unknown(
    valid_files: Mapping[str, tuple[Path, Path]],
) -> None:
    app_model, script_model = (read_path(path) for path in valid_files["CMRT/6.5"])
    typed = [smelter for smelter in script_model.smelters if smelter.smelter_id_input.text]
    assert typed and all(s.metal.formula_without_cache and s.metal.value is None for s in typed)
    app_rows = {smelter.row: smelter for smelter in app_model.smelters}
    for smelter in typed:
        assert app_rows[smelter.row].metal.value == smelter.derived_metal
        assert not app_rows[smelter.row].metal.formula_without_cache


def test_hundred_percent_stored_as_the_number_one_reads_as_the_text_100_percent(
    valid_files: Mapping[str, tuple[Path, Path]],
) -> None:
    for path in valid_files["CMRT/6.22"]:
        answer = read_path(path).answer(6, "Tantalum")
        assert answer is not None
        assert (answer.answer.address, answer.answer.value) == ("D56", "100%")


# --- the shipped "blank" templates -----------------------------------------------------------------


def leftovers(key: str) -> dict[str, Any]:
    reference = layouts()[key]  # the reference plus derived revisions (AMRT 1.21)
    return {item["cell"]: item["value"] for item in reference["supplied_file_leftover_inputs"]}


@pytest.mark.parametrize("key", TEMPLATE_KEYS)
def test_a_shipped_blank_template_reads_as_exactly_its_leftover_inputs(key: str) -> None:
    model = read(template_path(key).read_bytes())
    left = leftovers(key)
    cells = cells_by_ref(model)
    for ref, value in left.items():
        assert cells[ref].value == value, ref
    answered = {
        item.answer.ref for item in (*model.mineral_answers, *model.company_answers) if item.answer.text
    }
    assert answered <= set(left)
    assert {key for key, cell in model.company.items() if cell.text} <= {"declaration_scope"}
    assert [smelter.row for smelter in model.smelters] == ([5] if key == "CMRT/6.4" else [])
    assert not model.products and not model.mines
    # Excel-saved blanks (CMRT 6.01/6.22, EMRT 1.1, the re-saved AMRT 1.21) hold thousands of empty
    # text results as t="str" with <v/>: cached values, not formulas a program left uncalculated.
    assert model.uncached_formula_cells == 0


def test_chinese_minerals_keep_the_templates_own_sort_order_for_their_answer_rows() -> None:
    model = read(template_path("AMRT/1.2").read_bytes())
    # Excel sorted them by pinyin (ge, li, lü, nie, tong, xin, yin), not by code point.
    assert model.minerals == ("铬", "锂", "铝", "镍", "铜", "锌", "银")
    assert NOTE_CACHED_ORDER in model.reader_notes
    assert [selection.cell.address for selection in model.minerals_in_scope] == [
        "D12",
        "E12",
        "G12",
        "H12",
        "I12",
        "D13",
        "E13",
    ]


@pytest.mark.parametrize(("key", "rows"), [("EMRT/1.3", (28, 29)), ("CRT/2.21", (27, 28, 29))])
def test_hidden_prefilled_rows_are_kept_apart_from_the_mineral_answers(
    key: str, rows: tuple[int, ...]
) -> None:
    model = read(template_path(key).read_bytes())
    q1_hidden = [answer for answer in model.hidden_answers if answer.question == 1]
    assert [(answer.answer.address, answer.answer.value) for answer in q1_hidden] == [
        (f"D{r}", "No") for r in rows
    ]
    assert all(answer.mineral in model.minerals for answer in model.mineral_answers)


# --- EMRT 2.x / AMRT mineral slots -----------------------------------------------------------------


def test_deleting_a_mineral_moves_the_next_one_into_its_slot_with_or_without_formula_results(
    workbook_factory: WorkbookFactory,
) -> None:
    answers = workbook_factory.answers("EMRT/2.1").with_cells({"Declaration!E12": "(Delete Copper)"})
    files = [workbook_factory.libreoffice(answers), workbook_factory.openpyxl(answers)]
    for path in files:
        model = read_path(path)
        assert model.minerals == ("Cobalt", "Graphite", "Lithium", "Mica", "Nickel")
        graphite = model.answer(1, "Graphite")
        assert graphite is not None and graphite.answer.address == "D31"
        assert model.answer(1, "Copper") is None
        assert "Copper" not in {answer.mineral for answer in model.company_answers if answer.mineral}


def test_a_stale_cached_mineral_list_loses_to_the_inputs(
    valid_files: Mapping[str, tuple[Path, Path]],
) -> None:
    # Change an input without recalculating, as a careless XML edit would: the cache still says Copper.
    data = patch_workbook(valid_files["EMRT/2.1"][0].read_bytes(), {"Declaration!E12": "(Delete Copper)"})
    model = read(data)
    assert model.minerals == ("Cobalt", "Graphite", "Lithium", "Mica", "Nickel")
    assert NOTE_CACHE_MISMATCH in model.reader_notes


def test_an_other_mineral_takes_the_name_typed_below_it(workbook_factory: WorkbookFactory) -> None:
    answers = workbook_factory.answers("AMRT/1.3").with_cells(OTHER_MINERAL)
    for path in (workbook_factory.libreoffice(answers), workbook_factory.openpyxl(answers)):
        model = read_path(path)
        assert model.minerals == ("Aluminum", "Cobalt Alloy", "Silver", "Zinc")
        other = next(item for item in model.minerals_in_scope if item.other_name is not None)
        assert (other.mineral, other.cell.address, other.other_name.address) == ("Cobalt Alloy", "H12", "H15")
        second = model.answer(1, "Cobalt Alloy")
        assert second is not None and second.answer.address == "D32"


# --- dates -----------------------------------------------------------------------------------------


def test_a_date_typed_as_text_keeps_its_text_and_is_understood(workbook_factory: WorkbookFactory) -> None:
    answers = workbook_factory.answers("CMRT/6.5").with_cells({"Declaration!D22": AsText("31.03.2026")})
    model = read_path(workbook_factory.libreoffice(answers))
    assert model.effective_date.raw_text == "31.03.2026"
    assert model.effective_date.date == dt.date(2026, 3, 31)
    assert model.effective_date.cell.ref == "Declaration!D22"


def test_an_ambiguous_or_nonsense_date_text_is_kept_without_a_date() -> None:
    for text in ("03/04/2026", "last month"):
        data = patch_workbook(template_path("CMRT/6.5").read_bytes(), {"Declaration!D22": text})
        effective = read(data).effective_date
        assert (effective.raw_text, effective.date) == (text, None)
