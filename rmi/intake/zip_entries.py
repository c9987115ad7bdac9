"""Zip containers read defensively: the central directory first, then bounded, verified inflation.

A workbook is a zip, so every zip bomb trick reaches us as "an Excel file". The size cap and the
compression ratio are judged from the central directory alone, before a byte is inflated. Then
every part is inflated here with its output capped at the size the directory declared, so a part
that lies about its size (to slip past the cap and explode inside a reader that trusts the stream)
is caught, and so is a truncated or corrupted part (CRC). Readers downstream can then trust the
package completely.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from rmi.intake.sniff import FileFormat
from rmi.intake.vocabulary import IntakeCode, IntakeLimits, IntakeRejection, limit_text, megabytes

_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_IN_CHUNK = 64 * 1024
_OUT_CHUNK = 256 * 1024
_UTF8_NAME_FLAG = 0x800


@dataclass(frozen=True, slots=True)
class ZipEntry:
    """One member as the central directory describes it."""

    name: str
    offset: int
    method: int
    compressed: int
    size: int
    crc: int
    encrypted: bool

    @property
    def is_dir(self) -> bool:
        return self.name.endswith("/")


def read_central_directory(data: bytes, limits: IntakeLimits, detected: FileFormat) -> tuple[ZipEntry, ...]:
    """List the members and enforce every limit that the directory alone can prove.

    Raises ``IntakeRejection`` for a damaged directory, a password-protected member, a bomb
    (too many members, too much declared output, a suspicious ratio, overlapping members that
    reuse the same compressed bytes) or duplicate names that readers would resolve differently.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        ValueError,
        EOFError,
        OSError,
        OverflowError,
        struct.error,
    ) as exc:
        raise IntakeRejection(IntakeCode.CORRUPT_ZIP, detected, detail=type(exc).__name__) from exc
    if len(infos) > limits.max_entries:
        raise IntakeRejection(IntakeCode.ZIP_BOMB, detected, entries=len(infos))
    entries = tuple(_entry(info) for info in infos)
    _check_declared_sizes(entries, limits, detected)
    _check_names(entries, detected)
    _check_layout(data, entries, detected)
    if any(entry.encrypted for entry in entries):
        raise IntakeRejection(IntakeCode.ENCRYPTED, detected, container="zip")
    return entries


def _entry(info: zipfile.ZipInfo) -> ZipEntry:
    return ZipEntry(
        name=_display_name(info),
        offset=info.header_offset,
        method=info.compress_type,
        compressed=info.compress_size,
        size=info.file_size,
        crc=info.CRC,
        encrypted=bool(info.flag_bits & 0x1),
    )


def _display_name(info: zipfile.ZipInfo) -> str:
    """Names from Windows zip tools are often GBK or UTF-8 bytes without the UTF-8 flag."""
    if info.flag_bits & _UTF8_NAME_FLAG:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def _check_declared_sizes(entries: tuple[ZipEntry, ...], limits: IntakeLimits, detected: FileFormat) -> None:
    total = sum(entry.size for entry in entries)
    if total > limits.max_total_uncompressed:
        raise IntakeRejection(
            IntakeCode.ZIP_BOMB,
            detected,
            uncompressed_mb=megabytes(total),
            limit_mb=limit_text(limits.max_total_uncompressed),
        )
    for entry in entries:
        if entry.size > limits.ratio_checked_above:
            ratio = entry.size // max(entry.compressed, 1)
            if ratio > limits.max_part_ratio:
                raise IntakeRejection(IntakeCode.ZIP_BOMB, detected, part=entry.name, ratio=ratio)


def _check_names(entries: tuple[ZipEntry, ...], detected: FileFormat) -> None:
    seen: set[str] = set()
    for entry in entries:
        # Package part names compare case-insensitively (OPC); a duplicate is an ambiguity attack.
        key = entry.name.lower()
        if key in seen:
            raise IntakeRejection(
                IntakeCode.CORRUPT_ZIP, detected, detail="duplicate member", part=entry.name
            )
        seen.add(key)


def _check_layout(data: bytes, entries: tuple[ZipEntry, ...], detected: FileFormat) -> None:
    """Every member's bytes must lie inside the file and must not overlap the next member's."""
    previous_end = 0
    for entry in sorted(entries, key=lambda item: item.offset):
        if entry.offset < previous_end:
            raise IntakeRejection(
                IntakeCode.ZIP_BOMB, detected, detail="overlapping members", part=entry.name
            )
        start = data_start(data, entry, detected)
        previous_end = start + entry.compressed
        if previous_end > len(data):
            raise IntakeRejection(IntakeCode.CORRUPT_ZIP, detected, detail="truncated", part=entry.name)


def data_start(data: bytes, entry: ZipEntry, detected: FileFormat) -> int:
    """Offset of a member's compressed bytes, read from its local header."""
    header = data[entry.offset : entry.offset + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size:
        raise IntakeRejection(IntakeCode.CORRUPT_ZIP, detected, detail="truncated", part=entry.name)
    fields = _LOCAL_HEADER.unpack(header)
    if fields[0] != b"PK\x03\x04":
        raise IntakeRejection(IntakeCode.CORRUPT_ZIP, detected, detail="bad local header", part=entry.name)
    name_length, extra_length = int(fields[9]), int(fields[10])
    return entry.offset + _LOCAL_HEADER.size + name_length + extra_length


def iter_entry(data: bytes, entry: ZipEntry, detected: FileFormat) -> Iterator[bytes]:
    """Yield a member's uncompressed bytes in chunks, never more than its declared size.

    At the end the output length and the CRC must match the directory, otherwise the member is
    corrupt (or lied about its size, which is treated as a bomb).
    """
    start = data_start(data, entry, detected)
    raw = memoryview(data)[start : start + entry.compressed]
    if entry.method == zipfile.ZIP_STORED:
        chunks = _stored_chunks(raw)
    elif entry.method == zipfile.ZIP_DEFLATED:
        chunks = _inflated_chunks(raw, entry, detected)
    else:
        raise IntakeRejection(
            IntakeCode.CORRUPT_ZIP, detected, detail=f"method {entry.method}", part=entry.name
        )
    produced = 0
    crc = 0
    for chunk in chunks:
        produced += len(chunk)
        if produced > entry.size:
            raise IntakeRejection(IntakeCode.ZIP_BOMB, detected, detail="size lies", part=entry.name)
        crc = zlib.crc32(chunk, crc)
        yield chunk
    if produced != entry.size or crc != entry.crc:
        raise IntakeRejection(IntakeCode.CORRUPT_ZIP, detected, detail="checksum", part=entry.name)


def read_entry(data: bytes, entry: ZipEntry, detected: FileFormat) -> bytes:
    """A member's uncompressed bytes, held to ``iter_entry``'s checks but inflated in one call.

    The output is capped at one byte more than the declared size, so a part that lies about its
    size is caught without inflating its lie; no chunk list is joined afterwards.
    """
    start = data_start(data, entry, detected)
    raw = memoryview(data)[start : start + entry.compressed]
    if entry.method == zipfile.ZIP_STORED:
        content, complete = bytes(raw[: entry.size + 1]), True
    elif entry.method == zipfile.ZIP_DEFLATED:
        content, complete = _inflated(raw, entry, detected)
    else:
        raise IntakeRejection(
            IntakeCode.CORRUPT_ZIP, detected, detail=f"method {entry.method}", part=entry.name
        )
    if len(content) > entry.size:
        raise IntakeRejection(IntakeCode.ZIP_BOMB, detected, detail="size lies", part=entry.name)
    if not complete:
        raise IntakeRejection(IntakeCode.CORRUPT_ZIP, detected, detail="truncated", part=entry.name)
    if len(content) != entry.size or zlib.crc32(content) != entry.crc:
        raise IntakeRejection(IntakeCode.CORRUPT_ZIP, detected, detail="checksum", part=entry.name)
    return content


def _inflated(raw: memoryview, entry: ZipEntry, detected: FileFormat) -> tuple[bytes, bool]:
    """(output capped at the declared size + 1, whether the deflate stream ended)."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        content = inflater.decompress(raw, entry.size + 1)
    except zlib.error as exc:
        raise IntakeRejection(
            IntakeCode.CORRUPT_ZIP, detected, detail="bad deflate data", part=entry.name
        ) from exc
    return content, inflater.eof or len(content) > entry.size


def read_head(data: bytes, entry: ZipEntry, detected: FileFormat, size: int = 16) -> bytes:
    """The first bytes of a member (for magic numbers), inflating no more than one chunk."""
    for chunk in iter_entry(data, entry, detected):
        return chunk[:size]
    return b""


def _stored_chunks(raw: memoryview) -> Iterator[bytes]:
    for index in range(0, len(raw), _OUT_CHUNK):
        yield bytes(raw[index : index + _OUT_CHUNK])


def _inflated_chunks(raw: memoryview, entry: ZipEntry, detected: FileFormat) -> Iterator[bytes]:
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        for index in range(0, len(raw), _IN_CHUNK):
            pending: bytes | memoryview = raw[index : index + _IN_CHUNK]
            while pending and not inflater.eof:
                chunk = inflater.decompress(pending, _OUT_CHUNK)
                pending = inflater.unconsumed_tail
                if chunk:
                    yield chunk
            if inflater.eof:
                return
    except zlib.error as exc:
        raise IntakeRejection(
            IntakeCode.CORRUPT_ZIP, detected, detail="bad deflate data", part=entry.name
        ) from exc
    if not inflater.eof:
        raise IntakeRejection(IntakeCode.CORRUPT_ZIP, detected, detail="truncated", part=entry.name)
