"""What the user typed after the slash command (or after mentioning the bot), as a typed request.

The same words work in both places: ``/minerals status CMRT 2026`` and ``@surveybot status CMRT
2026``. Parsing never fails: anything it cannot make sense of becomes a ``help`` request that says
what was not understood, so a typo is answered with the list of commands rather than with silence.
The help text lives here too, next to the grammar it describes, so the two cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Selection(StrEnum):
    """Which suppliers a reminder wave goes to."""

    OVERDUE = "overdue"  # past the due date and not settled
    MISSING = "missing"  # nothing received yet (invited, reminded, escalated)
    REJECTED = "rejected"  # last file rejected, no valid one since


@dataclass(frozen=True, slots=True)
class Invocation:
    """One parsed command: ``name`` is a subcommand, ``campaign`` and ``query`` its arguments."""

    name: str
    campaign: str = ""
    query: str = ""
    selection: Selection | None = None
    not_understood: str = ""  # our sentence; a ``{}`` in it stands for ``unknown``
    unknown: str = ""  # the words we did not understand, exactly as typed (outside text)
    note: str = ""  # ``policy agree``: where the agreement came from


@dataclass(frozen=True, slots=True)
class CommandHelp:
    name: str
    usage: str
    summary: str
    example: str


COMMANDS: tuple[CommandHelp, ...] = (
    CommandHelp(
        "status",
        "status [campaign]",
        "Counts per state, response and acceptance rate, overdue, due date.",
        "status CMRT 2026",
    ),
    CommandHelp(
        "missing",
        "missing [campaign]",
        "Who has not answered or is not accepted yet, with owner and last contact.",
        "missing CMRT 2026",
    ),
    CommandHelp(
        "supplier",
        "supplier <code|name|email>",
        "A supplier's history and latest verdict with its findings.",
        "supplier ACME-001",
    ),
    CommandHelp(
        "remind",
        "remind [campaign] [overdue|missing|rejected]",
        "Team leads: preview a reminder wave (default: suppliers with nothing sent yet), then confirm it.",
        "remind CMRT 2026 overdue",
    ),
    CommandHelp(
        "report",
        "report [campaign]",
        "Staff: the campaign's report (XLSX workbook and PNG charts), sent to you in a direct message.",
        "report CMRT 2026",
    ),
    CommandHelp(
        "suppliers import",
        "suppliers import",
        "Team leads: upload a supplier list (CSV or XLSX), see what it would change, then confirm it.",
        "suppliers import",
    ),
    CommandHelp(
        "campaign open",
        "campaign open",
        "Team leads: set a campaign up in a form (or copy one), preview who is invited, then open it.",
        "campaign open",
    ),
    CommandHelp(
        "policy agree",
        "policy agree <supplier code> <note>",
        "Staff: record a supplier's agreement to the current policy received another way, with a note.",
        "policy agree ACME-001 signed letter of 2 May",
    ),
    CommandHelp("help", "help", "This list.", "help"),
)

SUPPLIERS_IMPORT = "suppliers_import"  # answered with a file upload form, not a message
CAMPAIGN_OPEN = "campaign_open"  # answered with the campaign set-up form
POLICY_AGREE = "policy_agree"  # staff record an agreement received another way
_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")


def strip_mentions(text: str) -> str:
    """Remove ``<@U123>`` user mentions, as found in ``app_mention`` event text."""
    return _MENTION.sub(" ", text)


def parse(text: str) -> Invocation:
    """Parse the words after the command; unknown or incomplete input becomes a ``help`` request."""
    words = strip_mentions(text).split()
    if not words:
        return Invocation("help")
    name, rest = words[0].casefold(), words[1:]
    if name in ("help", "?", "-h", "--help"):
        return Invocation("help")
    if name in ("status", "missing", "report"):
        return Invocation(name, campaign=" ".join(rest))
    if name == "supplier":
        if not rest:
            return Invocation("help", not_understood="`supplier` needs a code, a name or an email")
        return Invocation(name, query=" ".join(rest))
    if name == "remind":
        return _parse_remind(rest)
    if name == "suppliers":
        if [word.casefold() for word in rest] == ["import"]:
            return Invocation(SUPPLIERS_IMPORT)
        return Invocation("help", not_understood="`suppliers` is followed by `import`")
    if name == "policy":
        if len(rest) >= 2 and rest[0].casefold() == "agree":
            return Invocation(POLICY_AGREE, query=rest[1], note=" ".join(rest[2:]))
        return Invocation("help", not_understood="`policy` is followed by `agree SUPPLIER note…`")
    if name == "campaign":
        if [word.casefold() for word in rest] == ["open"]:
            return Invocation(CAMPAIGN_OPEN)
        return Invocation("help", not_understood="`campaign` is followed by `open`")
    return Invocation("help", not_understood="I don't know the command `{}`", unknown=words[0])


def _parse_remind(rest: list[str]) -> Invocation:
    selection = Selection.MISSING
    if rest and rest[-1].casefold() in {s.value for s in Selection}:
        selection = Selection(rest[-1].casefold())
        rest = rest[:-1]
    return Invocation("remind", campaign=" ".join(rest), selection=selection)
