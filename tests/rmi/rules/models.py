"""Hand-built ``TemplateModel`` objects for rule tests: a complete, valid declaration per revision.

Built from the layout data alone (no workbook, no reader), so a rule test states exactly which
cells it breaks: ``set_cell(valid_model("CMRT/6.5"), "Declaration!D33", None)``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from rmi import layouts
from rmi.model import (
    Cell,
    CompanyAnswer,
    EffectiveDate,
    Family,
    LookupEntry,
    MineralAnswer,
    MineralSelection,
    ProductRow,
    Scalar,
    SmelterRow,
    TemplateIdentity,
    TemplateModel,
)

TODAY = dt.date(2026, 11, 25)
EFFECTIVE = dt.date(2026, 10, 1)
POLICY_URL = "https://www.example.com/minerals-policy"
SELECTABLE_DEFAULTS = {"EMRT": ("Cobalt", "Copper", "Graphite", "Lithium", "Mica", "Nickel")}
AMRT_MINERALS = ("Aluminum", "Silver", "Zinc")
PEOPLE: Mapping[str, Scalar] = {
    "company_name": "Kestrel Precision Components GmbH",
    "declaration_scope": "A. Company",
    "address": "Industriestr. 12, Stuttgart",
    "contact_name": "Jane Miller",
    "contact_email": "compliance@kestrel.example.com",
    "contact_phone": "+49 711 555 0142",
    "authorizer_name": "Thomas Becker",
    "authorizer_title": "Head of Quality",
    "authorizer_email": "t.becker@kestrel.example.com",
    "authorizer_phone": "+49 711 555 0100",
}


def cell(ref: str, value: Scalar = None) -> Cell:
    sheet, _, address = ref.rpartition("!")
    return Cell(sheet, address, value)


def lookup_for(minerals: Iterable[str]) -> tuple[LookupEntry, ...]:
    """A tiny smelter look-up: two smelters per mineral, the first with an alias."""
    entries: list[LookupEntry] = []
    for index, mineral in enumerate(minerals):
        first, second = f"CID{index * 2 + 1:06d}", f"CID{index * 2 + 2:06d}"
        entries += [
            LookupEntry(mineral, f"{mineral} Works Ltd", f"{mineral} Works Ltd", "GERMANY", first, "RMI"),
            LookupEntry(
                mineral, f"{mineral} Works (old name)", f"{mineral} Works Ltd", "GERMANY", first, "RMI"
            ),
            LookupEntry(mineral, f"{mineral} Refinery SA", f"{mineral} Refinery SA", "CHILE", second, "RMI"),
            LookupEntry(mineral, "Smelter not listed", "", "", "", ""),
        ]
    return tuple(entries)


def smelter(
    row: int,
    metal: str,
    lookup: str = "",
    *,
    cid: str = "",
    typed_cid: str = "",
    name: str = "",
    country: str = "",
    sheet: str = "Smelter List",
) -> SmelterRow:
    """A Smelter List row as read: ``cid`` is the auto-filled column F, ``typed_cid`` column A."""

    def at(column: str, value: Scalar = None) -> Cell:
        return Cell(sheet, f"{column}{row}", value or None)

    return SmelterRow(
        row=row,
        smelter_id_input=at("A", typed_cid),
        metal=at("B", metal),
        smelter_lookup=at("C", lookup),
        smelter_name=at("D", name or ("" if lookup.casefold() == "smelter not listed" else lookup)),
        country=at("E", country),
        smelter_id=at("F", cid),
        id_source=at("G", "RMI" if cid else None),
        street=at("H"),
        city=at("I"),
        state_province=at("J"),
        contact_name=at("K"),
        contact_email=at("L"),
        proposed_next_steps=at("M"),
        mine_name=at("N"),
        mine_country=at("O"),
        recycled_scrap=at("P"),
        comments=at("Q"),
        derived_cid=cid or None,
        derived_metal=metal or None,
    )


def _preferred(text: str, allowed: tuple[str, ...]) -> str:
    lowered = text.casefold()
    if ("recycled" in lowered or ("source" in lowered and "smelters" in lowered)) and "No" in allowed:
        return "No"
    for choice in ("100%", "Yes"):
        if choice in allowed:
            return choice
    return next((option for option in allowed if option.startswith("Yes")), allowed[0])


def _minerals(layout: layouts.Layout) -> tuple[str, ...]:
    if not layout.minerals.selectable:
        return layout.minerals.fixed
    if layout.family is Family.EMRT:
        return SELECTABLE_DEFAULTS["EMRT"]
    return AMRT_MINERALS


def _selections(layout: layouts.Layout, minerals: tuple[str, ...]) -> tuple[MineralSelection, ...]:
    if not layout.minerals.selectable:
        return ()
    cells = layout.minerals.input_cells[: len(minerals)]
    return tuple(MineralSelection(m, cell(ref.ref, m)) for m, ref in zip(minerals, cells, strict=True))


def _answers(
    layout: layouts.Layout, minerals: tuple[str, ...]
) -> tuple[list[MineralAnswer], list[MineralAnswer]]:
    visible: list[MineralAnswer] = []
    hidden: list[MineralAnswer] = []
    for question in layout.questions:
        for row in question.rows:
            if row.slot is not None:
                if row.slot > len(minerals):
                    continue
                mineral = minerals[row.slot - 1]
            elif row.hidden:
                prefilled = (
                    "No"
                    if question.number == 1 or (layout.family is Family.EMRT and question.number == 2)
                    else None
                )
                hidden.append(
                    MineralAnswer(
                        question.number,
                        f"row {row.row}",
                        cell(row.answer.ref, prefilled),
                        cell(row.comment.ref),
                    )
                )
                continue
            else:
                mineral = row.mineral or ""
            value = _preferred(question.text, row.allowed)
            visible.append(
                MineralAnswer(question.number, mineral, cell(row.answer.ref, value), cell(row.comment.ref))
            )
    return visible, hidden


def _company_answers(layout: layouts.Layout, minerals: tuple[str, ...]) -> list[CompanyAnswer]:
    url_cells = {row.checks for row in layout.checker_rows if row.checks and "LEN(" in (row.complete or "")}
    found: list[CompanyAnswer] = []
    for question in layout.company_questions:
        if question.answer is not None and question.comment is not None:
            comment = POLICY_URL if question.comment.ref in url_cells else None
            value = _preferred(question.text, question.allowed)
            found.append(
                CompanyAnswer(
                    question.key, cell(question.answer.ref, value), cell(question.comment.ref, comment)
                )
            )
        for row in question.per_mineral:
            mineral = (
                minerals[row.slot - 1] if row.slot is not None and row.slot <= len(minerals) else row.mineral
            )
            if mineral in minerals:
                value = _preferred(question.text, row.allowed)
                found.append(
                    CompanyAnswer(question.key, cell(row.answer.ref, value), cell(row.comment.ref), mineral)
                )
    return found


def valid_model(key: str = "CMRT/6.5") -> TemplateModel:
    """A complete declaration of ``key`` that the Checker (and every rule) accepts."""
    layout = layouts.layout(key)
    minerals = _minerals(layout)
    company = {name: cell(spec.cell.ref, PEOPLE.get(name)) for name, spec in layout.company_fields.items()}
    company["effective_date"] = cell(layout.company_fields["effective_date"].cell.ref, EFFECTIVE)
    answers, hidden = _answers(layout, minerals)
    lookup = lookup_for(minerals) if layout.smelter_lookup is not None else ()
    smelters = tuple(
        smelter(5 + index, mineral, f"{mineral} Works Ltd", cid=f"CID{index * 2 + 1:06d}")
        if lookup
        else smelter(5 + index, mineral, name=f"{mineral} Works Ltd", country="GERMANY")
        for index, mineral in enumerate(minerals)
    )
    identity = TemplateIdentity(layout.family, layout.version, "English", "en", "test", layout_key=key)
    return TemplateModel(
        identity=identity,
        company=company,
        effective_date=EffectiveDate(company["effective_date"], EFFECTIVE, None),
        minerals=minerals,
        minerals_in_scope=_selections(layout, minerals),
        mineral_answers=tuple(answers),
        company_answers=tuple(_company_answers(layout, minerals)),
        smelters=smelters,
        mines=(),
        products=(),
        lookup=lookup,
        hidden_answers=tuple(hidden),
    )


def set_cells(model: TemplateModel, values: Mapping[str, Scalar]) -> TemplateModel:
    """The model with the cells at these refs holding new values (wherever the model keeps them)."""

    def swap(item: Cell) -> Cell:
        return dataclasses.replace(item, value=values[item.ref]) if item.ref in values else item

    changed = _map_cells(model, swap)
    date_cell = changed.effective_date.cell
    value = date_cell.value
    if isinstance(value, str):
        effective = EffectiveDate(date_cell, None, value)
    else:
        effective = EffectiveDate(date_cell, value if isinstance(value, dt.date) else None, None)
    return dataclasses.replace(changed, effective_date=effective)


def set_cell(model: TemplateModel, ref: str, value: Scalar) -> TemplateModel:
    return set_cells(model, {ref: value})


def _map_cells(model: TemplateModel, swap: Callable[[Cell], Cell]) -> TemplateModel:
    def each(item: Any) -> Any:
        if isinstance(item, Cell):
            return swap(item)
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            changes = {
                f.name: each(getattr(item, f.name)) for f in dataclasses.fields(item) if f.name != "lookup"
            }
            return dataclasses.replace(item, **changes)
        if isinstance(item, tuple):
            return tuple(each(element) for element in item)
        if isinstance(item, dict):
            return {name: each(element) for name, element in item.items()}
        return item

    result: TemplateModel = each(model)
    return result


def with_smelters(model: TemplateModel, *rows: SmelterRow) -> TemplateModel:
    return dataclasses.replace(model, smelters=tuple(rows))


def with_products(model: TemplateModel, *numbers: str) -> TemplateModel:
    rows = tuple(
        ProductRow(
            6 + i,
            Cell("Product List", f"B{6 + i}", n),
            Cell("Product List", f"C{6 + i}"),
            Cell("Product List", f"D{6 + i}"),
        )
        for i, n in enumerate(numbers)
    )
    return dataclasses.replace(model, products=rows)


def answer_ref(model: TemplateModel, question: int, mineral: str) -> str:
    found = model.answer(question, mineral)
    assert found is not None, (question, mineral)
    return found.answer.ref


def company_ref(model: TemplateModel, key: str, mineral: str | None = None, *, comment: bool = False) -> str:
    for item in model.company_answers:
        if item.key == key and item.mineral == mineral:
            return (item.comment if comment else item.answer).ref
    raise KeyError(key)
