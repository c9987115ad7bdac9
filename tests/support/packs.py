"""Many scenarios in one recalculated workbook: a cold cache stores one file where it stored ten.

A scenario is a valid answer set with a change. Saving a workbook is what costs LibreOffice most
(about 2 s of the ~4 s a file takes), while recalculating is cheap, so scenarios whose changes cannot
meet in RMI's Checker go into one *pack*: ``lo_fill.py`` applies each member's change alone to the
valid workbook, recalculates and records the Checker cells (exactly what that scenario's own file
would show), undoes it, and finally applies every member together and stores that one file.

Whether two changes can meet is judged from what they touch (``claims``): the same cell; the same
mineral's questions (a blank Q1 switches on that mineral's Q2..Q8 and smelter rows); the mineral
selection (every mineral); the company questions (also claimed by the gate of a template's only
mineral: CRT asks them only while its Q1 is not "No"); any rewrite of the Smelter List (the Checker
counts it as a whole) and the "Smelter not listed" row. Rows appended to the Smelter List go one
below the other. The tests still prove the packing on the recalculated file: its Checker must show
exactly the union of what the members showed alone, with no row switched on by two members
(``assert_packing_held`` in tests/rmi/rules/test_checker_parity.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from tests.support.answers import NOT_LISTED, AnswerSet, layout
from tests.support.jobs import CellValue, FillJob, FromTemplate, smelter_cells, smelter_columns
from tests.support.libreoffice import probes_path

EVERY_MINERAL = "mineral:*"
SMELTER_REWRITE = "smelters:rewrite"
SMELTER_APPEND = "smelters:append"
NOT_LISTED_ROW = "smelters:not-listed"
COMPANY_QUESTIONS = "company-questions"


@dataclass(frozen=True, slots=True)
class Member:
    """One scenario's change to the valid cells (``FromTemplate`` where it leaves a cell as blank)."""

    id: str
    cells: Mapping[str, CellValue]
    claims: frozenset[str]


@dataclass(slots=True)
class Pack:
    """Scenarios of one template version sharing one stored workbook."""

    base: AnswerSet
    probes: tuple[str, ...]
    members: list[Member] = field(default_factory=list)
    appended_rows: int = 0

    def accepts(self, claims: frozenset[str]) -> bool:
        return not any(
            _clash(mine, theirs) for member in self.members for mine in claims for theirs in member.claims
        )

    def job(self) -> FillJob:
        """The valid cells, with the members' changes applied on top by ``lo_fill.py``."""
        return FillJob(
            self.base.template,
            self.base.job().resolved_cells(),
            layout_key=self.base.key,
            members=tuple(member.cells for member in self.members),
            probes=self.probes,
        )


def _clash(mine: str, theirs: str) -> bool:
    if mine == theirs and mine != SMELTER_APPEND:
        return True
    pair = {mine, theirs}
    if EVERY_MINERAL in pair and any(claim.startswith("mineral:") for claim in pair):
        return True
    return SMELTER_REWRITE in pair and bool(pair & {SMELTER_APPEND, SMELTER_REWRITE})


def plan(base: AnswerSet, scenarios: Iterable[tuple[str, AnswerSet]], probes: Sequence[str]) -> list[Pack]:
    """Packs for the scenarios of ``base``'s template version: each joins the first pack it fits."""
    packs: list[Pack] = []
    for scenario_id, answers in scenarios:
        appended = _appended(base, answers)
        claims = _claims(base, answers, appended)
        pack = next((pack for pack in packs if pack.accepts(claims)), None)
        if pack is None:
            pack = Pack(base, tuple(probes))
            packs.append(pack)
        cells = _change(base, answers, appended, pack.appended_rows)
        pack.members.append(Member(scenario_id, cells, claims))
        pack.appended_rows += len(appended or ())
    return packs


def _appended(base: AnswerSet, answers: AnswerSet) -> tuple[Any, ...] | None:
    """The Smelter List rows the scenario adds below the valid ones (None when it rewrites the list)."""
    count = len(base.smelters)
    if tuple(answers.smelters[:count]) != tuple(base.smelters):
        return None
    return tuple(answers.smelters[count:])


def _change(
    base: AnswerSet, answers: AnswerSet, appended: tuple[Any, ...] | None, offset: int
) -> dict[str, CellValue]:
    """The cells the scenario sets differently from the valid answers, resolved to ``Sheet!A1``."""
    cells = _diff(base.cells, answers.cells)
    if appended:
        _sheet, first_row, _letters = smelter_columns(base.key)
        below = FillJob(
            base.template,
            smelters=appended,
            layout_key=base.key,
            first_smelter_row=first_row + len(base.smelters) + offset,
        )
        cells.update(smelter_cells(below))
    elif appended is None:
        cells.update(_diff(dict(_smelter_cells(base)), dict(_smelter_cells(answers))))
    return cells


def _smelter_cells(answers: AnswerSet) -> Iterable[tuple[str, CellValue]]:
    return smelter_cells(FillJob(answers.template, smelters=answers.smelters, layout_key=answers.key))


def _diff(before: Mapping[str, CellValue], after: Mapping[str, CellValue]) -> dict[str, CellValue]:
    changed: dict[str, CellValue] = {
        ref: value for ref, value in after.items() if ref not in before or before[ref] != value
    }
    changed.update({ref: FromTemplate() for ref in before if ref not in after})
    return changed


def _claims(base: AnswerSet, answers: AnswerSet, appended: tuple[Any, ...] | None) -> frozenset[str]:
    claims = {f"cell:{ref}" for ref in _diff(base.cells, answers.cells)}
    minerals = _question_minerals(base.key)
    selection = _selection_cells(base.key)
    company = _company_question_cells(base.key)
    for ref in _diff(base.cells, answers.cells):
        if ref in minerals:
            claims.add(f"mineral:{minerals[ref]}")
            if len(base.minerals) == 1:  # the only mineral's gate decides whether they are asked
                claims.add(COMPANY_QUESTIONS)
        if ref in selection:
            claims.add(EVERY_MINERAL)
        if ref in company:
            claims.add(COMPANY_QUESTIONS)
    if appended is None:
        claims.add(SMELTER_REWRITE)
        changed = [e for e in base.smelters if e not in answers.smelters]
        changed += [e for e in answers.smelters if e not in base.smelters]
        claims.update(f"mineral:{_slot_of(base, entry.metal)}" for entry in changed if entry.metal)
    elif appended:
        claims.add(SMELTER_APPEND)
        if any(entry.lookup_name == NOT_LISTED or entry.metal is None for entry in appended):
            claims.add(NOT_LISTED_ROW)
    return frozenset(claims)


def _slot_of(base: AnswerSet, metal: str) -> str:
    """The question-grid key of a declared metal: its name, or ``slotN`` where slots are numbered."""
    grid_keys = {
        row["mineral"] for question in layout(base.key)["questions"].values() for row in question["rows"]
    }
    if metal in grid_keys or metal not in base.minerals:
        return metal
    return f"slot{base.minerals.index(metal) + 1}"


@cache
def _question_minerals(key: str) -> dict[str, str]:
    """Answer cell -> the mineral (or slot) whose questions it answers, hidden rows included."""
    return {
        row["answer_cell"]: str(row.get("mineral"))
        for question in layout(key)["questions"].values()
        for row in question["rows"]
        if row.get("mineral")
    }


@cache
def _company_question_cells(key: str) -> frozenset[str]:
    """Answers and comments of the company-level questions (policy, URL, due-diligence format)."""
    cells: set[str] = set()
    for question in (layout(key)["company_questions"] or {}).values():
        for row in [question, *(question.get("per_mineral_rows") or ())]:
            cells.update(row[name] for name in ("answer_cell", "comment_cell") if row.get(name))
    cells.update(item["cell"] for item in layout(key)["comment_requirements"] if item["kind"] == "checker")
    return frozenset(cells)


@cache
def _selection_cells(key: str) -> frozenset[str]:
    """Cells that choose the minerals (EMRT 2.x, AMRT): changing one moves every mineral's rows."""
    minerals = layout(key)["minerals"]
    cells = set(minerals.get("input_cells") or {})
    cells.update(
        spec["other_specify_cell"]
        for spec in (minerals.get("input_cells") or {}).values()
        if spec.get("other_specify_cell")
    )
    return frozenset(cells)


@dataclass(frozen=True, slots=True)
class Placed:
    """Where a scenario's results are: the stored pack file, and what its member showed alone."""

    path: Path
    member: int
    pack: tuple[Member, ...]
    alone: tuple[Mapping[str, Any], ...]
    together: Mapping[str, Any]

    @property
    def cells(self) -> Mapping[str, CellValue]:
        return self.pack[self.member].cells

    @property
    def own_probes(self) -> Mapping[str, Any]:
        """The probed cells as this scenario's own file would show them."""
        return self.alone[self.member]


def placed(packs: Sequence[Pack], paths: Sequence[Path]) -> dict[str, Placed]:
    """Scenario id -> its place, once the packs' workbooks (and probe files) exist."""
    found: dict[str, Placed] = {}
    for pack, path in zip(packs, paths, strict=True):
        probed = json.loads(probes_path(path).read_text(encoding="utf-8"))
        members = tuple(pack.members)
        for index, member in enumerate(members):
            found[member.id] = Placed(path, index, members, tuple(probed["members"]), probed["pack"])
    return found
