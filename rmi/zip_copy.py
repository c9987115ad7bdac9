"""Rewrite a few members of a zip package and copy every other member's compressed bytes untouched.

Why not ``zipfile`` alone: it can only write a member by compressing it again, and an RMI template
is a 1.5 MB package of about 10 MB of XML, so personalising it for each of 1,000 suppliers would
spend most of an invitation wave recompressing parts nobody changed. Copying the compressed bytes
as they are keeps those parts bit-for-bit what Excel (or RMI) wrote, which is also the safest way
to keep a workbook that opens without a repair prompt. Only packages without ZIP64 are handled
(an .xlsx is far below 4 GB); anything else raises ``ValueError`` so the caller can fall back.
"""

from __future__ import annotations

import functools
import io
import struct
import zipfile
import zlib
from collections.abc import Mapping

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_LOCAL_SIGNATURE, _CENTRAL_SIGNATURE, _END_SIGNATURE = 0x04034B50, 0x02014B50, 0x06054B50
_DATA_DESCRIPTOR_FLAG = 0x08
_UTF8_FLAG = 0x800


def replace_members(package: bytes, replacements: Mapping[str, bytes]) -> bytes:
    """``package`` with the members named in ``replacements`` holding the new bytes (deflated).

    The copied members come first, in their order, and the replaced ones after them; the central
    directory keeps the original order (readers go by it, and the ZIP format lets members lie in
    any order). So every copy personalised from one package starts with the same bytes, which lets
    ``mail.compose`` encode that shared beginning once for a whole wave instead of once a mail.
    """
    infos = _members(package)
    missing = set(replacements) - {info.filename for info in infos}
    if missing:
        raise ValueError(f"the package has no member {sorted(missing)[0]!r}")
    out = io.BytesIO()
    central: dict[int, bytes] = {}
    order = sorted(range(len(infos)), key=lambda index: infos[index].filename in replacements)
    for index in order:
        info = infos[index]
        if info.filename in replacements:
            new = replacements[info.filename]
            method, crc, size = zipfile.ZIP_DEFLATED, zlib.crc32(new), len(new)
            data = _deflate(new)
        else:
            method, crc, size = info.compress_type, info.CRC, info.file_size
            data = _raw_data(package, info)
        central[index] = _write_member(out, info, method, crc, size, data)
    start = out.tell()
    for index in range(len(infos)):
        out.write(central[index])
    out.write(_END.pack(_END_SIGNATURE, 0, 0, len(central), len(central), out.tell() - start, start, 0))
    return out.getvalue()


@functools.lru_cache(maxsize=4)
def _members(package: bytes) -> tuple[zipfile.ZipInfo, ...]:
    """The package's members (a wave personalises the same package a thousand times: read it once).

    Raises ``ValueError`` for ZIP64 packages, which are not rewritten.
    """
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        infos = tuple(archive.infolist())
    for info in infos:
        if info.file_size >= 0xFFFFFFFF or info.header_offset >= 0xFFFFFFFF:
            raise ValueError("ZIP64 packages are not rewritten")
    return infos


def _deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def _raw_data(package: bytes, info: zipfile.ZipInfo) -> bytes:
    """The member's compressed bytes, found through its own local header (whose extra field may differ
    from the central directory's)."""
    header = _LOCAL.unpack_from(package, info.header_offset)
    if header[0] != _LOCAL_SIGNATURE:
        raise ValueError(f"no local header for {info.filename!r}")
    start = info.header_offset + _LOCAL.size + header[9] + header[10]
    return package[start : start + info.compress_size]


def _write_member(
    out: io.BytesIO, info: zipfile.ZipInfo, method: int, crc: int, size: int, data: bytes
) -> bytes:
    """Write the local header and data; return the member's central directory entry."""
    name = info.filename.encode("utf-8")
    flags = (info.flag_bits & ~_DATA_DESCRIPTOR_FLAG) | (_UTF8_FLAG if not name.isascii() else 0)
    dos_time = info.date_time[3] << 11 | info.date_time[4] << 5 | info.date_time[5] // 2
    dos_date = (info.date_time[0] - 1980) << 9 | info.date_time[1] << 5 | info.date_time[2]
    offset = out.tell()
    fixed = (20, flags, method, dos_time, dos_date, crc, len(data), size, len(name))
    out.write(_LOCAL.pack(_LOCAL_SIGNATURE, *fixed, 0) + name + data)
    return (
        _CENTRAL.pack(_CENTRAL_SIGNATURE, 20, *fixed, 0, 0, 0, info.internal_attr, info.external_attr, offset)
        + name
    )
