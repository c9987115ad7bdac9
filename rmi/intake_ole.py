"""OLE2 compound files: legacy ``.xls`` and password-protected workbooks.

Excel wraps every password-protected workbook, ``.xlsx`` included, in an OLE2 container holding
``EncryptionInfo`` and ``EncryptedPackage``; the directory alone proves it, so no key material
is parsed. A legacy ``.xls`` keeps its cells in a ``Workbook`` (BIFF8) or ``Book`` (BIFF5) stream;
msoffcrypto-tool then tells whether its globals carry a ``FilePass`` record (a password).
"""

from __future__ import annotations

import io
import logging

import msoffcrypto
import olefile

from rmi.intake_sniff import FileFormat
from rmi.intake_types import IntakeCode, IntakeRejection

logger = logging.getLogger(__name__)

_OTHER_OFFICE_STREAMS = {
    "WordDocument": "Word document",
    "PowerPoint Document": "PowerPoint presentation",
}


def classify_ole(data: bytes) -> None:
    """Always raises ``IntakeRejection``: no OLE2 file is a readable RMI template."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            streams = ["/".join(path) for path in ole.listdir(streams=True, storages=False)]
    except Exception as exc:
        # olefile signals damage with OSError, ValueError, IndexError or struct errors alike.
        raise IntakeRejection(IntakeCode.CORRUPT_OFFICE, FileFormat.OLE2, detail=type(exc).__name__) from exc
    names = {name.lower() for name in streams}
    if {"encryptioninfo", "encryptedpackage"} <= names:
        raise IntakeRejection(IntakeCode.ENCRYPTED, FileFormat.ENCRYPTED_OFFICE, container="ooxml")
    if "workbook" in names or "book" in names:
        if "workbook" in names and _legacy_xls_has_password(data):
            raise IntakeRejection(IntakeCode.ENCRYPTED, FileFormat.XLS, container="xls")
        raise IntakeRejection(IntakeCode.XLS_LEGACY, FileFormat.XLS)
    for stream, label in _OTHER_OFFICE_STREAMS.items():
        if stream.lower() in names:
            raise IntakeRejection(IntakeCode.OFFICE_OTHER, FileFormat.OFFICE_OTHER, document=label)
    if any(name.startswith("__substg1.0_") for name in names):
        raise IntakeRejection(IntakeCode.OFFICE_OTHER, FileFormat.OFFICE_OTHER, document="Outlook message")
    raise IntakeRejection(IntakeCode.UNKNOWN, FileFormat.OLE2)


def _legacy_xls_has_password(data: bytes) -> bool:
    """Read the BIFF globals for a FilePass record; a damaged stream counts as "no password"."""
    try:
        office_file = msoffcrypto.OfficeFile(io.BytesIO(data))
        return bool(office_file.is_encrypted())
    except Exception:
        # Either way the supplier is asked for an .xlsx; the password hint is a nicety.
        logger.info("could not read the BIFF globals of a legacy .xls", exc_info=True)
        return False
