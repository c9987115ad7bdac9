"""One accepted declaration as the analysis sees it: answers and smelters, each with its cell.

Built from the reader's ``TemplateModel`` and the submission's facts (who, which campaign, when),
so every computation can point back at the cell a value came from ("Declaration!D32") without
holding the whole workbook. Question texts come from the template's layout, so a scorecard shows
the question the supplier saw.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rmi.layouts import Layout, layout
from rmi.model import Cell, LookupEntry, SmelterRow, TemplateModel
from rmi.read.lookup import normalise_cid

NOT_LISTED = ("smelter not listed", "smelter not yet identified")


@dataclass(frozen=True, slots=True)
class Answer:
    """An answer with its question: ``key`` is "Q3" (per mineral) or "A".."I" (company level)."""

    key: str
    question: str
    value: str
    cell: str
    comment: str = ""
    mineral: str | None = None
    comment_cell: str = ""


@dataclass(frozen=True, slots=True)
class ListedSmelter:
    """One Smelter List row: the CID the template resolves it to ("" when unidentified)."""

    row: int
    cell: str
    metal: str
    cid: str
    name: str
    country: str
    typed_name: str
    not_listed: bool


@dataclass(frozen=True, slots=True)
class Declaration:
    submission_id: int
    supplier_id: int
    campaign_id: int | None
    received_at: dt.datetime
    family: str
    version: str
    company_name: str
    effective_date: dt.date | None
    effective_date_cell: str
    minerals: tuple[str, ...]
    answers: tuple[Answer, ...]
    smelters: tuple[ListedSmelter, ...]

    def answer(self, key: str, mineral: str | None = None) -> Answer | None:
        return next((a for a in self.answers if a.key == key and a.mineral == mineral), None)

    def answers_to(self, key: str) -> tuple[Answer, ...]:
        return tuple(a for a in self.answers if a.key == key)


def from_model(
    model: TemplateModel,
    *,
    submission_id: int,
    supplier_id: int,
    campaign_id: int | None,
    received_at: dt.datetime,
) -> Declaration:
    spec = layout(model.identity.layout_key or f"{model.identity.family}/{model.identity.version}")
    company = model.company.get("company_name")
    return Declaration(
        submission_id=submission_id,
        supplier_id=supplier_id,
        campaign_id=campaign_id,
        received_at=received_at,
        family=model.identity.family.value,
        version=model.identity.version,
        company_name=company.text if company else "",
        effective_date=model.effective_date.date,
        effective_date_cell=model.effective_date.cell.ref,
        minerals=model.minerals,
        answers=_answers(model, spec),
        smelters=_smelters(model),
    )


def _answers(model: TemplateModel, spec: Layout) -> tuple[Answer, ...]:
    texts = {f"Q{q.number}": q.text for q in spec.questions}
    texts |= {q.key: q.text for q in spec.company_questions}
    found = [_answer(f"Q{a.question}", texts, a.answer, a.comment, a.mineral) for a in model.mineral_answers]
    found += [_answer(a.key, texts, a.answer, a.comment, a.mineral) for a in model.company_answers]
    return tuple(found)


def _answer(key: str, texts: dict[str, str], answer: Cell, comment: Cell, mineral: str | None) -> Answer:
    return Answer(key, texts.get(key, ""), answer.text, answer.ref, comment.text, mineral, comment.ref)


def _smelters(model: TemplateModel) -> tuple[ListedSmelter, ...]:
    by_cid: dict[str, LookupEntry] = {}
    for entry in model.lookup:
        if entry.cid:
            by_cid.setdefault(normalise_cid(entry.cid), entry)
    return tuple(_smelter(row, by_cid) for row in model.smelters)


def _smelter(row: SmelterRow, by_cid: dict[str, LookupEntry]) -> ListedSmelter:
    not_listed = row.smelter_lookup.text.casefold() in NOT_LISTED
    cid = normalise_cid(row.derived_cid or row.smelter_id.text or row.smelter_id_input.text)
    cid = cid if cid.startswith("CID") else ""
    entry = by_cid.get(cid)
    typed = row.smelter_name.text or row.smelter_lookup.text
    return ListedSmelter(
        row=row.row,
        cell=row.smelter_id_input.ref,
        metal=row.derived_metal or row.metal.text or (entry.metal if entry else ""),
        cid=cid,
        name=entry.standard_name if entry else typed,
        country=entry.country if entry else row.country.text,
        typed_name=typed if not not_listed else row.smelter_name.text,
        not_listed=not_listed and not cid,
    )
