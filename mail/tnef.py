"""Unwrapping Outlook's ``winmail.dat`` (TNEF) to reach the files a supplier actually attached.

Outlook in rich-text mode sends every attachment inside one ``application/ms-tnef`` part. tnefparse
decodes it, but it takes the file bytes from whichever property came last and strips trailing NUL
bytes from MAPI binary properties, which truncates a zip (an .xlsx ends in zero bytes). So the raw
``attAttachData`` record of each attachment is preferred here, and tnefparse supplies the names
(the long file name from MAPI over the 8.3 title).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from tnefparse.tnef import TNEF

logger = logging.getLogger(__name__)

_LEVEL_ATTACHMENT = 0x02
_ATT_RENDDATA = 0x9002  # opens a new attachment in the TNEF stream
_ATT_DATA = 0x800F


@dataclass(frozen=True, slots=True)
class TnefFile:
    filename: str
    data: bytes


@dataclass(frozen=True, slots=True)
class TnefContent:
    """The files found, or ``error`` when the blob could not be decoded.

    A winmail.dat that only carries Outlook's rich-text body has no files and no error.
    """

    files: tuple[TnefFile, ...]
    error: str | None = None
    skipped_embedded_messages: int = 0


def unwrap_tnef(blob: bytes) -> TnefContent:
    """Decode a winmail.dat blob; never raises (a failure is reported in ``error``)."""
    try:
        tnef = TNEF(blob, do_checksum=False)
        raw_data = _raw_attachment_data(tnef)
        files: list[TnefFile] = []
        embedded = 0
        for index, attachment in enumerate(tnef.attachments):
            if getattr(attachment, "embed", None) is not None:
                embedded += 1
                continue
            data = raw_data[index] if index < len(raw_data) and raw_data[index] else attachment.data
            if data:
                files.append(TnefFile(filename=_name(attachment, index), data=bytes(data)))
    except Exception as exc:
        # tnefparse raises ValueError, IndexError, struct.error or UnicodeDecodeError on damaged blobs.
        logger.info("winmail.dat could not be decoded", exc_info=True)
        return TnefContent(files=(), error=type(exc).__name__)
    if tnef.attachments and not files and not embedded:
        # Attachments were announced but none carried data: damaged, not a body-only winmail.dat.
        return TnefContent(files=(), error="attachments without data")
    return TnefContent(files=tuple(files), skipped_embedded_messages=embedded)


def _raw_attachment_data(tnef: TNEF) -> list[bytes | None]:
    """The unmodified ``attAttachData`` of each attachment, in attachment order."""
    found: list[bytes | None] = []
    for obj in tnef.objects:
        if obj.level != _LEVEL_ATTACHMENT:
            continue
        if obj.name == _ATT_RENDDATA:
            found.append(None)
        elif obj.name == _ATT_DATA and found:
            found[-1] = bytes(obj.data)
    return found


def _name(attachment: object, index: int) -> str:
    for getter in ("long_filename", "name"):
        try:
            value = getattr(attachment, getter)
            value = value() if callable(value) else value
        except Exception:
            # A name in an unexpected codepage must not lose the file itself.
            logger.debug("TNEF attachment name unreadable", exc_info=True)
            continue
        if isinstance(value, bytes):
            value = value.decode("utf-8", errors="replace")
        if isinstance(value, str) and value.strip("\x00 "):
            return value.strip("\x00 ")
    return f"attachment-{index + 1}"
