"""Proves that a template kept loaded between jobs stores exactly what a fresh load stores.

``lo_fill.py`` runs a job on the office's kept copy of the template when the last job there wrote
the same cells (``lo_fill.variant``), and puts every touched cell back afterwards. These tests fill
real jobs one after another on one kept document and each again on a fresh load, and compare the
stored files part by part (every sheet, the styles, the shared strings, the data validations inside
the sheets; only docProps, which holds the save time, is left out): cell values, formulas, cached
values and number formats must be byte for byte the same.
"""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest

from tests.support.answers import AnswerSet, valid_answers
from tests.support.fixtures import FACTORY_TODAY, require_libreoffice
from tests.support.jobs import FillJob
from tests.support.libreoffice import LibreOfficeSession, _spec, run_lo_fill
from tests.support.workbooks import stored_cell

pytestmark = pytest.mark.timeout(600)


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist() if not name.startswith("docProps/")}


def three_suppliers(key: str) -> list[FillJob]:
    """Valid answers of three suppliers: other company names, effective dates and contacts."""
    first = valid_answers(key, today=FACTORY_TODAY)
    others = [
        valid_answers(key, today=FACTORY_TODAY - dt.timedelta(days=days)).with_cells(
            {"Declaration!D8": name, "Declaration!D16": f"sales@{name.split()[0].lower()}.example"}
        )
        for days, name in ((40, "Zeta Metals GmbH"), (75, "株式会社 大和電子"))
    ]
    return [answers.job() for answers in (first, *others)]


def reports(lines: list[str]) -> list[dict[str, object]]:
    return [json.loads(line) for line in lines]


@pytest.mark.parametrize("key", ["CMRT/6.5", "EMRT/2.1"])
def test_kept_template_stores_what_a_fresh_load_stores(tmp_path: Path, key: str) -> None:
    require_libreoffice()
    jobs = three_suppliers(key)
    assert_jobs_are_telling(jobs[0], valid_answers(key, today=FACTORY_TODAY))
    kept = [_spec(job, tmp_path / f"kept-{index}.xlsx") for index, job in enumerate(jobs)]
    fresh = [_spec(job, tmp_path / f"fresh-{index}.xlsx") for index, job in enumerate(jobs)]
    lines: list[str] = []
    with LibreOfficeSession() as office:
        office.run(kept[:1], on_done=lines.append)
        office.run(kept[1:], on_done=lines.append)  # a later batch finds the kept document too
        for spec in fresh[1:]:  # no scratch folder: every run loads the template afresh
            run_lo_fill([spec], pipe=office.pipe, workdir=tmp_path)
    assert [report["reused"] for report in reports(lines)] == [False, True, True]
    for index in (1, 2):
        kept_parts, fresh_parts = (
            parts(tmp_path / f"kept-{index}.xlsx"),
            parts(tmp_path / f"fresh-{index}.xlsx"),
        )
        assert kept_parts.keys() == fresh_parts.keys()
        differing = [name for name in kept_parts if kept_parts[name] != fresh_parts[name]]
        assert differing == [], f"job {index} on the kept template differs from a fresh load in {differing}"


def assert_jobs_are_telling(job: FillJob, answers: AnswerSet) -> None:
    """The compared jobs write a date (which gets a date number format) and pick a smelter from the
    dropdown over the template's auto-fill formula, the two writes a cell-by-cell undo could miss."""
    assert any(isinstance(value, dt.date) for value in job.resolved_cells().values())
    picked = [ref for ref, value in job.resolved_cells().items() if ref.startswith("Smelter List!")]
    template_formulas = [ref for ref in picked if stored_cell(answers.template, ref).formula]
    assert template_formulas, "no smelter pick overwrites a template formula"


def test_job_writing_other_cells_loads_the_template_afresh(tmp_path: Path) -> None:
    require_libreoffice()
    first = valid_answers("CRT/2.2", today=FACTORY_TODAY).job()
    other = first.with_cells({"Declaration!D11": "A comment only this supplier typed"})
    lines: list[str] = []
    with LibreOfficeSession() as office:
        office.run(
            [_spec(job, tmp_path / f"{index}.xlsx") for index, job in enumerate((first, other, first))],
            on_done=lines.append,
        )
    assert [report["reused"] for report in reports(lines)] == [False, False, False]
