"""What a file really is, from its first bytes alone.

Suppliers rename files (a PDF saved as ``CMRT.xlsx``, a ``.xls`` renamed to ``.xlsx``) and mail
programs lose names, so intake never trusts the extension: it looks at magic numbers here and
only uses the name afterwards to word its answer.
"""

from __future__ import annotations

from enum import StrEnum


class FileFormat(StrEnum):
    """The container format found in the bytes (refined later for zip and OLE2 files)."""

    EMPTY = "empty"
    ZIP = "zip"
    OLE2 = "ole2"
    XLSX = "xlsx"
    XLSM = "xlsm"
    XLSB = "xlsb"
    XLS = "xls"
    ODS = "ods"
    ENCRYPTED_OFFICE = "encrypted-office"
    OFFICE_OTHER = "office-other"
    ARCHIVE = "archive"
    SEVEN_ZIP = "7z"
    RAR = "rar"
    GZIP = "gzip"
    BZIP2 = "bzip2"
    XZ = "xz"
    PDF = "pdf"
    PNG = "png"
    JPEG = "jpeg"
    GIF = "gif"
    BMP = "bmp"
    TIFF = "tiff"
    WEBP = "webp"
    TNEF = "winmail.dat"
    HTML = "html"
    XML = "xml"
    TEXT = "text"
    UNKNOWN = "unknown"


IMAGE_FORMATS = frozenset(
    {FileFormat.PNG, FileFormat.JPEG, FileFormat.GIF, FileFormat.BMP, FileFormat.TIFF, FileFormat.WEBP}
)
OTHER_ARCHIVES = frozenset({FileFormat.GZIP, FileFormat.BZIP2, FileFormat.XZ})
TEXT_FORMATS = frozenset({FileFormat.HTML, FileFormat.XML, FileFormat.TEXT})

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
TNEF_MAGIC = b"\x78\x9f\x3e\x22"

_PREFIXES: tuple[tuple[bytes, FileFormat], ...] = (
    (OLE2_MAGIC, FileFormat.OLE2),
    (b"PK\x03\x04", FileFormat.ZIP),
    (b"PK\x05\x06", FileFormat.ZIP),
    (b"PK\x07\x08", FileFormat.ZIP),
    (b"7z\xbc\xaf\x27\x1c", FileFormat.SEVEN_ZIP),
    (b"Rar!\x1a\x07", FileFormat.RAR),
    (b"\x1f\x8b", FileFormat.GZIP),
    (b"BZh", FileFormat.BZIP2),
    (b"\xfd7zXZ\x00", FileFormat.XZ),
    (b"%PDF-", FileFormat.PDF),
    (b"\x89PNG\r\n\x1a\n", FileFormat.PNG),
    (b"\xff\xd8\xff", FileFormat.JPEG),
    (b"GIF87a", FileFormat.GIF),
    (b"GIF89a", FileFormat.GIF),
    (b"II*\x00", FileFormat.TIFF),
    (b"MM\x00*", FileFormat.TIFF),
    (TNEF_MAGIC, FileFormat.TNEF),
)

# Bytes that never occur in text files; a few of them mean "binary, format unknown".
_BINARY_BYTES = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x1B))


def sniff(data: bytes) -> FileFormat:
    """Classify ``data`` by its leading bytes; never raises and never looks past 4 KB."""
    if not data.strip(b"\x00 \t\r\n"):
        return FileFormat.EMPTY
    for prefix, fmt in _PREFIXES:
        if data.startswith(prefix):
            return fmt
    head = data[:4096]
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return FileFormat.WEBP
    if head.startswith(b"BM") and len(data) > 26 and head[6:10] == b"\x00\x00\x00\x00":
        return FileFormat.BMP
    if b"%PDF-" in head[:1024]:
        # Acrobat accepts a PDF header anywhere in the first kilobyte, so renamed PDFs may too.
        return FileFormat.PDF
    return _sniff_text(head)


def _sniff_text(head: bytes) -> FileFormat:
    text = _decode_text_head(head)
    if text is None:
        return FileFormat.UNKNOWN
    lowered = text.lstrip("\ufeff \t\r\n").lower()
    if lowered.startswith(("<!doctype html", "<html")) or "<table" in lowered[:2048]:
        return FileFormat.HTML
    if lowered.startswith("<?xml") or lowered.startswith("<"):
        return FileFormat.XML
    return FileFormat.TEXT


def _decode_text_head(head: bytes) -> str | None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    binary = sum(1 for byte in head if byte in _BINARY_BYTES)
    if binary > len(head) // 100:
        return None
    return head.decode("utf-8", errors="replace")
