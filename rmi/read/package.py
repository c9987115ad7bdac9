"""The .xlsx package behind a workbook: the parts surveybot reads, repacked for calamine.

A returned template is a zip of about 75 parts, 10–12 MB uncompressed; surveybot needs six sheets, the
shared strings and the styles. This module reads just those (sheets found by name through the
workbook's relationships, never by part number), cuts each list sheet after its last typed row and
drops formula texts from what calamine parses (``rmi.read.sheet_xml``), and keeps the original XML of every
kept sheet for the formula questions. Damaged zips and XML become ``WorkbookError``.
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
_STYLE_PARTS = ("xl/sharedStrings.xml", "xl/styles.xml")
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

    def __init__(
        self,
        sheet_paths: Mapping[str, str],
        date1904: bool,
        support: Mapping[str, bytes],
    ) -> None:
        self._sheet_paths = sheet_paths
        self._support = support
        self.date1904 = date1904
        self.sheet_parts: dict[str, bytes] = {}
        """Kept sheet XML as the file has it (formula knowledge comes from here)."""
        self._value_parts: dict[str, bytes] = {}
        """What calamine parses: the trimmed list sheets without their formula texts."""

    @classmethod
    def load(cls, data: bytes, sheets: set[str], trim: Mapping[str, str]) -> XlsxPackage | None:
        """The package of ``data`` keeping ``sheets``, or None when ``data`` is no .xlsx zip (.xls, .ods).

        ``trim`` maps list-sheet names to their last visible column.
        """
        raw = _RawParts.read(data, sheets)
        if raw is None:
            return None
        package = cls(raw.paths, raw.date1904, raw.support)
        for sheet, xml in raw.sheets.items():
            package._keep(sheet, xml, trim.get(sheet))
        return package

    def _keep(self, sheet: str, xml: bytes, last_column: str | None) -> None:
        if not sheet_xml.is_compact(xml):
            self.sheet_parts[sheet] = self._value_parts[sheet] = xml
            return
        kept = sheet_xml.keep_used_rows(xml, last_column, HEADER_ROWS) if last_column else xml
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


class _RawParts:
    """The decompressed parts a read needs; every zip and XML failure is caught here, and only here."""

    def __init__(self, support: dict[str, bytes], paths: dict[str, str], date1904: bool) -> None:
        self.support = support
        self.paths = paths
        self.date1904 = date1904
        self.sheets: dict[str, bytes] = {}

    @classmethod
    def read(cls, data: bytes, sheets: set[str]) -> _RawParts | None:
        try:
            return cls._read(data, sheets)
        except _DAMAGED as error:
            raise WorkbookError("unreadable_workbook", f"{type(error).__name__}: {error}") from error

    @classmethod
    def _read(cls, data: bytes, sheets: set[str]) -> _RawParts | None:
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
        raw = cls(support, paths, date1904)
        raw.sheets = {sheet: _read(archive, path) for sheet, path in paths.items() if sheet in sheets}
        return raw


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
