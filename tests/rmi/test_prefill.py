"""Writing the supplier's company name into a shipped blank, part by part, for every blank we ship."""

from __future__ import annotations

import io
import zipfile

import pytest

from rmi.blanks import BlankTemplate, shipped_blanks
from rmi.model import TemplateModel
from rmi.prefill import PrefillError, set_inline_text, with_company_name
from rmi.read.template import read_workbook


@pytest.mark.parametrize("blank", shipped_blanks(), ids=lambda b: b.filename)
def test_every_shipped_blank_gets_the_company_name_our_own_reader_then_finds(blank: BlankTemplate) -> None:
    filled = with_company_name(blank.read_bytes(), blank.family, "Kestrel & Söhne <GmbH>")
    with zipfile.ZipFile(io.BytesIO(filled)) as archive:
        assert archive.testzip() is None
    model = read_workbook(filled)
    assert isinstance(model, TemplateModel)
    assert model.company["company_name"].value == "Kestrel & Söhne <GmbH>"


def test_characters_xml_cannot_carry_are_dropped_and_an_empty_name_changes_nothing() -> None:
    (blank,) = [b for b in shipped_blanks() if b.filename == "RMI_CMRT_6.5.xlsx"]
    data = blank.read_bytes()
    assert with_company_name(data, "CMRT", " \x00\x07 ") == data
    filled = with_company_name(data, "CMRT", "Acme\x0b Metals")
    assert b"Acme Metals" in zipfile.ZipFile(io.BytesIO(filled)).read("xl/worksheets/sheet4.xml")


def test_a_cell_that_already_holds_something_is_refused_not_overwritten() -> None:
    sheet = b'<sheetData><row r="8"><c r="D8" s="3" t="s"><v>12</v></c></row></sheetData>'
    with pytest.raises(PrefillError, match="not empty"):
        set_inline_text(sheet, "D8", "Acme")
    with pytest.raises(PrefillError, match="not in the sheet"):
        set_inline_text(b'<sheetData><row r="8"></row></sheetData>', "D8", "Acme")
    assert set_inline_text(b'<c r="D8" s="3"/>', "D8", "A&B") == (
        b'<c r="D8" s="3" t="inlineStr"><is><t xml:space="preserve">A&amp;B</t></is></c>'
    )


def test_a_file_that_is_no_workbook_is_refused() -> None:
    with pytest.raises(PrefillError):
        with_company_name(b"PK\x03\x04 not really", "CMRT", "Acme")


def test_copies_for_different_suppliers_share_every_byte_before_the_changed_parts() -> None:
    # What lets a wave encode the attachment's beginning once: the two rewritten parts come last.
    (blank,) = [b for b in shipped_blanks() if b.filename == "RMI_CMRT_6.5.xlsx"]
    data = blank.read_bytes()
    first, second = (with_company_name(data, "CMRT", name) for name in ("A", "Kestrel Präzision AG"))
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.namelist() == zipfile.ZipFile(io.BytesIO(data)).namelist()
        changed = [archive.getinfo(n) for n in ("xl/workbook.xml", "xl/worksheets/sheet4.xml")]
        start = min(info.header_offset for info in changed)
        assert all(info.header_offset < start for info in archive.infolist() if info not in changed)
    assert start > len(data) * 0.9
    assert first[:start] == second[:start]
