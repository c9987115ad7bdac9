"""Write a scenario's own workbook from its revision's stored base and what LibreOffice recorded.

Storing an .xlsx is what costs LibreOffice most (about 1.7 s of the ~2.9 s a file takes); a
recalculation costs 0.2 s. So ``lo_fill.py`` stores each revision's filled base once, applies each
scenario's change ALONE, recalculates, and records what that scenario's own file would hold: its
input cells as LibreOffice took them and every formula result that differs from the base's (see
its docstring). Here those cells are written into a copy of the base file's sheet XML: text into
the shared strings, numbers as numbers, a cleared cell keeps its style, a formula keeps its
formula (or gets back the one the template had there) and the new cached result; every other part
keeps LibreOffice's bytes. The file reads as the scenario's own LibreOffice-saved workbook, cell
for cell: ``tests/support/test_variant_files.py`` holds a sample of them against files LibreOffice
stored for the same answers.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.xlsx_patch import Cached, Value, patch_sheet
from rmi.zip_copy import replace_members
from surveybot.writers.xlsx_cells import SharedStrings, sheet_parts

SHARED_STRINGS = "xl/sharedStrings.xml"


class BaseWorkbook:
    """A stored base, opened once for all the variants written from it."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.archive = zipfile.ZipFile(io.BytesIO(data))
        self.parts = sheet_parts(self.archive)
        self.shared_strings = self.archive.read(SHARED_STRINGS)

    def with_cells(self, recorded: Sequence[Sequence[Any]]) -> bytes:
        """The base workbook with the recorded ``[sheet, address, kind, value]`` cells written."""
        by_part: dict[str, dict[str, Value]] = {}
        for sheet, address, kind, value in recorded:
            by_part.setdefault(self.parts[sheet], {})[address] = _value(kind, value)
        strings = SharedStrings(self.shared_strings)
        replaced = {
            part: patch_sheet(self.archive.read(part), cells, strings) for part, cells in by_part.items()
        }
        if strings.added:
            replaced[SHARED_STRINGS] = strings.render()
        return replace_members(self.data, replaced)


def write_variant(base: bytes, recorded: Sequence[Sequence[Any]]) -> bytes:
    """The base workbook with the recorded ``[sheet, address, kind, value]`` cells written."""
    return BaseWorkbook(base).with_cells(recorded)


def _value(kind: str, value: Any) -> Value:
    if kind == "input-string":
        return str(value)
    if kind == "input-number":
        return _number(value)
    if kind == "input-clear":
        return None
    if kind == "input-formula":  # a formula put back where the template had one
        formula, result_kind, result = value
        cached = _value(result_kind, result)
        assert isinstance(cached, Cached)
        return replace(cached, formula=formula)
    if kind == "result-str":
        return Cached(str(value))
    if kind == "result-n":
        return Cached(_number(value))
    if kind == "result-e":
        return Cached(str(value), cell_type="e")
    raise ValueError(f"unknown recorded cell kind {kind!r}")


def _number(value: float) -> int | float:
    """What a spreadsheet writes: ``1``, not ``1.0`` (the shortest text that reads back the same)."""
    number = float(value)
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def write_variants(base: Path, recorded: Mapping[str, Any], targets: Sequence[Path]) -> None:
    """Each recorded variant's file at its target (those LibreOffice stored itself are there already)."""
    opened = BaseWorkbook(base.read_bytes())
    for entry, target in zip(recorded["variants"], targets, strict=True):
        if entry.get("stored"):
            continue
        staging = target.with_suffix(".writing")
        staging.write_bytes(opened.with_cells(entry["cells"]))
        staging.replace(target)
