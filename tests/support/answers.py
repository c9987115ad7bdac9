"""Complete, valid answer sets for every RMI template version, as a careful supplier would fill them.

Every set is derived from the layout reference (``rmi-layouts.json``) and the template's OWN Smelter
Look-up sheet, and is proven by ``test_workbooks.py``: after LibreOffice recalculates it, RMI's
Checker sheet counts 0 missing items. Tests start from ``valid_answers(...)`` and break one thing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from tests.support.jobs import CellValue, FillJob, Formula, SmelterEntry, layouts, split_ref, template_path

POLICY_URL = "https://www.kestrel-components.example/responsible-minerals-policy"
LANGUAGES = ("English", "Chinese", "Japanese")
# Minerals a supplier of an AMRT declares (each has smelters in AMRT 1.3's own Look-up sheet).
AMRT_MINERALS = ("Aluminum", "Silver", "Zinc")
AMRT_12_SMELTERS = {
    "Aluminum": ("Nordic Aluminium Smelter AS", "NORWAY"),
    "Silver": ("Sierra Plata Refinería S.A. de C.V.", "MEXICO"),
    "Zinc": ("Hanse Zink Hütte GmbH", "GERMANY"),
}
UNLISTED_SMELTERS = {"Graphite": ("Qingdao Haida Graphite Processing Co., Ltd.", "CHINA")}
NOT_LISTED = "Smelter not listed"
_EXCEL_EPOCH = dt.date(1899, 12, 30)


@dataclass(frozen=True, slots=True)
class AnswerSet:
    """Everything typed into one template: plain cells plus Smelter List rows (top-down from row 5)."""

    key: str
    language: str
    today: dt.date
    minerals: tuple[str, ...]
    cells: Mapping[str, CellValue]
    smelters: tuple[SmelterEntry, ...] = ()
    checker_total: str = ""
    notes: tuple[str, ...] = field(default=(), compare=False)

    @property
    def template(self) -> Path:
        return template_path(self.key)

    def job(self) -> FillJob:
        return FillJob(self.template, dict(self.cells), self.smelters, layout_key=self.key)

    def with_cells(self, cells: Mapping[str, CellValue]) -> AnswerSet:
        return replace(self, cells={**self.cells, **cells})

    def with_smelters(self, smelters: Sequence[SmelterEntry]) -> AnswerSet:
        return replace(self, smelters=tuple(smelters))


def layout(key: str) -> Mapping[str, Any]:
    found: Mapping[str, Any] = layouts()[key]
    return found


def language_value(key: str, language: str) -> str:
    """The exact Declaration!D3 dropdown value for "English", "Chinese", "Japanese", …"""
    for allowed in layout(key)["language"]["allowed"]:
        if language.casefold() in allowed.casefold():
            return str(allowed)
    raise ValueError(f"{key} offers no language {language!r}")


def company_values(language: str) -> dict[str, str]:
    people = {
        "Chinese": ("苏州精工电子有限公司", "王丽", "陈志强", "江苏省苏州市工业园区星湖街 328 号"),
        "Japanese": ("株式会社東洋精密部品", "佐藤 花子", "鈴木 一郎", "大阪府大阪市北区梅田 2-4-9"),
    }
    company, contact, authorizer, address = people.get(
        language,
        (
            "Kestrel Precision Components GmbH",
            "Jane Miller",
            "Thomas Becker",
            "Industriestr. 12, 70565 Stuttgart",
        ),
    )
    return {
        "company_name": company,
        "declaration_scope": "A. Company",
        "company_unique_id": "DE-HRB-735912",
        "company_unique_id_authority": "Handelsregister Stuttgart",
        "address": address,
        "contact_name": contact,
        "contact_email": "compliance@kestrel-components.example",
        "contact_phone": "+49 711 555 0142",
        "authorizer_name": authorizer,
        "authorizer_title": "Head of Quality",
        "authorizer_email": "t.becker@kestrel-components.example",
        "authorizer_phone": "+49 711 555 0100",
    }


def effective_date(key: str, today: dt.date) -> dt.date:
    """A date within the last 12 months that the template's own date validation still accepts."""
    wanted = today - dt.timedelta(days=30)
    validation = layout(key)["company_fields"]["effective_date"].get("validation") or {}
    if validation.get("formula2"):
        latest = _EXCEL_EPOCH + dt.timedelta(days=int(validation["formula2"]))
        if today - dt.timedelta(days=365) < latest < wanted:
            return latest
    return wanted


def declared_minerals(key: str) -> tuple[str, ...]:
    """The minerals the answer set declares, in the template's slot order (sorted for EMRT 2.x/AMRT)."""
    minerals = layout(key)["minerals"]
    if minerals["mode"] == "fixed":
        return tuple(minerals["minerals"])
    if key.startswith("EMRT"):
        chosen = [spec["allowed"][0] for spec in minerals["input_cells"].values()]
        return tuple(sorted(chosen, key=str.casefold))
    return AMRT_MINERALS


def mineral_selection_cells(key: str) -> dict[str, CellValue]:
    minerals = layout(key)["minerals"]
    if minerals["mode"] == "fixed":
        return {}
    if key.startswith("EMRT"):
        return {ref: spec["allowed"][0] for ref, spec in minerals["input_cells"].items()}
    picks = iter(AMRT_MINERALS)
    return {ref: next(picks, None) for ref in minerals["input_cells"]}


def preferred_answer(question_text: str, allowed: Sequence[Any]) -> Any:
    """A careful, clean answer: sources outside risk areas, not all recycled, full survey response."""
    text = question_text.casefold()
    about_risky_sources = "recycled" in text or ("source" in text and "smelters" in text)
    if about_risky_sources and "No" in allowed:
        return "No"
    for choice in ("100%", 1, "Yes"):
        if choice in allowed:
            return choice
    return next((value for value in allowed if str(value).startswith("Yes")), allowed[0])


def question_cells(key: str, minerals: Sequence[str]) -> dict[str, CellValue]:
    """Answers to every visible question row of every declared mineral (hidden rows keep their "No")."""
    cells: dict[str, CellValue] = {}
    for question in layout(key)["questions"].values():
        for row in question["rows"]:
            if _row_in_use(row, minerals):
                allowed = row.get("allowed") or ["Yes"]
                cells[row["answer_cell"]] = preferred_answer(question["text"], allowed)
    return cells


def company_question_cells(key: str, minerals: Sequence[str]) -> dict[str, CellValue]:
    cells: dict[str, CellValue] = {}
    for question in (layout(key)["company_questions"] or {}).values():
        rows = question.get("per_mineral_rows")
        if not rows:
            cells[question["answer_cell"]] = preferred_answer(question["text"], question["allowed"])
            continue
        for row in rows:
            if _row_in_use(row, minerals):
                cells[row["answer_cell"]] = preferred_answer(question["text"], row["allowed"])
    for requirement in layout(key)["comment_requirements"]:
        if requirement["kind"] == "checker" and "URL" in requirement["rule"]:
            cells[requirement["cell"]] = POLICY_URL
    return cells


def _row_in_use(row: Mapping[str, Any], minerals: Sequence[str]) -> bool:
    if row.get("hidden_row"):
        return False
    name = str(row.get("mineral") or "")
    if name.startswith("slot"):
        return int(name.removeprefix("slot")) <= len(minerals)
    return name in minerals


def company_cells(key: str, language: str, today: dt.date) -> dict[str, CellValue]:
    fields = layout(key)["company_fields"]
    values: dict[str, CellValue] = dict(company_values(language))
    values["effective_date"] = effective_date(key, today)
    return {fields[name]["cell"]: value for name, value in values.items() if name in fields}


def leftover_clears(key: str) -> dict[str, CellValue]:
    """Undo the leftovers a "blank" supplied file carries; an overwritten auto-fill formula comes back."""
    return {
        item["cell"]: template_formula(key, item["cell"])
        for item in layout(key)["supplied_file_leftover_inputs"]
    }


def template_formula(key: str, ref: str) -> Formula | None:
    """The Smelter List auto-fill formula the template has for ``ref`` (None where it has none)."""
    sheet, address = split_ref(ref)
    smelter_list = layout(key)["smelter_list"]
    match = re.fullmatch(r"([A-Z]+)(\d+)", address)
    if not match or sheet != smelter_list["sheet"]:
        return None
    column = smelter_list["columns"].get(match.group(1)) or {}
    # B and C formulas stay off: their leftovers are overwritten by the answer set's first smelter
    if not column.get("formula") or column["key"] in ("metal", "smelter_lookup"):
        return None
    source_row, row = column["formula_taken_from_row"], match.group(2)
    return Formula(re.sub(rf"(?<=[A-Z]){source_row}(?!\d)", row, column["formula"]))


def valid_answers(key: str, *, today: dt.date, language: str = "English") -> AnswerSet:
    """A complete declaration for template ``key`` that RMI's Checker accepts (total 0)."""
    minerals = declared_minerals(key)
    language_label = language_value(key, language)
    cells: dict[str, CellValue] = leftover_clears(key)
    cells["Declaration!D3"] = language_label
    cells.update(company_cells(key, language, today))
    cells.update(mineral_selection_cells(key))
    cells.update(question_cells(key, minerals))
    cells.update(company_question_cells(key, minerals))
    return AnswerSet(
        key=key,
        language=language_label,
        today=today,
        minerals=minerals,
        cells=cells,
        smelters=valid_smelters(key, minerals),
        checker_total=f"Checker!{layout(key)['checker']['total_cell']}",
    )


@dataclass(frozen=True, slots=True)
class LookupRow:
    metal: str
    alias: str
    standard_name: str
    country: str
    cid: str


@lru_cache(maxsize=32)
def lookup_rows(key: str) -> tuple[LookupRow, ...]:
    """Rows of the template's own Smelter Look-up sheet (empty for AMRT 1.2, which has none)."""
    spec = layout(key)["smelter_lookup"]
    if not spec:
        return ()
    sheet = CalamineWorkbook.from_path(str(template_path(key))).get_sheet_by_name(spec["sheet"])
    first_row = sheet.start[0] if sheet.start else 0
    rows = sheet.to_python()[spec["first_row"] - 1 - first_row : spec["last_row"] - first_row]
    return tuple(
        LookupRow(*(str(value).strip() for value in row[:5])) for row in rows if row and str(row[0]).strip()
    )


def valid_smelters(key: str, minerals: Sequence[str]) -> tuple[SmelterEntry, ...]:
    """Two rows per declared mineral: a Look-up dropdown pick, and (where it exists) a typed CID."""
    rows = lookup_rows(key)
    if not rows:
        return tuple(
            SmelterEntry(
                metal=mineral, name=AMRT_12_SMELTERS[mineral][0], country=AMRT_12_SMELTERS[mineral][1]
            )
            for mineral in minerals
        )
    entries: list[SmelterEntry] = []
    for mineral in minerals:
        candidates = [row for row in rows if row.metal == mineral and row.cid.startswith("CID")]
        if not candidates:  # e.g. Graphite in EMRT 2.x: no RMI-known processor yet
            name, country = UNLISTED_SMELTERS.get(mineral, ("Unlisted Processing Co., Ltd.", "CHINA"))
            entries.append(SmelterEntry(metal=mineral, lookup_name=NOT_LISTED, name=name, country=country))
            continue
        picked = candidates[0]
        # A second smelter, not another alias of the first: a valid file lists no smelter twice.
        typed = _typed_cid_candidate(rows, [row for row in candidates if row.cid != picked.cid])
        entries.append(SmelterEntry(metal=mineral, lookup_name=picked.alias))
        if typed is not None:
            entries.append(SmelterEntry(cid=typed.cid))
    return tuple(entries)


def _typed_cid_candidate(rows: Sequence[LookupRow], candidates: Sequence[LookupRow]) -> LookupRow | None:
    """A row whose CID, typed into column A, makes the formulas find this very metal and a known alias."""
    for candidate in candidates:
        first = next(row for row in rows if row.cid == candidate.cid)
        aliases = {row.alias for row in rows if row.metal == first.metal}
        if first.metal == candidate.metal and first.standard_name in aliases:
            return candidate
    return None
