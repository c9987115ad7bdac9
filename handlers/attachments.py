"""Which attachments of a supplier's mail are judged, and which are only named in the reply.

A supplier's mail often carries more than the template: a cover letter PDF, an ISO certificate, an
S/MIME signature. Only files that may be (or wrap) a workbook are judged
(``mail.candidates.is_spreadsheet_candidate``: by name, declared type or first bytes), so a verdict
on the template is never buried under "we could not read your PDF". The other files are named in
the reply when no workbook came ("we received scan.pdf, which we cannot use"), which tells a
supplier who sent a PDF of the CMRT what to do; signatures and calendar invites are not worth naming.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from mail.candidates import is_spreadsheet_candidate
from mail.model import Attachment, InboundMail

_NOT_NAMED_EXTENSIONS = frozenset({".p7s", ".p7m", ".asc", ".sig", ".ics", ".vcf"})
_NOT_NAMED_TYPES = (
    "application/pkcs7-signature",
    "application/x-pkcs7-signature",
    "application/pgp-signature",
)


@dataclass(frozen=True, slots=True)
class FileSelection:
    judged: tuple[Attachment, ...]
    ignored: tuple[str, ...]  # names of the other files, for the reply


def candidate_files(mail: InboundMail) -> FileSelection:
    """Split the mail's attachments into the ones to judge and the names of the others."""
    judged = tuple(a for a in mail.attachments if is_spreadsheet_candidate(a))
    ignored = tuple(
        a.filename or "(unnamed)"
        for a in mail.attachments
        if not is_spreadsheet_candidate(a) and _worth_naming(a)
    )
    return FileSelection(judged=judged, ignored=ignored)


def _worth_naming(attachment: Attachment) -> bool:
    suffix = PurePath(attachment.filename.lower()).suffix if attachment.filename else ""
    return suffix not in _NOT_NAMED_EXTENSIONS and not attachment.content_type.lower().startswith(
        _NOT_NAMED_TYPES
    )
