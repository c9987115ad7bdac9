"""The company's own declaration, derived from its suppliers' accepted declarations.

The rule (also in the README), per mineral over each supplier's latest accepted declaration:

* "intentionally added" and "remains in the product": Yes when any supplier says Yes, else No;
* sourcing from covered countries / conflict-affected areas: Yes when any supplier says Yes; else
  Unknown when a supplier using the mineral answered Unknown or left it blank; else No;
* "100 percent recycled or scrap": Yes only when every supplier using the mineral says Yes; No when
  any says No; else Unknown;
* "percentage of relevant suppliers that responded": accepted declarations ÷ applicable suppliers
  of the campaign (opted-out and not-applicable ones are not relevant), in the template's buckets;
* "identified all of the smelters": Yes only when every relevant supplier is accepted, every one
  using the mineral says Yes and no smelter of the mineral is unidentified; else No;
* "all applicable smelter information reported": Yes (every smelter received is in the list).

A mineral no supplier uses is answered No throughout (identified and reported: Yes). The company
questions come from ``[company.policy_answers]``, except "do you survey your suppliers", which
surveybot answers with the template's IPC-1755 choice. The Smelter List is the campaign's roll-up:
identified smelters by the template's own Look-up name, the rest as "Smelter not listed" with name
and country.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rmi.analysis.declaration import Declaration
from rmi.analysis.rollup import RolledSmelter, Rollup
from rmi.layouts import AnswerRow, Layout
from rmi.model import LookupEntry
from rmi.read.lookup import normalise_cid

NOT_LISTED = "Smelter not listed"
BUCKETS = ((0.9, "Greater than 90%"), (0.75, "Greater than 75%"), (0.5, "Greater than 50%"))


@dataclass(frozen=True, slots=True)
class CompanyFacts:
    fields: Mapping[str, str]  # layout company-field key (company_name, contact_email, …) → value
    policy_answers: Mapping[str, str]  # company question letter → answer
    policy_url: str
    effective: dt.date


@dataclass(frozen=True, slots=True)
class SmelterLine:
    metal: str
    lookup_name: str
    name: str = ""
    country: str = ""


@dataclass(frozen=True, slots=True)
class CompanyDeclaration:
    cells: Mapping[str, str | dt.date]  # "Declaration!D26" → value
    smelters: tuple[SmelterLine, ...]
    response_share: float


def company_declaration(
    spec: Layout,
    latest: Sequence[Declaration],
    rollup: Rollup,
    *,
    accepted: int,
    applicable: int,
    company: CompanyFacts,
    lookup: Sequence[LookupEntry],
    slot_minerals: Sequence[str] = (),
) -> CompanyDeclaration:
    """``slot_minerals``: for templates that number their answer rows by slot (EMRT 2.x), the
    mineral of each slot in the blank's own order (every mineral stays selected; an unused one is
    answered No)."""
    share = accepted / applicable if applicable else 0.0
    cells: dict[str, str | dt.date] = {}
    for key, field in spec.company_fields.items():
        value = company.effective if key == "effective_date" else company.fields.get(key, "")
        if value:
            cells[field.cell.ref] = value
    derive = _Derive(latest, rollup, share)
    for question in spec.questions:
        rule = _rule(question.text)
        for row in question.rows:
            mineral = _mineral(row, slot_minerals)
            if not row.hidden and mineral:
                cells[row.answer.ref] = _allowed(row, rule(derive, mineral))
    cells.update(_company_answers(spec, company, slot_minerals))
    return CompanyDeclaration(cells, _smelter_lines(rollup, lookup), share)


@dataclass(frozen=True, slots=True)
class _Derive:
    latest: Sequence[Declaration]
    rollup: Rollup
    share: float

    def answers(self, phrase: str, mineral: str) -> list[str]:
        return [
            a.value.casefold()
            for d in self.latest
            for a in d.answers
            if a.mineral == mineral and phrase in a.question.casefold()
        ]

    def users(self, mineral: str) -> list[Declaration]:
        return [
            d
            for d in self.latest
            if any(
                a.mineral == mineral and "intentionally added" in a.question.casefold() and a.value == "Yes"
                for a in d.answers
            )
        ]

    def of_users(self, phrases: tuple[str, ...], mineral: str) -> list[str]:
        users = {d.submission_id for d in self.users(mineral)}
        return [
            a.value.casefold()
            for d in self.latest
            if d.submission_id in users
            for a in d.answers
            if a.mineral == mineral and any(p in a.question.casefold() for p in phrases)
        ]


def _any_yes(phrase: str) -> Callable[[_Derive, str], str]:
    return lambda d, m: "Yes" if any(v.startswith("yes") for v in d.answers(phrase, m)) else "No"


def _risk(d: _Derive, mineral: str) -> str:
    values = d.of_users(("covered countries", "conflict-affected"), mineral)
    if any(v.startswith("yes") or v == "drc or adjoining countries only" for v in values):
        return "Yes"
    return "Unknown" if any(v in ("unknown", "") for v in values) else "No"


def _recycled(d: _Derive, mineral: str) -> str:
    values = d.of_users(("100 percent",), mineral)
    if not values:
        return "No"
    if all(v == "yes" for v in values):
        return "Yes"
    return "No" if any(v == "no" for v in values) else "Unknown"


def _percentage(d: _Derive, mineral: str) -> str:
    if d.share >= 1.0:
        return "100%"
    return next(
        (label for floor, label in BUCKETS if d.share > floor), "50% or less" if d.share > 0 else "None"
    )


def _identified(d: _Derive, mineral: str) -> str:
    values = d.of_users(("identified all",), mineral)
    unidentified = any(s.metal == mineral for s in d.rollup.unidentified)
    return "Yes" if d.share == 1.0 and all(v == "yes" for v in values) and not unidentified else "No"


def _rule(text: str) -> Callable[[_Derive, str], str]:
    lowered = text.casefold()
    rules: tuple[tuple[str, Callable[[_Derive, str], str]], ...] = (
        ("intentionally added", _any_yes("intentionally added")),
        ("remain in the product", _any_yes("remain in the product")),
        ("covered countries", _risk),
        ("conflict-affected", _risk),
        ("100 percent", _recycled),
        ("percentage of relevant suppliers", _percentage),
        ("identified all", _identified),
    )
    return next((rule for phrase, rule in rules if phrase in lowered), lambda d, m: "Yes")


def _allowed(row: AnswerRow, value: str) -> str:
    """The derived value as the row's dropdown spells it ("No" where "Unknown" is not offered)."""
    if not row.allowed or value in row.allowed:
        return value
    return next(
        (a for a in row.allowed if a.casefold() == value.casefold()), "No" if "No" in row.allowed else value
    )


def _mineral(row: AnswerRow, slot_minerals: Sequence[str]) -> str | None:
    if row.mineral:
        return row.mineral
    if row.slot is not None and 0 < row.slot <= len(slot_minerals):
        return slot_minerals[row.slot - 1]
    return None


def _company_answers(spec: Layout, company: CompanyFacts, slot_minerals: Sequence[str]) -> dict[str, str]:
    cells: dict[str, str] = {}
    for question in spec.company_questions:
        value = company.policy_answers.get(question.key, "")
        if "survey" in question.text.casefold():
            value = next((a for a in question.allowed if a.casefold().startswith("yes")), value)
        if not value:
            continue
        split = [row for row in question.per_mineral if not row.hidden and _mineral(row, slot_minerals)]
        targets = [row.answer.ref for row in split] or ([question.answer.ref] if question.answer else [])
        cells.update(dict.fromkeys(targets, value))
        if "publicly available" in question.text.casefold() and question.comment and company.policy_url:
            cells[question.comment.ref] = company.policy_url
    return cells


def _smelter_lines(rollup: Rollup, lookup: Sequence[LookupEntry]) -> tuple[SmelterLine, ...]:
    by_cid: dict[str, list[LookupEntry]] = {}
    for entry in lookup:
        if entry.cid:
            by_cid.setdefault(normalise_cid(entry.cid), []).append(entry)
    lines = [_identified_line(s, by_cid.get(s.cid, [])) for s in rollup.identified]
    lines += [SmelterLine(s.metal, NOT_LISTED, s.name, s.country) for s in rollup.unidentified]
    return tuple(lines)


def _identified_line(smelter: RolledSmelter, entries: list[LookupEntry]) -> SmelterLine:
    same_metal = [e for e in entries if e.metal == smelter.metal] or entries
    if not same_metal:  # a CID this template's Look-up does not know yet
        return SmelterLine(smelter.metal, NOT_LISTED, smelter.name, smelter.country)
    entry = next((e for e in same_metal if e.alias == e.standard_name), same_metal[0])
    return SmelterLine(entry.metal, entry.alias)
