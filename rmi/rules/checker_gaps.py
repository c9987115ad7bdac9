"""The template's own Checker sheet, evaluated in Python over the read model.

Every Checker row is "necessary (F) × incomplete (G)". This module computes, for one template,
exactly the rows the Checker would count as missing (H = 1), each as a ``Gap`` with the cell to fix
and, where a blank or invalid gate answer is the real reason, the gate that blocks it. The parity
rules (company information, questions, company questions, smelter coverage) only turn gaps into
findings; keeping the Checker's logic in one place is what makes parity testable.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum

from rmi.model import Cell, CompanyAnswer, Family, MineralAnswer, TemplateModel
from rmi.rules.base import checker_blank, norm
from rmi.rules.checker_map import CheckerMap
from rmi.rules.gates import (
    GateScheme,
    MineralState,
    company_blocker,
    company_questions_needed,
    mineral_states,
    scheme_for,
)
from rmi.rules.layout_facts import answer_position, checker_map
from rmi.rules.smelter_facts import crt_counts_missing_cobalt, has_counted_smelter, known_blank, metal_column

SCOPE_COMPANY = "a. company"
SCOPE_PRODUCTS = "b. product (or list of products)"
NOT_LISTED = "smelter not listed"
OTHER_MINERAL = "other [specify below]"
EMAIL_FIELDS = frozenset({"contact_email", "authorizer_email"})


class GapKind(StrEnum):
    FIELD = "field"
    EMAIL = "email"
    PRODUCTS = "products"
    MINERALS = "minerals"
    OTHER_MINERAL = "other-mineral"
    ANSWER = "answer"
    OPTIONAL_ANSWER = "optional-answer"
    COMPANY = "company"
    COMPANY_INVALID = "company-invalid"
    URL = "url"
    DESCRIBE = "describe"
    HIDDEN = "hidden"
    SMELTERS = "smelters"
    NOT_LISTED = "not-listed"


@dataclass(frozen=True, slots=True)
class Gap:
    """One Checker row counted as missing, and where the supplier fixes it."""

    row: int | None
    kind: GapKind
    cell: Cell | None
    key: str = ""
    mineral: str | None = None
    question: int | None = None
    blocked_by: MineralAnswer | None = None
    name_cell: Cell | None = None


@dataclass(frozen=True, slots=True)
class CheckerView:
    """The model plus what the Checker derives from it: gate states, company flag and the row map."""

    model: TemplateModel
    cmap: CheckerMap
    scheme: GateScheme
    states: tuple[MineralState, ...]
    hidden_firsts: Mapping[int, MineralAnswer]
    company_needed: bool
    company_blocker: MineralAnswer | None

    @classmethod
    def of(cls, model: TemplateModel) -> CheckerView:
        states = mineral_states(model)
        hidden_firsts = _hidden_first_answers(model)
        needed, blocker = company_questions_needed(states), company_blocker(states)
        if model.identity.family is Family.CRT:
            # CRT's company flag also sums the hidden rows' flags (Checker F20:F23), which stay 0
            # only while their pre-filled "No" is intact.
            broken = [answer for answer in hidden_firsts.values() if norm(answer.answer) != "no"]
            if broken and not needed:
                blocker = broken[0]
            needed = needed or bool(broken)
        return cls(
            model, checker_map(model.identity), scheme_for(model), states, hidden_firsts, needed, blocker
        )

    def state(self, mineral: str | None) -> MineralState | None:
        return next((state for state in self.states if state.mineral == mineral), None)


def _hidden_first_answers(model: TemplateModel) -> dict[int, MineralAnswer]:
    """The hidden question-1 answers by their row index inside the question block."""
    firsts: dict[int, MineralAnswer] = {}
    for answer in model.hidden_answers:
        position = answer_position(model.identity, answer.answer.ref)
        if position is not None and position[0] == 1:
            firsts[position[1]] = answer
    return firsts


@dataclass(frozen=True, slots=True)
class Covered:
    """The Checker rows one blocking answer makes incomplete, and the cells those rows test."""

    rows: tuple[int, ...] = ()
    cells: tuple[str, ...] = ()


def covered_by(gaps: tuple[Gap, ...], answer: MineralAnswer) -> Covered:
    rows: list[int] = []
    cells: list[str] = []
    for gap in gaps:
        if gap.blocked_by is answer and gap.row is not None:
            rows.append(gap.row)
            if gap.cell is not None:
                cells.append(gap.cell.ref)
    return Covered(tuple(rows), tuple(cells))


# Several rules read the gaps of the same model in a row; remembering the last one saves the rework.
_last: list[tuple[TemplateModel, tuple[Gap, ...]]] = []


def checker_gaps(model: TemplateModel) -> tuple[Gap, ...]:
    """Every Checker row this template leaves incomplete, in Checker order."""
    remembered = _last[0] if _last else None
    if remembered is not None and remembered[0] is model:
        return remembered[1]
    gaps = _compute_gaps(model)
    _last[:] = [(model, gaps)]
    return gaps


def _compute_gaps(model: TemplateModel) -> tuple[Gap, ...]:
    view = CheckerView.of(model)
    gaps = [
        *_field_gaps(view),
        *_product_gaps(view),
        *_mineral_selection_gaps(view),
        *_answer_gaps(view),
        *_optional_answer_gaps(view),
        *_hidden_gaps(view),
        *_company_gaps(view),
        *_smelter_gaps(view),
        *_not_listed_gaps(view),
    ]
    return tuple(sorted(gaps, key=lambda gap: gap.row or 10_000))


def _field_gaps(view: CheckerView) -> Iterator[Gap]:
    model, cmap = view.model, view.cmap
    fields = {**model.company, "effective_date": model.effective_date.cell}
    scope = norm(model.company.get("declaration_scope"))
    for key, cell in fields.items():
        row = cmap.row_for(cell)
        if row is None:
            continue
        if key == "scope_description" and (scope in (SCOPE_COMPANY, SCOPE_PRODUCTS) or not scope):
            continue
        if key in EMAIL_FIELDS and not checker_blank(cell):
            if "@" not in cell.text:
                yield Gap(row, GapKind.EMAIL, cell, key)
        elif checker_blank(cell):
            yield Gap(row, GapKind.FIELD, cell, key)


def _product_gaps(view: CheckerView) -> Iterator[Gap]:
    if view.cmap.product_row is None or norm(view.model.company.get("declaration_scope")) != SCOPE_PRODUCTS:
        return
    first = next((item for item in view.model.products if item.row == 6), None)
    if first is None or checker_blank(first.number):
        yield Gap(view.cmap.product_row, GapKind.PRODUCTS, Cell("Product List", "B6"))


def _mineral_selection_gaps(view: CheckerView) -> Iterator[Gap]:
    model, cmap = view.model, view.cmap
    if cmap.minerals_row is not None and not model.minerals:
        first = model.minerals_in_scope[0].cell if model.minerals_in_scope else Cell("Declaration", "D12")
        yield Gap(cmap.minerals_row, GapKind.MINERALS, first)
    if cmap.other_minerals_row is None:
        return
    others = [item for item in model.minerals_in_scope if norm(item.cell) == OTHER_MINERAL]
    named = [item for item in model.minerals_in_scope if item.other_name and not item.other_name.is_blank]
    if others and len(others) != len(named):
        for item in others:
            if item.other_name is None or item.other_name.is_blank:
                yield Gap(
                    cmap.other_minerals_row, GapKind.OTHER_MINERAL, item.cell, name_cell=item.other_name
                )


def _answer_gaps(view: CheckerView) -> Iterator[Gap]:
    for state in view.states:
        for answer in view.model.mineral_answers:
            if answer.mineral != state.mineral:
                continue
            row = view.cmap.row_for(answer.answer)
            if row is None or not _answer_needed(state, answer):
                continue
            if checker_blank(answer.answer) or not state.gates_open_for(answer.question, view.scheme):
                blocker = state.blocker if state.blocker is not answer else None
                yield Gap(row, GapKind.ANSWER, answer.answer, "", state.mineral, answer.question, blocker)


def _hidden_gaps(view: CheckerView) -> Iterator[Gap]:
    """The hidden vestigial rows (EMRT 1.x, CRT): question 1 must keep its "No", the rest follow it."""
    for answer in view.model.hidden_answers:
        row = view.cmap.row_for(answer.answer)
        position = answer_position(view.model.identity, answer.answer.ref)
        if row is None or position is None or not checker_blank(answer.answer):
            continue
        question, index = position
        first = view.hidden_firsts.get(index)
        if question == 1 or first is None:
            yield Gap(row, GapKind.HIDDEN, answer.answer, question=question)
        elif norm(first.answer) != "no":
            yield Gap(row, GapKind.HIDDEN, answer.answer, question=question, blocked_by=first)


def _optional_answer_gaps(view: CheckerView) -> Iterator[Gap]:
    """Blank answers the Checker shows but does not count (AMRT question 2)."""
    for answer in view.model.mineral_answers:
        row = view.cmap.advisory_row_for(answer.answer)
        if row is not None and checker_blank(answer.answer):
            yield Gap(row, GapKind.OPTIONAL_ANSWER, answer.answer, "", answer.mineral, answer.question)


def _answer_needed(state: MineralState, answer: MineralAnswer) -> bool:
    if answer.question == 1:
        return True
    if answer.question == 2 and state.second is not None:
        return state.second_needed
    return state.later_needed


def _company_gaps(view: CheckerView) -> Iterator[Gap]:
    for item in view.model.company_answers:
        state = view.state(item.mineral)
        if item.mineral is None:
            needed, blocker = view.company_needed, view.company_blocker
        else:
            needed = view.company_needed and state is not None and state.later_needed
            blocker = state.blocker if state is not None else None
        if needed:
            yield from _company_answer_gaps(view.cmap, item, blocker)


def _company_answer_gaps(
    cmap: CheckerMap, item: CompanyAnswer, blocker: MineralAnswer | None
) -> Iterator[Gap]:
    row = cmap.row_for(item.answer)
    mineral = item.mineral
    if row is not None and checker_blank(item.answer):
        yield Gap(row, GapKind.COMPANY, item.answer, item.key, mineral, blocked_by=blocker)
    elif row is not None and item.answer.ref in cmap.describe_options:
        options = {option.casefold() for option in cmap.describe_options[item.answer.ref]}
        answer = norm(item.answer)
        if answer not in options:
            yield Gap(row, GapKind.COMPANY_INVALID, item.answer, item.key, mineral, blocked_by=blocker)
        elif "(describe)" in answer and checker_blank(item.comment):
            yield Gap(row, GapKind.DESCRIBE, item.comment, item.key, mineral, blocked_by=blocker)
    url_row = cmap.url_row_for(item.comment)
    if url_row is not None and norm(item.answer) == "yes" and len(item.comment.text) <= 1:
        yield Gap(url_row, GapKind.URL, item.comment, item.key, mineral, blocked_by=blocker)


def _smelter_gaps(view: CheckerView) -> Iterator[Gap]:
    crt = view.model.identity.family is Family.CRT
    for state in view.states:
        row = view.cmap.smelter_row(state.mineral, state.slot)
        # CRT's smelter row follows the company flag (F45), the others the mineral's own flag.
        needed = view.company_needed if crt else state.later_needed
        blocker = view.company_blocker if crt else state.blocker
        if row is None or not needed or has_counted_smelter(view.model, state.mineral):
            continue
        if crt and not crt_counts_missing_cobalt(view.model, state):
            row = None  # required all the same: the row is RMI's intent, its H formula is broken
        yield Gap(row, GapKind.SMELTERS, metal_column(view.model), "", state.mineral, blocked_by=blocker)


def _not_listed_gaps(view: CheckerView) -> Iterator[Gap]:
    row = view.cmap.not_listed_row
    for smelter in view.model.smelters:
        if norm(smelter.smelter_lookup) != NOT_LISTED:
            continue
        if known_blank(smelter.smelter_name):
            yield Gap(row, GapKind.NOT_LISTED, smelter.smelter_name, "name")
        if known_blank(smelter.country):
            yield Gap(row, GapKind.NOT_LISTED, smelter.country, "country")
