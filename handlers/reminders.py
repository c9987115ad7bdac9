"""What a reminder mail says, as plain data, plus the built-in English wording.

A wave decides *who* is reminded (``handlers.waves``); this module decides *what* they are told:
which template and version to send, by when, and why they hear from us again (nothing received yet,
past the due date, or the last file was rejected). ``ReminderMail.context()`` is the template
context, so ``mail.render.MailRenderer`` can word it in the supplier's language once a ``reminder``
template exists; until then, and for any language without one, ``builtin_reminder`` writes English
text and HTML (every supplier in an RMI programme reads English). HTML is escaped here by hand
because it is not rendered through the autoescaping Jinja environment.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from handlers.invocation import Selection
from handlers.replies import RenderedBody
from rmi.messages import DEFAULT_LANGUAGE, known_language, mail_words
from rmi.messages.forms import long_date

ReminderRenderer = Callable[["ReminderMail"], RenderedBody]
REMINDER_KIND = "reminder"
POLICY_AGAIN = "You have not yet agreed to our policy. To agree, reply with this sentence:"


class TemplateRenderer(Protocol):
    """The part of ``mail.render.MailRenderer`` used here: which kinds exist, and rendering one."""

    @property
    def kinds(self) -> frozenset[str]: ...

    def render(self, kind: str, language: str, context: Mapping[str, object]) -> RenderedBody: ...


_WHY = {
    Selection.MISSING: "we have not received your completed {family} yet.",
    Selection.OVERDUE: "the due date for your {family} has passed and we have no valid file from you yet.",
    Selection.REJECTED: "the last {family} you sent could not be accepted; please send a corrected file.",
}


@dataclass(frozen=True, slots=True)
class ReminderMail:
    supplier_name: str
    contact_name: str
    campaign_name: str
    family: str
    min_version: str
    due: dt.date
    reason: Selection
    reminder_number: int
    language: str
    open_findings: tuple[str, ...] = ()  # of the last rejected file, in the supplier's language
    policy_sentence: str = ""  # the agreement sentence, while the supplier has not agreed

    def context(self) -> dict[str, object]:
        """Every name a reminder template may use, always defined."""
        return {
            "supplier_name": self.supplier_name,
            "contact_name": self.contact_name,
            "campaign_name": self.campaign_name,
            "family": self.family,
            "min_version": self.min_version,
            "due": self.due.isoformat(),
            "reason": self.reason.value,
            "reminder_number": self.reminder_number,
            "language": self.language,
            "open_findings": list(self.open_findings),
            "policy_sentence": self.policy_sentence,
        }


def reminder_renderer(templates: TemplateRenderer | None) -> ReminderRenderer:
    """Render with the mail templates' ``reminder`` wording when there is one, else ``builtin_reminder``."""
    if templates is None or REMINDER_KIND not in templates.kinds:
        return builtin_reminder
    found = templates

    def render(mail: ReminderMail) -> RenderedBody:
        return found.render(REMINDER_KIND, mail.language, mail.context())

    return render


def reminder_subject(mail: ReminderMail, campaign_tag: str) -> str:
    """``[RMI CMRT 2026] Reminder: CMRT for Acme Metals, due 30 June 2026`` in the supplier's language."""
    words = mail_words(mail.language)["reminder"]["subject"]
    due = long_date(mail.due, known_language(mail.language) or DEFAULT_LANGUAGE)
    core = words.format(family=mail.family, supplier=mail.supplier_name, due=due)
    return f"{campaign_tag} {core}" if campaign_tag else core


def builtin_reminder(mail: ReminderMail) -> RenderedBody:
    """English text and HTML bodies for ``mail``."""
    return paragraphs_body(_paragraphs(mail))


def paragraphs_body(paragraphs: list[str]) -> RenderedBody:
    """Plain paragraphs as a text body and an escaped HTML body (for wording built in code)."""
    text = "\n\n".join(paragraphs) + "\n"
    body = "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>\n" for p in paragraphs)
    return RenderedBody(text=text, html=f"<!DOCTYPE html>\n<html><body>\n{body}</body></html>\n")


def _paragraphs(mail: ReminderMail) -> list[str]:
    greeting = f"Dear {mail.contact_name}," if mail.contact_name else f"Dear {mail.supplier_name} team,"
    why = _WHY[mail.reason].format(family=mail.family)
    ask = (
        f"Please reply to this mail with the {mail.family} (version {mail.min_version} or later) "
        f"for {mail.supplier_name} attached as an Excel file by {mail.due.isoformat()}."
    )
    findings = [f"{n}. {line}" for n, line in enumerate(mail.open_findings, start=1)]
    return [
        greeting,
        f"This is a reminder about our {mail.campaign_name} survey: {why}",
        ask,
        *(["Still to correct in your last file:\n" + "\n".join(findings)] if findings else []),
        *([f'{POLICY_AGAIN}\n"{mail.policy_sentence}"'] if mail.policy_sentence else []),
        "If your company does not use any of the minerals in scope, or someone else answers for you, "
        "please reply and tell us.",
        "Thank you.",
    ]
