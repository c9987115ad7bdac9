"""Which answer means what, across families and revisions: found by the question's own words.

CMRT asks about the DRC and adjoining ("covered") countries in question 3; EMRT and CRT ask about
conflict-affected and high-risk areas (question 3 and 2); company questions move between letters
(CRT's "publicly available policy" is A, CMRT's is B). Matching the question text the template
carries keeps one rule for every layout instead of a table per revision that drifts.
"""

from __future__ import annotations

from rmi.analysis.declaration import Answer, Declaration

COVERED = ("covered countries",)
CAHRA = ("conflict-affected and high-risk", "conflict-affected and high risk")
OWN_POLICY = ("established",)
PUBLIC_POLICY = ("publicly available",)
DUE_DILIGENCE = ("implemented due diligence",)
SUPPLIER_REQUIREMENT = ("require your direct suppliers",)
CORRECTIVE_ACTION = ("corrective action",)
YES_COVERED = ("yes", "drc or adjoining countries only")


def answers_about(
    declaration: Declaration, phrases: tuple[str, ...], *, per_mineral: bool
) -> tuple[Answer, ...]:
    """The answers to the first question (per mineral, or company level) whose text holds a phrase."""
    for answer in declaration.answers:
        if answer.key.startswith("Q") != per_mineral:
            continue
        text = answer.question.casefold()
        if any(phrase in text for phrase in phrases):
            return tuple(a for a in declaration.answers if a.key == answer.key)
    return ()


def covered_country_answers(declaration: Declaration) -> tuple[Answer, ...]:
    """Per mineral: sourcing from the DRC or adjoining countries (CMRT), else from CAHRAs (EMRT, CRT)."""
    return answers_about(declaration, COVERED, per_mineral=True) or answers_about(
        declaration, CAHRA, per_mineral=True
    )


def company_answer(declaration: Declaration, phrases: tuple[str, ...]) -> Answer | None:
    found = answers_about(declaration, phrases, per_mineral=False)
    return found[0] if found else None


def says_yes(answer: Answer) -> bool:
    return answer.value.casefold().startswith("yes")
