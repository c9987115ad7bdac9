"""Reading list sheets, CIDs, dates and answer texts from real templates with surgical edits.

Each file here is a shipped template whose sheet XML was patched in place (``bench/xlsx_patch.py``):
quick to make, and everything the edit does not touch stays exactly as the template ships it.
"""

from __future__ import annotations

import datetime as dt
import io
import pickle
import re
import zipfile
from collections.abc import Callable

import pytest
from python_calamine import CalamineWorkbook

from bench.xlsx_patch import Formula, Value, patch_workbook, sheet_parts
from rmi.model import Cell, NotATemplate, TemplateModel
from rmi.read import read_workbook
from rmi.read.declaration import parse_date_text, read_effective_date, serial_date
from rmi.zip_copy import replace_members
from tests.support.jobs import template_path


def read(data: bytes) -> TemplateModel:
    model = read_workbook(data)
    assert isinstance(model, TemplateModel), model
    return model


def patched(key: str, cells: dict[str, Value]) -> bytes:
    return patch_workbook(template_path(key).read_bytes(), cells)


def smelter(model: TemplateModel, row: int) -> tuple[str | None, str | None]:
    found = next(item for item in model.smelters if item.row == row)
    return found.derived_cid, found.derived_metal


SPREAD_ROWS: dict[str, Value] = {
    "Smelter List!B5": "Tin",
    "Smelter List!C5": "Alpha Metals",
    "Smelter List!B2400": "Gold",
    "Smelter List!C2400": "8853 S.p.A.",
    "Smelter List!K2400": "Ms. Far Below",
    "Smelter List!X2000": "typed into a hidden helper column",
}


def test_smelter_rows_far_below_a_gap_are_read_and_hidden_columns_never_make_a_row() -> None:
    model = read(patched("CMRT/6.5", SPREAD_ROWS))
    assert [item.row for item in model.smelters] == [5, 2400]
    far = model.smelters[1]
    assert (far.metal.ref, far.contact_name.value, far.derived_cid) == (
        "Smelter List!B2400",
        "Ms. Far Below",
        "CID002763",
    )


def test_a_sheet_written_with_line_breaks_between_cells_is_read_in_full() -> None:
    spread = with_sheet_changed(
        patched("CMRT/6.5", SPREAD_ROWS),
        "Smelter List",
        lambda xml: re.sub(rb"(</c>|/>)(<c )", rb"\1\n  \2", xml),
    )
    assert [item.row for item in read(spread).smelters] == [5, 2400]


def with_sheet_changed(data: bytes, sheet: str, change: Callable[[bytes], bytes]) -> bytes:
    """The package with one sheet's XML rewritten by ``change``; every other part as it was."""
    part = sheet_parts(zipfile.ZipFile(io.BytesIO(data)))[sheet]
    return replace_members(data, {part: change(zipfile.ZipFile(io.BytesIO(data)).read(part))})


CID_ROWS: dict[str, Value] = {
    "Smelter List!A5": " cid000292 ",  # typed in lower case with stray spaces
    "Smelter List!A6": "CID999999",  # unknown CID: the dropdown picks decide
    "Smelter List!B6": "Tin",
    "Smelter List!C6": "Alpha Metals",
    "Smelter List!B7": "tin",  # Excel compares look-up text without case
    "Smelter List!C7": "ALPHA METALS",
    "Smelter List!B8": "Tin",
    "Smelter List!C8": "Smelter not listed",
    "Smelter List!D8": "Alpha Metals",  # a typed name that is a known alias
    "Smelter List!B9": "Gold",
    "Smelter List!C9": "Smelter not listed",
    "Smelter List!D9": "Refinery Nobody Knows",
    "Smelter List!E9": "ITALY",
}


def test_cids_are_derived_from_the_templates_own_lookup_like_its_formulas_do() -> None:
    model = read(patched("CMRT/6.5", CID_ROWS))
    assert [smelter(model, row) for row in (5, 6, 7, 8, 9)] == [
        ("CID000292", "Tin"),
        ("CID000292", "Tin"),
        ("CID000292", "Tin"),
        ("CID000292", "Tin"),
        (None, None),
    ]
    typed = model.smelters[0]
    assert (typed.smelter_id_input.value, typed.smelter_id_input.ref) == (" cid000292 ", "Smelter List!A5")


def test_before_cmrt_622_a_typed_name_in_a_not_listed_row_finds_no_smelter() -> None:
    model = read(patched("CMRT/6.1", CID_ROWS))
    assert smelter(model, 8) == (None, None)
    assert smelter(model, 6) == ("CID000292", "Tin")


def test_product_rows_are_read_without_the_copyright_footer_including_requester_columns() -> None:
    cells: dict[str, Value] = {
        "Product List!B6": "PN-1",
        "Product List!C6": "Sensor",
        "Product List!D6": "REQ-77",
        "Product List!E6": "Customer sensor",
        "Product List!F6": "first",
        "Product List!B8": "PN-3",
    }
    model = read(patched("EMRT/2.1", cells))
    assert [(p.row, p.number.value, p.name.value, p.comments.value) for p in model.products] == [
        (6, "PN-1", "Sensor", "first"),
        (8, "PN-3", None, None),
    ]
    first = model.products[0]
    assert first.requester_number is not None and first.requester_name is not None
    assert (first.requester_number.ref, first.requester_name.value) == ("Product List!D6", "Customer sensor")
    older = read(patched("CMRT/6.5", {"Product List!B6": "PN-1", "Product List!D6": "note"}))
    assert [(p.number.value, p.comments.ref, p.requester_number) for p in older.products] == [
        ("PN-1", "Product List!D6", None)
    ]


def test_mine_rows_are_read_by_column_meaning() -> None:
    cells: dict[str, Value] = {
        "Mine List!A5": "Cobalt",
        "Mine List!B5": "Some Refinery",
        "Mine List!C5": "Kamoto",
        "Mine List!F5": "CONGO, DEMOCRATIC REPUBLIC OF THE",
        "Mine List!C7": "Mine without metal",
    }
    model = read(patched("EMRT/2.1", cells))
    assert [mine.row for mine in model.mines] == [5, 7]
    assert model.mines[0].cells["mine_name"].value == "Kamoto"
    assert model.mines[0].cells["mine_country"].ref == "Mine List!F5"
    assert model.mines[1].cells["metal"].is_blank


MINES: dict[str, Value] = {"Mine List!A5": "Cobalt", "Mine List!C5": "Kamoto"}


def test_mine_rows_read_when_first_asked_for_cross_a_process_boundary_whole() -> None:
    model = read(patched("EMRT/2.1", MINES))
    copy = pickle.loads(pickle.dumps(model))  # noqa: S301 - our own bytes, as between our processes
    assert [(mine.row, dict(mine.cells)) for mine in copy.mines] == [
        (mine.row, dict(mine.cells)) for mine in model.mines
    ]
    assert copy.mines[0].cells["mine_name"].value == "Kamoto"


def test_a_mine_list_cut_short_is_refused_when_the_file_is_read_not_later() -> None:
    cut = with_sheet_changed(
        patched("EMRT/2.1", MINES), "Mine List", lambda xml: xml[: xml.rindex(b"</sheetData>")]
    )
    refused = read_workbook(cut)
    assert isinstance(refused, NotATemplate) and refused.reason_key == "unreadable_sheet", refused


def test_a_never_calculated_formula_in_the_mine_list_counts_as_unknown_when_the_file_is_read() -> None:
    model = read(patched("EMRT/2.1", {**MINES, "Mine List!D5": Formula('CONCATENATE("M","1")')}))
    assert model.uncached_formula_cells == 1
    assert model.mines[0].cells["mine_id"].formula_without_cache


def test_recycled_answers_stored_in_the_chosen_language_read_as_english() -> None:
    path = template_path("AMRT/1.3")  # shipped with Chinese chosen: its dropdown offers Chinese texts
    shown = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Smelter List").to_python()
    chinese_yes = next(row[25] for row in shown if row and len(row) > 25 and row[25])  # Z2
    model = read(patched("AMRT/1.3", {"Smelter List!B5": "Aluminum", "Smelter List!P5": chinese_yes}))
    assert model.smelters[0].recycled_scrap.value == "Yes"
    assert model.smelters[0].recycled_scrap.ref == "Smelter List!P5"
    cmrt = read(patched("CMRT/6.5", {"Smelter List!B5": "Tin", "Smelter List!P5": "unknown"}))
    assert cmrt.smelters[0].recycled_scrap.value == "Unknown"


def test_answers_typed_in_another_case_or_as_the_number_one_read_as_their_dropdown_text() -> None:
    model = read(
        patched("CMRT/6.5", {"Declaration!D26": " yes ", "Declaration!D56": 1, "Declaration!D27": "Maybe"})
    )
    answers = {(item.question, item.mineral): item.answer for item in model.mineral_answers}
    assert answers[1, "Tantalum"].value == "Yes"
    assert answers[6, "Tantalum"].value == "100%"
    assert answers[1, "Tin"].value == "Maybe"  # not an option: kept as typed for the rules to report


def test_a_formula_that_was_never_calculated_is_marked_unknown_not_blank() -> None:
    model = read(patched("CMRT/6.5", {"Declaration!D8": Formula('CONCATENATE("Acme"," Ltd")')}))
    name = model.company["company_name"]
    assert (name.value, name.formula_without_cache) == (None, True)
    assert model.uncached_formula_cells == 1
    assert not model.company["contact_name"].formula_without_cache


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2026-03-31", dt.date(2026, 3, 31)),
        ("2026/3/31", dt.date(2026, 3, 31)),
        ("2026年3月31日", dt.date(2026, 3, 31)),
        ("2026년 3월 31일", dt.date(2026, 3, 31)),
        ("31.03.2026", dt.date(2026, 3, 31)),
        ("31-Mar-2026", dt.date(2026, 3, 31)),
        ("31 March 2026", dt.date(2026, 3, 31)),
        ("March 31, 2026", dt.date(2026, 3, 31)),
        ("03/31/2026", dt.date(2026, 3, 31)),  # only one reading: 31 is no month
        ("31/03/2026", dt.date(2026, 3, 31)),
        ("03/04/2026", None),  # 3 April or 4 March
        ("31.02.2026", None),
        ("soon", None),
    ],
)
def test_dates_typed_as_text_are_understood_only_when_unambiguous(text: str, date: dt.date | None) -> None:
    assert parse_date_text(text) == date


def test_an_excel_serial_number_reads_as_its_date_in_either_date_system() -> None:
    assert serial_date(46112) == dt.date(2026, 3, 31)
    assert serial_date(44650, date1904=True) == dt.date(2026, 3, 31)
    assert serial_date(-5) is None
    effective = read_effective_date(Cell("Declaration", "D22", 46112.0), date1904=False)
    assert (effective.date, effective.raw_text) == (dt.date(2026, 3, 31), None)
