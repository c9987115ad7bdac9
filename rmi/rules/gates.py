"""Which minerals a declaration puts in scope, and which unanswered question blocks the rest.

Question 1 (and in CMRT/EMRT question 2) of every mineral is a gate: "No" takes the mineral out of
scope, and the Checker then stops asking for its later questions, its smelters and (when no mineral
is left) the company questions. The families differ in which answers close a gate and in whether
the Checker reads a later answer at all before the gate says "Yes" (CMRT does not: a blank Q2
makes its Q3..Q8 count as missing even when they are filled). When a gate is blank or holds a value
that is not one of its options, every requirement behind it is a consequence, not a separate
mistake; ``MineralState.blocker`` names that one root cause.
"""

from __future__ import annotations

from dataclasses import dataclass

from rmi.model import Family, MineralAnswer, TemplateModel
from rmi.rules.base import checker_blank, is_emrt1, norm

_YES = "yes"


@dataclass(frozen=True, slots=True)
class GateScheme:
    """How one family's Checker reads questions 1 and 2."""

    first_options: frozenset[str]
    first_excludes: frozenset[str]
    second_options: frozenset[str] | None  # None: question 2 is an ordinary question, not a gate
    second_excludes: frozenset[str]
    gated_values: bool  # the Checker reads later answers only once the gates say "Yes" (CMRT)


_CMRT = GateScheme(
    frozenset({"yes", "no"}), frozenset({"no"}), frozenset({"yes", "no"}), frozenset({"no"}), True
)
_EMRT1 = GateScheme(
    frozenset({"yes", "no", "unknown", "not applicable for this declaration"}),
    frozenset({"no", "unknown", "not applicable for this declaration"}),
    frozenset({"yes", "no", "unknown"}),
    frozenset({"no", "unknown", "not applicable for this declaration"}),
    False,
)
_EMRT2 = GateScheme(
    frozenset({"yes", "no", "unknown", "not declaring"}),
    frozenset({"no", "unknown", "not declaring"}),
    frozenset({"yes", "no", "unknown"}),
    frozenset({"no", "unknown"}),
    False,
)
_CRT = GateScheme(frozenset({"yes", "no", "unknown"}), frozenset({"no", "unknown"}), None, frozenset(), False)
_AMRT = GateScheme(
    frozenset({"yes", "no", "unknown", "not declaring"}),
    frozenset({"no", "unknown", "not declaring"}),
    None,
    frozenset(),
    False,
)


def scheme_for(model: TemplateModel) -> GateScheme:
    family = model.identity.family
    if family is Family.CMRT:
        return _CMRT
    if family is Family.EMRT:
        return _EMRT1 if is_emrt1(model) else _EMRT2
    return _CRT if family is Family.CRT else _AMRT


@dataclass(frozen=True, slots=True)
class MineralState:
    """The gate answers of one mineral and what they make the Checker require."""

    mineral: str
    slot: int
    first: MineralAnswer | None
    second: MineralAnswer | None
    second_needed: bool  # the Checker requires question 2 (when question 2 is a gate)
    later_needed: bool  # the Checker requires later questions, smelters and company questions
    blocker: MineralAnswer | None  # the blank or invalid gate answer everything else waits for

    def is_gate(self, answer: MineralAnswer) -> bool:
        return answer is self.first or answer is self.second

    def gates_open_for(self, question: int, scheme: GateScheme) -> bool:
        """Whether the Checker reads this question's answer at all (always, except CMRT's gating)."""
        if not scheme.gated_values or question == 1:
            return True
        if norm(self.first.answer if self.first else None) != _YES:
            return False
        return question == 2 or norm(self.second.answer if self.second else None) == _YES


def mineral_states(model: TemplateModel) -> tuple[MineralState, ...]:
    scheme = scheme_for(model)
    return tuple(_state(model, scheme, mineral, slot) for slot, mineral in enumerate(model.minerals))


def _state(model: TemplateModel, scheme: GateScheme, mineral: str, slot: int) -> MineralState:
    first = model.answer(1, mineral)
    second = model.answer(2, mineral) if scheme.second_options is not None else None
    q1 = norm(first.answer if first else None)
    second_needed = q1 not in scheme.first_excludes
    q2_seen = norm(second.answer if second else None)
    if scheme.gated_values and q1 != _YES:
        q2_seen = ""  # CMRT's Checker reads Q2 as 0 until Q1 says "Yes"
    later_needed = second_needed and (second is None or q2_seen not in scheme.second_excludes)
    blocker = None
    if _unresolved(first, scheme.first_options):
        blocker = first
    elif second is not None and second_needed and _unresolved(second, scheme.second_options or frozenset()):
        blocker = second
    return MineralState(mineral, slot, first, second, second_needed, later_needed, blocker)


def _unresolved(answer: MineralAnswer | None, options: frozenset[str]) -> bool:
    if answer is None:
        return False
    return checker_blank(answer.answer) or norm(answer.answer) not in options


def company_questions_needed(states: tuple[MineralState, ...]) -> bool:
    """The Checker's company-question flag: some mineral is still in scope."""
    return any(state.later_needed for state in states)


def company_blocker(states: tuple[MineralState, ...]) -> MineralAnswer | None:
    """The gate that alone keeps the company questions required, if every in-scope mineral is blocked."""
    in_scope = [state for state in states if state.later_needed]
    if in_scope and all(state.blocker is not None for state in in_scope):
        return in_scope[0].blocker
    return None
