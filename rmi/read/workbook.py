"""Thin, fast read access to a workbook: sheet names, cell values by A1 address, formula knowledge.

For an .xlsx package the sheets' own XML is read (``rmi.read.package`` finds and inflates the parts,
``rmi.read.cells`` scans each sheet once and decodes a cell when a reader asks for it); the same XML
answers the formula questions. Files that are not plain .xlsx packages (.xls, .ods), and the rare
sheet not written in the compact form every spreadsheet writer uses, are read by python-calamine,
without formula knowledge for .xls/.ods.

Every library failure becomes ``WorkbookError`` so the reader can answer with a typed result.
"""

from __future__ import annotations

import datetime as dt
import io
from _blake2 import blake2b  # what hashlib.blake2b is, without loading OpenSSL's hashes at start
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from typing import Any, cast

from rmi.model import Cell, Scalar
from rmi.read import sheet_xml
from rmi.read.cells import CellDecoder, parse_cells
from rmi.read.number_formats import NumberFormats
from rmi.read.package import SHARED_STRINGS, STYLES, WorkbookError, XlsxPackage
from rmi.read.shared_strings import SharedStrings

__all__ = ["Column", "Sheet", "Workbook", "WorkbookError"]

Column = tuple[str, str, bytes]
"""(key, column letters, the letters as bytes) of one column a list reader wants."""
SheetCells = Mapping[bytes, Any]
"""Address (``b"D26"``) → a raw cell that ``decode`` turns into a value (cells with values only)."""
_LETTERS: dict[int, bytes] = {}
# A read list builds thousands of cells; setting a frozen dataclass's slots through their descriptors
# (what its generated __init__ does through object.__setattr__) takes half the time.
_NEW = object.__new__
_SET_SHEET, _SET_ADDRESS, _SET_VALUE, _SET_UNCACHED = (
    Cell.__dict__[name].__set__ for name in ("sheet", "address", "value", "formula_without_cache")
)


def calamine_value(value: Any) -> Scalar:
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


def split_address(address: str) -> tuple[int, int]:
    """``"D26"`` → (26, 4): 1-based row and column."""
    digits = next(index for index, char in enumerate(address) if char.isdigit())
    return int(address[digits:]), sheet_xml.column_number(address[:digits])


def letters_of(column: int) -> bytes:
    """1-based column number → its letters as bytes (``4`` → ``b"D"``), the address keys' prefix."""
    found = _LETTERS.get(column)
    if found is None:
        found = _LETTERS[column] = sheet_xml.column_letters(column).encode()
    return found


def list_column(key: str, letters: str) -> Column:
    return key, letters, letters.encode()


def new_cell(sheet: str, address: str, value: Scalar = None, uncached: bool = False) -> Cell:
    """``Cell(sheet, address, value, uncached)``, built the fast way (see ``_NEW``)."""
    cell: Cell = _NEW(Cell)
    _SET_SHEET(cell, sheet)
    _SET_ADDRESS(cell, address)
    _SET_VALUE(cell, value)
    _SET_UNCACHED(cell, uncached)
    return cell


def cell_text(value: Scalar) -> str:
    """``Cell.text`` of ``value``, without building a cell for the common case, a text."""
    if type(value) is str:
        return value.strip()
    return "" if value is None else Cell("", "", value).text


class Sheet:
    """The values of one sheet, addressed like a spreadsheet (1-based rows, A1 addresses).

    Cells are kept raw by address and decoded when asked for. Cells handed out with
    ``formula_without_cache`` are remembered in ``uncached_seen`` (shared by the workbook), so the
    reader can say how many of the values it used are unknown.
    """

    def __init__(
        self,
        name: str,
        cells: tuple[SheetCells, frozenset[int]],
        decode: Callable[[Any], Scalar],
        uncached_seen: set[tuple[str, str]],
        xml: bytes | None = None,
    ) -> None:
        self.name = name
        self._cells, self._rows = cells
        self._decode = decode
        self._uncached: frozenset[str] | None = None
        self._seen = uncached_seen
        self._xml = xml
        self.row_count = max(self._rows, default=0)

    def value_at(self, row: int, column: int) -> Scalar:
        raw = self._cells.get(letters_of(column) + str(row).encode())
        return None if raw is None else self._decode(raw)

    def value(self, address: str) -> Scalar:
        return self.value_at(*split_address(address))

    def rows_between(self, first: int, last: int) -> list[int]:
        """The rows from ``first`` to ``last`` that hold any value, in order."""
        return sorted(row for row in self._rows if first <= row <= last)

    def texts(self, first_row: int, columns: Sequence[int]) -> Iterator[list[str]]:
        """Stripped text of ``columns`` for every row from ``first_row`` ("" for blanks): bulk reads."""
        decode, get = self._decode, self._cells.get
        prefixes = [letters_of(column) for column in columns]
        for row in range(first_row, self.row_count + 1):
            suffix = str(row).encode()
            raws = [get(prefix + suffix) for prefix in prefixes]
            yield [_text(decode(raw)) if raw is not None else "" for raw in raws]

    def row_has_value(self, row: int, columns: Sequence[bytes]) -> bool:
        """Whether any of ``columns`` (letters as bytes) holds a value in ``row``."""
        if row not in self._rows:
            return False
        decode, get = self._decode, self._cells.get
        suffix = str(row).encode()
        for letters in columns:
            raw = get(letters + suffix)
            if raw is not None and decode(raw) is not None:
                return True
        return False

    @property
    def uncached_formulas(self) -> frozenset[str]:
        """Cells of this sheet holding a formula that was never calculated (empty for .xls/.ods)."""
        if self._uncached is None:
            self._uncached = sheet_xml.uncached_formula_cells(self._xml) if self._xml else frozenset()
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
        decode, get = self._decode, self._cells.get
        suffix = str(row)
        key_suffix = suffix.encode()
        name = self.name
        cells: dict[str, Cell] = {}
        for key, letters, prefix in columns:
            raw = get(prefix + key_suffix)
            if raw is not None and (value := decode(raw)) is not None:
                cells[key] = new_cell(name, letters + suffix, value)
            else:
                cells[key] = self._blank(letters + suffix)
        return cells

    def cell_in_row(self, row: int, column: Column) -> Cell:
        """The cell of ``row`` in ``column``."""
        _, letters, prefix = column
        suffix = str(row)
        raw = self._cells.get(prefix + suffix.encode())
        if raw is not None and (value := self._decode(raw)) is not None:
            return new_cell(self.name, letters + suffix, value)
        return self._blank(letters + suffix)

    def row_values(self, row: int, columns: Sequence[bytes]) -> list[Scalar]:
        """The values of ``row`` in ``columns`` (letters as bytes; ``b""``, which is no address, for a
        column the sheet lacks), without building cells."""
        decode, get = self._decode, self._cells.get
        suffix = str(row).encode()
        return [None if (raw := get(prefix + suffix)) is None else decode(raw) for prefix in columns]

    def note_uncached(self, row: int, columns: Sequence[Column]) -> None:
        """Count the never-calculated formula cells of ``row`` in ``columns`` as read (see class doc)
        without building them."""
        uncached = self.uncached_formulas
        if uncached:
            suffix = str(row)
            self._seen.update(
                (self.name, address) for _, letters, _ in columns if (address := letters + suffix) in uncached
            )

    def _blank(self, address: str) -> Cell:
        """The cell at ``address`` holding no value: blank, or a formula never calculated."""
        uncached = self.uncached_formulas
        if uncached and address in uncached:
            self._seen.add((self.name, address))
            return new_cell(self.name, address, None, True)
        return new_cell(self.name, address)

    def _cell(self, address: str, value: Scalar) -> Cell:
        if value is None:
            return self._blank(address)
        return Cell(self.name, address, value)


def _text(value: Scalar) -> str:
    return "" if value is None else str(value).strip()


class Workbook:
    """A workbook opened from bytes; sheets are parsed on first use and kept."""

    def __init__(
        self, sheet_names: Sequence[str], load: Callable[[str, set[tuple[str, str]]], Sheet], date1904: bool
    ) -> None:
        self.sheet_names: tuple[str, ...] = tuple(sheet_names)
        self.date1904 = date1904
        self._load_sheet = load
        self._sheets: dict[str, Sheet] = {}
        self._parts: Mapping[str, bytes] = {}
        self._uncached_seen: set[tuple[str, str]] = set()

    @classmethod
    def open(
        cls,
        data: bytes,
        sheets: Collection[str],
        trim: Mapping[str, str] | None = None,
        parts: Mapping[str, bytes] | None = None,
    ) -> Workbook:
        """Open workbook bytes keeping ``sheets``; ``trim`` maps list sheets to their last visible column,
        ``parts`` holds the package's parts if intake already inflated them."""
        package = XlsxPackage.load(data, set(sheets), trim or {}, parts)
        if package is None:
            book = _Calamine(data)
            return cls(book.sheet_names, book.sheet, date1904=False)
        source = _XlsxSheets(package, data)
        workbook = cls(package.sheet_names, source.sheet, package.date1904)
        workbook._parts = package.sheet_parts
        return workbook

    def has_sheet(self, name: str) -> bool:
        return name in self.sheet_names

    def sheet(self, name: str) -> Sheet:
        found = self._sheets.get(name)
        if found is None:
            if name not in self.sheet_names:
                raise WorkbookError("missing_sheet", name)
            found = self._sheets[name] = self._load_sheet(name, self._uncached_seen)
        return found

    def cell(self, sheet: str, address: str) -> Cell:
        return self.sheet(sheet).cell(address)

    @property
    def uncached_cells_read(self) -> int:
        """How many distinct cells read so far hold a formula without a cached result."""
        return len(self._uncached_seen)

    def fingerprint(self, sheet: str) -> bytes | None:
        """A digest of the sheet's XML as the file has it (None when the file gives no XML)."""
        xml = self._parts.get(sheet)
        return None if xml is None else blake2b(xml, digest_size=16).digest()

    def reads_quietly(self, sheet: str) -> bool:
        """Whether reading ``sheet`` later can neither fail nor add to ``uncached_cells_read``: its
        XML is whole, in the compact form and without a formula that was never calculated."""
        xml = self._parts.get(sheet)
        return (
            xml is not None
            and sheet_xml.is_complete(xml)
            and sheet_xml.is_compact(xml)
            and not sheet_xml.may_hold_uncached_formulas(xml)
        )

    def has_formula(self, sheet: str, address: str) -> bool:
        """Whether a cell holds a formula (False when the file gives no formula knowledge)."""
        xml = self._parts.get(sheet)
        return xml is not None and sheet_xml.has_formula(xml, address)


class _XlsxSheets:
    """Sheets of an .xlsx package, read from their XML (calamine for a sheet in an unusual form)."""

    def __init__(self, package: XlsxPackage, data: bytes) -> None:
        self._package = package
        self._data = data
        self._decoder: CellDecoder | None = None
        self._calamine: _Calamine | None = None

    def sheet(self, name: str, seen: set[tuple[str, str]]) -> Sheet:
        xml = self._package.kept_part(name)
        if xml is None:
            raise WorkbookError("missing_sheet", name)
        if not sheet_xml.is_complete(xml):
            raise WorkbookError("unreadable_sheet", f"{name}: the sheet's XML ends early")
        if not sheet_xml.is_compact(xml):
            if self._calamine is None:
                self._calamine = _Calamine(self._data)
            return Sheet(name, self._calamine.rows(name), calamine_value, seen, xml)
        return Sheet(name, parse_cells(xml), self._decoder_of_package(), seen, xml)

    def _decoder_of_package(self) -> CellDecoder:
        if self._decoder is None:
            package = self._package
            strings = SharedStrings(package.part(SHARED_STRINGS))
            formats = NumberFormats(lambda: package.part(STYLES), package.date1904)
            self._decoder = CellDecoder(strings, formats)
        return self._decoder


class _Calamine:
    """A workbook python-calamine reads as it is (.xls, .ods, or an .xlsx sheet in an unusual form)."""

    def __init__(self, data: bytes) -> None:
        import python_calamine  # only these files need it; an .xlsx check never loads it

        self._errors = python_calamine.CalamineError
        try:
            self._book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        except python_calamine.CalamineError as error:
            raise WorkbookError("unreadable_workbook", f"{type(error).__name__}: {error}") from error
        self.sheet_names: tuple[str, ...] = tuple(self._book.sheet_names)

    def sheet(self, name: str, seen: set[tuple[str, str]]) -> Sheet:
        return Sheet(name, self.rows(name), calamine_value, seen)

    def rows(self, name: str) -> tuple[SheetCells, frozenset[int]]:
        """The sheet's values by address (empty cells left out), and the rows holding them."""
        try:
            rows = self._book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except self._errors as error:
            raise WorkbookError("unreadable_sheet", f"{name}: {type(error).__name__}: {error}") from error
        return _by_address(rows)


def _by_address(rows: Sequence[Sequence[Any]]) -> tuple[SheetCells, frozenset[int]]:
    """calamine's rows of values (``""`` for blanks) filed by address, like the XML readers' cells."""
    cells: dict[bytes, Any] = {}
    used: set[int] = set()
    for number, values in enumerate(rows, start=1):
        suffix = str(number).encode()
        for column, value in enumerate(values, start=1):
            if value != "":
                cells[letters_of(column) + suffix] = value
                used.add(number)
    return cells, frozenset(used)
