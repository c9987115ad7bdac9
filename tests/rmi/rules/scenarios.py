"""Filled-template scenarios for the Checker-parity test: each is a valid answer set with a change.

They complement the factory's typical mistakes (``tests.support.mistakes``) with the inputs that
switch Checker rows on and off: gates answered "No", "Unknown" or left blank, every mineral blank,
a user-defined scope, "other format (describe)", cleared hidden rows, deleted or "Other" minerals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from rmi import layouts
from rmi.findings import Finding, Verdict
from rmi.model import TemplateModel
from rmi.read import read_workbook
from tests.support.answers import NOT_LISTED, AnswerSet, valid_answers
from tests.support.fixtures import FACTORY_TODAY
from tests.support.jobs import TEMPLATE_KEYS, CellValue, FillJob, SmelterEntry
from tests.support.mistakes import mistake_variants
from tests.support.packs import Pack, Placed, placed, plan
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


def checker_probes(key: str) -> tuple[str, ...]:
    """The Checker's per-row "incomplete" cells (column H) and its total, recorded per packed scenario."""
    rows = tuple(f"Checker!H{row.row}" for row in layouts.layout(key).checker_rows)
    return (*rows, checker_total(key))


def checker_total(key: str) -> str:
    return valid_answers(key, today=FACTORY_TODAY).checker_total


def scenario_packs() -> list[Pack]:
    """Every scenario but the valid ones, packed per version (see ``tests.support.packs``)."""
    found: list[Pack] = []
    for key in TEMPLATE_KEYS:
        valid = next(s for s in SCENARIOS if s.key == key and s.name == "valid")
        changed = [(s.id, s.answers) for s in SCENARIOS if s.key == key and s.name != "valid"]
        found.extend(plan(valid.answers, changed, checker_probes(key)))
    return found


def placements(factory: WorkbookFactory) -> dict[str, Placed]:
    """Every scenario's results: the valid files alone, the others packed (cached on disk)."""
    valid = [scenario for scenario in SCENARIOS if scenario.name == "valid"]
    packs = scenario_packs()
    paths = factory.libreoffice_many([s.answers.job() for s in valid] + [p.job() for p in packs])
    found = {s.id: Placed(path, 0, (), (), {}) for s, path in zip(valid, paths, strict=False)}
    found.update(placed(packs, paths[len(valid) :]))
    return found


def workbook_jobs() -> list[FillJob]:
    """What the parity tests need from LibreOffice: each version's valid file and its packs."""
    valid = [s.answers.job() for s in SCENARIOS if s.name == "valid"]
    return valid + [pack.job() for pack in scenario_packs()]


def read_model(path: Path) -> TemplateModel:
    model = read_workbook(path.read_bytes())
    assert isinstance(model, TemplateModel), model
    return model


def rows_on(probed: Mapping[str, object], key: str) -> set[int]:
    """The Checker rows left incomplete, from the cells LibreOffice recorded for a packed scenario."""
    return {row.row for row in layouts.layout(key).checker_rows if is_one(probed[f"Checker!H{row.row}"])}


def is_one(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


def owners(place: Placed, key: str, verdict: Verdict) -> dict[int, int]:
    """Checker row -> the pack member it belongs to: the one whose change switched it on alone,
    else the one that changed the cell the row tests, else the one whose changed cell a finding
    reporting the row sits in. Rows nobody owns are blamed on every member."""
    owner: dict[int, int] = {}
    for index, probed in enumerate(place.alone):
        owner.update(dict.fromkeys(rows_on(probed, key) - owner.keys(), index))
    tested = {row.row: row.checks for row in layouts.layout(key).checker_rows}
    for index, member in enumerate(place.pack):
        for row, cell in tested.items():
            if cell in member.cells:
                owner.setdefault(row, index)
        for finding in verdict.findings:
            if f"{finding.sheet}!{finding.cell}" in member.cells:
                for row in finding.checker_rows:
                    owner.setdefault(row, index)
    return owner


def own_findings(place: Placed, key: str, verdict: Verdict) -> list[Finding]:
    """The findings the scenario's own file would carry: in a pack, every finding but those in a row
    another member changed (a Smelter List row it added) or at a Checker row another member owns.

    A root cause's covered rows do not decide: a blank Q1 rightly covers a company question another
    member left blank, which the Checker only asks while Q1 is not "No"."""
    if not place.pack:
        return list(verdict.findings)
    owner = owners(place, key, verdict)
    their_rows = {
        _sheet_row(ref)
        for index, member in enumerate(place.pack)
        if index != place.member
        for ref in member.cells
    }

    def theirs(finding: Finding) -> bool:
        in_their_row = _sheet_row(f"{finding.sheet}!{finding.cell}") in their_rows
        row = finding.checker_row
        return in_their_row or (row is not None and owner.get(row, place.member) != place.member)

    return [finding for finding in verdict.findings if not theirs(finding)]


def _sheet_row(ref: str) -> tuple[str, str]:
    sheet, _, address = ref.rpartition("!")
    return sheet, address.lstrip("$ABCDEFGHIJKLMNOPQRSTUVWXYZ")
