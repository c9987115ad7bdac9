"""Cells and shared strings in the other shapes spreadsheet writers use read like Excel's own.

The reader slices values out of the sheet XML instead of parsing it, and decodes a shared string only
when a cell refers to it. These files are a shipped template, filled by patching its XML in place
(``bench/xlsx_patch.py``), then rewritten into a shape another writer produces: a string table
without (or with a wrong) ``uniqueCount``, prefixed or attributed entries, rich text with phonetic
guides, rows out of order, cells without ``r`` attributes, inline strings, text results, error values,
booleans, and the 1904 date system. Each must read to the same model as the plain file.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable

import pytest

from bench.xlsx_patch import Value, patch_workbook
from rmi.model import TemplateModel
from rmi.read import read_workbook
from surveybot.writers.xlsx_cells import sheet_parts
from tests.support.jobs import template_path

SHARED_STRINGS = "xl/sharedStrings.xml"
ROWS: dict[str, Value] = {
    "Declaration!D8": "Acme Metals Ltd",
    "Smelter List!B5": "Tin",
    "Smelter List!C5": "Alpha Metals",
    "Smelter List!K5": "Ms. Contact",
    "Smelter List!L5": "contact@example.com",
    "Smelter List!A6": "CID000292",
    "Smelter List!B7": "Gold",
    "Smelter List!C7": "8853 S.p.A.",
    "Smelter List!Q7": "Reported by a tier-2 supplier",
    "Smelter List!B40": "Tin",
    "Smelter List!C40": "Alpha Metals",
}


def read(data: bytes) -> TemplateModel:
    model = read_workbook(data)
    assert isinstance(model, TemplateModel), model
    return model


def filled() -> bytes:
    return patch_workbook(template_path("CMRT/6.5").read_bytes(), ROWS)


def rewritten(data: bytes, part: str, change: Callable[[bytes], bytes]) -> bytes:
    """``data`` with one part (a part name, or a sheet name) passed through ``change``."""
    source = zipfile.ZipFile(io.BytesIO(data))
    name = sheet_parts(source).get(part, part)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            target.writestr(info, change(content) if info.filename == name else content)
    return out.getvalue()


def smelter_texts(model: TemplateModel) -> list[tuple[int, str, str, str, str, str, str | None]]:
    return [
        (row.row, row.metal.text, row.smelter_lookup.text, row.contact_name.text, row.comments.text,
         row.smelter_id_input.text, row.derived_cid)
        for row in model.smelters
    ]  # fmt: skip


def _without_unique_count(xml: bytes) -> bytes:
    return re.sub(rb' uniqueCount="\d+"', b"", xml, count=1)


def _wrong_unique_count(xml: bytes) -> bytes:
    return re.sub(rb'uniqueCount="\d+"', b'uniqueCount="7"', xml, count=1)


def _attributed_entries(xml: bytes) -> bytes:
    return xml.replace(b"<si>", b'<si xml:lang="en">')


def _prefixed_entries(xml: bytes) -> bytes:
    prefixed = re.sub(rb"<(/?)(sst|si|t|r|rPr|rPh)\b", rb"<\1x:\2", xml)
    return prefixed.replace(b"<x:sst xmlns=", b"<x:sst xmlns:x=")


@pytest.mark.parametrize(
    "change", [_without_unique_count, _wrong_unique_count, _attributed_entries, _prefixed_entries]
)
def test_a_string_table_in_another_writers_form_reads_to_the_same_model(
    change: Callable[[bytes], bytes],
) -> None:
    plain = filled()
    model = read(rewritten(plain, SHARED_STRINGS, change))
    assert model == read(plain)
    assert model.company["company_name"].value == "Acme Metals Ltd"
    assert smelter_texts(model)[0][:4] == (5, "Tin", "Alpha Metals", "Ms. Contact")


def test_rich_text_with_phonetic_guides_and_preserved_spaces_reads_as_the_text_shown() -> None:
    def rich(xml: bytes) -> bytes:
        shown = b'<si><t xml:space="preserve">Ms. Contact</t></si>'
        assert shown in xml
        runs = (
            b'<si><r><rPr><b/></rPr><t>Ms.</t></r><r><t xml:space="preserve"> Con</t></r><r><t>tact</t></r>'
        )
        return xml.replace(shown, runs + b'<rPh sb="0" eb="3"><t>\xe3\x83\x9f\xe3\x82\xba</t></rPh></si>')

    model = read(rewritten(filled(), SHARED_STRINGS, rich))
    assert model.smelters[0].contact_name.value == "Ms. Contact"


def test_list_rows_written_out_of_order_read_to_the_same_rows() -> None:
    def reversed_rows(xml: bytes) -> bytes:
        start, end = xml.index(b'<row r="5"'), xml.index(b"</sheetData>")
        rows = re.findall(rb"<row .*?</row>", xml[start:end], re.S)
        return xml[:start] + b"".join(reversed(rows)) + xml[end:]

    plain = filled()
    assert smelter_texts(read(rewritten(plain, "Smelter List", reversed_rows))) == smelter_texts(read(plain))


def test_cells_written_without_addresses_read_to_the_same_rows() -> None:
    def without_addresses(xml: bytes) -> bytes:
        return re.sub(rb'<c r="[A-Z]{1,3}\d+"', b"<c", xml)

    plain = filled()
    assert smelter_texts(read(rewritten(plain, "Smelter List", without_addresses))) == smelter_texts(
        read(plain)
    )


def test_inline_strings_text_results_error_values_and_booleans_read_as_a_spreadsheet_shows_them() -> None:
    def shapes(xml: bytes) -> bytes:
        inline = b'<is><r><t>Inline</t></r><r><t xml:space="preserve"> Contact</t></r></is>'
        cells = {
            b"K5": b'<c r="K5" t="inlineStr">' + inline + b"</c>",
            b"L5": b'<c r="L5" t="str"><v>a&amp;b@example.com</v></c>',
            b"M5": b'<c r="M5" t="e"><v>#N/A</v></c>',
            b"N5": b'<c r="N5" t="b"><v>1</v></c>',
        }  # fmt: skip
        for address, cell in cells.items():
            xml, found = re.subn(
                rb'<c r="' + address + rb'"[^>]*?(?:/>|>.*?</c>)', cell, xml, count=1, flags=re.S
            )
            assert found == 1, address
        return xml

    row = read(rewritten(filled(), "Smelter List", shapes)).smelters[0]
    assert (row.contact_name.value, row.contact_email.value) == ("Inline Contact", "a&b@example.com")
    assert (row.proposed_next_steps.value, row.mine_name.value, row.mine_name.text) == (None, True, "TRUE")


def test_an_effective_date_in_a_1904_workbook_reads_as_the_same_day() -> None:
    serial_1900 = float((dt.date(2026, 3, 31) - dt.date(1899, 12, 30)).days)
    dated = patch_workbook(
        filled(), {"Declaration!D22": serial_1900 - 1462}
    )  # 1904 serials are 1,462 days less

    def in_1904(xml: bytes) -> bytes:
        return re.sub(rb"<workbookPr\b", b'<workbookPr date1904="1"', xml, count=1)

    assert read(rewritten(dated, "xl/workbook.xml", in_1904)).effective_date.date == dt.date(2026, 3, 31)
    assert read(patch_workbook(filled(), {"Declaration!D22": serial_1900})).effective_date.date == dt.date(
        2026, 3, 31
    )
