"""A plain zip archive a supplier wrapped the template in: find the one workbook inside.

Suppliers zip files to get past mail filters or out of habit. Exactly one workbook inside is
unpacked and inspected like a direct attachment (one level only: a zip in a zip is refused, so
nesting cannot multiply a bomb). Several workbooks are refused, because picking one would be a
guess about which file the supplier meant. Operating-system litter (``__MACOSX/``, ``.DS_Store``,
``Thumbs.db``) is ignored; other extra files are ignored with a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from rmi.intake.sniff import OLE2_MAGIC, ZIP_MAGICS, FileFormat
from rmi.intake.vocabulary import IntakeCode, IntakeRejection
from rmi.intake.zip_entries import ZipEntry, read_head

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xltx", ".xltm", ".xls", ".xlsb", ".ods"})
_LITTER_NAMES = frozenset({".ds_store", "thumbs.db", "desktop.ini"})
_MAX_LISTED = 5


@dataclass(frozen=True, slots=True)
class ArchivePick:
    """The one workbook member to unpack, and how many other real files were left aside."""

    entry: ZipEntry
    ignored: tuple[str, ...]


def pick_workbook(data: bytes, entries: tuple[ZipEntry, ...]) -> ArchivePick:
    files = [entry for entry in entries if not entry.is_dir and not _is_litter(entry.name)]
    workbooks = [entry for entry in files if _is_workbook_member(data, entry)]
    if not workbooks:
        raise IntakeRejection(
            IntakeCode.ZIP_NO_WORKBOOK, FileFormat.ARCHIVE, count=len(files), names=_listing(files)
        )
    if len(workbooks) > 1:
        raise IntakeRejection(
            IntakeCode.ZIP_MULTIPLE, FileFormat.ARCHIVE, count=len(workbooks), names=_listing(workbooks)
        )
    chosen = workbooks[0]
    ignored = tuple(entry.name for entry in files if entry is not chosen)
    return ArchivePick(entry=chosen, ignored=ignored)


def _is_litter(name: str) -> bool:
    path = PurePosixPath(name)
    return name.startswith("__MACOSX/") or path.name.lower() in _LITTER_NAMES or path.name.startswith("._")


def _is_workbook_member(data: bytes, entry: ZipEntry) -> bool:
    """A member counts by its name or, when the name says nothing, by its first bytes."""
    if PurePosixPath(entry.name).suffix.lower() in WORKBOOK_SUFFIXES:
        return True
    if entry.encrypted or entry.size < len(OLE2_MAGIC):
        return False
    try:
        head = read_head(data, entry, FileFormat.ARCHIVE)
    except IntakeRejection:
        return False  # an unreadable member that is not named like a workbook is not the one sent
    return head.startswith(OLE2_MAGIC) or head.startswith(ZIP_MAGICS)


def _listing(entries: list[ZipEntry]) -> str:
    names = [PurePosixPath(entry.name).name for entry in entries[:_MAX_LISTED]]
    more = len(entries) - len(names)
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")
