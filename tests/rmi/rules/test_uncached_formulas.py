"""Files whose formulas were never calculated get an "open and save" warning; Excel's own files do not.

Desktop Excel stores a formula whose result is the empty text as ``t="str"`` with a self-closing
``<v/>``: the official blank templates carry thousands of them. That is a cached result, so a
template answered in Excel must not be told it "was written by a program"; openpyxl's untyped
``<v />`` still is.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import zipfile
from pathlib import Path

import pytest

from bench.xlsx_patch import Value, patch_workbook
from rmi.check import check_bytes
from rmi.findings import Severity
from rmi.policy import Policy
from rmi.read.sheet_xml import uncached_formula_cells
from rmi.rules.uncached_formulas import RULE
from tests.rmi.rules.models import valid_model
from tests.support.fixtures import FACTORY_TODAY
from tests.support.jobs import AsText, Formula, excel_serial, template_path
from tests.support.workbooks import WorkbookFactory

EXCEL_SAVED_BLANKS = ("CMRT/6.01", "CMRT/6.22", "EMRT/1.1")


def test_calculated_files_pass(policy: Policy) -> None:
    assert list(RULE.check(valid_model("CMRT/6.5"), policy)) == []


def test_uncalculated_formulas_are_one_warning_with_the_count(policy: Policy) -> None:
    model = dataclasses.replace(valid_model("CMRT/6.5"), uncached_formula_cells=412)
    [found] = RULE.check(model, policy)
    assert (found.code, found.severity, found.params["count"]) == ("FORMULAS-UNCACHED", Severity.WARNING, 412)


def _sheet(cells: str) -> bytes:
    return f'<worksheet><sheetData><row r="5">{cells}</row></sheetData></worksheet>'.encode()


def test_an_empty_text_result_as_excel_or_libreoffice_stores_it_is_a_cached_value() -> None:
    excel = '<c r="B5" s="182" t="str"><f>IF(LEN(A5)=0,"",A5)</f><v/></c>'
    excel_shared = '<c r="S5" s="181" t="str"><f t="shared" ca="1" si="3"/><v/></c>'
    libreoffice = '<c r="C5" s="3" t="str"><f>IF(A5="","",A5)</f><v></v></c>'
    assert uncached_formula_cells(_sheet(excel + excel_shared + libreoffice)) == frozenset()


def test_a_formula_without_a_value_or_with_an_untyped_empty_one_is_uncached() -> None:
    no_value = '<c r="B5" s="182"><f>IF(LEN(A5)=0,"",A5)</f></c>'
    openpyxl = '<c r="C5"><f>IF(A5="","",A5)</f><v /></c>'
    shared_no_value = '<c r="S5" t="str"><f t="shared" si="3"/></c>'
    found = uncached_formula_cells(_sheet(no_value + openpyxl + shared_no_value))
    assert found == frozenset({"B5", "C5", "S5"})


def _smelter_list_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return max((archive.read(name) for name in archive.namelist() if "worksheets/" in name), key=len)


@pytest.mark.parametrize("key", EXCEL_SAVED_BLANKS)
def test_the_official_blanks_were_saved_by_excel_with_thousands_of_empty_text_results(key: str) -> None:
    assert _smelter_list_xml(template_path(key)).count(b"<v/>") > 1000


def _typed_inputs(workbook_factory: WorkbookFactory, key: str) -> dict[str, Value]:
    """The valid answer set's typed inputs (dates as Excel serials), as a supplier types them in Excel."""
    typed: dict[str, Value] = {}
    for ref, value in workbook_factory.answers(key).job().resolved_cells().items():
        if isinstance(value, Formula):
            continue
        if isinstance(value, dt.date):
            typed[ref] = excel_serial(value)
        elif isinstance(value, AsText):
            typed[ref] = value.text
        elif value is not None:
            typed[ref] = int(value) if isinstance(value, bool) else value
    return typed


@pytest.mark.parametrize("key", EXCEL_SAVED_BLANKS)
def test_a_template_answered_in_excel_is_not_called_written_by_a_program(
    workbook_factory: WorkbookFactory, key: str
) -> None:
    """Only input cells change; every formula keeps the result Excel stored, ``<v/>`` included."""
    data = patch_workbook(template_path(key).read_bytes(), _typed_inputs(workbook_factory, key))
    result = check_bytes(data, "answered-in-excel.xlsx", Policy(today=FACTORY_TODAY))
    assert result.model is not None and result.model.smelters
    assert "FORMULAS-UNCACHED" not in {finding.code for finding in result.verdict.findings}


@pytest.mark.parametrize("key", EXCEL_SAVED_BLANKS)
def test_the_same_answers_saved_by_openpyxl_still_get_the_open_and_save_warning(
    workbook_factory: WorkbookFactory, key: str
) -> None:
    path = workbook_factory.openpyxl(workbook_factory.answers(key))
    result = check_bytes(path.read_bytes(), path.name, Policy(today=FACTORY_TODAY))
    [warning] = [f for f in result.verdict.findings if f.code == "FORMULAS-UNCACHED"]
    assert warning.severity is Severity.WARNING and int(warning.params["count"]) > 0
