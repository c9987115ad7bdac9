"""Checker parity for the per-mineral questions (Q1…Q8), reported at their root cause.

A blank or invalid gate (question 1, or question 2 in CMRT/EMRT) makes the Checker flag every
later question, the company questions and the smelter rows of that mineral. The supplier needs one
instruction, not eight: the gate finding names the gate cell and records the Checker rows it covers.
"""

from __future__ import annotations

from collections.abc import Iterator

from rmi.findings import Finding, Severity
from rmi.model import MineralAnswer, TemplateModel
from rmi.policy import Policy
from rmi.rules.base import checker_blank, display_value, family_code, finding_at
from rmi.rules.checker_gaps import Gap, GapKind, checker_gaps, covered_by
from rmi.rules.gates import MineralState, mineral_states
from rmi.rules.layout_facts import allowed_answers, checker_map

NOT_ALLOWED = "ANSWER-NOT-ALLOWED"


def question_code(model: TemplateModel, question: int) -> str:
    return family_code(model, f"Q{question}-MISSING")


class MineralQuestionsRule:
    """Unanswered questions per mineral; one finding per blocking gate."""

    code = "QUESTIONS"

    def check(self, model: TemplateModel, policy: Policy) -> Iterator[Finding]:
        gaps = checker_gaps(model)
        blockers = [state for state in mineral_states(model) if state.blocker is not None]
        blocker_cells = {state.blocker.answer.ref for state in blockers if state.blocker is not None}
        for state in blockers:
            yield _gate_finding(model, state, gaps)
        for gap in gaps:
            if gap.kind is GapKind.OPTIONAL_ANSWER:
                yield _optional_finding(model, gap)
            if gap.kind is not GapKind.ANSWER or gap.blocked_by is not None or gap.cell is None:
                continue
            if gap.cell.ref in blocker_cells:
                continue
            code = question_code(model, gap.question or 0)
            params: dict[str, str | int] = {"question": gap.question or 0, "mineral": gap.mineral or ""}
            yield finding_at(code, "answer.missing", gap.cell, checker_row=gap.row, params=params)


def _optional_finding(model: TemplateModel, gap: Gap) -> Finding:
    """A blank answer the Checker lists but does not count: worth asking for, not worth rejecting."""
    code = family_code(model, f"Q{gap.question}-UNANSWERED")
    params: dict[str, str | int] = {"question": gap.question or 0, "mineral": gap.mineral or ""}
    key = "answer.optional_missing"
    return finding_at(code, key, gap.cell, severity=Severity.WARNING, checker_row=gap.row, params=params)


def _gate_finding(model: TemplateModel, state: MineralState, gaps: tuple[Gap, ...]) -> Finding:
    gate: MineralAnswer | None = state.blocker
    assert gate is not None
    covered = covered_by(gaps, gate)
    if checker_blank(gate.answer):
        row = checker_map(model.identity).row_for(gate.answer)
        code = question_code(model, gate.question)
        params: dict[str, str | int] = {"question": gate.question, "mineral": state.mineral}
        key = "answer.gate_missing"
        return finding_at(
            code,
            key,
            gate.answer,
            checker_row=row,
            covers=covered.rows,
            covers_cells=covered.cells,
            params=params,
        )
    options = allowed_answers(model.identity).get(gate.answer.ref, ())
    return finding_at(
        NOT_ALLOWED,
        "answer.not_allowed",
        gate.answer,
        covers=covered.rows,
        covers_cells=covered.cells,
        value=display_value(gate.answer),
        allowed=" / ".join(options),
    )


RULE = MineralQuestionsRule()
