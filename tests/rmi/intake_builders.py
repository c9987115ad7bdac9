"""Builders for hostile and odd files, generated at test time so no binary blobs are committed.

- ``excel_package``: a minimal but valid Excel package whose parts and content types can be bent.
- ``compound_file``: a tiny OLE2 (CFB v3) writer, enough for a legacy ``.xls`` or a Word file.
- ``raw_zip``: a zip writer that lets a member lie about its size, its CRC or its offset.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "rmi" / "data" / "templates"

SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
XLSB_TYPE = "application/vnd.ms-excel.sheet.binary.macroEnabled.main"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def template_bytes(name: str = "RMI_CMRT_6.5.xlsx") -> bytes:
    return (TEMPLATES / name).read_bytes()


def content_types(main_part: str, main_type: str, extra: Mapping[str, str] | None = None) -> bytes:
    overrides = {main_part: main_type, **(extra or {})}
    rows = "".join(f'<Override PartName="/{part}" ContentType="{kind}"/>' for part, kind in overrides.items())
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f"{rows}</Types>"
    ).encode()


WORKBOOK_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<sheets><sheet name="Declaration" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
SHEET_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Company Name</t></is></c></row></sheetData>'
    b"</worksheet>"
)
ROOT_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)


def excel_parts(main_type: str = SHEET_TYPE) -> dict[str, bytes]:
    return {
        "[Content_Types].xml": content_types("xl/workbook.xml", main_type),
        "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": WORKBOOK_XML,
        "xl/worksheets/sheet1.xml": SHEET_XML,
    }


def zip_of(members: Mapping[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def excel_package(main_type: str = SHEET_TYPE, parts: Mapping[str, bytes] | None = None) -> bytes:
    """A minimal workbook; ``parts`` replace or add package parts by name."""
    members = excel_parts(main_type)
    members.update(parts or {})
    return zip_of(members)


def zeros_zip(name: str, size: int) -> bytes:
    """One deflated member of ``size`` zero bytes, streamed so the test never holds it in memory."""
    buffer = io.BytesIO()
    block = bytes(1024 * 1024)
    with (
        zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open(name, "w", force_zip64=True) as member,
    ):
        for _ in range(size // len(block)):
            member.write(block)
    return buffer.getvalue()


@dataclass(frozen=True)
class RawMember:
    """A zip member written byte for byte: ``declared_size``/``crc`` may lie, ``reuse`` aliases data."""

    name: str
    payload: bytes
    declared_size: int
    crc: int
    method: int = zipfile.ZIP_DEFLATED
    flags: int = 0
    reuse: int | None = None


def deflate_raw(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


def raw_zip(members: list[RawMember]) -> bytes:
    body = io.BytesIO()
    offsets: list[int] = []
    for member in members:
        if member.reuse is not None:
            offsets.append(offsets[member.reuse])
            continue
        offsets.append(body.tell())
        name = member.name.encode()
        body.write(
            struct.pack(
                "<4sHHHHHIIIHH",
                b"PK\x03\x04",
                20,
                member.flags,
                member.method,
                0,
                0,
                member.crc,
                len(member.payload),
                member.declared_size,
                len(name),
                0,
            )
        )
        body.write(name + member.payload)
    directory = io.BytesIO()
    for member, offset in zip(members, offsets, strict=True):
        name = member.name.encode()
        directory.write(
            struct.pack(
                "<4sHHHHHHIIIHHHHHII",
                b"PK\x01\x02",
                20,
                20,
                member.flags,
                member.method,
                0,
                0,
                member.crc,
                len(member.payload),
                member.declared_size,
                len(name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
        )
        directory.write(name)
    start = body.tell()
    size = len(directory.getvalue())
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(members), len(members), size, start, 0)
    return body.getvalue() + directory.getvalue() + end


_ENDOFCHAIN = 0xFFFFFFFE
_FREESECT = 0xFFFFFFFF
_FATSECT = 0xFFFFFFFD
_NOSTREAM = 0xFFFFFFFF
_SECTOR = 512


def compound_file(streams: Mapping[str, bytes]) -> bytes:
    """A CFB v3 file holding ``streams`` at the root (each padded to 4 KB to avoid the mini stream)."""
    padded = [(name, data.ljust(4096, b"\x00")) for name, data in streams.items()]
    data_sectors: list[bytes] = []
    starts: list[int] = []
    fat = [_FATSECT, _ENDOFCHAIN]
    for _name, data in padded:
        count = -(-len(data) // _SECTOR)
        first = 2 + len(data_sectors)
        starts.append(first)
        fat.extend([*range(first + 1, first + count), _ENDOFCHAIN])
        data_sectors.extend(
            data[i * _SECTOR : (i + 1) * _SECTOR].ljust(_SECTOR, b"\x00") for i in range(count)
        )
    assert len(fat) <= 128 and len(padded) <= 3
    fat_sector = b"".join(struct.pack("<I", entry) for entry in fat).ljust(_SECTOR, b"\xff")
    entries = [_dir_entry("Root Entry", 5, child=1 if padded else _NOSTREAM, start=_ENDOFCHAIN, size=0)]
    for index, (name, data) in enumerate(padded):
        right = index + 2 if index + 1 < len(padded) else _NOSTREAM
        entries.append(_dir_entry(name, 2, right=right, start=starts[index], size=len(data)))
    directory = b"".join(entries).ljust(_SECTOR, b"\x00")
    return _cfb_header() + fat_sector + directory + b"".join(data_sectors)


def _cfb_header() -> bytes:
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        bytes(16),
        0x3E,
        3,
        0xFFFE,
        9,
        6,
        bytes(6),
        0,
        1,
        1,
        0,
        4096,
        _ENDOFCHAIN,
        0,
        _ENDOFCHAIN,
        0,
    )
    difat = struct.pack("<I", 0) + struct.pack("<I", _FREESECT) * 108
    return header + difat


def _dir_entry(
    name: str, kind: int, *, child: int = _NOSTREAM, right: int = _NOSTREAM, start: int, size: int
) -> bytes:
    encoded = (name + "\x00").encode("utf-16-le")
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        encoded,
        len(encoded),
        kind,
        1,
        _NOSTREAM,
        right,
        child,
        bytes(16),
        0,
        0,
        0,
        start,
        size,
    )


def biff8_workbook_stream(file_pass: bool = False) -> bytes:
    """BOF (globals), optionally a FilePass record (password), then EOF: what msoffcrypto reads."""
    bof = struct.pack("<HH", 0x0809, 16) + struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0)
    file_pass_record = struct.pack("<HHH", 0x002F, 2, 0x0001) if file_pass else b""
    eof = struct.pack("<HH", 0x000A, 0)
    return bof + file_pass_record + eof
