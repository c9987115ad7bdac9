"""OLE2 compound files: legacy ``.xls`` and password-protected workbooks.

Excel wraps every password-protected workbook, ``.xlsx`` included, in an OLE2 container holding
``EncryptionInfo`` and ``EncryptedPackage``; the directory alone proves it. A legacy ``.xls`` keeps
its cells in a ``Workbook`` (BIFF8) or ``Book`` (BIFF5) stream, with a ``FilePass`` record when it
is encrypted.

Excel's default key ``VelvetSweatshop`` is not a password: Excel encrypts with it, for example, an
``.xls`` whose workbook structure is protected, and opens such files without asking anyone for
anything. Answering "remove the password" to a supplier who never set one wastes a round, so those
files are decrypted here (msoffcrypto-tool: RC4 / RC4 CryptoAPI ``.xls``, agile and standard OOXML)
and go on like any other. Only a real password gets the password reply.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

import msoffcrypto
import olefile

from rmi.intake.sniff import FileFormat
from rmi.intake.vocabulary import IntakeCode, IntakeRejection

logger = logging.getLogger(__name__)

DEFAULT_KEY = "VelvetSweatshop"

_OTHER_OFFICE_STREAMS = {
    "WordDocument": "Word document",
    "PowerPoint Document": "PowerPoint presentation",
}


@dataclass(frozen=True, slots=True)
class OleContent:
    """What an OLE2 file holds once Excel's default key is taken off: an .xlsx package or an .xls."""

    data: bytes
    legacy_xls: bool


def classify_ole(data: bytes) -> OleContent:
    """The workbook inside ``data``; raises ``IntakeRejection`` for everything that is not one."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            streams = ["/".join(path) for path in ole.listdir(streams=True, storages=False)]
    except Exception as exc:
        # olefile signals damage with OSError, ValueError, IndexError or struct errors alike.
        raise IntakeRejection(IntakeCode.CORRUPT_OFFICE, FileFormat.OLE2, detail=type(exc).__name__) from exc
    names = {name.lower() for name in streams}
    if {"encryptioninfo", "encryptedpackage"} <= names:
        package = open_with_default_key(data)
        if package is None:
            raise IntakeRejection(IntakeCode.ENCRYPTED, FileFormat.ENCRYPTED_OFFICE, container="ooxml")
        return OleContent(package, legacy_xls=False)
    if "workbook" in names or "book" in names:
        if "workbook" in names and _legacy_xls_has_password(data):
            decrypted = open_with_default_key(data)
            if decrypted is None:
                raise IntakeRejection(IntakeCode.ENCRYPTED, FileFormat.XLS, container="xls")
            return OleContent(decrypted, legacy_xls=True)
        return OleContent(data, legacy_xls=True)
    for stream, label in _OTHER_OFFICE_STREAMS.items():
        if stream.lower() in names:
            raise IntakeRejection(IntakeCode.OFFICE_OTHER, FileFormat.OFFICE_OTHER, document=label)
    if any(name.startswith("__substg1.0_") for name in names):
        raise IntakeRejection(IntakeCode.OFFICE_OTHER, FileFormat.OFFICE_OTHER, document="Outlook message")
    raise IntakeRejection(IntakeCode.UNKNOWN, FileFormat.OLE2)


def open_with_default_key(data: bytes) -> bytes | None:
    """``data`` decrypted with Excel's default key, or None when a real password protects it."""
    try:
        office_file = msoffcrypto.OfficeFile(io.BytesIO(data))
        if office_file.format == "ooxml":
            office_file.load_key(password=DEFAULT_KEY, verify_password=True)
        else:
            office_file.load_key(password=DEFAULT_KEY)
        out = io.BytesIO()
        office_file.decrypt(out)
    except Exception:
        # Wrong key, XOR obfuscation msoffcrypto cannot undo, damaged headers: a password reply.
        logger.info("workbook is protected by a real password (or an unsupported scheme)", exc_info=True)
        return None
    return out.getvalue()


def _legacy_xls_has_password(data: bytes) -> bool:
    """Read the BIFF globals for a FilePass record; a damaged stream counts as "no password"."""
    try:
        office_file = msoffcrypto.OfficeFile(io.BytesIO(data))
        return bool(office_file.is_encrypted())
    except Exception:
        # Either way the supplier is asked for an .xlsx; the password hint is a nicety.
        logger.info("could not read the BIFF globals of a legacy .xls", exc_info=True)
        return False
