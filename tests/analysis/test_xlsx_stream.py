"""The streaming XLSX writer: what openpyxl reads back is what was written, hostile text included."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook

from surveybot.writers.xlsx_stream import MAX_CELL_TEXT, Sheet, write_workbook


def test_text_numbers_dates_and_hostile_text_survive_a_round_trip() -> None:
    rows = [
        ('=HYPERLINK("http://evil")', 3, 2.5, dt.date(2026, 12, 3)),
        ("bell\x07 and <tags> & 'quotes'", None, "", dt.datetime(2026, 1, 2, 3, 4)),
        ("x" * (MAX_CELL_TEXT + 10), -1, 0, None),
    ]
    data = write_workbook([Sheet("It's a sheet", ("Text", "Int", "Float", "Date"), rows)])

    sheet = load_workbook(io.BytesIO(data))["It's a sheet"]
    assert [c.value for c in sheet[1]] == ["Text", "Int", "Float", "Date"]
    assert sheet["A2"].value == '=HYPERLINK("http://evil")' and sheet["A2"].data_type == "s"
    assert (sheet["B2"].value, sheet["C2"].value, sheet["D2"].value) == (3, 2.5, dt.datetime(2026, 12, 3))
    assert sheet["A3"].value == "bell and <tags> & 'quotes'"
    assert sheet["B3"].value is None and sheet["D3"].value == dt.datetime(2026, 1, 2, 3, 4)
    assert len(sheet["A4"].value) == MAX_CELL_TEXT
    assert (sheet.freeze_panes, sheet.auto_filter.ref) == ("A2", "A1:D4")
    assert sheet["A1"].font.b
