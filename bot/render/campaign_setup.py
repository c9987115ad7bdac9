"""Block Kit for opening a campaign from Slack: the form, the preview with Confirm, the outcome.

Everything that came from outside - the campaign name the lead typed, supplier codes and names, the
tag, the invitation text (which quotes the supplier's name) - is escaped. The preview shows who would
be invited (clipped to a screenful with the count of the rest), who is left out and why, the
warnings, and the first supplier's invitation as it will go out.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from bot.blocks import (
    Block,
    SlackMessage,
    actions,
    button,
    confirm_dialog,
    context,
    escape,
    header,
    line_sections,
    plain,
    section,
)
from handlers.campaign_slack import SetupPreview
from handlers.campaigns import FAMILY_NAMES, OpenResult
from storage import WaveProgress

OPEN_MODAL = "campaign_open_form"
CONFIRM_ACTION = "campaign_open_confirm"
CANCEL_ACTION = "campaign_open_cancel"
SHOWN_SUPPLIERS = 20
INVITATION_CHARS = 1500
_USER = {"type": "users_select", "action_id": "owner"}
SELECTIONS = {"all": "Every supplier", "tag": "Suppliers with a tag", "owner": "One owner's suppliers"}


def open_modal(metadata: Mapping[str, str]) -> dict[str, Any]:
    """The form ``campaign open`` opens; nothing is written until the preview is confirmed."""
    return {
        "type": "modal",
        "callback_id": OPEN_MODAL,
        "private_metadata": json.dumps(dict(metadata), separators=(",", ":")),
        "title": plain("Open a campaign", 24),
        "submit": plain("Preview", 24),
        "close": plain("Cancel", 24),
        "blocks": [
            _text("name", "Name", "CMRT 2027"),
            _text("like", "Copy settings from campaign", "CMRT 2026", optional=True),
            _select("family", "Template family", {f: f for f in FAMILY_NAMES}, optional=True),
            _text("template_version", "Template revision to send", "newest", optional=True),
            _text("min_version", "Minimum accepted revision", "from the config", optional=True),
            _input("due", "Due date", {"type": "datepicker", "action_id": "due"}),
            _select("selection", "Suppliers", SELECTIONS, initial="all"),
            _text("tag", "Tag (for suppliers with a tag)", "smelters", optional=True),
            _input("owner", "Owner (for one owner's suppliers)", _USER, optional=True),
            _text("cadence", "Reminders, days before the due date", "14, 3", optional=True),
            _text("escalate_after", "Tell the owner after N reminders", "3", optional=True),
        ],
    }  # fmt: skip


def preview_message(shown: SetupPreview) -> SlackMessage:
    p, r = shown.preview, shown.preview.request
    name = escape(r.name)
    blocks: list[Block] = [header(f"Campaign preview: {r.name}"), section(_settings(shown))]
    codes = [f"`{escape(s.code)}` {escape(s.name)}" for s in p.invited[:SHOWN_SUPPLIERS]]
    more = f" …and {len(p.invited) - SHOWN_SUPPLIERS:,} more" if len(p.invited) > SHOWN_SUPPLIERS else ""
    blocks.append(section(f"*Would invite {len(p.invited):,} supplier(s)*: {', '.join(codes) or '-'}{more}"))
    left = [f"`{escape(s.code)}` {escape(s.name)}: no e-mail address" for s in p.without_contact]
    if p.already:
        left.insert(0, f"{p.already:,} already in the campaign: not invited again")
    blocks += line_sections(["*Left out*", *left[:SHOWN_SUPPLIERS]]) if left else []
    blocks += [section(f":warning: {escape(w)}") for w in shown.warnings]
    if shown.invitation:
        quoted = escape(shown.invitation[:INVITATION_CHARS])
        blocks.append(section(f"*The invitation (as the first supplier gets it):*\n```{quoted}```"))
    value = {"h": shown.sha256, "t": shown.token}
    dialog = confirm_dialog(
        "Open the campaign?", f"Open {name} and send {len(p.invited):,} invitation(s)?", "Open"
    )
    blocks += actions(
        [
            button("Open and invite", CONFIRM_ACTION, value, style="primary", confirm=dialog),
            button("Cancel", CANCEL_ACTION, {"t": shown.token}),
        ]
    )
    text = f"{name}: would invite {len(p.invited):,} supplier(s) - confirm to open"
    return SlackMessage(text=text, blocks=tuple(blocks))


def opened_message(result: OpenResult, user: str) -> SlackMessage:
    c = result.campaign
    text = f"<@{escape(user)}> opened {escape(c.name)} ({escape(c.family)}): "
    text += f"invited {result.invited:,} supplier(s)"
    if result.wave is not None and not result.queued_mails:  # queued in the background
        text += (
            f"; the invitations are being queued and sent (wave #{result.wave.id}, progress in the channel)."
        )
    else:
        text += f", {result.queued_mails:,} invitation mail(s) queued."
    return SlackMessage(text=text, blocks=(section(text),))


def invitations_queuing_message(result: OpenResult, user: str, queued: int) -> SlackMessage:
    """The wave's one message while its invitations are being queued."""
    wave = result.wave
    assert wave is not None
    return _invitation_line(result, user, f"queued {queued:,} of {wave.planned:,}")


def invitations_sending_message(result: OpenResult, user: str, progress: WaveProgress) -> SlackMessage:
    """The same message while the mail sender delivers them, and once the last one went (or failed)."""
    p = progress
    counts = f"queued {p.queued + p.sending + p.sent + p.failed:,} / sent {p.sent:,} of {p.planned:,}"
    if p.failed:
        counts += f", {p.failed:,} failed"
    return _invitation_line(result, user, counts + (" - done" if p.done else ""))


def invitations_done_message(result: OpenResult, progress: WaveProgress) -> SlackMessage:
    """The final line in the message's thread: sent, failed, and who was left out and why."""
    assert result.wave is not None
    skipped = len(result.without_contact)
    text = (
        f"Invitations for {escape(result.campaign.name)} (wave #{result.wave.id}) are done: "
        f"{progress.sent:,} sent, {progress.failed:,} failed, {skipped:,} skipped."
    )
    blocks: list[Block] = [section(text)]
    if skipped:
        codes = ", ".join(result.without_contact[:10]) + (f" +{skipped - 10} more" if skipped > 10 else "")
        blocks.append(context(escape(f"Skipped (no e-mail address): {codes}")))
    if progress.failed:
        blocks.append(context("`surveybot status` and the delivery notices say why mails failed."))
    return SlackMessage(text=text, blocks=tuple(blocks))


def _invitation_line(result: OpenResult, user: str, counts: str) -> SlackMessage:
    assert result.wave is not None
    text = (
        f"Invitations for {escape(result.campaign.name)} (wave #{result.wave.id}), "
        f"opened by <@{escape(user)}>: {counts}"
    )
    return SlackMessage(text=text, blocks=(section(text),))


def cancelled_message(user: str) -> SlackMessage:
    text = f"<@{escape(user)}> cancelled opening the campaign; nothing was written."
    return SlackMessage(text=text, blocks=(context(text),))


def _settings(shown: SetupPreview) -> str:
    r = shown.preview.request
    cadence = ", ".join(map(str, r.reminder_days_before_due)) or "the configured"
    return (
        f"{escape(r.family)}, send revision {escape(r.template_version or 'newest')}, accept "
        f"{escape(r.min_version or 'any')} or later, due {r.due.isoformat()}\n"
        f"Suppliers: {escape(r.selection or 'every supplier')}; reminders {cadence} days before the "
        f"due date; owner told after {r.escalate_after_reminders or 'the configured number of'} reminders"
    )


def _input(block_id: str, label: str, element: dict[str, Any], *, optional: bool = False) -> Block:
    label_text = plain(label, 2000)
    return {
        "type": "input",
        "block_id": block_id,
        "label": label_text,
        "element": element,
        "optional": optional,
    }


def _text(block_id: str, label: str, hint: str, *, optional: bool = False) -> Block:
    element = {"type": "plain_text_input", "action_id": block_id, "placeholder": plain(hint, 150)}
    return _input(block_id, label, element, optional=optional)


def _select(
    block_id: str, label: str, options: Mapping[str, str], *, optional: bool = False, initial: str = ""
) -> Block:
    choices = [{"text": plain(text, 75), "value": value} for value, text in options.items()]
    element: dict[str, Any] = {"type": "static_select", "action_id": block_id, "options": choices}
    if initial:
        element["initial_option"] = next(c for c in choices if c["value"] == initial)
    return _input(block_id, label, element, optional=optional)
