"""The immutable, typed picture of one returned RMI template.

Every value keeps the sheet and cell it came from, so that a finding can point the supplier at the
exact cell to fix. The reader builds these objects; the rules only read them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

Scalar = str | float | int | bool | dt.date | dt.datetime | None


class Family(StrEnum):
    CMRT = "CMRT"
    EMRT = "EMRT"
    CRT = "CRT"
    AMRT = "AMRT"


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell's value and where it lives.

    ``value`` is what the file holds: the typed input, or the cached result of a formula.
    ``formula_without_cache`` is True when the cell holds a formula that no spreadsheet application
    ever calculated (files written by scripts), so the empty value means "unknown", not "blank".
    """

    sheet: str
    address: str
    value: Scalar = None
    formula_without_cache: bool = False

    @property
    def ref(self) -> str:
        return f"{self.sheet}!{self.address}"

    @property
    def text(self) -> str:
        """The value as a trimmed string ("" when blank); whole floats lose their ".0"."""
        value = self.value
        if type(value) is str:  # most cells: checked first, the rest below
            return value.strip()
        if value is None:
            return ""
        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, dt.datetime | dt.date):
            return value.isoformat()
        return str(value).strip()

    @property
    def is_blank(self) -> bool:
        return self.text == ""


@dataclass(frozen=True, slots=True)
class TemplateIdentity:
    """What the file is: family, version and the language the supplier picked in Declaration!D3."""

    family: Family
    version: str
    language_label: str | None
    language: str
    version_source: str
    layout_key: str = ""
    """The layout the file was read with ("EMRT/2.1" also for a pre-release "2.1a")."""
    read_as: str = ""
    """Set when the revision is newer than every layout we have: the older revision whose layout
    read it after its anchor cells matched ("6.5" for a CMRT 6.6 file)."""

    @property
    def is_prerelease(self) -> bool:
        """A letter-suffixed version ("2.1a"): an RMI pre-release that suppliers should not use."""
        return self.version[-1:].isalpha()


@dataclass(frozen=True, slots=True)
class EffectiveDate:
    """Declaration effective date: a real date, or the raw text when the supplier typed text."""

    cell: Cell
    date: dt.date | None
    raw_text: str | None


@dataclass(frozen=True, slots=True)
class MineralAnswer:
    """Answer to a per-mineral question (Q1..Q8, or the family's equivalent) for one mineral."""

    question: int
    mineral: str
    answer: Cell
    comment: Cell


@dataclass(frozen=True, slots=True)
class CompanyAnswer:
    """Answer to a company-level question (A..I); ``mineral`` is set where the template splits it."""

    key: str
    answer: Cell
    comment: Cell
    mineral: str | None = None


@dataclass(frozen=True, slots=True)
class MineralSelection:
    """A mineral the supplier put in scope (EMRT 2.x, AMRT), with the cell that selected it."""

    mineral: str
    cell: Cell
    other_name: Cell | None = None


@dataclass(frozen=True, slots=True)
class SmelterRow:
    """One used row of the Smelter List, inputs and formula-filled columns alike.

    ``derived_cid`` and ``derived_metal`` are computed by the reader from the inputs and the
    template's own Smelter Look-up sheet; the cached formula values in ``smelter_id``/``metal``
    are kept as read, so rules can compare the two.
    """

    row: int
    smelter_id_input: Cell
    metal: Cell
    smelter_lookup: Cell
    smelter_name: Cell
    country: Cell
    smelter_id: Cell
    id_source: Cell
    street: Cell
    city: Cell
    state_province: Cell
    contact_name: Cell
    contact_email: Cell
    proposed_next_steps: Cell
    mine_name: Cell
    mine_country: Cell
    recycled_scrap: Cell
    comments: Cell
    derived_cid: str | None = None
    derived_metal: str | None = None
    extra_cells: Mapping[str, Cell] = field(default_factory=dict)
    smelter_id_typed: bool = False
    """Column F (Smelter Identification, a template formula) holds a typed or pasted value instead."""
    """Hidden formula-filled columns, by layout key (standard_smelter_name, country_code, …)."""


@dataclass(frozen=True, slots=True)
class MineRow:
    """One used row of the Mine List (EMRT 2.x, AMRT), keyed by the layout's column keys."""

    row: int
    cells: Mapping[str, Cell]


@dataclass(frozen=True, slots=True)
class ProductRow:
    """One used row of the Product List (the requester columns only where the revision has them)."""

    row: int
    number: Cell
    name: Cell
    comments: Cell
    requester_number: Cell | None = None
    requester_name: Cell | None = None


@dataclass(frozen=True, slots=True)
class LookupEntry:
    """One row of the template's own Smelter Look-up sheet (the RMI smelter list it shipped with)."""

    metal: str
    alias: str
    standard_name: str
    country: str
    cid: str
    id_source: str


@dataclass(frozen=True, slots=True)
class TemplateModel:
    """Everything surveybot knows about one returned template."""

    identity: TemplateIdentity
    company: Mapping[str, Cell]
    effective_date: EffectiveDate
    minerals: tuple[str, ...]
    minerals_in_scope: tuple[MineralSelection, ...]
    mineral_answers: tuple[MineralAnswer, ...]
    company_answers: tuple[CompanyAnswer, ...]
    smelters: tuple[SmelterRow, ...]
    mines: tuple[MineRow, ...]
    products: tuple[ProductRow, ...]
    lookup: tuple[LookupEntry, ...] = field(default=(), repr=False)
    uncached_formula_cells: int = 0
    """How many distinct cells the reader looked at hold a formula without a stored result (> 0: the
    file was saved by a script, so formula-filled values are unknown, not blank)."""
    hidden_answers: tuple[MineralAnswer, ...] = ()
    """Answers in the hidden vestigial rows of EMRT 1.x and CRT (pre-filled "No"; the Checker needs them)."""
    reader_notes: tuple[str, ...] = ()
    """Stable keys for what the reader noticed while reading (e.g. "slots-from-cached-order")."""

    def answer(self, question: int, mineral: str) -> MineralAnswer | None:
        for item in self.mineral_answers:
            if item.question == question and item.mineral == mineral:
                return item
        return None


@dataclass(frozen=True, slots=True)
class NotATemplate:
    """Bytes that are not a readable RMI template: a stable ``reason_key`` and a detail for logs.

    Keys: ``unreadable_workbook``, ``not_rmi_template``, ``unsupported_version``, ``version_not_found``,
    ``missing_sheet``, ``unreadable_sheet``, ``workbook_too_large``, ``retired_version`` (an RMI
    template older than every revision we read), ``layout_mismatch`` (a newer revision whose anchor
    cells disagree with the nearest older layout). ``identity`` is set when family and revision were
    recognised even though the file cannot be read.
    """

    reason_key: str
    detail: str = ""
    identity: TemplateIdentity | None = None


ReadOutcome = TemplateModel | NotATemplate
