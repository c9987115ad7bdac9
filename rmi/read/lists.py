"""The list sheets: every used row of the Smelter List, the Mine List and the Product List.

A row is used when any column a supplier can see holds a value; formula columns of unused rows are
empty, so they never make a row "used". The Smelter List keeps both what the file says (typed inputs
and the cached auto-fill results) and what the reader derives from the template's own Look-up sheet
(``derived_cid``/``derived_metal``), so rules can compare the two and still work on files that carry
no formula results.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from rmi.layouts import ListSheet
from rmi.model import Cell, MineRow, ProductRow, Scalar, SmelterRow
from rmi.read.lookup import SmelterLookup, normalise_cid
from rmi.read.workbook import Column, Sheet, cell_text, list_column, new_cell

NOT_LISTED = ("smelter not listed", "smelter not yet identified")
# SmelterRow field ← layout column key. AMRT 1.2 has no CID input and no look-up column.
_SMELTER_FIELDS = {
    "smelter_id_input": "smelter_id_input",
    "metal": "metal",
    "smelter_lookup": "smelter_lookup",
    "smelter_name": "smelter_name",
    "country": "smelter_country",
    "smelter_id": "smelter_id",
    "id_source": "smelter_id_source",
    "street": "smelter_street",
    "city": "smelter_city",
    "state_province": "smelter_state_province",
    "contact_name": "smelter_contact_name",
    "contact_email": "smelter_contact_email",
    "proposed_next_steps": "proposed_next_steps",
    "mine_name": "mine_name",
    "mine_country": "mine_country",
    "recycled_scrap": "recycled_scrap_100pct",
    "comments": "comments",
}
_PRODUCT_FIELDS = {
    "number": "product_number",
    "name": "product_name",
    "comments": "comments",
    "requester_number": "requester_product_number",
    "requester_name": "requester_product_name",
}
# What the reader itself reads of every row, as texts, to derive the CID; cells are built when read.
_DERIVE_FIELDS = ("smelter_id_input", "metal", "smelter_lookup", "smelter_name")
_SMELTER_EXTRA = (
    "standard_smelter_name",
    "standard_smelter_name_not_in_use",
    "country_code",
    "state_province_code",
)


class _Rows:
    """Fast cell access over the used rows of one list sheet."""

    def __init__(self, sheet: Sheet, spec: ListSheet) -> None:
        self.sheet = sheet
        self.spec = spec
        self._visible = [letter.encode() for letter in spec.visible_columns]

    def used(self) -> Iterator[int]:
        has_value, visible = self.sheet.row_has_value, self._visible
        for row in self.sheet.rows_between(self.spec.first_row, self.spec.last_row):
            if has_value(row, visible):
                yield row

    def used_with(self, columns: list[bytes]) -> Iterator[tuple[int, list[Scalar]]]:
        """Each used row with its values in ``columns`` (letters as bytes, ``b""`` for a column the
        version lacks). When those are all visible, a value there makes the row used at once."""
        sheet, visible = self.sheet, self._visible
        telling = all(column in visible for column in columns if column)
        blank = [None] * len(columns)
        for row in sheet.rows_between(self.spec.first_row, self.spec.last_row):
            values = sheet.row_values(row, columns)
            if (telling and values != blank) or sheet.row_has_value(row, visible):
                yield row, values

    def columns(self, keys: Mapping[str, str]) -> list[Column]:
        """(field, letters, letters as bytes) for each field whose layout column this version has."""
        return [
            list_column(field, letters)
            for field, key in keys.items()
            if (letters := self.spec.columns.get(key)) is not None
        ]

    def cells(self, row: int, columns: list[Column], wanted: Iterable[str] = ()) -> dict[str, Cell]:
        """Cells of ``row``; fields in ``wanted`` that this version lacks are blank, address-less cells."""
        cells = self.sheet.row_cells(row, columns)
        for field in wanted:
            if field not in cells:
                cells[field] = Cell(self.sheet.name, "")
        return cells


def read_smelters(sheet: Sheet, spec: ListSheet, lookup: SmelterLookup) -> tuple[SmelterRow, ...]:
    """Used Smelter List rows with their CID and metal derived from the template's own Look-up."""
    rows = _Rows(sheet, spec)
    columns = rows.columns(_SMELTER_FIELDS)
    # Only templates with a look-up fill the Smelter Identification by formula (AMRT 1.2 types it).
    id_column = spec.columns.get("smelter_id") if "smelter_lookup" in spec.columns else None
    pending = _PendingCells(
        sheet,
        {column[0]: column for column in columns},
        rows.columns({key: key for key in _SMELTER_EXTRA}),
        _recycled_texts(sheet, spec),
        id_column,
    )
    counted = (*columns, *pending.extra)
    uncached = sheet.uncached_formulas
    derive_from = [column[2] if (column := pending.columns.get(field)) else b"" for field in _DERIVE_FIELDS]
    found: list[SmelterRow] = []
    for row, values in rows.used_with(derive_from):
        if uncached:
            sheet.note_uncached(row, counted)
        texts = [cell_text(value) for value in values]
        cid, metal = derive_cid(texts, lookup, spec.typed_name_lookup)
        found.append(_ReadSmelterRow.of(row, pending, cid, metal))
    return tuple(found)


class _PendingCells:
    """The cells of the Smelter List rows that nobody has looked at yet (one for the whole sheet)."""

    __slots__ = ("_typed_ids", "columns", "extra", "id_column", "recycled", "sheet")

    def __init__(
        self,
        sheet: Sheet,
        columns: Mapping[str, Column],
        extra: list[Column],
        recycled: Mapping[str, str],
        id_column: str | None,
    ) -> None:
        self.sheet = sheet
        self.columns = columns
        self.extra = extra
        self.recycled = recycled
        self.id_column = id_column
        self._typed_ids: frozenset[int] | None = None

    def field(self, row: int, field: str) -> Cell | Mapping[str, Cell] | bool:
        if field == "extra_cells":  # hidden helper columns, rarely read
            return self.sheet.row_cells(row, self.extra)
        if field == "smelter_id_typed":
            return row in self.typed_ids()
        column = self.columns.get(field)
        if column is None:
            if field not in _SMELTER_FIELDS:
                raise AttributeError(field)
            return new_cell(self.sheet.name, "")  # a column this version does not have
        cell = self.sheet.cell_in_row(row, column)
        return _translated(cell, self.recycled) if field == "recycled_scrap" else cell

    def typed_ids(self) -> frozenset[int]:
        """Rows whose Smelter Identification holds a typed value, not its formula (one scan of the
        sheet, when a rule first asks)."""
        if self._typed_ids is None:
            column = self.id_column
            self._typed_ids = self.sheet.typed_value_rows(column) if column else frozenset()
        return self._typed_ids


class _ReadSmelterRow(SmelterRow):
    """A Smelter List row as read: its number and the CID and metal the reader derived are set at
    once; every cell, and whether column F holds a typed value, is found when a rule first looks (the
    reader itself only reads the texts it derives the CID from), so a 1,000-row list costs what its
    rules read. Compares like any read row and pickles as a plain ``SmelterRow``."""

    __slots__ = ("_pending",)

    @classmethod
    def of(cls, row: int, pending: _PendingCells, cid: str | None, metal: str | None) -> _ReadSmelterRow:
        found = object.__new__(cls)
        setattr_ = object.__setattr__  # what a frozen dataclass's own __init__ does
        setattr_(found, "row", row)
        setattr_(found, "_pending", pending)
        setattr_(found, "derived_cid", cid)
        setattr_(found, "derived_metal", metal)
        return found

    def __getattr__(self, name: str) -> Cell | Mapping[str, Cell] | bool:
        """Called only for a field not built yet: build it, keep it."""
        pending: _PendingCells = object.__getattribute__(self, "_pending")
        value = pending.field(object.__getattribute__(self, "row"), name)
        object.__setattr__(self, name, value)
        return value

    def __reduce__(self) -> tuple[type[SmelterRow], tuple[Any, ...]]:
        return SmelterRow, tuple(getattr(self, field.name) for field in dataclasses.fields(SmelterRow))


def derive_cid(
    texts: Sequence[str], lookup: SmelterLookup, typed_name_lookup: bool
) -> tuple[str | None, str | None]:
    """The smelter's CID and metal as the Look-up sheet says, from the texts of the row's CID input,
    metal, look-up name and typed name: a typed, known CID first, otherwise the metal and look-up
    name (or, for "Smelter not listed", the typed name where the template allows)."""
    cid_input, metal, name, typed_name = texts
    entry = lookup.by_cid(cid_input)
    if entry is None:
        # B and C, were they formulas a script left uncalculated, would show what a typed CID finds;
        # none is found here, so they read as they are.
        if typed_name_lookup and name.casefold() in NOT_LISTED:
            name = typed_name
        entry = lookup.by_name(metal, name)
    if entry is None or not entry.cid:
        return None, None
    return normalise_cid(entry.cid), entry.metal


def _recycled_texts(sheet: Sheet, spec: ListSheet) -> dict[str, str]:
    """The recycled/scrap dropdown's texts → English. AMRT stores the label of the chosen language."""
    options = dict(spec.recycled_options or {})
    translated = {english.casefold(): english for english in options.values()}
    for address, english in options.items():
        shown = sheet.cell(address).text
        if shown:
            translated[shown.casefold()] = english
    return translated


def _translated(cell: Cell, texts: Mapping[str, str]) -> Cell:
    english = texts.get(cell.text.casefold()) if cell.text else None
    if english is None or english == cell.value:
        return cell
    return Cell(cell.sheet, cell.address, english, cell.formula_without_cache)


def read_mines(sheet: Sheet, spec: ListSheet) -> tuple[MineRow, ...]:
    rows = _Rows(sheet, spec)
    columns = rows.columns({key: key for key in spec.columns if not key.startswith("helper_")})
    return tuple(MineRow(row, rows.cells(row, columns)) for row in rows.used())


def read_products(sheet: Sheet, spec: ListSheet) -> tuple[ProductRow, ...]:
    """Product List rows; the copyright footer below the last row is never data."""
    rows = _Rows(sheet, spec)
    columns = rows.columns(_PRODUCT_FIELDS)
    found = []
    for row in rows.used():
        cells: dict[str, Any] = rows.cells(row, columns, ("number", "name", "comments"))
        if cells["number"].text.startswith("©"):
            continue
        found.append(ProductRow(row=row, **cells))
    return tuple(found)
