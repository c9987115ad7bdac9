"""What an automatic reply to a supplier says, as plain data.

The route table decides *that* a supplier gets an answer; this module decides *what* the answer
contains (per file: accepted with its summary, rejected with numbered findings, or unreadable with
what to send instead) and in which language. Wording and layout live in ``mail/templates``; the
renderer port turns a ``Reply`` into text and HTML. Keeping the content as data makes it testable
without Jinja and lets the same reply be shown to staff in English.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from rmi.findings import Finding
from rmi.messages import DEFAULT_LANGUAGE, LANGUAGES, known_language

SUPPORTED_LANGUAGES = LANGUAGES
FALLBACK_LANGUAGE = DEFAULT_LANGUAGE


class ReplyKind(StrEnum):
    VERDICT = "verdict"
    ASK_FOR_ATTACHMENT = "ask_for_attachment"
    OWN_DECLARATION = "own_declaration"  # staff ask for the supplier's own company's file
    AGREEMENT_REFUSED = "agreement_refused"  # staff say a file is not the signed policy agreement


class FileOutcome(StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    UNREADABLE = "unreadable"
    HELD = "held"  # a newer revision whose cells we could not match: a person checks it


@dataclass(frozen=True, slots=True)
class FindingLine:
    """One finding as the supplier reads it: where (sheet, cell) and what to do, in their language."""

    number: int
    sheet: str | None
    cell: str | None
    text: str
    show_location: bool = True  # False when the text itself already names the sheet and cell


@dataclass(frozen=True, slots=True)
class FileReply:
    """The verdict on one attached file."""

    file_name: str
    outcome: FileOutcome
    family: str = ""
    version: str = ""
    scope: str = ""
    metals: tuple[str, ...] = ()
    smelter_count: int = 0
    errors: tuple[FindingLine, ...] = ()
    warnings: tuple[FindingLine, ...] = ()
    reason: str = ""  # for unreadable files: why, already in the reply language
    company_in_file: str = ""  # the other company a held file names (the own-declaration request)


@dataclass(frozen=True, slots=True)
class WantedTemplate:
    """What the campaign asks for, so a reply can say exactly which file to send."""

    family: str
    min_version: str
    due: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Reply:
    kind: ReplyKind
    language: str
    supplier_name: str
    files: tuple[FileReply, ...] = ()
    wanted: WantedTemplate | None = None
    ignored_files: tuple[str, ...] = ()
    attachments: tuple[str, ...] = ()  # names of the files attached to the reply (blank templates)
    campaign: str = ""  # the campaign tag, e.g. "[RMI 2026-H1]": named in the body, not the subject
    policy_version: str = ""  # AGREEMENT_REFUSED: the policy the file was not taken as agreement to
    policy_sentence: str = ""  # AGREEMENT_REFUSED: the sentence to reply with (``agreement_words``)
    staff_note: str = ""  # AGREEMENT_REFUSED: staff's optional reason, outside text (escaped in HTML)

    def context(self) -> dict[str, object]:
        """The template context: every name a reply template may use, always defined."""
        return {
            "kind": self.kind.value,
            "language": self.language,
            "supplier_name": self.supplier_name,
            "files": self.files,
            "wanted": self.wanted,
            "ignored_files": self.ignored_files,
            "attachments": self.attachments,
            "campaign": self.campaign,
            "policy_version": self.policy_version,
            "policy_sentence": self.policy_sentence,
            "staff_note": self.staff_note,
        }


@dataclass(frozen=True, slots=True)
class RenderedBody:
    text: str
    html: str


class ReplyRenderer(Protocol):
    """Turns a reply into text and HTML bodies (``mail.render.MailRenderer`` in production)."""

    def render_reply(self, reply: Reply) -> RenderedBody: ...


def reply_language(template_language: str | None, supplier_language: str | None, default: str) -> str:
    """The template's language (Declaration!D3), else the supplier's, else the configured default.

    The first of them that names one of our languages decides (a tag we have no catalogue for, such
    as "nl", passes to the next). RMI templates offer one Chinese, the Simplified one: a supplier
    stored as Traditional Chinese (``zh-Hant``, ``zh-TW``) who picks it is answered in Traditional.
    """
    stored = known_language(supplier_language)
    for candidate in (template_language, supplier_language, default):
        code = known_language(candidate)
        if code:
            return "zh-Hant" if code == "zh" and stored == "zh-Hant" else code
    return FALLBACK_LANGUAGE


def finding_lines(
    findings: Iterable[Finding], language: str, describe: Callable[[Finding, str], str]
) -> tuple[FindingLine, ...]:
    """Number the findings and render each in ``language`` (``describe`` is ``rmi.messages.render``)."""
    lines = []
    for number, item in enumerate(findings, start=1):
        text = describe(item, language)
        named_in_text = bool(item.sheet and item.cell and f"{item.sheet}!{item.cell}" in text)
        lines.append(FindingLine(number, item.sheet, item.cell, text, show_location=not named_in_text))
    return tuple(lines)
