"""Company-level questions (A…I): Checker parity plus the comment each answer promises.

The Checker requires every company question once any mineral is in scope, a URL in the comment when
the policy is said to be public, and (EMRT 1.x, CRT) a description when the survey uses "other
format (describe)". The same description is asked for in the families whose Checker forgets it,
and a URL comment that is plainly not a web address is pointed out as a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rmi.findings import Finding, Severity
from rmi.model import TemplateModel
from rmi.policy import Policy
from rmi.rules.base import checker_blank, display_value, family_code, finding_at, norm
from rmi.rules.checker_gaps import Gap, GapKind, checker_gaps
from rmi.rules.layout_facts import allowed_answers, checker_map
from rmi.rules.mineral_questions import NOT_ALLOWED

_URL_LIKE = re.compile(r"(https?://|www\.)\S+|\b[\w-]+(\.[\w-]+)+(/\S*)?", re.IGNORECASE)


class CompanyQuestionsRule:
    """Unanswered company questions and their missing URL or description comments."""

    code = "COMPANY-QUESTIONS"

    def check(self, model: TemplateModel, policy: Policy) -> Iterator[Finding]:
        for gap in checker_gaps(model):
            if gap.blocked_by is None and gap.kind in _KINDS:
                yield _gap_finding(model, gap)
        yield from _unenforced_descriptions(model)
        yield from _urls_that_are_not_urls(model)


_KINDS = (GapKind.COMPANY, GapKind.COMPANY_INVALID, GapKind.DESCRIBE, GapKind.URL)


def _gap_finding(model: TemplateModel, gap: Gap) -> Finding:
    question = gap.key
    if gap.kind is GapKind.COMPANY_INVALID and gap.cell is not None:
        options = " / ".join(allowed_answers(model.identity).get(gap.cell.ref, ()))
        value = display_value(gap.cell)
        return finding_at(
            NOT_ALLOWED, "answer.not_allowed", gap.cell, checker_row=gap.row, value=value, allowed=options
        )
    if gap.kind is GapKind.DESCRIBE:
        code = family_code(model, f"COMPANY-{question}-DESCRIBE")
        return finding_at(code, "company.describe_missing", gap.cell, checker_row=gap.row, question=question)
    if gap.kind is GapKind.URL:
        code = family_code(model, f"COMPANY-{question}-URL")
        return finding_at(code, "company.url_missing", gap.cell, checker_row=gap.row, question=question)
    code = family_code(model, f"COMPANY-{question}-MISSING")
    if gap.mineral:
        params: dict[str, str | int] = {"question": question, "mineral": gap.mineral}
        return finding_at(code, "company.mineral_missing", gap.cell, checker_row=gap.row, params=params)
    return finding_at(code, "company.missing", gap.cell, checker_row=gap.row, question=question)


def _unenforced_descriptions(model: TemplateModel) -> Iterator[Finding]:
    """ "Other format (describe)" with an empty comment, where the Checker itself does not look."""
    enforced = checker_map(model.identity).describe_options
    for item in model.company_answers:
        if item.answer.ref in enforced or "(describe)" not in norm(item.answer):
            continue
        if checker_blank(item.comment):
            code = family_code(model, f"COMPANY-{item.key}-DESCRIBE")
            yield finding_at(code, "company.describe_missing", item.comment, question=item.key)


def _urls_that_are_not_urls(model: TemplateModel) -> Iterator[Finding]:
    cmap = checker_map(model.identity)
    for item in model.company_answers:
        if cmap.url_row_for(item.comment) is None or norm(item.answer) != "yes":
            continue
        text = item.comment.text
        if len(text) > 1 and not _URL_LIKE.search(text):
            yield finding_at(
                "COMPANY-URL-INVALID",
                "company.url_invalid",
                item.comment,
                severity=Severity.WARNING,
                value=text,
            )


RULE = CompanyQuestionsRule()
