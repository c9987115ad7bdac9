"""Fill templates with openpyxl: the "saved by a script" variant, whose formulas carry no cached values.

Readers must not mistake such a file's empty formula results for blank answers, so tests need it next
to the LibreOffice-saved twin. Output is cached like the LibreOffice files.
"""

from __future__ import annotations

import datetime as dt
import io
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
    _write_all(job.template, {out: job})
    return out


def openpyxl_cached(job: FillJob) -> Path:
    """The openpyxl-saved workbook for ``job`` from the cache, producing it on a miss."""
    return openpyxl_cached_many([job])[0]


def openpyxl_cached_many(jobs: Sequence[FillJob]) -> list[Path]:
    """Like ``openpyxl_cached`` for many jobs; those of one template share one load (loading an RMI
    template takes openpyxl 2-3 s, as long as saving it)."""
    source = Path(__file__).read_bytes() + openpyxl.__version__.encode()
    folder = generation_folder(ENGINE, source)
    targets = [folder / f"{job.cache_key(ENGINE, source)}.xlsx" for job in jobs]
    by_template: dict[Path, dict[Path, FillJob]] = {}
    for job, target in zip(jobs, targets, strict=True):
        if not target.exists():
            by_template.setdefault(job.template, {})[target] = job
    for template, missing in by_template.items():
        _write_all(template, missing)
    return targets


def _write_all(template: Path, missing: Mapping[Path, FillJob]) -> None:
    """Each job's cells written into one loaded template, the cells of the job before put back."""
    workbook = openpyxl.load_workbook(template)
    touched = {split_ref(ref) for job in missing.values() for ref in job.resolved_cells()}
    blank = {ref: _snapshot(workbook[ref[0]][ref[1]]) for ref in touched}
    images = [(image, image._data()) for sheet in workbook.worksheets for image in sheet._images]
    for target, job in missing.items():
        for image, data in images:  # saving reads an image's file once and closes it
            image.ref = io.BytesIO(data)
        for (sheet, address), held in blank.items():
            _restore(workbook[sheet][address], held)
        for ref, value in job.resolved_cells().items():
            sheet, address = split_ref(ref)
            _set(workbook[sheet][address], value)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(f".{uuid.uuid4().hex[:8]}.tmp.xlsx")
        try:
            workbook.save(temporary)
            os.replace(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)


def _snapshot(cell: Cell) -> tuple[object, str, str]:
    return cell.value, cell.data_type, cell.number_format


def _restore(cell: Cell, held: tuple[object, str, str]) -> None:
    cell.value, cell.data_type, cell.number_format = held


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
