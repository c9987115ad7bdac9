"""Block Kit for the channel's live notices and the daily digest.

Each received file is one compact message: the verdict, the top findings, and a button for the rest.
Triage items carry the buttons a person needs to act on them (link an unknown sender to a supplier,
accept a held file for the supplier or ask them for their own declaration, mark handled).
Everything a supplier wrote (names, subjects, file names) is escaped, so a subject line cannot ping
the channel or fake a link.
"""

from __future__ import annotations

import html
import re

from bot.blocks import (
    Block,
    SlackMessage,
    actions,
    button,
    confirm_dialog,
    context,
    divider,
    escape,
    header,
    line_sections,
    section,
)
from bot.mrkdwn import ZWSP
from bot.render.analysis import changes_lines
from bot.render.reports import status_blocks
from bot.render.supplier import finding_line
from bot.render.words import count
from handlers.digest import CampaignDigest
from handlers.notices import (
    DeliveryProblems,
    FileJudged,
    Notice,
    TriageItem,
    TriageKind,
    WaveProgress,
)
from rmi.analysis.conformance import Expiring

TOP_FINDINGS = 3
_TRIAGE_EMOJI = {
    TriageKind.UNKNOWN_SENDER: ":grey_question:",
    TriageKind.COMPANY_MISMATCH: ":twisted_rightwards_arrows:",
    TriageKind.AUTH_FAILED: ":rotating_light:",
    TriageKind.QUARANTINED: ":no_entry:",
    TriageKind.UNDELIVERABLE: ":mailbox_with_no_mail:",
    TriageKind.RATE_LIMITED: ":hourglass:",
    TriageKind.NEW_REVISION: ":new:",
    TriageKind.HELD_FOR_REVIEW: ":raised_hand:",
    TriageKind.SUPPLIER_ANSWERED: ":speech_balloon:",
    TriageKind.UNCERTAIN_DELIVERY: ":warning:",
    TriageKind.ESCALATED: ":bell:",
    TriageKind.AGREEMENT_FILE: ":memo:",
}
_SLACK_USER = re.compile(r"^[UW][A-Z0-9]{2,20}$")


def notice_message(notice: Notice) -> SlackMessage:
    if isinstance(notice, FileJudged):
        return file_message(notice)
    if isinstance(notice, TriageItem):
        return triage_message(notice)
    if isinstance(notice, DeliveryProblems):
        return delivery_message(notice)
    return wave_progress_message(notice)


def file_message(n: FileJudged) -> SlackMessage:
    template = " ".join(p for p in (n.template, n.version) if p) or "unknown template"
    errors = sum(f.severity == "error" for f in n.findings)
    if n.accepted:
        warnings = len(n.findings)
        verdict = ":white_check_mark: accepted" + (f" with {count(warnings, 'warning')}" if warnings else "")
    else:
        verdict = f":x: rejected ({count(errors, 'error')})"
    head = f"*{escape(n.supplier_name)}* sent `{escape(n.file_name)}` ({escape(template)}): {verdict}"
    lines = [head, *(finding_line(f) for f in n.findings[:TOP_FINDINGS])]
    rest = len(n.findings) - TOP_FINDINGS
    blocks: list[Block] = [section("\n".join(lines))]
    if n.changes is not None:
        blocks.extend(line_sections(["*Since the previous declaration*", *changes_lines(n.changes)]))
    buttons = []
    if rest > 0:
        buttons.append(
            button(f"Show all {len(n.findings)} findings", "view_findings", {"sub": _int(n.submission_id)})
        )
    if n.supplier_id:
        buttons.append(button("Supplier", "supplier_pick", {"sup": _int(n.supplier_id)}))
    blocks.extend(actions(buttons))
    text = f"{escape(n.supplier_name)} sent {escape(n.file_name)}: {'accepted' if n.accepted else 'rejected'}"
    return SlackMessage(text=text, blocks=tuple(blocks))


def triage_message(n: TriageItem) -> SlackMessage:
    title = f"{_TRIAGE_EMOJI[n.kind]} {n.kind.heading}"
    facts = []
    if n.sender:
        facts.append(f"*From* {escape(n.sender)}")
    if n.subject:
        facts.append(f"*Subject* {escape(n.subject)}")
    facts.extend(f"• {escape(d)}" for d in n.details[:10])
    owner = f"<@{n.owner}> " if n.owner and _SLACK_USER.match(n.owner) else ""
    blocks: list[Block] = [
        section(f"{title}\n{owner}{escape(n.summary)}"),
        *([section("\n".join(facts))] if facts else []),
    ]
    blocks.extend(actions(_triage_buttons(n)))
    return SlackMessage(text=f"Triage: {escape(n.summary)}", blocks=tuple(blocks))


def _triage_buttons(n: TriageItem) -> list[dict[str, object]]:
    ref = {"k": n.kind.value, "m": (n.message_key or "")[:300], "s": (n.sender or "")[:320]}
    buttons = []
    if n.kind is TriageKind.UNKNOWN_SENDER and n.sender:
        buttons.append(button("Link to supplier…", "triage_link", ref, style="primary"))
    if n.kind is TriageKind.COMPANY_MISMATCH and n.submission_id:
        held = {"sub": _int(n.submission_id)}
        buttons.append(button("Accept for this supplier", "held_accept", held, style="primary"))
        buttons.append(button("Ask for their own declaration", "held_ask", held))
    buttons.extend(_agreement_buttons(n))
    if n.supplier_id:
        buttons.append(button("Supplier", "supplier_pick", {"sup": _int(n.supplier_id)}))
    buttons.append(button("Mark handled", "triage_done", ref))
    return buttons


def _agreement_buttons(n: TriageItem) -> list[dict[str, object]]:
    """A file that may be the signed policy agreement: staff record it, or say it is not one."""
    if n.kind is not TriageKind.AGREEMENT_FILE or not (n.agreement_file and n.supplier_id):
        return []
    kept = {"sup": _int(n.supplier_id), "h": n.agreement_file, "n": n.agreement_file_name[:200]}
    dialog = confirm_dialog("Record the agreement?", "Is this the supplier's signed agreement?", "Record")
    return [
        button("Record agreement", "agreement_record", kept, style="primary", confirm=dialog),
        button("Not an agreement", "agreement_reject", kept),
    ]


def triage_handled_message(original_text: str, user: str, outcome: str) -> SlackMessage:
    """The notice once handled: its text kept, the buttons replaced by who did what.

    ``original_text`` is the message's text as Slack returns it - our escaped fallback - so it is
    unescaped before being escaped again: shown as it was, and inert even if the payload was forged.
    """
    text = f":white_check_mark: {outcome} (by <@{user}>)"
    shown = escape(html.unescape(original_text.replace(ZWSP, "")))
    return SlackMessage(text=text, blocks=(section(shown), context(text)))


def delivery_message(n: DeliveryProblems) -> SlackMessage:
    failed = "mail failed" if n.attempted == 1 else "mails failed"
    text = f":warning: Mail delivery problems: {n.failed:,} of {n.attempted:,} {failed}."
    reasons = [f"• {escape(r)}" for r in n.sample_reasons[:5]]
    blocks: list[Block] = [section("\n".join([text, *reasons]))]
    return SlackMessage(text=text, blocks=tuple(blocks))


def wave_progress_message(n: WaveProgress) -> SlackMessage:
    state = "done" if n.done else "in progress"
    label, wave = escape(n.label), escape(n.wave_id)
    text = f"{label} {wave} ({state}): {n.sent} sent, {n.failed} failed, {n.queued} queued"
    return SlackMessage(text=text, blocks=(section(text),))


def digest_message(digest: CampaignDigest) -> SlackMessage:
    changes = (
        f"Last 24 hours: {digest.accepted} accepted · {digest.rejected} rejected · {digest.reminded} reminded"
    )
    blocks: list[Block] = [header("Daily digest"), *status_blocks(digest.status, digest.today)]
    blocks.append(context(changes))
    if digest.policy_owed:
        blocks.append(context(_policy_owed(digest)))
    if digest.expiring:
        blocks.append(section(expiring_text(digest.expiring)))
    blocks.append(divider())
    name = escape(digest.status.campaign.name)
    return SlackMessage(text=f"Daily digest for {name}: {changes}", blocks=tuple(blocks))


POLICY_NAMES_SHOWN = 15


def _policy_owed(digest: CampaignDigest) -> str:
    owed = digest.policy_owed
    names = ", ".join(escape(name) for name in owed[:POLICY_NAMES_SHOWN])
    more = f" +{len(owed) - POLICY_NAMES_SHOWN} more" if len(owed) > POLICY_NAMES_SHOWN else ""
    version = escape(digest.policy_version)
    return f"Not yet agreed to policy {version} ({len(owed)}): {names}{more}"


EXPIRING_SHOWN = 10


def expiring_text(expiring: tuple[Expiring, ...]) -> str:
    lines = [f"*Smelter audits falling due within 30 days* ({len(expiring)})"]
    for item in expiring[:EXPIRING_SHOWN]:
        f = item.facility
        lines.append(
            f"• {escape(f.cid)} {escape(f.name)} ({escape(f.metal)}, {escape(f.country)}): "
            f"due {item.audit_due.isoformat()}"
        )
    if len(expiring) > EXPIRING_SHOWN:
        lines.append(f"…and {len(expiring) - EXPIRING_SHOWN} more")
    return "\n".join(lines)


def _int(value: str) -> int | str:
    """Store ids arrive as strings in notices; keep them numeric in button values when they are."""
    return int(value) if value.isdigit() else value
