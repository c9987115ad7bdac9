"""Thin, fast read access to a workbook: sheet names, cell values by A1 address, formula knowledge.

Values come from python-calamine. For .xlsx files the workbook is first repacked in memory with only
the parts surveybot reads, and with each list sheet cut below its last typed row (``rmi.sheet_xml``):
calamine then parses a few hundred rows instead of 2,500 pre-formatted formula rows per sheet, which
is what keeps a read well under 100 ms. Files that are not plain .xlsx packages (.xls, .ods, unusual
writers) are read by calamine as they are, without formula knowledge.

Every library failure becomes ``WorkbookError`` so the reader can answer with a typed result.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import zipfile
import zlib
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any, cast
from xml.etree.ElementTree import ParseError

import python_calamine
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from rmi import sheet_xml
from rmi.model import Cell, Scalar

_HEADER_ROWS = 5  # list sheets keep their title, revision and header rows even when empty
MAX_PART_BYTES = 64 * 1024 * 1024  # intake has already refused bombs; this only bounds memory
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_SUPPORT_PARTS = ("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels")
_STYLE_PARTS = ("xl/sharedStrings.xml", "xl/styles.xml")
_LIBRARY_ERRORS = (
    python_calamine.CalamineError,
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    ParseError,
    DefusedXmlException,
    EOFError,
    NotImplementedError,  # zipfile: unsupported compression method
    RuntimeError,  # zipfile: encrypted member
)


class WorkbookError(Exception):
    """The bytes could not be read as a spreadsheet (``reason_key`` says why, ``detail`` for logs)."""

    def __init__(self, reason_key: str, detail: str) -> None:
        super().__init__(f"{reason_key}: {detail}")
        self.reason_key = reason_key
        self.detail = detail


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
    ) -> None:
        self.name = name
        self._rows = rows
        self._uncached_source = uncached
        self._uncached: frozenset[str] | None = None
        self._seen = uncached_seen

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
        try:
            package = _Package.load(data, set(sheets), trim or {})
            source = package.repacked() if package else data
            book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(source))
        except _LIBRARY_ERRORS as error:
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
        except _LIBRARY_ERRORS as error:
            raise WorkbookError("unreadable_sheet", f"{name}: {type(error).__name__}: {error}") from error
        xml = self._parts.get(name)
        return Sheet(
            name,
            rows,
            lambda: sheet_xml.uncached_formula_cells(xml) if xml else frozenset(),
            self._uncached_seen,
        )


class _Package:
    """The parts of an .xlsx package that surveybot reads, with list sheets cut to their used rows."""

    def __init__(
        self,
        archive: zipfile.ZipFile,
        sheet_paths: Mapping[str, str],
        date1904: bool,
        support: Mapping[str, bytes],
    ) -> None:
        self._archive = archive
        self._sheet_paths = sheet_paths
        self._support = support
        self.date1904 = date1904
        self.sheet_parts: dict[str, bytes] = {}
        """Kept sheet XML as the file has it (formula knowledge comes from here)."""
        self._value_parts: dict[str, bytes] = {}
        """What calamine parses: the trimmed list sheets without their formula texts."""

    @classmethod
    def load(cls, data: bytes, sheets: set[str], trim: Mapping[str, str]) -> _Package | None:
        if not zipfile.is_zipfile(io.BytesIO(data)):
            return None
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        if not all(part in names for part in _SUPPORT_PARTS):
            return None  # not an .xlsx package (e.g. .ods): calamine alone
        support = {part: _read(archive, part) for part in (*_SUPPORT_PARTS, *_STYLE_PARTS) if part in names}
        workbook = fromstring(support["xl/workbook.xml"])
        paths = _sheet_paths(workbook, fromstring(support["xl/_rels/workbook.xml.rels"]), names)
        properties = workbook.find(f"{_MAIN}workbookPr")
        date1904 = properties is not None and properties.get("date1904") in ("1", "true")
        package = cls(archive, paths, date1904, support)
        for sheet, path in paths.items():
            if sheet in sheets:
                package._keep(sheet, path, trim.get(sheet))
        return package

    def _keep(self, sheet: str, path: str, last_column: str | None) -> None:
        xml = _read(self._archive, path)
        if last_column is None or not sheet_xml.is_compact(xml):
            self.sheet_parts[sheet] = self._value_parts[sheet] = xml
            return
        kept = sheet_xml.keep_used_rows(xml, last_column, _HEADER_ROWS)
        self.sheet_parts[sheet] = kept
        self._value_parts[sheet] = sheet_xml.without_formulas(kept)  # half the bytes to parse

    def repacked(self) -> bytes:
        """A stored (uncompressed) zip holding the support parts and the kept sheets."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as out:
            for part, content in self._support.items():
                out.writestr(part, content)
            for sheet, xml in self._value_parts.items():
                out.writestr(self._sheet_paths[sheet], xml)
        return buffer.getvalue()


def _read(archive: zipfile.ZipFile, name: str) -> bytes:
    info = archive.getinfo(name)
    if info.file_size > MAX_PART_BYTES:
        raise WorkbookError("workbook_too_large", f"{name}: {info.file_size} bytes")
    return archive.read(info)


def _sheet_paths(workbook: Any, relations: Any, names: set[str]) -> dict[str, str]:
    """Sheet name → part path, through the workbook's relationships (never by part number)."""
    targets = {rel.get("Id"): rel.get("Target", "") for rel in relations.iter(f"{_PKG_REL}Relationship")}
    paths: dict[str, str] = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        if path in names:
            paths[sheet.get("name", "")] = path
    return paths
