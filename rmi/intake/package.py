"""What a zip holds: an Excel package (and which flavour), an OpenDocument file, or a plain archive.

For an Excel package every part is inflated once through the verified reader and screened for
DTDs before ``[Content_Types].xml`` is parsed (with defusedxml, DTDs forbidden) to learn the
flavour: ``.xlsx``/``.xltx`` are read; macro-enabled ``.xlsm``/``.xltm`` are read too, with a
warning, because no reader we use ever runs VBA (they only read cell XML); ``.xlsb`` cannot be read.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import defusedxml.ElementTree as SafeET

from rmi.intake.sniff import FileFormat
from rmi.intake.vocabulary import IntakeCode, IntakeLimits, IntakeRejection
from rmi.intake.xml_prolog import PrologScreen
from rmi.intake.zip_entries import ZipEntry, read_entry

_DETECTED = FileFormat.XLSX
_SCREEN_CHUNK = 256 * 1024  # the prolog screen stops at the root element, within the first slice
_CONTENT_TYPES = "[content_types].xml"
_SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_MAIN_FORMATS = {
    f"{_SPREADSHEET}.sheet.main+xml": FileFormat.XLSX,
    f"{_SPREADSHEET}.template.main+xml": FileFormat.XLSX,
    "application/vnd.ms-excel.sheet.macroenabled.main+xml": FileFormat.XLSM,
    "application/vnd.ms-excel.template.macroenabled.main+xml": FileFormat.XLSM,
    "application/vnd.ms-excel.sheet.binary.macroenabled.main": FileFormat.XLSB,
}
_OTHER_OFFICE = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml": "Word document",
    "application/vnd.openxmlformats-officedocument.presentationml": "PowerPoint presentation",
}
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


class PackageKind(StrEnum):
    EXCEL = "excel"
    OPENDOCUMENT = "opendocument"
    ARCHIVE = "archive"


@dataclass(frozen=True, slots=True)
class ExcelPackage:
    """A verified Excel package: its flavour and whether it carries macro code."""

    flavour: FileFormat
    has_macros: bool
    parts: dict[str, bytes]
    """Every part, inflated and verified (what the reader reads next)."""


def package_kind(entries: tuple[ZipEntry, ...]) -> str:
    names = {entry.name.lower() for entry in entries}
    if _CONTENT_TYPES in names:
        return PackageKind.EXCEL
    if "mimetype" in names:
        return PackageKind.OPENDOCUMENT
    return PackageKind.ARCHIVE


def inspect_excel_package(data: bytes, entries: tuple[ZipEntry, ...], limits: IntakeLimits) -> ExcelPackage:
    """Verify every part, screen its XML prolog, then read the content types to name the flavour."""
    parts = {entry.name: _verify_part(data, entry, limits) for entry in entries if not entry.is_dir}
    content_types = next(entry for entry in entries if entry.name.lower() == _CONTENT_TYPES)
    overrides = _read_content_types(parts[content_types.name])
    flavour = _flavour(overrides, {entry.name.lower() for entry in entries})
    macro_parts = any(_is_macro_part(entry.name) for entry in entries)
    macro_types = any("vbaproject" in content_type for content_type in overrides.values())
    return ExcelPackage(flavour=flavour, has_macros=macro_parts or macro_types, parts=parts)


def check_opendocument(data: bytes, entries: tuple[ZipEntry, ...]) -> None:
    """Always raises: an OpenDocument spreadsheet must be saved as .xlsx first."""
    mimetype = next(entry for entry in entries if entry.name.lower() == "mimetype")
    head = read_entry(data, mimetype, _DETECTED)[:100] if mimetype.size <= 100 else b""
    if head.startswith(_ODS_MIMETYPE):
        raise IntakeRejection(IntakeCode.ODS, FileFormat.ODS)
    raise IntakeRejection(IntakeCode.OFFICE_OTHER, FileFormat.OFFICE_OTHER, document="OpenDocument file")


def _verify_part(data: bytes, entry: ZipEntry, limits: IntakeLimits) -> bytes:
    """The part's bytes, once its size, CRC and XML prolog are known to be sound."""
    content = read_entry(data, entry, _DETECTED)
    screen = PrologScreen(entry.name, _DETECTED, limits.max_xml_prolog)
    for start in range(0, len(content), _SCREEN_CHUNK):
        screen.feed(content[start : start + _SCREEN_CHUNK])
        if screen.done:
            break
    screen.finish()
    return content


def _read_content_types(xml_bytes: bytes) -> dict[str, str]:
    """Map of lower-cased part name (no leading slash) to lower-cased content type."""
    try:
        root = SafeET.fromstring(xml_bytes, forbid_dtd=True)
    except Exception as exc:
        # defusedxml raises ParseError or its own DefusedXmlException subclasses.
        raise IntakeRejection(IntakeCode.CORRUPT_XLSX, _DETECTED, part="[Content_Types].xml") from exc
    overrides: dict[str, str] = {}
    for element in root:
        if element.tag.endswith("}Override") or element.tag == "Override":
            part = element.get("PartName", "").lstrip("/").lower()
            overrides[part] = element.get("ContentType", "").strip().lower()
    return overrides


def _flavour(overrides: dict[str, str], names: set[str]) -> FileFormat:
    for part, content_type in overrides.items():
        flavour = _MAIN_FORMATS.get(content_type)
        if flavour is None:
            continue
        if part not in names:
            raise IntakeRejection(IntakeCode.CORRUPT_XLSX, _DETECTED, part=part, detail="missing")
        if flavour is FileFormat.XLSB:
            raise IntakeRejection(IntakeCode.XLSB, FileFormat.XLSB)
        return flavour
    for content_type in overrides.values():
        for prefix, label in _OTHER_OFFICE.items():
            if content_type.startswith(prefix):
                raise IntakeRejection(IntakeCode.OFFICE_OTHER, FileFormat.OFFICE_OTHER, document=label)
    raise IntakeRejection(IntakeCode.CORRUPT_XLSX, _DETECTED, detail="no workbook part")


def _is_macro_part(name: str) -> bool:
    lowered = name.lower()
    return lowered.endswith("vbaproject.bin") or lowered.startswith("xl/macrosheets/")
