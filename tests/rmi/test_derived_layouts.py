"""AMRT 1.21 has no entry in the layout reference: its layout is derived from AMRT 1.2, and the build
tool proves against both blanks that every formula cell is the same before it writes one."""

from __future__ import annotations

import dataclasses

import pytest

from rmi.layouts import all_layouts
from tools import build_layouts
from tools.build_layouts import DERIVED, verify_derived


def test_the_amrt_121_layout_is_amrt_12s_with_its_own_revision_facts() -> None:
    derived, base = all_layouts()["AMRT/1.21"], all_layouts()["AMRT/1.2"]
    assert derived.version == "1.21" and derived.family is base.family
    same = ("company_fields", "minerals", "questions", "company_questions", "smelter_list", "product_list")
    for name in same:
        assert getattr(derived, name) == getattr(base, name), name
    assert derived.checker_rows == base.checker_rows


def test_the_build_tool_checks_the_blank_cell_for_cell_before_deriving() -> None:
    verify_derived("AMRT/1.21")  # the shipped blank really has AMRT 1.2's cells


def test_a_blank_whose_cells_moved_cannot_be_derived(monkeypatch: pytest.MonkeyPatch) -> None:
    moved = dataclasses.replace(DERIVED["AMRT/1.21"], file="RMI_AMRT_1.3.xlsx")
    monkeypatch.setitem(build_layouts.DERIVED, "AMRT/1.3-as-1.2", moved)
    with pytest.raises(SystemExit, match=r"is not cell-for-cell AMRT/1\.2"):
        verify_derived("AMRT/1.3-as-1.2")
