"""Thin, fast read access to a workbook: sheet names, cell values by A1 address, formula knowledge.

Values come from python-calamine. For .xlsx files calamine reads a repacked copy holding only the
sheets surveybot needs, list sheets cut below their last typed row (``rmi.read.package``), which is
what keeps a read well under 100 ms; the original sheet XML answers the formula questions. Files that
are not plain .xlsx packages (.xls, .ods) are read by calamine as they are, without formula knowledge.

Every library failure becomes ``WorkbookError`` so the reader can answer with a typed result.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from typing import Any, cast

import python_calamine

from rmi.model import Cell, Scalar
from rmi.read import sheet_xml
from rmi.read.package import WorkbookError, XlsxPackage

__all__ = ["Column", "Sheet", "Workbook", "WorkbookError"]


def _scalar(value: Any) -> Scalar:
    """A calamine value as a model scalar: "" → None, midnight datetimes → dates."""
    kind = type(value)
    if kind is str:
        return value or None
    if kind is float or kind is int or kind is bool:
        return cast(Scalar, value)
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date):
        return value
    return str(value)  # times and durations: keep what the supplier sees


def _text(value: Any) -> str:
    scalar = _scalar(value)
    return "" if scalar is None else str(scalar).strip()


def split_address(address: str) -> tuple[int, int]:
    """``"D26"`` → (26, 4): 1-based row and column."""
    digits = next(index for index, char in enumerate(address) if char.isdigit())
    return int(address[digits:]), sheet_xml.column_number(address[:digits])


Column = tuple[str, str, int]
"""(key, column letters, 1-based column number) of one column a list reader wants."""


class Sheet:
    """The values of one sheet, addressed like a spreadsheet (1-based rows, A1 addresses).

    Cells handed out with ``formula_without_cache`` are remembered in ``uncached_seen`` (shared by
    the workbook), so the reader can say how many of the values it used are unknown.
    """

    def __init__(
        self,
        name: str,
        rows: list[list[Any]],
        uncached: Callable[[], frozenset[str]],
        uncached_seen: set[tuple[str, str]],
        xml: bytes | None = None,
    ) -> None:
        self.name = name
        self._rows = rows
        self._uncached_source = uncached
        self._uncached: frozenset[str] | None = None
        self._seen = uncached_seen
        self._xml = xml

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def value_at(self, row: int, column: int) -> Scalar:
        if row < 1 or row > len(self._rows):
            return None
        values = self._rows[row - 1]
        return _scalar(values[column - 1]) if 0 < column <= len(values) else None

    def value(self, address: str) -> Scalar:
        return self.value_at(*split_address(address))

    def texts(self, first_row: int, columns: Sequence[int]) -> Iterator[list[str]]:
        """Stripped text of ``columns`` for every row from ``first_row`` ("" for blanks): bulk reads."""
        for values in self._rows[first_row - 1 :]:
            width = len(values)
            yield [_text(values[column - 1]) if column <= width else "" for column in columns]

    def row_has_value(self, row: int, columns: Sequence[int]) -> bool:
        """Whether any of ``columns`` (1-based numbers) holds a value in ``row``."""
        if row < 1 or row > len(self._rows):
            return False
        values = self._rows[row - 1]
        width = len(values)
        return any(column <= width and _scalar(values[column - 1]) is not None for column in columns)

    @property
    def uncached_formulas(self) -> frozenset[str]:
        """Cells of this sheet holding a formula that was never calculated (empty for .xls/.ods)."""
        if self._uncached is None:
            self._uncached = self._uncached_source()
        return self._uncached

    def typed_value_rows(self, letters: str) -> frozenset[int]:
        """Rows where column ``letters`` holds a typed value, not a formula (empty without formula
        knowledge: .xls/.ods, or a sheet not in the compact form every spreadsheet writer uses)."""
        xml = self._xml
        if not xml or not sheet_xml.is_compact(xml):
            return frozenset()
        return sheet_xml.typed_value_rows(xml, letters)

    def cell(self, address: str) -> Cell:
        return self._cell(address, self.value(address))

    def row_cells(self, row: int, columns: Sequence[Column]) -> dict[str, Cell]:
        """The cells of ``row`` in ``columns``, keyed by column key (the list readers' hot loop)."""
        values = self._rows[row - 1] if 0 < row <= len(self._rows) else []
        width = len(values)
        suffix = str(row)
        name = self.name
        uncached = self.uncached_formulas
        cells: dict[str, Cell] = {}
        for key, letters, number in columns:
            raw = values[number - 1] if number <= width else None
            value = (raw or None) if type(raw) is str else _scalar(raw)
            address = letters + suffix
            if value is None and address in uncached:
                self._seen.add((name, address))
                cells[key] = Cell(name, address, None, True)
            else:
                cells[key] = Cell(name, address, value)
        return cells

    def _cell(self, address: str, value: Scalar) -> Cell:
        if value is None and address in self.uncached_formulas:
            self._seen.add((self.name, address))
            return Cell(self.name, address, None, True)
        return Cell(self.name, address, value)


class Workbook:
    """A workbook opened from bytes; sheets are parsed on first use and kept."""

    def __init__(
        self, book: python_calamine.CalamineWorkbook, parts: Mapping[str, bytes], date1904: bool
    ) -> None:
        self._book = book
        self._parts = parts
        self.date1904 = date1904
        self.sheet_names: tuple[str, ...] = tuple(book.sheet_names)
        self._sheets: dict[str, Sheet] = {}
        self._uncached_seen: set[tuple[str, str]] = set()

    @classmethod
    def open(cls, data: bytes, sheets: Collection[str], trim: Mapping[str, str] | None = None) -> Workbook:
        """Open workbook bytes keeping ``sheets``; ``trim`` maps list sheets to their last visible column."""
        package = XlsxPackage.load(data, set(sheets), trim or {})
        try:
            book = python_calamine.CalamineWorkbook.from_filelike(
                io.BytesIO(package.repacked() if package else data)
            )
        except python_calamine.CalamineError as error:
            raise WorkbookError("unreadable_workbook", f"{type(error).__name__}: {error}") from error
        if package is None:
            return cls(book, {}, date1904=False)
        return cls(book, package.sheet_parts, package.date1904)

    def has_sheet(self, name: str) -> bool:
        return name in self.sheet_names

    def sheet(self, name: str) -> Sheet:
        found = self._sheets.get(name)
        if found is None:
            found = self._load(name)
            self._sheets[name] = found
        return found

    def cell(self, sheet: str, address: str) -> Cell:
        return self.sheet(sheet).cell(address)

    @property
    def uncached_cells_read(self) -> int:
        """How many distinct cells read so far hold a formula without a cached result."""
        return len(self._uncached_seen)

    def has_formula(self, sheet: str, address: str) -> bool:
        """Whether a cell holds a formula (False when the file gives no formula knowledge)."""
        xml = self._parts.get(sheet)
        return xml is not None and sheet_xml.has_formula(xml, address)

    def _load(self, name: str) -> Sheet:
        if name not in self.sheet_names or (self._parts and name not in self._parts):
            raise WorkbookError("missing_sheet", name)
        try:
            rows = self._book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except python_calamine.CalamineError as error:
            raise WorkbookError("unreadable_sheet", f"{name}: {type(error).__name__}: {error}") from error
        xml = self._parts.get(name)
        return Sheet(
            name,
            rows,
            lambda: sheet_xml.uncached_formula_cells(xml) if xml else frozenset(),
            self._uncached_seen,
            xml,
        )
