"""The Checker rows of every revision are classified: which row tests which input."""

from __future__ import annotations

import pytest

from rmi import layouts
from rmi.rules.checker_map import CheckerMap
from rmi.rules.layout_facts import checker_map
from tests.rmi.rules.models import valid_model


def cmap(key: str) -> CheckerMap:
    return checker_map(valid_model(key).identity)


@pytest.mark.parametrize("key", list(layouts.all_layouts()))
def test_every_counted_checker_row_is_understood(key: str) -> None:
    """Each row with a non-zero "necessary" formula maps to something the rules evaluate."""
    found = cmap(key)
    known = set(found.rows_by_cell.values()) | set(found.url_rows.values()) | set(found.smelter_rows)
    known |= {
        row
        for row in (found.product_row, found.not_listed_row, found.minerals_row, found.other_minerals_row)
        if row
    }
    # EMRT 1.1/1.11 and CRT carry rows testing COUNTIF(C5:C9,"")<10, which can never be incomplete.
    dead = {f"=IF(COUNTIF('Smelter List'!C5:C{end},\"\")<10,0,1)" for end in (9, 10, 11)}
    counted = {
        row.row
        for row in layouts.layout(key).checker_rows
        if str(row.necessary or "").lstrip("=") not in ("", "0") and row.complete not in dead
    }
    assert counted == known


def test_cell_and_special_rows_of_cmrt_6_5() -> None:
    found = cmap("CMRT/6.5")
    assert found.rows_by_cell["Declaration!D8"] == 4
    assert found.url_rows == {"Declaration!G77": 56}
    assert dict(found.smelter_rows_by_mineral) == {"Tantalum": 65, "Tin": 66, "Gold": 67, "Tungsten": 68}
    assert (found.product_row, found.not_listed_row) == (64, 69)


def test_describe_rows_and_slot_rows() -> None:
    assert cmap("EMRT/1.1").describe_options["Declaration!D79"][-1] == "Yes, Using Other Format (Describe)"
    assert cmap("CRT/2.2").describe_options["Declaration!D75"] == (
        "No",
        "Yes, CRT",
        "Yes, Using Other Format (Describe)",
    )
    assert cmap("EMRT/2.1").smelter_rows == (114, 115, 116, 117, 118, 119)
    assert cmap("AMRT/1.3").smelter_row("Zinc", 2) == 43
    assert (cmap("AMRT/1.3").minerals_row, cmap("AMRT/1.3").other_minerals_row) == (7, 8)
