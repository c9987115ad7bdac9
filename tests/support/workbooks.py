"""The workbook factory for tests: filled RMI templates, saved as a spreadsheet application or a script would.

Two engines make the same ``FillJob``: LibreOffice (``fill_with_libreoffice`` / ``fill_many``; every
formula carries a cached value, like a file saved by Excel) and openpyxl (``fill_with_openpyxl``; the
formulas have no cached values, like a file written by a script). Both cache their output on disk.
``WorkbookFactory`` bundles them for tests (see the ``workbook_factory`` fixture in ``fixtures.py``).
Many scenarios can derive their files from one stored LibreOffice file (``FillJob.variants``,
``variant_files.py``), and a test module names its workbooks in
``workbook_jobs()`` so a cold run builds them all at once on every core (``prebuild.py``).
"""

from __future__ import annotations

import datetime as dt
import shutil
import uuid
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from defusedxml import ElementTree as DefusedET
from python_calamine import CalamineWorkbook

from tests.support.answers import AnswerSet, valid_answers
from tests.support.jobs import (
    TEMPLATE_KEYS,
    AsText,
    CellValue,
    FillJob,
    Formula,
    SmelterEntry,
    split_ref,
    template_path,
)
from tests.support.large import build_large_workbook, large_smelter_rows
from tests.support.libreoffice import (
    LibreOfficeError,
    LibreOfficeSession,
    cache_root,
    fill_many,
    fill_with_libreoffice,
    libreoffice_missing_reason,
)
from tests.support.scripted import fill_with_openpyxl, openpyxl_cached, openpyxl_cached_many

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"

__all__ = [
    "TEMPLATE_KEYS",
    "AnswerSet",
    "AsText",
    "CellValue",
    "FillJob",
    "Formula",
    "LibreOfficeError",
    "LibreOfficeSession",
    "SmelterEntry",
    "StoredCell",
    "WorkbookFactory",
    "build_large_workbook",
    "cache_root",
    "fill_many",
    "fill_with_libreoffice",
    "fill_with_openpyxl",
    "large_smelter_rows",
    "libreoffice_missing_reason",
    "read_cells",
    "stored_cell",
    "template_path",
    "valid_answers",
]


def read_cells(path: Path, refs: Iterable[str]) -> dict[str, Any]:
    """Values of ``"Sheet!A1"`` cells as python-calamine reads them (cached values for formulas).

    Blank cells and cells outside the used range read as ``""``, as calamine reports them.
    """
    workbook = CalamineWorkbook.from_path(str(path))
    grids: dict[str, list[list[Any]]] = {}
    values: dict[str, Any] = {}
    for ref in refs:
        sheet, address = split_ref(ref)
        if sheet not in grids:  # anchored at A1 when empty leading rows/columns are kept
            grids[sheet] = workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        grid = grids[sheet]
        row, col = _row_col(address)
        inside = 0 <= row < len(grid) and 0 <= col < len(grid[row])
        values[ref] = grid[row][col] if inside else ""
    return values


@dataclass(frozen=True, slots=True)
class StoredCell:
    """A cell exactly as the xlsx stores it: formula text (without "="), cached value text, type."""

    formula: str | None
    cached: str | None
    kind: str | None


def stored_cell(path: Path, ref: str) -> StoredCell:
    """Read one cell's raw XML, to tell a formula with a cached value from one without (or from a value)."""
    sheet, address = split_ref(ref)
    with zipfile.ZipFile(path) as archive, archive.open(_sheet_part(archive, sheet)) as part:
        for _event, element in DefusedET.iterparse(part):
            if element.tag == f"{_MAIN}c" and element.get("r") == address:
                formula, value = element.find(f"{_MAIN}f"), element.find(f"{_MAIN}v")
                return StoredCell(
                    None if formula is None else (formula.text or ""),
                    None if value is None else value.text,
                    element.get("t"),
                )
            if element.tag == f"{_MAIN}row":
                element.clear()
    return StoredCell(None, None, None)


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str:
    workbook = DefusedET.fromstring(archive.read("xl/workbook.xml"))
    relations = DefusedET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for item in workbook.iter(f"{_MAIN}sheet"):
        if item.get("name") == sheet:
            rel_id = item.get(f"{_REL}id")
            target = next(r.get("Target", "") for r in relations if r.get("Id") == rel_id)
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    raise KeyError(f"{archive.filename} has no sheet {sheet!r}")


def _row_col(address: str) -> tuple[int, int]:
    letters = address.rstrip("0123456789")
    col = 0
    for letter in letters:
        col = col * 26 + ord(letter) - 64
    return int(address[len(letters) :]) - 1, col - 1


class WorkbookFactory:
    """Filled workbooks on demand, cached; one LibreOffice process serves the whole test session."""

    def __init__(self, today: dt.date, scratch: Path, session: LibreOfficeSession | None = None) -> None:
        self.today = today
        self._scratch = scratch
        self._session = session

    def answers(self, key: str, *, language: str = "English") -> AnswerSet:
        return valid_answers(key, today=self.today, language=language)

    def libreoffice(self, job: FillJob | AnswerSet) -> Path:
        """One LibreOffice-saved workbook (read-only cached path; use ``copy`` to change it)."""
        return self.libreoffice_many([job])[0]

    def libreoffice_many(self, jobs: Sequence[FillJob | AnswerSet]) -> list[Path]:
        """Many workbooks in ONE LibreOffice batch: prefer this over repeated ``libreoffice`` calls."""
        return fill_many([_as_job(job) for job in jobs], session=self._session)

    def openpyxl(self, job: FillJob | AnswerSet) -> Path:
        """The same job saved by openpyxl: formulas kept, no cached values (read-only cached path)."""
        return openpyxl_cached(_as_job(job))

    def openpyxl_many(self, jobs: Sequence[FillJob | AnswerSet]) -> list[Path]:
        """Many openpyxl-saved workbooks; those of one template share one load."""
        return openpyxl_cached_many([_as_job(job) for job in jobs])

    def valid(self, key: str, *, language: str = "English", engine: str = "libreoffice") -> Path:
        answers = self.answers(key, language=language)
        return self.openpyxl(answers) if engine == "openpyxl" else self.libreoffice(answers)

    def large(self, key: str = "CMRT/6.5", rows: int = 1000) -> Path:
        return build_large_workbook(key, rows=rows, today=self.today, session=self._session)

    def copy(self, path: Path, name: str | None = None) -> Path:
        """A private, writable copy of a cached workbook."""
        target = self._scratch / (name or f"{uuid.uuid4().hex[:8]}-{path.name}")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        return target


def _as_job(job: FillJob | AnswerSet) -> FillJob:
    return job.job() if isinstance(job, AnswerSet) else job


def cells_of(job: FillJob | AnswerSet) -> Mapping[str, CellValue]:
    return _as_job(job).resolved_cells()


def make_samples(out_dir: Path, keys: Sequence[str] = TEMPLATE_KEYS, *, today: dt.date) -> list[Path]:
    """Write one valid LibreOffice-filled reply per template key into ``out_dir`` (e.g. for a demo)."""
    answers = [valid_answers(key, today=today) for key in keys]
    produced = fill_many([item.job() for item in answers])
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for item, path in zip(answers, produced, strict=True):
        target = out_dir / f"{item.template.stem}_filled.xlsx"
        shutil.copyfile(path, target)
        written.append(target)
    return written


if __name__ == "__main__":  # python -m tests.support.workbooks OUT_DIR [KEY ...]
    import sys

    for written_path in make_samples(Path(sys.argv[1]), sys.argv[2:] or TEMPLATE_KEYS, today=dt.date.today()):
        print(written_path)
