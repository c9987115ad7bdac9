"""Filled-template scenarios for the Checker-parity test: each is a valid answer set with a change.

They complement the factory's typical mistakes (``tests.support.mistakes``) with the inputs that
switch Checker rows on and off: gates answered "No", "Unknown" or left blank, every mineral blank,
a user-defined scope, "other format (describe)", cleared hidden rows, deleted or "Other" minerals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rmi import layouts
from rmi.model import TemplateModel
from rmi.read import read_workbook
from tests.support.answers import NOT_LISTED, AnswerSet, valid_answers
from tests.support.fixtures import FACTORY_TODAY
from tests.support.jobs import TEMPLATE_KEYS, CellValue, FillJob, SmelterEntry
from tests.support.mistakes import mistake_variants
from tests.support.scenario_changes import variant_files, variant_jobs
from tests.support.workbooks import WorkbookFactory


@dataclass(frozen=True, slots=True)
class Scenario:
    key: str
    name: str
    answers: AnswerSet

    @property
    def id(self) -> str:
        return f"{self.key}:{self.name}"


def _answer_cell(key: str, question: int, slot: int) -> str | None:
    """Answer cell of ``question`` for the ``slot``-th declared mineral (0-based), visible rows only."""
    for item in layouts.layout(key).questions:
        if item.number == question:
            rows = [row for row in item.rows if not row.hidden]
            return rows[slot].answer.ref if slot < len(rows) else None
    return None


def _mineral_cells(a: AnswerSet, slot: int, first_question: int) -> dict[str, CellValue]:
    """Every answer of the ``slot``-th mineral from ``first_question`` on, cleared."""
    cleared: dict[str, CellValue] = {}
    for item in layouts.layout(a.key).questions:
        if item.number >= first_question:
            cell = _answer_cell(a.key, item.number, slot)
            if cell:
                cleared[cell] = None
    return cleared


def _without_smelters_of(a: AnswerSet, mineral: str) -> AnswerSet:
    kept = [entry for entry in a.smelters if entry.metal not in (None, mineral)]
    return a.with_smelters(kept)


def _gate_no(a: AnswerSet, question: int) -> AnswerSet:
    first = _answer_cell(a.key, question, 0)
    assert first is not None
    cells = {**_mineral_cells(a, 0, question + 1), first: "No"}
    return _without_smelters_of(a.with_cells(cells), a.minerals[0])


def _all_gates_blank(a: AnswerSet) -> AnswerSet:
    cells = {_answer_cell(a.key, 1, slot): None for slot in range(len(a.minerals))}
    return a.with_cells({cell: None for cell in cells if cell})


def _blank_later_question(a: AnswerSet) -> AnswerSet:
    last = max(item.number for item in layouts.layout(a.key).questions)
    cell = _answer_cell(a.key, min(3, last), 0)
    assert cell is not None
    return a.with_cells({cell: None})


def _company_question_blank(a: AnswerSet) -> AnswerSet | None:
    questions = [item for item in layouts.layout(a.key).company_questions if item.answer is not None]
    return a.with_cells({questions[-1].answer.ref: None}) if questions and questions[-1].answer else None


def _scope_c_without_description(a: AnswerSet) -> AnswerSet:
    fields = layouts.layout(a.key).company_fields
    scope = "C. User defined [Specify in 'Description of scope']"
    return a.with_cells(
        {fields["declaration_scope"].cell.ref: scope, fields["scope_description"].cell.ref: None}
    )


def _scope_b_with_products(a: AnswerSet) -> AnswerSet:
    fields = layouts.layout(a.key).company_fields
    products = {f"Product List!B{6 + i}": f"KPC-{1001 + i}" for i in range(3)}
    return a.with_cells(
        {fields["declaration_scope"].cell.ref: "B. Product (or List of Products)", **products}
    )


def _not_listed_without_name(a: AnswerSet) -> AnswerSet | None:
    if layouts.layout(a.key).smelter_lookup is None:
        return None
    entry = SmelterEntry(metal=a.minerals[0], lookup_name=NOT_LISTED, country="GERMANY")
    return a.with_smelters([*a.smelters, entry])


def _describe_without_comment(a: AnswerSet) -> AnswerSet | None:
    for item in layouts.layout(a.key).company_questions:
        describe = next((option for option in item.allowed if "(Describe)" in option), None)
        if describe and item.answer and item.comment:
            return a.with_cells({item.answer.ref: describe, item.comment.ref: None})
    return None


def _hidden_first_cleared(a: AnswerSet) -> AnswerSet | None:
    first = next(item for item in layouts.layout(a.key).questions if item.number == 1)
    hidden = [row for row in first.rows if row.hidden]
    return a.with_cells({hidden[0].answer.ref: None}) if hidden else None


def _minerals_all_deleted(a: AnswerSet) -> AnswerSet | None:
    """EMRT 2.x: every mineral switched to "(Delete …)"; AMRT: every mineral cell cleared."""
    spec = layouts.layout(a.key).minerals
    if not spec.selectable:
        return None
    cells: dict[str, CellValue] = {}
    for ref in spec.input_cells:
        options = spec.allowed.get(ref.ref) or ()
        cells[ref.ref] = next((option for option in options if option.startswith("(Delete")), None)
    return a.with_cells(cells)


def _other_mineral_unnamed(a: AnswerSet) -> AnswerSet | None:
    spec = layouts.layout(a.key).minerals
    if not spec.other_value:
        return None
    free = [ref for ref in spec.input_cells if a.cells.get(ref.ref) is None]
    return a.with_cells({free[0].ref: spec.other_value, spec.other_cells[free[0].ref].ref: None})


def _first_gate_unknown(a: AnswerSet) -> AnswerSet | None:
    cell = _answer_cell(a.key, 1, 0)
    allowed = next(item for item in layouts.layout(a.key).questions if item.number == 1).rows[0].allowed
    if not cell or "Unknown" not in allowed:
        return None
    return _without_smelters_of(a.with_cells({cell: "Unknown", **_mineral_cells(a, 0, 2)}), a.minerals[0])


def _crt_smelter_row_quirk(a: AnswerSet) -> AnswerSet | None:
    """The one input on which CRT's smelter row (H57) fires: Q1 blank, Q2 "Yes", no Cobalt row."""
    if not a.key.startswith("CRT"):
        return None
    q1, q2 = _answer_cell(a.key, 1, 0), _answer_cell(a.key, 2, 0)
    assert q1 is not None and q2 is not None
    return a.with_cells({q1: None, q2: "Yes"}).with_smelters([])


EXTRA: dict[str, Callable[[AnswerSet], AnswerSet | None]] = {
    "crt_smelter_row_quirk": _crt_smelter_row_quirk,
    "q1_no_rest_blank": lambda a: _gate_no(a, 1),
    "q2_no_rest_blank": lambda a: _gate_no(a, 2) if not a.key.startswith(("CRT", "AMRT")) else None,
    "q1_unknown_rest_blank": _first_gate_unknown,
    "every_q1_blank": _all_gates_blank,
    "later_question_blank": _blank_later_question,
    "company_question_blank": _company_question_blank,
    "scope_c_without_description": _scope_c_without_description,
    "scope_b_with_products": _scope_b_with_products,
    "not_listed_without_name": _not_listed_without_name,
    "describe_without_comment": _describe_without_comment,
    "hidden_q1_cleared": _hidden_first_cleared,
    "minerals_all_deleted": _minerals_all_deleted,
    "other_mineral_unnamed": _other_mineral_unnamed,
}


def scenarios_for(valid: AnswerSet) -> Iterator[Scenario]:
    """The valid set, every factory mistake that applies, and every extra scenario that applies."""
    yield Scenario(valid.key, "valid", valid)
    for name, mistake in mistake_variants(valid).items():
        yield Scenario(valid.key, name, mistake.answers)
    for name, build in EXTRA.items():
        changed = build(valid)
        if changed is not None:
            yield Scenario(valid.key, name, changed)


SCENARIOS = [s for key in TEMPLATE_KEYS for s in scenarios_for(valid_answers(key, today=FACTORY_TODAY))]


def checker_total(key: str) -> str:
    return valid_answers(key, today=FACTORY_TODAY).checker_total


def _changed() -> dict[str, AnswerSet]:
    return {scenario.id: scenario.answers for scenario in SCENARIOS if scenario.name != "valid"}


def placements(factory: WorkbookFactory) -> dict[str, Path]:
    """Scenario id -> its own recalculated workbook (cached on disk): each revision's valid file as
    LibreOffice stored it, every other scenario's written from it (``FillJob.variants``)."""
    found = variant_files(factory, _changed())
    valid = [scenario for scenario in SCENARIOS if scenario.name == "valid"]
    paths = factory.libreoffice_many([scenario.answers for scenario in valid])
    found.update({scenario.id: path for scenario, path in zip(valid, paths, strict=True)})
    return found


def workbook_jobs() -> list[FillJob]:
    """What the parity tests need from LibreOffice: each version's valid file and its variants."""
    return variant_jobs(_changed())


def read_model(path: Path) -> TemplateModel:
    model = read_workbook(path.read_bytes())
    assert isinstance(model, TemplateModel), model
    return model


def is_one(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0
