"""The Declaration sheet: company information, effective date, and every answer with its comment.

Answers are normalised so the rules can compare text: older templates store the "100%" choice as
the number 1 formatted 0%, and a value typed in another case ("yes") is the dropdown option it
matches (the template's own Checker compares without case too). Anything else stays as typed, so a
rule can still say "this is not one of the options".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from rmi.layouts import AnswerRow, CellRef, CompanyQuestion, Layout
from rmi.model import Cell, CompanyAnswer, EffectiveDate, MineralAnswer
from rmi.read.workbook import Workbook
from rmi.text_dates import parse_date_text

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_EXCEL_1904_EPOCH = dt.date(1904, 1, 1)
_MAX_SERIAL = 2_958_465  # 9999-12-31


@dataclass(frozen=True, slots=True)
class Answers:
    """The Declaration's answers: per mineral, the hidden vestigial rows, and per company."""

    minerals: tuple[MineralAnswer, ...]
    hidden: tuple[MineralAnswer, ...]
    company: tuple[CompanyAnswer, ...]


def _cell(workbook: Workbook, ref: CellRef) -> Cell:
    return workbook.cell(ref.sheet, ref.address)


def read_company(workbook: Workbook, layout: Layout) -> dict[str, Cell]:
    """Company information cells by field key (company_name, contact_email, effective_date, …)."""
    fields: dict[str, Cell] = {}
    for key, spec in layout.company_fields.items():
        cell = _cell(workbook, spec.cell)
        fields[key] = normalise_answer(cell, spec.allowed) if spec.allowed else cell
    return fields


def read_effective_date(cell: Cell, date1904: bool) -> EffectiveDate:
    """A real date, or the raw text the supplier typed (parsed when the text is unambiguous)."""
    value = cell.value
    if isinstance(value, dt.datetime):
        return EffectiveDate(cell, value.date(), None)
    if isinstance(value, dt.date):
        return EffectiveDate(cell, value, None)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return EffectiveDate(cell, serial_date(value, date1904), None)
    if isinstance(value, str) and value.strip():
        return EffectiveDate(cell, parse_date_text(value.strip()), value)
    return EffectiveDate(cell, None, None)


def serial_date(serial: float, date1904: bool = False) -> dt.date | None:
    """An Excel serial day number as a date (the 1900 system unless the workbook says 1904)."""
    if not 1 <= serial <= _MAX_SERIAL:
        return None
    epoch = _EXCEL_1904_EPOCH if date1904 else _EXCEL_EPOCH
    return epoch + dt.timedelta(days=int(serial))


def normalise_answer(cell: Cell, allowed: tuple[str, ...] | None) -> Cell:
    """The cell with its value as the dropdown text it stands for (see module docstring)."""
    value = cell.value
    options = allowed or ()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return replace(cell, value="100%") if value == 1 and "100%" in options else cell
    if isinstance(value, str):
        wanted = " ".join(value.split()).casefold()
        for option in options:
            if option.casefold() == wanted:
                return cell if option == value else replace(cell, value=option)
    return cell


def read_answers(workbook: Workbook, layout: Layout, minerals: tuple[str, ...]) -> Answers:
    """Per-mineral answers, hidden vestigial answers and company answers, mapped to minerals."""
    answers: list[MineralAnswer] = []
    hidden: list[MineralAnswer] = []
    for question in layout.questions:
        for row in question.rows:
            mineral = _mineral_of(row, minerals)
            item = _answer(workbook, question.number, row, mineral or f"row {row.row}")
            if mineral is not None:
                answers.append(item)
            elif row.hidden and row.slot is None:
                hidden.append(item)
    company = [
        answer for question in layout.company_questions for answer in _company(workbook, question, minerals)
    ]
    return Answers(tuple(answers), tuple(hidden), tuple(company))


def _mineral_of(row: AnswerRow, minerals: tuple[str, ...]) -> str | None:
    """The mineral a row answers for: its fixed mineral, or the mineral in its slot (None if empty)."""
    if row.slot is not None:
        return minerals[row.slot - 1] if row.slot <= len(minerals) else None
    return None if row.hidden else row.mineral


def _answer(workbook: Workbook, number: int, row: AnswerRow, mineral: str) -> MineralAnswer:
    answer = normalise_answer(_cell(workbook, row.answer), row.allowed)
    return MineralAnswer(number, mineral, answer, _cell(workbook, row.comment))


def _company(workbook: Workbook, question: CompanyQuestion, minerals: tuple[str, ...]) -> list[CompanyAnswer]:
    if question.answer is not None and question.comment is not None:
        answer = normalise_answer(_cell(workbook, question.answer), question.allowed)
        return [CompanyAnswer(question.key, answer, _cell(workbook, question.comment))]
    found: list[CompanyAnswer] = []
    for row in question.per_mineral:
        mineral = _mineral_of(row, minerals)
        if mineral is not None:
            answer = normalise_answer(_cell(workbook, row.answer), row.allowed)
            found.append(CompanyAnswer(question.key, answer, _cell(workbook, row.comment), mineral))
    return found
