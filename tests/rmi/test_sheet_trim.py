"""A list sheet is cut below its last row with a typed value in a column the supplier can see; a
hidden helper column typed in every pre-formatted row (the EMRT Mine List has one) must not keep the
empty rows, nor hide a typed row far above the end."""

from __future__ import annotations

import pytest

from rmi.read import sheet_xml

HEAD = b'<?xml version="1.0"?><worksheet><sheetData>'
TAIL = b"</sheetData></worksheet>"


def _sheet(rows: int, typed: dict[int, str], hidden_every_row: bool = True) -> bytes:
    """``rows`` pre-formatted rows; ``typed`` puts a shared string in that row's column; column O
    (hidden) holds a typed value in every row, as the template's helper column does."""
    body = []
    for row in range(1, rows + 1):
        cells = [f'<c r="A{row}" s="3"/>']
        if row in typed:
            cells.append(f'<c r="{typed[row]}{row}" s="4" t="s"><v>7</v></c>')
        cells.append(f'<c r="N{row}" s="5" t="str"><f t="shared" si="1"/><v></v></c>')
        if hidden_every_row:
            cells.append(f'<c r="O{row}" s="5" t="s"><v>101</v></c>')
        body.append(f'<row r="{row}">{"".join(cells)}</row>')
    return HEAD + "".join(body).encode() + TAIL


@pytest.mark.parametrize("last_typed", [3, 104, 2490, 2500])
def test_last_visible_row_is_found_past_a_hidden_column_typed_in_every_row(last_typed: int) -> None:
    xml = _sheet(2500, {2: "B", last_typed: "M"})
    assert sheet_xml.is_compact(xml)
    assert sheet_xml.last_value_row(xml, "M") == last_typed


def test_a_typed_value_in_a_column_beyond_the_visible_ones_keeps_no_row() -> None:
    xml = _sheet(3000, {5: "P"}, hidden_every_row=True)
    assert sheet_xml.last_value_row(xml, "M") == 0


def test_the_cut_sheet_keeps_the_rows_up_to_the_last_typed_one_and_ends_well_formed() -> None:
    xml = _sheet(2500, {104: "C"})
    kept = sheet_xml.keep_used_rows(xml, "M", 5)
    assert b'<row r="104">' in kept and b'<row r="105">' not in kept
    assert sheet_xml.is_complete(kept) and kept.endswith(TAIL)


def test_formula_results_alone_never_make_a_row_used() -> None:
    xml = _sheet(200, {}, hidden_every_row=False).replace(b"<v></v>", b"<v>x</v>")
    assert sheet_xml.last_value_row(xml, "Q") == 0
