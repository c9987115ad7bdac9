"""Block Kit for reminder waves: the preview with its confirm step, progress, and the summary.

The preview says how many suppliers, which ones (the first few, with the count of the rest), who is
skipped and why, and what the mail says. Sending is a button behind a Block Kit ``confirm`` dialog;
its value carries only the campaign, the selection and a one-time token - the list itself is
recomputed when the wave runs, so nobody answering in between gets a reminder.
"""

from __future__ import annotations

from bot.blocks import (
    Block,
    SlackMessage,
    actions,
    button,
    clip,
    confirm_dialog,
    context,
    escape,
    header,
    line_sections,
    section,
)
from bot.render import words
from handlers.waves import WavePlan, WaveSummary, names

PREVIEW_ROWS = 15
MAIL_PREVIEW_CHARS = 1200


def preview_message(plan: WavePlan, plan_token: str, sample_text: str) -> SlackMessage:
    """The preview; ``sample_text`` is the first supplier's mail as it will be sent."""
    campaign = plan.campaign
    title = f"Reminder wave preview: {campaign.name} ({plan.selection.value})"
    if not plan.targets:
        text = (
            f"No supplier in {escape(campaign.name)} matches `{plan.selection.value}` today; nothing to send."
        )
        blocks: list[Block] = [header(title), section(text)]
        if plan.skipped:
            blocks.append(context(escape(f"Skipped: {names(plan.skipped)}")))
        return SlackMessage(text=text, blocks=tuple(blocks))
    count = plan.count
    rows = [
        f"• `{escape(t.supplier.code)}` {escape(t.supplier.name)} · {t.assignment.state.value}"
        f" · {_reminders(t.assignment.reminder_count)}"
        for t in plan.targets[:PREVIEW_ROWS]
    ]
    if count > PREVIEW_ROWS:
        rows.append(f"…and {count - PREVIEW_ROWS:,} more")
    blocks = [
        header(title),
        section(f"*{words.count(count, 'supplier')}* would get a reminder mail:"),
        *line_sections(rows),
    ]
    if plan.skipped:
        blocks.append(context(escape(f"Skipped ({len(plan.skipped)}): {names(plan.skipped)}")))
    blocks.extend(_mail_preview(plan, sample_text))
    blocks.extend(actions(_decision_buttons(plan, plan_token)))
    return SlackMessage(text=escape(f"{title}: {words.count(count, 'supplier')}"), blocks=tuple(blocks))


def _reminders(count: int) -> str:
    return "no reminder yet" if not count else f"{count} reminder{'s' if count != 1 else ''} so far"


def _mail_preview(plan: WavePlan, sample_text: str) -> list[Block]:
    if plan.sample is None:
        return []
    body = clip(sample_text, MAIL_PREVIEW_CHARS)
    first = plan.targets[0].supplier
    return [
        section(
            f"*Mail to {escape(first.name)}* (each supplier gets their own)\n"
            f"*Subject:* {escape(plan.sample_subject)}\n```{escape(body)}```"
        )
    ]


def _decision_buttons(plan: WavePlan, plan_token: str) -> list[dict[str, object]]:
    count = plan.count
    who = "The supplier" if count == 1 else f"Each of the {count:,} suppliers"
    dialog = confirm_dialog(
        f"Send {words.count(count, 'reminder mail')}?",
        f"{who} in the preview gets one reminder for {escape(plan.campaign.name)}. This cannot be undone.",
        "Send reminders" if count != 1 else "Send reminder",
    )
    value = {"c": plan.campaign.id, "s": plan.selection.value, "t": plan_token}
    return [
        button(
            f"Send {words.count(count, 'reminder')}", "wave_confirm", value, style="primary", confirm=dialog
        ),
        button("Cancel", "wave_cancel", {"t": plan_token}),
    ]


def confirmed_message(plan: WavePlan, user: str) -> SlackMessage:
    who = words.count(plan.count, "supplier")
    text = f"<@{user}> confirmed: reminding {who} of {escape(plan.campaign.name)}."
    return SlackMessage(text=text, blocks=(section(text + " Progress is posted in the channel."),))


def cancelled_message(user: str) -> SlackMessage:
    text = f"Reminder wave cancelled by <@{user}>; nothing was sent."
    return SlackMessage(text=text, blocks=(section(text),))


def started_message(plan: WavePlan, user: str) -> SlackMessage:
    return progress_message(plan, user, 0)


def progress_message(plan: WavePlan, user: str, done: int) -> SlackMessage:
    total = plan.count
    text = (
        f"Reminder wave for {escape(plan.campaign.name)} ({plan.selection.value}), started by <@{user}>: "
        f"queued {done:,} of {words.count(total, 'mail')}"
    )
    return SlackMessage(text=text, blocks=(section(text + ("." if done >= total else " …")),))


def summary_message(summary: WaveSummary, plan: WavePlan) -> SlackMessage:
    wave = summary.wave
    text = (
        f"Reminder wave #{wave.id} for {escape(plan.campaign.name)} is queued: "
        f"{words.count(summary.queued, 'mail')} queued"
        + (f", {summary.already_queued:,} already queued before" if summary.already_queued else "")
        + (f", {len(summary.skipped):,} skipped" if summary.skipped else "")
        + ". The mail sender delivers them at the SMTP server's pace."
    )
    blocks: list[Block] = [section(text)]
    if summary.skipped:
        blocks.append(context(escape(f"Skipped: {names(summary.skipped)}")))
    return SlackMessage(text=text, blocks=tuple(blocks))
