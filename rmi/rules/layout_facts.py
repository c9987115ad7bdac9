"""The per-revision template facts the rules need, taken from the shared layout data.

Rules are written against meanings ("the Q2 answer of Tin", "the Checker row for that cell"); the
Checker row numbers and drop-down options that differ between the 16 revisions come from
``rmi.layouts`` through this module, classified once per revision and cached.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache

from rmi import layouts
from rmi.model import Family, TemplateIdentity
from rmi.rules.checker_map import CheckerMap, build_checker_map


def layout_key(identity: TemplateIdentity) -> str:
    """The layout a model was read with (a pre-release "2.1a" is read with the "2.1" layout)."""
    return identity.layout_key or f"{identity.family.value}/{identity.version}"


@cache
def _answer_positions(key: str) -> Mapping[str, tuple[int, int]]:
    found = layouts.all_layouts().get(key)
    if found is None:
        return {}
    return {row.answer.ref: (q.number, index) for q in found.questions for index, row in enumerate(q.rows)}


def answer_position(identity: TemplateIdentity, ref: str) -> tuple[int, int] | None:
    """(question number, row index inside the question's block) of an answer cell.

    Rows at the same index of different blocks belong together: the Checker ties hidden row 40
    (question 3, third row) to hidden row 28 (question 1, third row).
    """
    return _answer_positions(layout_key(identity)).get(ref)


def find_layout(identity: TemplateIdentity) -> layouts.Layout | None:
    """The layout of this revision, or None for a revision surveybot does not know."""
    return layouts.all_layouts().get(layout_key(identity))


def known_versions(family: Family) -> tuple[str, ...]:
    return layouts.versions(family)


@cache
def _checker_map(key: str) -> CheckerMap:
    found = layouts.all_layouts().get(key)
    return build_checker_map(found.checker_rows) if found else CheckerMap()


def checker_map(identity: TemplateIdentity) -> CheckerMap:
    return _checker_map(layout_key(identity))


@cache
def _allowed(key: str) -> Mapping[str, tuple[str, ...]]:
    found = layouts.all_layouts().get(key)
    return {cell: options for cell, options in _option_lists(found) if options} if found else {}


def allowed_answers(identity: TemplateIdentity) -> Mapping[str, tuple[str, ...]]:
    """Drop-down options per answer cell ("Declaration!D38" → ("Yes", "No", "Unknown"))."""
    return _allowed(layout_key(identity))


def _option_lists(layout: layouts.Layout) -> Iterator[tuple[str, tuple[str, ...]]]:
    for question in layout.questions:
        for row in question.rows:
            yield row.answer.ref, row.allowed
    for company in layout.company_questions:
        if company.answer is not None:
            yield company.answer.ref, company.allowed
        for row in company.per_mineral:
            yield row.answer.ref, row.allowed
    for spec in layout.company_fields.values():
        if spec.allowed:
            yield spec.cell.ref, spec.allowed
    for cell, options in layout.minerals.allowed.items():
        if options:
            yield cell, options
