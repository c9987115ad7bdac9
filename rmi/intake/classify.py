"""Safe intake: decide what an emailed file really is before any reader parses a byte of it.

``inspect_file`` is the only door between a supplier's attachment and the template reader. It
looks at magic numbers (never the name), refuses what cannot or must not be read with a stable
reason code and an English line saying what to send instead, unpacks a zip holding exactly one
workbook, and hands on only workbook bytes whose every part was inflated within the limits, CRC
checked and screened for DTDs. It never raises: an unexpected failure becomes ``FILE-UNREADABLE``.

Decision on macro-enabled files: an ``.xlsm`` is read like an ``.xlsx`` with a ``FILE-XLSM-MACRO``
warning. Our readers only ever read cell XML and no code path executes VBA, while refusing would
bounce suppliers whose Excel defaulted to .xlsm; whether the content is an RMI template is decided
later by detection, as for any workbook.

Files encrypted with Excel's default key (``VelvetSweatshop``) are opened silently
(``rmi.intake.ole``). A legacy ``.xls`` is still refused, but its bytes travel with the refusal
(``legacy_xls``) so the checker can say which template and revision it holds in the same reply.
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import PurePosixPath

from rmi.intake.archive import pick_workbook
from rmi.intake.messages import describe
from rmi.intake.package import PackageKind, check_opendocument, inspect_excel_package, package_kind
from rmi.intake.sniff import IMAGE_FORMATS, OTHER_ARCHIVES, TEXT_FORMATS, FileFormat, sniff
from rmi.intake.vocabulary import (
    IntakeCode,
    IntakeKind,
    IntakeLimits,
    IntakeNote,
    IntakeRejection,
    IntakeResult,
    limit_text,
    megabytes,
)
from rmi.intake.zip_entries import read_central_directory, read_entry

__all__ = [
    "FileFormat",
    "IntakeCode",
    "IntakeKind",
    "IntakeLimits",
    "IntakeNote",
    "IntakeResult",
    "inspect_file",
]

logger = logging.getLogger(__name__)

DEFAULT_LIMITS = IntakeLimits()

_DIRECT_REJECTIONS = {
    FileFormat.EMPTY: IntakeCode.EMPTY,
    FileFormat.SEVEN_ZIP: IntakeCode.ARCHIVE_7Z,
    FileFormat.RAR: IntakeCode.ARCHIVE_RAR,
    FileFormat.PDF: IntakeCode.PDF,
    FileFormat.TNEF: IntakeCode.WINMAIL,
    FileFormat.UNKNOWN: IntakeCode.UNKNOWN,
}


def inspect_file(data: bytes, filename: str | None, limits: IntakeLimits = DEFAULT_LIMITS) -> IntakeResult:
    """Classify one attachment; ``result.accepted`` means ``result.workbook`` is safe to read."""
    try:
        return _inspect(bytes(data), filename, limits, depth=0)
    except Exception:
        logger.error("intake failed unexpectedly (%d bytes)", len(data), exc_info=True)
        code = IntakeCode.UNREADABLE
        return IntakeResult(
            kind=IntakeKind.REJECTED,
            detected=FileFormat.UNKNOWN,
            reason_code=code,
            reason=describe(code, {}, filename),
        )


def _inspect(data: bytes, filename: str | None, limits: IntakeLimits, depth: int) -> IntakeResult:
    try:
        return _classify(data, filename, limits, depth)
    except IntakeRejection as rejection:
        logger.debug("intake rejected %s: %s %s", filename, rejection.code, rejection.params)
        return IntakeResult(
            kind=IntakeKind.REJECTED,
            detected=rejection.detected,
            reason_code=rejection.code,
            reason=describe(rejection.code, rejection.params, filename),
            params=rejection.params,
            legacy_xls=rejection.legacy_xls,
        )


def _classify(data: bytes, filename: str | None, limits: IntakeLimits, depth: int) -> IntakeResult:
    if len(data) > limits.max_file_bytes:
        raise IntakeRejection(
            IntakeCode.TOO_LARGE,
            FileFormat.UNKNOWN,
            size_mb=megabytes(len(data)),
            limit_mb=limit_text(limits.max_file_bytes),
        )
    detected = sniff(data)
    if detected is FileFormat.ZIP:
        return _from_zip(data, filename, limits, depth)
    if detected is FileFormat.OLE2:
        from rmi.intake.ole import classify_ole  # olefile and msoffcrypto: only OLE2 files need them

        content = classify_ole(data)
        if content.legacy_xls:
            raise IntakeRejection(IntakeCode.XLS_LEGACY, FileFormat.XLS, legacy_xls=content.data)
        if sniff(content.data) is not FileFormat.ZIP:
            raise IntakeRejection(IntakeCode.CORRUPT_OFFICE, FileFormat.ENCRYPTED_OFFICE)
        return _from_zip(content.data, filename, limits, depth)
    if detected in IMAGE_FORMATS:
        raise IntakeRejection(IntakeCode.IMAGE, detected, format=detected.value.upper())
    if detected in OTHER_ARCHIVES:
        raise IntakeRejection(IntakeCode.ARCHIVE_OTHER, detected, format=detected.value)
    if detected in TEXT_FORMATS:
        raise IntakeRejection(IntakeCode.TEXT, detected, format=detected.value)
    raise IntakeRejection(_DIRECT_REJECTIONS.get(detected, IntakeCode.UNKNOWN), detected)


def _from_zip(data: bytes, filename: str | None, limits: IntakeLimits, depth: int) -> IntakeResult:
    entries = read_central_directory(data, limits, FileFormat.ZIP)
    kind = package_kind(entries)
    if kind is PackageKind.EXCEL:
        package = inspect_excel_package(data, entries, limits)
        macro = package.has_macros or package.flavour is FileFormat.XLSM
        warnings: tuple[IntakeNote, ...] = (_note(IntakeCode.XLSM_MACRO, {}, filename),) if macro else ()
        flavour = package.flavour
        return IntakeResult(IntakeKind.XLSX, flavour, data, warnings=warnings, parts=package.parts)
    if kind is PackageKind.OPENDOCUMENT:
        check_opendocument(data, entries)
    if depth >= 1:
        raise IntakeRejection(IntakeCode.ZIP_NESTED, FileFormat.ARCHIVE)
    pick = pick_workbook(data, entries)
    inner_name = PurePosixPath(pick.entry.name).name
    inner = _inspect(read_entry(data, pick.entry, FileFormat.ARCHIVE), inner_name, limits, depth + 1)
    extra: tuple[IntakeNote, ...] = ()
    if pick.ignored and inner.accepted:
        names = ", ".join(PurePosixPath(name).name for name in pick.ignored[:5])
        params: dict[str, str | int] = {"inner": inner_name, "count": len(pick.ignored), "names": names}
        extra = (_note(IntakeCode.ZIP_EXTRA_FILES, params, filename),)
    return dataclasses.replace(inner, inner_name=inner_name, warnings=inner.warnings + extra)


def _note(code: IntakeCode, params: dict[str, str | int], filename: str | None) -> IntakeNote:
    return IntakeNote(code=code, reason=describe(code, params, filename), params=params)
