"""Is this mail from a machine? Auto-replies, bounces, lists and receipts must never be answered.

Answering an out-of-office reply with "your template is missing" starts a mail loop between two
robots (RFC 3834 §2). The evidence is checked strongest first: delivery and read reports, then
delivery-system senders, then RFC 3834 ``Auto-Submitted`` and the de-facto ``X-Autoreply`` /
``X-Autorespond`` / ``Precedence`` / list headers, then out-of-office subjects in the languages our
suppliers write in, last a null return path. ``X-Auto-Response-Suppress`` is deliberately ignored:
Outlook and Exchange put it on ordinary person-to-person mail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mail.headers import Headers
from mail.model import AutomatedKind

_DAEMON_LOCAL_PARTS = frozenset({"mailer-daemon", "mailerdaemon", "mail-daemon", "postmaster"})
_AUTOREPLY_HEADERS = ("X-Autoreply", "X-Autorespond", "X-Autoresponder")
_REPLY_PREFIX = r"^\s*(?:[\[【(（]\s*)?(?:(?:re|aw|sv|vs|antw|fw|fwd|wg|tr|回复|回覆|答复|转发)\s*[:：]\s*)*"
_SUBJECT_OPENERS = (
    r"automatic\s+reply",
    r"auto[\s-]?reply",
    r"auto[\s-]?response",
    r"automatische\s+antwort",
    r"réponse\s+automatique",
    r"respuesta\s+automática",
    r"resposta\s+automática",
    r"risposta\s+automatica",
    r"automatisch\s+antwoord",
    r"自动回复",
    r"自動回覆",
    r"自动答复",
    r"自動応答",
    r"自動返信",
    r"不在",
    r"자동\s*응답",
)
_SUBJECT_ANYWHERE = (
    r"out\s+of\s+(?:the\s+)?office",
    r"out-of-office",
    r"abwesenheit",
    r"absent\s+du\s+bureau",
    r"fuera\s+de\s+la\s+oficina",
    r"不在通知",
    r"休假通知",
    r"外出中",
)
_OOO_SUBJECT = re.compile(
    _REPLY_PREFIX + "(?:" + "|".join(_SUBJECT_OPENERS) + ")" + "|" + "|".join(_SUBJECT_ANYWHERE),
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Automation:
    kind: AutomatedKind
    evidence: str


def classify_automated(
    headers: Headers, *, subject: str, from_address: str, content_type: str, report_type: str | None
) -> Automation | None:
    """The kind of machine mail this is, with the evidence, or None for a mail written by a person."""
    report = _report(content_type, report_type)
    if report is not None:
        return report
    if from_address.partition("@")[0] in _DAEMON_LOCAL_PARTS:
        return Automation(AutomatedKind.BOUNCE, f"sender {from_address}")
    if headers.has("X-Failed-Recipients"):
        return Automation(AutomatedKind.BOUNCE, "X-Failed-Recipients")
    by_headers = _by_headers(headers)
    by_subject = _by_subject(subject)
    if by_headers is not None and by_subject is not None and by_headers.kind is AutomatedKind.AUTO_GENERATED:
        # Exchange marks out-of-office replies "auto-generated"; the subject tells what they are.
        return Automation(AutomatedKind.AUTO_REPLY, f"{by_headers.evidence}; {by_subject.evidence}")
    return by_headers or by_subject or _by_return_path(headers)


def _report(content_type: str, report_type: str | None) -> Automation | None:
    if content_type != "multipart/report":
        return None
    if report_type == "delivery-status":
        return Automation(AutomatedKind.BOUNCE, "multipart/report; report-type=delivery-status")
    if report_type == "disposition-notification":
        return Automation(
            AutomatedKind.READ_RECEIPT, "multipart/report; report-type=disposition-notification"
        )
    return Automation(AutomatedKind.AUTO_GENERATED, f"multipart/report; report-type={report_type}")


def _by_headers(headers: Headers) -> Automation | None:
    auto_submitted = _token(headers.get("Auto-Submitted"))
    if auto_submitted and auto_submitted != "no":
        kind = AutomatedKind.AUTO_REPLY if auto_submitted == "auto-replied" else AutomatedKind.AUTO_GENERATED
        return Automation(kind, f"Auto-Submitted: {auto_submitted}")
    for name in _AUTOREPLY_HEADERS:
        if headers.has(name):
            return Automation(AutomatedKind.AUTO_REPLY, name)
    precedence = _token(headers.get("Precedence"))
    if precedence in {"bulk", "junk"}:
        return Automation(AutomatedKind.BULK, f"Precedence: {precedence}")
    if precedence == "list":
        return Automation(AutomatedKind.MAILING_LIST, "Precedence: list")
    if precedence == "auto_reply":
        return Automation(AutomatedKind.AUTO_REPLY, "Precedence: auto_reply")
    for name in ("List-Id", "List-Unsubscribe"):
        if headers.has(name):
            return Automation(AutomatedKind.MAILING_LIST, name)
    return None


def _by_subject(subject: str) -> Automation | None:
    if _OOO_SUBJECT.search(subject):
        return Automation(AutomatedKind.AUTO_REPLY, "out-of-office subject")
    return None


def _by_return_path(headers: Headers) -> Automation | None:
    """RFC 3834 §3.3 has automatic responses sent with an empty envelope sender (``<>``)."""
    values = headers.get_all("Return-Path")
    if values and values[0].strip() in {"<>", ""}:
        return Automation(AutomatedKind.AUTO_GENERATED, "Return-Path: <>")
    return None


def _token(value: str | None) -> str:
    """The first word of a header value, lower-cased, comments and parameters dropped."""
    if not value:
        return ""
    return re.split(r"[\s;(]", value.strip(), maxsplit=1)[0].lower()
