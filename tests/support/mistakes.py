"""Typical supplier mistakes as data: each is a valid answer set with exactly one thing broken.

Rules, reader and mail tests pick the mistakes they need by name; ``checker_counts`` records whether
RMI's own Checker sheet notices it (total > 0 after recalculation), which ``test_workbooks.py`` proves.
Mistakes that do not apply to a layout (no policy URL question in AMRT, no CID column in AMRT 1.2, …)
are left out of that layout's dictionary.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from tests.support.answers import NOT_LISTED, AnswerSet, layout
from tests.support.jobs import AsText, CellValue, SmelterEntry

NOT_LISTED_ITEM = 'All rows with "Smelter not listed"'


@dataclass(frozen=True, slots=True)
class Mistake:
    name: str
    description: str
    answers: AnswerSet
    checker_counts: bool
    """True when RMI's Checker total stops showing 0 (it counts the mistake, or turns into an error)."""
    cell: str | None = None
    """The cell the mistake is in, when it is one cell."""


def checker_sums_item(key: str, item_prefix: str) -> bool:
    """Whether the Checker total adds up the row whose item text starts with ``item_prefix``.

    Some versions compute a row but leave it out of the total (EMRT 1.1's ``=SUM(H4:H62)`` skips the
    "Smelter not listed" row 65, CRT's ``=SUM(H4:H57)`` skips row 61).
    """
    checker = layout(key)["checker"]
    rows = [r["row"] for r in checker["rows"] if str(r.get("item") or "").startswith(item_prefix)]
    ranges = re.findall(r"H(\d+):H(\d+)", checker["total_formula"])
    return any(int(low) <= row <= int(high) for row in rows for low, high in ranges)


def field_cell(answers: AnswerSet, name: str) -> str:
    return str(layout(answers.key)["company_fields"][name]["cell"])


def question_cell(answers: AnswerSet, question: int, mineral_index: int = 0) -> str:
    """Answer cell of question ``question`` for the ``mineral_index``-th declared mineral (slot order)."""
    grid = layout(answers.key)["question_grid"][str(question)]
    mineral = answers.minerals[mineral_index]
    return str(grid.get(mineral) or grid[f"slot{mineral_index + 1}"])


def _question_rows(answers: AnswerSet, mineral_index: int) -> list[tuple[str, bool]]:
    """(answer cell, checked by the Checker) of every question for one declared mineral."""
    rows = []
    for number in layout(answers.key)["question_grid"]:
        cell = question_cell(answers, int(number), mineral_index)
        spec = next(r for r in layout(answers.key)["questions"][number]["rows"] if r["answer_cell"] == cell)
        rows.append((cell, not spec["required_when"].startswith(("never", "not checked"))))
    return rows


def _cell_mistake(
    answers: AnswerSet, name: str, text: str, cell: str, value: CellValue, counts: bool
) -> Mistake:
    return Mistake(name, text, answers.with_cells({cell: value}), counts, cell)


def _company_mistakes(a: AnswerSet) -> list[Mistake]:
    date_cell = field_cell(a, "effective_date")
    return [
        _cell_mistake(
            a, "missing_company_name", "Company name left blank", field_cell(a, "company_name"), None, True
        ),
        _cell_mistake(
            a,
            "bad_contact_email",
            "Contact email without @",
            field_cell(a, "contact_email"),
            "compliance.kestrel-components.example",
            True,
        ),
        _cell_mistake(
            a,
            "bad_authorizer_email_domain",
            "Authorizer email has no domain suffix",
            field_cell(a, "authorizer_email"),
            "t.becker@kestrel",
            False,
        ),
        _cell_mistake(a, "missing_effective_date", "Effective date left blank", date_cell, None, True),
        _cell_mistake(
            a,
            "effective_date_as_text",
            "Effective date typed as text",
            date_cell,
            AsText(f"{a.today - dt.timedelta(days=30):%d.%m.%Y}"),
            False,
        ),
        _cell_mistake(
            a,
            "effective_date_in_future",
            "Effective date after today",
            date_cell,
            a.today + dt.timedelta(days=45),
            False,
        ),
        _cell_mistake(
            a,
            "effective_date_too_old",
            "Effective date more than 12 months ago",
            date_cell,
            a.today - dt.timedelta(days=500),
            False,
        ),
        _cell_mistake(
            a,
            "scope_product_without_products",
            "Scope B (products) but no Product List entry",
            field_cell(a, "declaration_scope"),
            "B. Product (or List of Products)",
            True,
        ),
    ]


def _question_mistakes(a: AnswerSet) -> list[Mistake]:
    q1, q2_checked = question_cell(a, 1), _question_rows(a, 0)[1]
    mistakes = [
        _cell_mistake(a, "missing_q1", "Q1 of the first mineral left blank", q1, None, True),
        _cell_mistake(
            a,
            "answer_not_in_list",
            "Q1 answer pasted that is not a dropdown option",
            q1,
            "Maybe",
            # CMRT's Checker reads Q2..Q8 only while Q1 is exactly "Yes", so they turn "missing"
            a.key.startswith("CMRT"),
        ),
        _cell_mistake(
            a, "blank_q2", "Q2 of the first mineral left blank", q2_checked[0], None, q2_checked[1]
        ),
    ]
    no_with_smelters: dict[str, CellValue] = {cell: None for cell, _ in _question_rows(a, 0)[1:]}
    no_with_smelters[q1] = "No"
    mistakes.append(
        Mistake(
            "metal_declared_no_but_smelters_listed",
            "First mineral declared No in Q1 while its smelters stay listed",
            a.with_cells(no_with_smelters),
            False,
            q1,
        )
    )
    url_cells = [
        r["cell"]
        for r in layout(a.key)["comment_requirements"]
        if r["kind"] == "checker" and "URL" in r["rule"]
    ]
    if url_cells:
        text = "Policy said to be public but no URL in the comment"
        mistakes.append(_cell_mistake(a, "policy_url_missing", text, url_cells[-1], None, True))
    return mistakes


def _smelter_mistakes(a: AnswerSet) -> list[Mistake]:
    first, metal = a.smelters[0], a.minerals[0]
    has_lookup = bool(layout(a.key)["smelter_lookup"])
    not_listed = (
        SmelterEntry(metal=metal, lookup_name=NOT_LISTED, name="Unknown Local Refinery Ltd.")
        if has_lookup
        else SmelterEntry(metal=metal, name="Unknown Local Refinery Ltd.")
    )
    others = tuple(s for s in a.smelters if s.metal != metal and s.cid is None)
    mistakes = [
        Mistake(
            "duplicate_smelter", "The same smelter listed twice", a.with_smelters([*a.smelters, first]), False
        ),
        Mistake(
            "smelter_not_listed_without_country",
            "Smelter not listed: name given, country missing",
            a.with_smelters([*a.smelters, not_listed]),
            checker_sums_item(a.key, NOT_LISTED_ITEM),
        ),
        Mistake(
            "no_smelters_for_declared_mineral",
            "No smelter row for the first declared mineral",
            # CRT's smelter-list row only counts while Q1 is unanswered (its helper column K)
            a.with_smelters(others),
            not a.key.startswith("CRT"),
        ),
    ]
    if has_lookup:
        unknown = SmelterEntry(cid="CID999999")
        text = "A CID typed in column A that the Look-up does not know (B/C show #N/A)"
        # the #N/A reaches the total through the "Smelter not listed" row, where the total sums it
        counts = checker_sums_item(a.key, NOT_LISTED_ITEM)
        mistakes.append(Mistake("unknown_cid", text, a.with_smelters([*a.smelters, unknown]), counts))
    return mistakes


MISTAKE_GROUPS: tuple[Callable[[AnswerSet], list[Mistake]], ...] = (
    _company_mistakes,
    _question_mistakes,
    _smelter_mistakes,
)


def mistake_variants(answers: AnswerSet) -> dict[str, Mistake]:
    """Every typical mistake that applies to the answer set's layout, keyed by name."""
    found = [mistake for group in MISTAKE_GROUPS for mistake in group(answers)]
    return {mistake.name: mistake for mistake in found}


def with_counts(mistake: Mistake, counts: bool) -> Mistake:
    return replace(mistake, checker_counts=counts)
