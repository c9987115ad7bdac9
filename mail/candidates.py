"""Which attachments the router should hand to template intake.

Generous on purpose: anything that might be the supplier's workbook (by name, declared type or
first bytes) goes to ``rmi.intake``, which gives a precise answer even for a 7z, an encrypted file
or a winmail.dat it cannot open. Only files that are plainly something else (a PDF invoice, a Word
letter, a signature image) stay out, so they never trigger "your template could not be read".
"""

from __future__ import annotations

from pathlib import PurePath

from mail.model import Attachment

_WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xltx", ".xltm", ".xls", ".xlsb", ".ods"})
_ARCHIVE_SUFFIXES = frozenset({".zip", ".7z", ".rar"})
_NOT_WORKBOOK_SUFFIXES = frozenset(
    {
        ".doc",
        ".docx",
        ".ppt",
        ".pptx",
        ".pdf",
        ".msg",
        ".eml",
        ".txt",
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".p7s",
    }
)
_WORKBOOK_TYPES = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml",
    "application/vnd.ms-excel",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/zip",
    "application/x-zip",
    "application/x-7z",
    "application/x-rar",
    "application/vnd.rar",
    "application/ms-tnef",
)
_WORKBOOK_MAGICS = (
    b"PK\x03\x04",  # xlsx, xlsm, zip
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # xls, password-protected xlsx
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"\x78\x9f\x3e\x22",  # winmail.dat that could not be unwrapped
)


def is_spreadsheet_candidate(attachment: Attachment) -> bool:
    """True when the attachment may be (or wrap) a workbook and deserves an intake verdict."""
    suffix = PurePath(attachment.filename.lower()).suffix
    if (
        suffix in _WORKBOOK_SUFFIXES
        or suffix in _ARCHIVE_SUFFIXES
        or attachment.filename.lower() == "winmail.dat"
    ):
        return True
    if suffix in _NOT_WORKBOOK_SUFFIXES:
        return False
    if attachment.content_type.lower().startswith(_WORKBOOK_TYPES):
        return True
    return attachment.data.startswith(_WORKBOOK_MAGICS)
