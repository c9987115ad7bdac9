"""Block Kit for the read-only answers: help, campaign status and the missing list.

The missing list can be 10,000 suppliers long, so it is shown a page at a time with previous/next
buttons (each page well inside one message's limits) and can be downloaded whole as a CSV file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence

from bot.blocks import (
    Block,
    SlackMessage,
    actions,
    button,
    context,
    divider,
    escape,
    escape_plain,
    fit,
    header,
    line_sections,
    section,
)
from bot.mrkdwn import echo
from bot.render.words import count
from handlers.commands import HelpResult, MissingResult, StatusResult
from storage import Assignment, AssignmentState, CampaignStatus, MissingRow

PAGE_SIZE = 20
_SLACK_USER = re.compile(r"^[UW][A-Z0-9]{2,}$")


def help_message(result: HelpResult) -> SlackMessage:
    lines = [
        escape_plain(f"*`{result.command} {c.usage}`*\n{c.summary}  Example: `{result.command} {c.example}`")
        for c in result.commands
    ]
    blocks: list[Block] = []
    if result.not_understood:
        said = result.not_understood.format(echo(result.unknown)) if result.unknown else result.not_understood
        blocks.append(section(f":thinking_face: {said}. Here is what I can do:"))
    blocks.append(header("surveybot commands"))
    blocks.extend(line_sections(lines))
    blocks.append(context("Mention me with the same words in a thread, e.g. `@surveybot status`."))
    fallback = "surveybot commands: " + ", ".join(c.name for c in result.commands)
    return SlackMessage(text=fallback, blocks=tuple(blocks))


def status_message(result: StatusResult) -> SlackMessage:
    blocks: list[Block] = []
    for status in result.statuses:
        if blocks:
            blocks.append(divider())
        blocks.extend(status_blocks(status, result.today))
    first = result.statuses[0]
    fallback = f"{escape(first.campaign.name)}: {first.accepted:,} of {first.applicable:,} accepted"
    return SlackMessage(text=fallback, blocks=tuple(fit(blocks)))


def status_blocks(status: CampaignStatus, today: dt.date) -> list[Block]:
    campaign = status.campaign
    counts = " · ".join(
        f"{state.value.replace('_', ' ')} {status.counts[state]:,}"
        for state in AssignmentState
        if status.counts.get(state)
    )
    summary = (
        f"*Due* {campaign.due.isoformat()} ({due_in(campaign.due, today)})\n"
        f"*Suppliers* {status.total:,} ({status.applicable:,} in scope)\n"
        f"*Response rate* {percent(status.response_rate)} ({status.responded:,} answered)\n"
        f"*Acceptance rate* {percent(status.acceptance_rate)} ({status.accepted:,} accepted)\n"
        f"*Overdue* {status.overdue:,}"
    )
    show_missing = button("Show missing", "show_missing", {"c": campaign.id})
    minimum = f" ≥ {campaign.min_version}" if campaign.min_version.strip() else ""
    return [
        header(f"{campaign.name} ({campaign.family}{minimum}) - {campaign.state.value}"),
        section(summary, accessory=show_missing),
        *([context(counts)] if counts else []),
    ]


def missing_message(result: MissingResult, page: int = 1) -> SlackMessage:
    campaign = result.status.campaign
    rows = result.rows
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    page = min(max(page, 1), pages)
    owe = "supplier still owes" if len(rows) == 1 else "suppliers still owe"
    title = f"{campaign.name}: {len(rows):,} {owe} a valid file"
    if not rows:
        text = (
            f"{escape(campaign.name)}: nobody is missing - "
            "every supplier has sent a valid file or is out of scope."
        )
        return SlackMessage(text=text, blocks=(section(text),))
    shown = rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    blocks: list[Block] = [header(title), *line_sections(missing_line(r) for r in shown)]
    blocks.append(context(f"Page {page} of {pages} · sorted by owner, then code"))
    blocks.extend(actions(_page_buttons(campaign.id, page, pages)))
    return SlackMessage(text=escape(title), blocks=tuple(blocks))


def _page_buttons(campaign_id: int, page: int, pages: int) -> list[dict[str, object]]:
    buttons = []
    if page > 1:
        buttons.append(button("◀ Previous page", "missing_page", {"c": campaign_id, "p": page - 1}))
    if page < pages:
        buttons.append(button("Next page ▶", "missing_page", {"c": campaign_id, "p": page + 1}))
    if pages > 1:
        buttons.append(button("Download CSV", "missing_csv", {"c": campaign_id}))
    return buttons


def missing_line(row: MissingRow) -> str:
    a = row.assignment
    contact = row.last_contact.date().isoformat() if row.last_contact else "never"
    late = " · *overdue*" if row.overdue else ""
    bounce = " · :warning: mail bounced" if a.undeliverable else ""
    return (
        f"`{escape(row.supplier.code)}` {escape(row.supplier.name)} · {state_and_reminders(a)} · "
        f"owner {owner(row.owner)} · last contact {contact}{late}{bounce}"
    )


def state_and_reminders(a: Assignment) -> str:
    """``rejected · reminded ×1``, but ``reminded ×2`` rather than ``reminded · reminded ×2``."""
    reminders = f"reminded ×{a.reminder_count}" if a.reminder_count else ""
    if a.state is AssignmentState.REMINDED:
        return reminders or a.state.value
    state = a.state.value.replace("_", " ")
    return f"{state} · {reminders}" if reminders else state


def missing_csv(rows: Sequence[MissingRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["code", "name", "state", "reminders", "owner", "last_contact", "overdue", "emails"])
    for r in rows:
        contact = r.last_contact.isoformat() if r.last_contact else ""
        writer.writerow(
            [
                _csv_safe(r.supplier.code),
                _csv_safe(r.supplier.name),
                r.assignment.state.value,
                r.assignment.reminder_count,
                _csv_safe(r.owner),
                contact,
                "yes" if r.overdue else "no",
                " ".join(r.supplier.emails),
            ]
        )
    return out.getvalue()


def _csv_safe(value: str) -> str:
    """Neutralise spreadsheet formulas in supplier-provided text (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def owner(value: str) -> str:
    if not value:
        return "nobody"
    return f"<@{value}>" if _SLACK_USER.match(value) else escape(value)


def percent(rate: float) -> str:
    return f"{rate * 100:.1f}%"


def due_in(due: dt.date, today: dt.date) -> str:
    days = (due - today).days
    if days == 0:
        return "today"
    if days > 0:
        return f"in {count(days, 'day')}"
    return f"{count(-days, 'day')} overdue"
