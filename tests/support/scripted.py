"""Fill templates with openpyxl: the "saved by a script" variant, whose formulas carry no cached values.

Readers must not mistake such a file's empty formula results for blank answers, so tests need it next
to the LibreOffice-saved twin. Output is cached like the LibreOffice files.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import Cell

from tests.support.jobs import AsText, CellValue, FillJob, Formula, SmelterEntry, split_ref
from tests.support.libreoffice import generation_folder

ENGINE = "openpyxl"
DEFAULT_DATE_FORMAT = "DD-MMM-YYYY"


def fill_with_openpyxl(
    template: Path, cells: Mapping[str, CellValue], out: Path, smelter_rows: Sequence[SmelterEntry] = ()
) -> Path:
    """Write the cells with openpyxl and save to ``out`` (formulas stay, no values are calculated)."""
    job = FillJob(template=Path(template), cells=dict(cells), smelters=tuple(smelter_rows))
    _write(job, out)
    return out


def openpyxl_cached(job: FillJob) -> Path:
    """The openpyxl-saved workbook for ``job`` from the cache, producing it on a miss."""
    source = Path(__file__).read_bytes() + openpyxl.__version__.encode()
    folder = generation_folder(ENGINE, source)
    target = folder / f"{job.cache_key(ENGINE, source)}.xlsx"
    if not target.exists():
        temporary = target.with_suffix(f".{uuid.uuid4().hex[:8]}.tmp.xlsx")
        try:
            _write(job, temporary)
            os.replace(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)
    return target


def _write(job: FillJob, out: Path) -> None:
    workbook = openpyxl.load_workbook(job.template)
    for ref, value in job.resolved_cells().items():
        sheet, address = split_ref(ref)
        _set(workbook[sheet][address], value)
    out.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(out)


def _set(cell: Cell, value: CellValue) -> None:
    if isinstance(value, AsText):
        cell.value = value.text
        cell.data_type = "s"  # even "=..." or "2025-03-31" stays literal text
    elif isinstance(value, Formula):
        cell.value = value.formula
    else:
        cell.value = value
        if isinstance(value, dt.date) and not cell.is_date:
            cell.number_format = DEFAULT_DATE_FORMAT
