"""Block Kit for a supplier's card, the pick list when a query matches several, and findings.

The card stays compact - the last few files and the top findings of the latest one - with buttons
for the rest: all findings of that file, and resending the correction mail (behind a confirm
dialog, because it mails the supplier).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.blocks import (
    Block,
    SlackMessage,
    actions,
    button,
    confirm_dialog,
    context,
    escape,
    fit,
    header,
    line_sections,
    section,
)
from bot.mrkdwn import echo
from bot.render.analysis import analysis_blocks
from bot.render.reports import owner
from bot.render.words import count
from handlers.notices import FindingSummary
from handlers.supplier_card import (
    HISTORY_SHOWN,
    TOP_FINDINGS,
    FindingsResult,
    ResendResult,
    SupplierCard,
    SupplierChoices,
)
from storage import Assignment, AssignmentState, Campaign, Submission


def card_message(card: SupplierCard) -> SlackMessage:
    s = card.supplier
    facts = (
        f"*Contacts* {escape(', '.join(s.emails)) or 'none'}\n"
        f"*Owner* {owner(s.owner)} · *Language* {escape(s.language)}"
        + (f" · *Country* {escape(s.country)}" if s.country else "")
    )
    blocks: list[Block] = [header(f"{s.code} - {s.name}"), section(facts)]
    campaign_lines = [_assignment_line(a, card.campaigns[a.campaign_id]) for a in card.history.assignments]
    if campaign_lines:
        blocks.extend(line_sections(["*Campaigns*", *campaign_lines]))
    blocks.extend(_history_blocks(card.history.submissions))
    blocks.extend(_latest_blocks(card))
    if card.analysis is not None:
        blocks.extend(analysis_blocks(card.analysis))
    return SlackMessage(text=escape(f"{s.code} - {s.name}"), blocks=tuple(fit(blocks)))


def _assignment_line(a: Assignment, campaign: Campaign) -> str:
    contact = a.last_contact.date().isoformat() if a.last_contact else "never"
    reminded = f", reminded ×{a.reminder_count}" if a.reminder_count else ""
    if a.state is AssignmentState.REMINDED and a.reminder_count:
        return f"• {escape(campaign.name)}: *reminded ×{a.reminder_count}*, last contact {contact}"
    return f"• {escape(campaign.name)}: *{a.state.value.replace('_', ' ')}*{reminded}, last contact {contact}"


def _history_blocks(submissions: Sequence[Submission]) -> list[Block]:
    if not submissions:
        return [context("No file received yet.")]
    newest = sorted(submissions, key=lambda x: (x.received_at, x.id), reverse=True)
    lines = ["*Files received*", *(_submission_line(x) for x in newest[:HISTORY_SHOWN])]
    if len(newest) > HISTORY_SHOWN:
        lines.append(f"…and {len(newest) - HISTORY_SHOWN} older")  # "1 older" and "5 older" both read right
    return line_sections(lines)


def _submission_line(x: Submission) -> str:
    errors = sum(f.severity == "error" for f in x.findings)
    template = f"{x.family} {x.version}".strip() or "unknown template"
    detail = f" ({count(errors, 'error')})" if errors else ""
    return (
        f"• {x.received_at.date().isoformat()} `{escape(x.attachment_name)}` {escape(template)}"
        f" - {x.verdict or 'pending'}{detail}"
    )


def _latest_blocks(card: SupplierCard) -> list[Block]:
    latest = card.latest
    if latest is None:
        return []
    top = card.latest_findings[:TOP_FINDINGS]
    lines = [f"*Latest verdict: {latest.verdict or 'pending'}* for `{escape(latest.attachment_name)}`"]
    lines.extend(finding_line(f) for f in top)
    if len(card.latest_findings) > len(top):
        lines.append(f"…and {len(card.latest_findings) - len(top)} more")
    buttons = []
    if card.latest_findings:
        label = (
            "View the finding"
            if len(card.latest_findings) == 1
            else f"View all {len(card.latest_findings)} findings"
        )
        buttons.append(button(label, "view_findings", {"sub": latest.id}))
    if card.correction is not None:
        sent = card.correction.created_at.date().isoformat()
        dialog = confirm_dialog(
            "Resend the correction?",
            f"Send the correction mail of {sent} to {escape(', '.join(card.correction.draft.to))} again?",
            "Resend",
        )
        buttons.append(
            button("Resend last correction", "resend_correction", {"sup": card.supplier.id}, confirm=dialog)
        )
    return [*line_sections(lines), *actions(buttons)]


def finding_line(f: FindingSummary) -> str:
    where = "!".join(p for p in (f.sheet, f.cell) if p)
    place = f" `{escape(where)}`" if where else ""
    mark = ":x:" if f.severity == "error" else ":warning:"
    return f"{mark}{place} {escape(f.message)}"


def choices_message(choices: SupplierChoices) -> SlackMessage:
    matching = f"{count(len(choices.candidates), 'supplier')} match{'es' * (len(choices.candidates) == 1)}"
    blocks: list[Block] = [section(f"{matching} `{echo(choices.query)}`:")]
    for s in choices.candidates:
        label = " · ".join(
            p for p in (f"`{escape(s.code)}` {escape(s.name)}", escape(", ".join(s.emails[:2]))) if p
        )
        blocks.append(section(label, accessory=button("Show", "supplier_pick", {"sup": s.id})))
    if len(choices.candidates) >= 10:
        blocks.append(context("Only the first 10 are shown; type more of the name, the code or an email."))
    return SlackMessage(text=f"Several suppliers match {echo(choices.query)}", blocks=tuple(blocks))


def findings_message(result: FindingsResult) -> SlackMessage:
    x = result.submission
    who = f"{result.supplier.code} - {result.supplier.name}" if result.supplier else x.sender
    title = f"Findings in {x.attachment_name} ({who})"
    if not result.findings:
        return SlackMessage(text=escape(title), blocks=(section(f"*{escape(title)}*\nNo findings."),))
    blocks = [header(title), *line_sections(finding_line(f) for f in result.findings)]
    return SlackMessage(text=escape(title), blocks=tuple(fit(blocks)))


def resend_message(result: ResendResult) -> SlackMessage:
    to, name = escape(", ".join(result.item.draft.to)), escape(result.supplier.name)
    if result.already_queued:
        text = f"That correction for {name} is already queued again (to {to})."
    else:
        text = f"Queued the correction mail for {name} again, to {to}."
    return SlackMessage(text=text, blocks=(section(text),))
