"""A scenario as the cells it changes in its revision's valid workbook, so LibreOffice can fill the
valid answers once and derive every scenario's own file from them (``FillJob.variants``).

A scenario is a valid answer set with a change: some cells set differently, some left as the blank
template has them (``FromTemplate``), Smelter List rows added below the valid ones or the list
rewritten. The change is what ``lo_fill.py`` applies alone to the recalculated valid workbook.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from tests.support.answers import AnswerSet, valid_answers
from tests.support.fixtures import FACTORY_TODAY
from tests.support.jobs import CellValue, FillJob, FromTemplate, smelter_cells, smelter_columns
from tests.support.libreoffice import variant_targets


class Factory(Protocol):
    def libreoffice_many(self, jobs: Sequence[FillJob | AnswerSet]) -> list[Path]: ...


def variant_jobs(named: Mapping[str, AnswerSet]) -> list[FillJob]:
    """One job per revision: its valid answers, with each named answer set of it as a variant."""
    return [job for _names, job in _grouped_jobs(named)]


def variant_files(factory: Factory, named: Mapping[str, AnswerSet]) -> dict[str, Path]:
    """Name -> the answer set's own recalculated workbook, written from its revision's valid file."""
    grouped = _grouped_jobs(named)
    bases = factory.libreoffice_many([job for _names, job in grouped])
    files: dict[str, Path] = {}
    for (names, job), base in zip(grouped, bases, strict=True):
        files.update(zip(names, variant_targets(job, base), strict=True))
    return files


def _grouped_jobs(named: Mapping[str, AnswerSet]) -> list[tuple[list[str], FillJob]]:
    """Per revision: the names in it, and its job."""
    groups: dict[str, dict[str, AnswerSet]] = {}
    for name, answers in named.items():
        groups.setdefault(answers.key, {})[name] = answers
    return [(list(group), with_variants(_valid(key), list(group.values()))) for key, group in groups.items()]


def _valid(key: str) -> AnswerSet:
    return valid_answers(key, today=FACTORY_TODAY)


def with_variants(base: AnswerSet, scenarios: Sequence[AnswerSet]) -> FillJob:
    """The valid job, carrying each scenario's change as a variant with a file of its own."""
    changes = tuple(change(base, answers) for answers in scenarios)
    return FillJob(base.template, base.job().resolved_cells(), layout_key=base.key, variants=changes)


def change(base: AnswerSet, answers: AnswerSet) -> dict[str, CellValue]:
    """The cells ``answers`` sets differently from ``base``, resolved to ``Sheet!A1``."""
    cells = _diff(base.cells, answers.cells)
    appended = _appended(base, answers)
    if appended:
        _sheet, first_row, _letters = smelter_columns(base.key)
        below = FillJob(
            base.template,
            smelters=appended,
            layout_key=base.key,
            first_smelter_row=first_row + len(base.smelters),
        )
        cells.update(smelter_cells(below))
    elif appended is None:
        cells.update(_diff(dict(_smelter_cells(base)), dict(_smelter_cells(answers))))
    return cells


def _appended(base: AnswerSet, answers: AnswerSet) -> tuple[Any, ...] | None:
    """The Smelter List rows the scenario adds below the valid ones (None when it rewrites the list)."""
    count = len(base.smelters)
    if tuple(answers.smelters[:count]) != tuple(base.smelters):
        return None
    return tuple(answers.smelters[count:])


def _smelter_cells(answers: AnswerSet) -> Iterable[tuple[str, CellValue]]:
    return smelter_cells(FillJob(answers.template, smelters=answers.smelters, layout_key=answers.key))


def _diff(before: Mapping[str, CellValue], after: Mapping[str, CellValue]) -> dict[str, CellValue]:
    changed: dict[str, CellValue] = {
        ref: value for ref, value in after.items() if ref not in before or before[ref] != value
    }
    changed.update({ref: FromTemplate() for ref in before if ref not in after})
    return changed
