"""Where every value lives in each RMI template revision surveybot reads cell by cell, as typed objects.

The knowledge comes from ``rmi/data/layouts.json``, which ``tools/build_layouts.py`` distils from the
shared layout reference. Keeping it as data (not code) means a new template version is a rebuild of
that file, and the detector, the reader and the rules all agree on the same cell addresses.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rmi.model import Family


@dataclass(frozen=True, slots=True)
class CellRef:
    """A cell address on a named sheet, parsed from ``"Declaration!D26"``."""

    sheet: str
    address: str

    @classmethod
    def parse(cls, ref: str) -> CellRef:
        sheet, _, address = ref.rpartition("!")
        return cls(sheet, address.replace("$", ""))

    @property
    def ref(self) -> str:
        return f"{self.sheet}!{self.address}"


@dataclass(frozen=True, slots=True)
class AnswerRow:
    """One answer row: a question for one mineral (fixed families) or one slot (EMRT 2.x, AMRT).

    ``mineral`` is None for slot rows and for the hidden vestigial rows of EMRT 1.x and CRT.
    ``allowed`` holds text only: the 0%-formatted number 1 of older templates appears as "100%".
    """

    mineral: str | None
    slot: int | None
    hidden: bool
    row: int
    answer: CellRef
    comment: CellRef
    allowed: tuple[str, ...]
    hundred_percent_is_number: bool
    checker_row: int | None
    required_when: str | None


@dataclass(frozen=True, slots=True)
class Question:
    """A per-mineral question of the Declaration: its number, label and one answer row per mineral."""

    number: int
    text: str
    rows: tuple[AnswerRow, ...]


@dataclass(frozen=True, slots=True)
class CompanyQuestion:
    """A company-level question; ``per_mineral`` is set where the template splits it (question C)."""

    key: str
    text: str
    answer: CellRef | None
    comment: CellRef | None
    allowed: tuple[str, ...]
    checker_row: int | None
    required_when: str | None
    per_mineral: tuple[AnswerRow, ...]


@dataclass(frozen=True, slots=True)
class CompanyField:
    """One company-information cell of the Declaration and what may be typed in it."""

    key: str
    cell: CellRef
    required: bool | str
    condition: str | None
    checker_row: int | None
    allowed: tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class MineralSpec:
    """Fixed minerals (CMRT, EMRT 1.x, CRT) or the selectable slots of EMRT 2.x and AMRT."""

    fixed: tuple[str, ...]
    input_cells: tuple[CellRef, ...]
    allowed: Mapping[str, tuple[str, ...] | None]
    other_cells: Mapping[str, CellRef]
    other_value: str | None
    sorted_cells: tuple[CellRef, ...]

    @property
    def selectable(self) -> bool:
        return bool(self.input_cells)


@dataclass(frozen=True, slots=True)
class ListSheet:
    """A row-per-item sheet (Smelter List, Mine List, Product List, Minerals Scope)."""

    sheet: str
    first_row: int
    last_row: int
    columns: Mapping[str, str]
    visible_columns: tuple[str, ...]
    revision_cell: str | None = None
    recycled_options: Mapping[str, str] | None = None
    typed_name_lookup: bool = False
    """Smelter List only: a "Smelter not listed" row whose typed name is a known alias still finds
    its smelter (CMRT 6.22 and later)."""


@dataclass(frozen=True, slots=True)
class CheckerRow:
    """One row of the template's own Checker sheet: necessary (F) × complete (G) = missing (H)."""

    row: int
    item: str | None
    checks: str | None
    value_formula: str | None
    necessary: str | int | None
    meaning: str | None
    complete: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class DetectionCells:
    """The sheets and cells that tell which template and revision a workbook is."""

    sheets: tuple[str, ...]
    title_cell: CellRef
    title: str
    version_cells: tuple[CellRef, ...]
    revision_first_row: int


@dataclass(frozen=True, slots=True)
class Layout:
    """Everything the runtime knows about one template version, keyed like ``"CMRT/6.5"``."""

    key: str
    family: Family
    version: str
    detection: DetectionCells
    language_cell: CellRef
    languages: tuple[str, ...]
    company_fields: Mapping[str, CompanyField]
    minerals: MineralSpec
    questions: tuple[Question, ...]
    company_questions: tuple[CompanyQuestion, ...]
    comment_requirements: tuple[Mapping[str, Any], ...]
    smelter_list: ListSheet
    mine_list: ListSheet | None
    product_list: ListSheet
    minerals_scope: ListSheet | None
    smelter_lookup: ListSheet | None
    checker_total_cell: str
    checker_rows: tuple[CheckerRow, ...]


def _answer_row(raw: Mapping[str, Any]) -> AnswerRow:
    return AnswerRow(
        mineral=raw["mineral"],
        slot=raw["slot"],
        hidden=raw["hidden"],
        row=raw["row"],
        answer=CellRef.parse(raw["answer"]),
        comment=CellRef.parse(raw["comment"]),
        allowed=tuple(raw["allowed"]),
        hundred_percent_is_number=raw["hundred_percent_is_number"],
        checker_row=raw["checker_row"],
        required_when=raw["required_when"],
    )


def _company_question(raw: Mapping[str, Any]) -> CompanyQuestion:
    return CompanyQuestion(
        key=raw["key"],
        text=raw["text"],
        answer=CellRef.parse(raw["answer"]) if raw["answer"] else None,
        comment=CellRef.parse(raw["comment"]) if raw["comment"] else None,
        allowed=tuple(raw["allowed"]),
        checker_row=raw["checker_row"],
        required_when=raw["required_when"],
        per_mineral=tuple(_answer_row(row) for row in raw["per_mineral"]),
    )


def _company_field(key: str, raw: Mapping[str, Any]) -> CompanyField:
    allowed = raw.get("allowed")
    return CompanyField(
        key=key,
        cell=CellRef.parse(raw["cell"]),
        required=raw["required"],
        condition=raw["condition"],
        checker_row=raw["checker_row"],
        allowed=tuple(allowed) if allowed else None,
    )


def _minerals(raw: Mapping[str, Any]) -> MineralSpec:
    if raw["mode"] == "fixed":
        return MineralSpec(tuple(raw["list"]), (), {}, {}, None, ())
    return MineralSpec(
        fixed=(),
        input_cells=tuple(CellRef.parse(cell) for cell in raw["input_cells"]),
        allowed={cell: tuple(values) if values else None for cell, values in raw["allowed"].items()},
        other_cells={cell: CellRef.parse(other) for cell, other in raw["other_cells"].items()},
        other_value=raw["other_value"],
        sorted_cells=tuple(CellRef.parse(cell) for cell in raw["sorted_cells"]),
    )


def _list_sheet(raw: Mapping[str, Any] | None) -> ListSheet | None:
    if raw is None:
        return None
    options = raw.get("recycled_options")
    return ListSheet(
        sheet=raw["sheet"],
        first_row=raw["first_row"],
        last_row=raw["last_row"],
        columns=dict(raw["columns"]),
        visible_columns=tuple(raw.get("visible_columns") or raw["columns"].values()),
        revision_cell=raw.get("revision_cell"),
        recycled_options=dict(zip(options["cells"], options["values"], strict=True)) if options else None,
        typed_name_lookup=bool(raw.get("typed_name_lookup")),
    )


def _required_list_sheet(raw: Mapping[str, Any]) -> ListSheet:
    built = _list_sheet(raw)
    assert built is not None
    return built


def _detection(raw: Mapping[str, Any]) -> DetectionCells:
    return DetectionCells(
        sheets=tuple(raw["sheets"]),
        title_cell=CellRef.parse(raw["title_cell"]),
        title=raw["title"],
        version_cells=tuple(CellRef.parse(cell) for cell in raw["version_cells"]),
        revision_first_row=raw["revision_first_row"],
    )


def _checker_rows(rows: Sequence[Mapping[str, Any]]) -> tuple[CheckerRow, ...]:
    return tuple(
        CheckerRow(
            row=int(row["row"]),
            item=row.get("item"),
            checks=row.get("checks"),
            value_formula=row.get("value_formula"),
            necessary=row.get("necessary"),
            meaning=row.get("meaning"),
            complete=row.get("complete"),
            note=row.get("note"),
        )
        for row in rows
    )


def _layout(key: str, raw: Mapping[str, Any]) -> Layout:
    return Layout(
        key=key,
        family=Family(raw["family"]),
        version=raw["version"],
        detection=_detection(raw["detection"]),
        language_cell=CellRef.parse(raw["language"]["cell"]),
        languages=tuple(raw["language"]["allowed"]),
        company_fields={name: _company_field(name, spec) for name, spec in raw["company_fields"].items()},
        minerals=_minerals(raw["minerals"]),
        questions=tuple(
            Question(item["number"], item["text"], tuple(_answer_row(row) for row in item["rows"]))
            for item in raw["questions"]
        ),
        company_questions=tuple(_company_question(item) for item in raw["company_questions"]),
        comment_requirements=tuple(raw["comment_requirements"]),
        smelter_list=_required_list_sheet(raw["smelter_list"]),
        mine_list=_list_sheet(raw["mine_list"]),
        product_list=_required_list_sheet(raw["product_list"]),
        minerals_scope=_list_sheet(raw["minerals_scope"]),
        smelter_lookup=_list_sheet(raw["smelter_lookup"]),
        checker_total_cell=raw["checker"]["total_cell"],
        checker_rows=_checker_rows(raw["checker"]["rows"]),
    )


@cache
def _raw() -> Mapping[str, Any]:
    # Next to this module, as the package installs it; importlib.resources would cost more to
    # import (tempfile, random…) than reading the file does.
    text = Path(__file__).with_name("data").joinpath("layouts.json").read_text(encoding="utf-8")
    return _RawLayouts.of(text)


class _RawLayouts(Mapping[str, Any]):
    """The file's top-level entries, each decoded on first use (the file is 0.8 MB; a check needs
    one layout). Entries are found where ``json.dumps(indent=1)`` puts them: a line opening with
    one space and a quote; a file laid out otherwise is decoded whole."""

    def __init__(self, text: str, offsets: dict[str, int]) -> None:
        self._text = text
        self._offsets = offsets
        self._decoded: dict[str, Any] = {}

    @classmethod
    def of(cls, text: str) -> Mapping[str, Any]:
        offsets: dict[str, int] = {}
        position = text.find('\n "')
        while position >= 0:
            key_end = text.find('": ', position)
            offsets[text[position + 3 : key_end]] = key_end + 3
            position = text.find('\n "', key_end)
        if not offsets:
            loaded: Mapping[str, Any] = json.loads(text)
            return loaded
        return cls(text, offsets)

    def __getitem__(self, key: str) -> Any:
        if key not in self._decoded:
            self._decoded[key] = json.JSONDecoder().raw_decode(self._text, self._offsets[key])[0]
        return self._decoded[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._offsets)

    def __len__(self) -> int:
        return len(self._offsets)


class _Layouts(Mapping[str, Layout]):
    """Every layout by key, each built on first look-up: a check reads one of them, not all."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self._raw = raw
        self._keys = tuple(key for key in raw if not key.startswith("_"))
        self._built: dict[str, Layout] = {}

    def __getitem__(self, key: str) -> Layout:
        found = self._built.get(key)
        if found is None:
            if key.startswith("_"):
                raise KeyError(key)
            found = self._built[key] = _layout(key, self._raw[key])
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def versions(self, family: Family) -> tuple[str, ...]:
        """From the keys alone ("CMRT/6.5"), which the build writes as family/version."""
        keys = (key.partition("/") for key in self._keys)
        return tuple(version for name, _, version in keys if name == family.value)


@cache
def all_layouts() -> _Layouts:
    """Every known template layout by key ("CMRT/6.5", …), in the reference's order."""
    return _Layouts(_raw())


def layout(key: str) -> Layout:
    """The layout for ``"FAMILY/VERSION"``; KeyError for a version surveybot does not know."""
    return all_layouts()[key]


def versions(family: Family) -> tuple[str, ...]:
    return all_layouts().versions(family)


def trim_last_columns() -> Mapping[str, str]:
    """Per list sheet, the last column a supplier can see (rows below the last value there are empty)."""
    columns: Mapping[str, str] = _raw()["_meta"]["trim_last_columns"]
    return columns
