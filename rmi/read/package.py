"""The .xlsx package behind a workbook: the parts surveybot reads, found by name, inflated once.

A returned template is a zip of about 75 parts, 10–12 MB uncompressed; surveybot needs a few sheets,
the shared strings and (for dates) the styles. This module inflates just those (sheets found by name
through the workbook's relationships, never by part number), and cuts each list sheet after its last
typed row (``rmi.read.sheet_xml``) when it is first parsed: a template pre-formats 2,500 Smelter
List rows of which a supplier uses a few. Damaged zips and XML become ``WorkbookError``.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections.abc import Mapping
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from rmi.read import sheet_xml

HEADER_ROWS = 5  # list sheets keep their title, revision and header rows even when empty
MAX_PART_BYTES = 64 * 1024 * 1024  # intake has already refused bombs; this only bounds memory
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_SUPPORT_PARTS = ("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels")
SHARED_STRINGS = "xl/sharedStrings.xml"
STYLES = "xl/styles.xml"
# What zipfile, zlib and the XML parser raise on damaged input (zipfile: ValueError "negative seek"
# on a broken directory, NotImplementedError for unknown compression, RuntimeError when encrypted).
_DAMAGED = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    ParseError,
    DefusedXmlException,
    EOFError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    KeyError,
)


class WorkbookError(Exception):
    """The bytes could not be read as a spreadsheet (``reason_key`` says why, ``detail`` for logs)."""

    def __init__(self, reason_key: str, detail: str) -> None:
        super().__init__(f"{reason_key}: {detail}")
        self.reason_key = reason_key
        self.detail = detail


class XlsxPackage:
    """The parts of an .xlsx package that surveybot reads, with list sheets cut to their used rows."""

    def __init__(self, archive: _Parts, sheet_names: tuple[str, ...], date1904: bool) -> None:
        self._archive = archive
        self.sheet_names = sheet_names
        """Every sheet the workbook lists, in its order (also those whose part is missing)."""
        self.date1904 = date1904
        self.sheet_parts: dict[str, bytes] = {}
        """Kept sheet XML as the file has it; a list sheet once parsed, cut below its last typed row."""
        self._trim: Mapping[str, str] = {}
        self._cut: set[str] = set()

    @classmethod
    def load(
        cls, data: bytes, sheets: set[str], trim: Mapping[str, str], parts: Mapping[str, bytes] | None = None
    ) -> XlsxPackage | None:
        """The package of ``data`` keeping ``sheets``, or None when ``data`` is no .xlsx zip (.xls, .ods).

        ``trim`` maps list-sheet names to their last visible column; ``parts`` are the package's
        parts already inflated (by intake), read instead of inflating them again.
        """
        try:
            if parts:
                return cls._load_parts(_Parts(parts), sheets, trim)
            if not zipfile.is_zipfile(io.BytesIO(data)):
                return None
            return cls._load_parts(_Parts.of_zip(zipfile.ZipFile(io.BytesIO(data))), sheets, trim)
        except _DAMAGED as error:
            raise WorkbookError("unreadable_workbook", f"{type(error).__name__}: {error}") from error

    @classmethod
    def _load_parts(cls, archive: _Parts, sheets: set[str], trim: Mapping[str, str]) -> XlsxPackage | None:
        names = archive.names
        if not all(part in names for part in _SUPPORT_PARTS):
            return None  # not an .xlsx package (e.g. .ods): calamine alone
        workbook = fromstring(_read(archive, "xl/workbook.xml"))
        paths = _sheet_paths(workbook, fromstring(_read(archive, "xl/_rels/workbook.xml.rels")), names)
        properties = workbook.find(f"{_MAIN}workbookPr")
        date1904 = properties is not None and properties.get("date1904") in ("1", "true")
        listed = tuple(sheet.get("name", "") for sheet in workbook.iter(f"{_MAIN}sheet"))
        package = cls(archive, listed, date1904)
        package._trim = trim
        for sheet, path in paths.items():
            if sheet in sheets:
                package.sheet_parts[sheet] = _read(archive, path)
        return package

    def kept_part(self, sheet: str) -> bytes | None:
        """A kept sheet's XML to parse, a list sheet cut below its last typed row (None when not kept)."""
        xml = self.sheet_parts.get(sheet)
        if xml is None or sheet in self._cut:
            return xml
        self._cut.add(sheet)
        xml = self.sheet_parts[sheet] = _kept(xml, self._trim.get(sheet))  # the rows below are not kept
        return xml

    def part(self, name: str) -> bytes | None:
        """A support part (shared strings, styles) inflated on first use; None when the file has none."""
        try:
            return _read(self._archive, name) if name in self._archive.names else None
        except _DAMAGED as error:
            raise WorkbookError("unreadable_workbook", f"{type(error).__name__}: {error}") from error


def _kept(xml: bytes, last_column: str | None) -> bytes:
    if last_column is None or not sheet_xml.is_compact(xml):
        return xml
    return sheet_xml.keep_used_rows(xml, last_column, HEADER_ROWS)


class _Parts:
    """The package's parts by name: inflated ones handed over, or read from the zip on demand."""

    def __init__(self, inflated: Mapping[str, bytes], archive: zipfile.ZipFile | None = None) -> None:
        self._inflated = inflated
        self._archive = archive
        self.names = set(archive.namelist()) if archive else set(inflated)

    @classmethod
    def of_zip(cls, archive: zipfile.ZipFile) -> _Parts:
        return cls({}, archive)

    def size(self, name: str) -> int:
        return self._archive.getinfo(name).file_size if self._archive else len(self._inflated[name])

    def read(self, name: str) -> bytes:
        return self._archive.read(name) if self._archive else self._inflated[name]


def _read(archive: _Parts, name: str) -> bytes:
    size = archive.size(name)
    if size > MAX_PART_BYTES:
        raise WorkbookError("workbook_too_large", f"{name}: {size} bytes")
    return archive.read(name)


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
