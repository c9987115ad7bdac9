"""Answers must be one of the cell's drop-down options.

Excel only enforces a drop-down while someone types into the cell; pasted values, other
spreadsheet programs and scripts get past it, and the Checker only tests that a cell is not empty.
A value outside the list cannot be rolled up, so it is an error. Gate answers that block other
questions and the "(Describe)" cells are reported by the parity rules, which know their cascade.
"""

from __future__ import annotations

from collections.abc import Iterator

from rmi.findings import Finding
from rmi.model import Cell, TemplateModel
from rmi.policy import Policy
from rmi.rules.base import display_value, finding_at, norm
from rmi.rules.gates import mineral_states
from rmi.rules.layout_facts import allowed_answers, checker_map
from rmi.rules.mineral_questions import NOT_ALLOWED


def answer_cells(model: TemplateModel) -> Iterator[Cell]:
    yield from (item.answer for item in model.mineral_answers)
    yield from (item.answer for item in model.company_answers)
    yield from (item.cell for item in model.minerals_in_scope)
    scope = model.company.get("declaration_scope")
    if scope is not None:
        yield scope


def is_allowed(cell: Cell, options: tuple[str, ...]) -> bool:
    """Case-insensitive match; "100%" also matches the number 1 older templates store for it."""
    value = norm(cell)
    folded = {option.casefold() for option in options}
    return value in folded or (value == "1" and "100%" in folded)


class AllowedAnswersRule:
    code = NOT_ALLOWED

    def check(self, model: TemplateModel, policy: Policy) -> Iterator[Finding]:
        allowed = allowed_answers(model.identity)
        skip = set(checker_map(model.identity).describe_options)
        skip.update(state.blocker.answer.ref for state in mineral_states(model) if state.blocker is not None)
        for cell in answer_cells(model):
            options = allowed.get(cell.ref)
            if not options or cell.is_blank or cell.ref in skip or is_allowed(cell, options):
                continue
            yield finding_at(
                NOT_ALLOWED,
                "answer.not_allowed",
                cell,
                value=display_value(cell),
                allowed=" / ".join(options),
            )


RULE = AllowedAnswersRule()
