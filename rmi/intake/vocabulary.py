"""The vocabulary of safe intake: outcome kinds, stable reason codes, limits and the result.

Kept apart from the checks so the mail router, the Slack bot and the message catalogue can import
the codes without pulling in zip or OLE2 handling.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from rmi.intake.sniff import FileFormat

Params = Mapping[str, str | int]


class IntakeKind(StrEnum):
    """``xlsx``: ``workbook`` holds bytes that are safe to hand to a reader; ``rejected``: it does not."""

    XLSX = "xlsx"
    REJECTED = "rejected"


class IntakeCode(StrEnum):
    """Stable reason codes; the supplier-facing wording is derived from them, never the reverse."""

    EMPTY = "FILE-EMPTY"
    TOO_LARGE = "FILE-TOO-LARGE"
    ENCRYPTED = "FILE-ENCRYPTED"
    XLS_LEGACY = "FILE-XLS-LEGACY"
    XLSB = "FILE-XLSB"
    ODS = "FILE-ODS"
    XLSM_MACRO = "FILE-XLSM-MACRO"
    ARCHIVE_7Z = "FILE-ARCHIVE-7Z"
    ARCHIVE_RAR = "FILE-ARCHIVE-RAR"
    ARCHIVE_OTHER = "FILE-ARCHIVE-OTHER"
    ZIP_MULTIPLE = "FILE-ZIP-MULTIPLE"
    ZIP_NO_WORKBOOK = "FILE-ZIP-NO-WORKBOOK"
    ZIP_NESTED = "FILE-ZIP-NESTED"
    ZIP_EXTRA_FILES = "FILE-ZIP-EXTRA-FILES"
    PDF = "FILE-PDF"
    IMAGE = "FILE-IMAGE"
    WINMAIL = "FILE-WINMAIL"
    OFFICE_OTHER = "FILE-OFFICE-OTHER"
    TEXT = "FILE-TEXT"
    UNKNOWN = "FILE-UNKNOWN"
    CORRUPT_ZIP = "FILE-CORRUPT-ZIP"
    CORRUPT_XLSX = "FILE-CORRUPT-XLSX"
    CORRUPT_OFFICE = "FILE-CORRUPT-OFFICE"
    ZIP_BOMB = "FILE-ZIP-BOMB"
    XML_UNSAFE = "FILE-XML-UNSAFE"
    UNREADABLE = "FILE-UNREADABLE"


WARNING_CODES = frozenset({IntakeCode.XLSM_MACRO, IntakeCode.ZIP_EXTRA_FILES})


@dataclass(frozen=True, slots=True)
class IntakeLimits:
    """Ceilings checked before any part is parsed.

    Real templates are about 1.5 MB zipped and 7–11.5 MB unpacked, with no part compressing
    better than about 16:1 (performance-baseline.md §1), so these leave a wide margin for
    filled files while stopping bombs long before they cost memory or time.
    """

    max_file_bytes: int = 25 * 1024 * 1024
    max_total_uncompressed: int = 60 * 1024 * 1024
    max_part_ratio: int = 100
    ratio_checked_above: int = 1024 * 1024
    max_entries: int = 2000
    max_xml_prolog: int = 64 * 1024


@dataclass(frozen=True, slots=True)
class IntakeNote:
    """One reason (a rejection or a warning): stable code, parameters and an English line to act on."""

    code: IntakeCode
    reason: str
    params: Params = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class IntakeResult:
    """The verdict on one file.

    ``kind`` is ``xlsx`` with ``workbook`` set (possibly unpacked from a zip, see ``inner_name``)
    or ``rejected`` with ``reason_code``/``reason``/``params`` set. ``detected`` says what the
    bytes turned out to be, whatever the name claimed. ``warnings`` never block reading.
    """

    kind: IntakeKind
    detected: FileFormat
    workbook: bytes | None = field(default=None, repr=False)
    reason_code: IntakeCode | None = None
    reason: str = ""
    params: Params = field(default_factory=dict)
    warnings: tuple[IntakeNote, ...] = ()
    inner_name: str | None = None
    legacy_xls: bytes | None = field(default=None, repr=False)
    """For ``FILE-XLS-LEGACY``: the (decrypted) .xls bytes, to tell which template it is."""
    parts: Mapping[str, bytes] = field(default_factory=dict, repr=False, compare=False)
    """For an accepted workbook: every part as intake inflated and verified it, by name, so the
    reader need not inflate them a second time (empty when intake kept none)."""

    @property
    def accepted(self) -> bool:
        return self.kind is IntakeKind.XLSX and self.workbook is not None


class IntakeRejection(Exception):
    """Raised inside intake to stop at the first decisive problem; never escapes ``inspect_file``."""

    def __init__(
        self, code: IntakeCode, detected: FileFormat, *, legacy_xls: bytes | None = None, **params: str | int
    ) -> None:
        super().__init__(code.value)
        self.code = code
        self.detected = detected
        self.legacy_xls = legacy_xls
        self.params: dict[str, str | int] = dict(params)


MEGABYTE = 1024 * 1024  # the unit of every size limit (``max_file_bytes``, ``mailbox.max_attachment_mb``)


def megabytes(size: int) -> str:
    """``size`` in MB (the limits' unit) with one decimal, rounded up: a file over a limit never reads
    as equal to it (26,214,401 bytes is "25.1" against a 25 MB limit), so a refusal always makes sense.
    """
    tenths = -(-size * 10 // MEGABYTE)
    return f"{tenths // 10}.{tenths % 10}"


def limit_text(limit: int) -> str:
    """A limit as people configure it: "25" for 25 MB, "0.5" only when it is not whole megabytes."""
    whole, rest = divmod(limit, MEGABYTE)
    return str(whole) if not rest else megabytes(limit)
