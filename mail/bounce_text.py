"""Delivery reports written as plain text, the way qmail, Exim, older Postfix and Exchange write them.

Not every mail server sends an RFC 3464 report: qmail only writes "Hi. This is the qmail-send
program…" with ``<address>:`` blocks, Exim writes "This message was created automatically by mail
delivery software" with indented addresses, Postfix without DSN support writes "I'm sorry to have to
inform you…" with ``<address>: reason`` lines, and an Exchange NDR forwarded through a gateway keeps
only its "Delivery has failed to these recipients or groups" text. Each is recognised by its own
opening words and read only up to where the returned copy of our mail starts, so our own address
and the supplier's in the quoted headers are never mistaken for failed recipients.

A delay warning in the same words ("has not yet been delivered", "THIS IS A WARNING ONLY",
"Delivery is delayed") yields ``Action: delayed`` recipients, which mark nothing undeliverable.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from mail.model import BouncedRecipient

_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_MESSAGE_ID = re.compile(r"^Message-ID:\s*(<[^<>\s]+>)", re.MULTILINE | re.IGNORECASE)
_STATUS = re.compile(r"\b([245]\.\d{1,3}\.\d{1,3})\b")
_FAILED, _DELAYED = "failed", "delayed"


@dataclass(frozen=True, slots=True)
class _Format:
    """One server's report: how to recognise it, where the copy of our mail starts, how to read it."""

    name: str
    opener: re.Pattern[str]
    copy_starts: re.Pattern[str]
    read: Callable[[str, str], list[BouncedRecipient]]
    delay: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class TextReport:
    recipients: tuple[BouncedRecipient, ...]
    original_message_id: str | None  # from the returned copy of our mail, when the report quotes it


def read_text_report(text: str) -> TextReport | None:
    """What a plain-text report says, or None when ``text`` is no report we know."""
    body = text.replace("\r\n", "\n")
    for form in _FORMATS:
        if not form.opener.search(body):
            continue
        report, *copy = form.copy_starts.split(body, maxsplit=1)
        action = _DELAYED if form.delay is not None and form.delay.search(report) else _FAILED
        quoted = _MESSAGE_ID.search(copy[0]) if copy else None
        recipients = tuple(_deduplicated(form.read(report, action)))
        return TextReport(recipients, quoted.group(1) if quoted else None)
    return None


def _recipient(address: str, action: str, reason: str) -> BouncedRecipient:
    diagnostic = " ".join(reason.split()) or None
    found = _STATUS.search(reason)
    return BouncedRecipient(
        address=address.strip("<>").lower(),
        action=action,
        status=found.group(1) if found else None,
        diagnostic=diagnostic[:500] if diagnostic else None,
    )


def _blocks(report: str, head: re.Pattern[str]) -> Iterator[tuple[str, str]]:
    """(address, reason) for each line ``head`` matches; the reason runs to the next head or blank line."""
    lines = report.split("\n")
    for index, line in enumerate(lines):
        match = head.match(line)
        if match is None:
            continue
        reason = [match.group("rest") if "rest" in head.groupindex else ""]
        for follow in lines[index + 1 :]:
            if not follow.strip() or head.match(follow):
                break
            reason.append(follow.strip())
        yield match.group("address"), " ".join(part for part in reason if part)


# qmail: "<jane@example.com>:" alone on a line, the reason on the lines below it.
_QMAIL_HEAD = re.compile(r"^<(?P<address>[^<>\s]+@[^<>\s]+)>:\s*$")
# Postfix: "<jane@example.com>: host ... said: 550 ..." (optionally "(expanded from <alias>)").
_POSTFIX_HEAD = re.compile(
    r"^<(?P<address>[^<>\s]+@[^<>\s]+)>(?:\s+\(expanded from <[^<>]*>\))?:\s*(?P<rest>.*)$"
)
# Exim: the address indented by exactly two spaces, the reason indented further.
_EXIM_HEAD = re.compile(r"^ {2}(?P<address>[^\s<>]+@[^\s<>]+?)(?:\s+<[^<>]*>)?\s*$")


def _read_qmail(report: str, action: str) -> list[BouncedRecipient]:
    return [_recipient(a, action, reason) for a, reason in _blocks(report, _QMAIL_HEAD)]


def _read_postfix(report: str, action: str) -> list[BouncedRecipient]:
    return [_recipient(a, action, reason) for a, reason in _blocks(report, _POSTFIX_HEAD)]


def _read_exim(report: str, action: str) -> list[BouncedRecipient]:
    parts = re.split(r"(?:failed|not yet been delivered(?: is| are)?):[ \t]*\n", report, maxsplit=1)
    listed = parts[1] if len(parts) == 2 else report
    return [_recipient(a, action, reason) for a, reason in _blocks(listed, _EXIM_HEAD)]


def _read_exchange(report: str, action: str) -> list[BouncedRecipient]:
    """Addresses of the recipient list; the reason is the ``#550 5.1.1 …##`` line the NDR gives each."""
    parts = re.split(r"Delivery (?:has failed|is delayed) to these recipients or groups:", report, maxsplit=1)
    listed = parts[-1]
    diagnostics = dict(_exchange_diagnostics(listed))
    found = []
    for line in listed.split("\n"):
        if line.strip().startswith("#"):
            continue
        for address in _ADDRESS.findall(line):
            found.append(_recipient(address, action, diagnostics.get(address.lower(), line)))
    return found


def _exchange_diagnostics(listed: str) -> Iterator[tuple[str, str]]:
    lines = [line.strip() for line in listed.split("\n")]
    for line, following in itertools.pairwise(lines):
        if _ADDRESS.fullmatch(line) and following.startswith("#"):
            yield line.lower(), following.strip("# ")


def _deduplicated(recipients: list[BouncedRecipient]) -> list[BouncedRecipient]:
    seen: dict[str, BouncedRecipient] = {}
    for recipient in recipients:
        seen.setdefault(recipient.address, recipient)
    return list(seen.values())


_FORMATS = (
    _Format(
        "qmail",
        re.compile(r"This is the qmail-send program", re.IGNORECASE),
        re.compile(r"^--- Below this line is a copy of the message\.", re.MULTILINE),
        _read_qmail,
    ),
    _Format(
        "exim",
        re.compile(r"This message was created automatically by mail delivery software", re.IGNORECASE),
        re.compile(r"^-+ This is a copy of the message|^-+ The body of the message", re.MULTILINE),
        _read_exim,
        delay=re.compile(r"has not yet been delivered", re.IGNORECASE),
    ),
    _Format(
        "postfix",
        re.compile(r"^This is the mail system at host |I'm sorry to have to inform you", re.MULTILINE),
        re.compile(r"^-{3,}.*(?:original message|returned message)|^Return-Path:", re.MULTILINE | re.I),
        _read_postfix,
        delay=re.compile(r"THIS IS A WARNING ONLY", re.IGNORECASE),
    ),
    _Format(
        "exchange",
        re.compile(r"Delivery (?:has failed|is delayed) to these recipients or groups", re.IGNORECASE),
        re.compile(r"^Original message headers:", re.MULTILINE | re.IGNORECASE),
        _read_exchange,
        delay=re.compile(r"Delivery is delayed to these recipients or groups", re.IGNORECASE),
    ),
)
