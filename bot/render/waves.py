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
    confirm_dialog,
    context,
    escape,
    header,
    line_sections,
    section,
)
from bot.mrkdwn import shorten
from bot.render import words
from handlers.wave_stop import StopResult
from handlers.waves import WavePlan, WaveSummary, WaveTarget, names
from storage import AssignmentState, WaveProgress

PREVIEW_ROWS = 15
MAIL_PREVIEW_CHARS = 1200


def preview_message(plan: WavePlan, plan_token: str, sample_text: str) -> SlackMessage:
    """The preview; ``sample_text`` is the first supplier's mail as it will be sent."""
    campaign = plan.campaign
    title = f"Reminder wave preview: {campaign.name} ({plan.selection.value})"
    if not plan.targets:
        name = escape(campaign.name)
        text = f"No supplier in {name} matches `{plan.selection.value}` today; nothing to send."
        blocks: list[Block] = [header(title), section(text), *_left_out(plan)]
        blocks.extend(actions(_include_recent_button(plan)))
        return SlackMessage(text=text, blocks=tuple(blocks))
    count = plan.count
    rows = [target_line(t) for t in plan.targets[:PREVIEW_ROWS]]
    if count > PREVIEW_ROWS:
        rows.append(f"…and {count - PREVIEW_ROWS:,} more")
    blocks = [
        header(title),
        section(f"*{words.count(count, 'supplier')}* would get a reminder mail:"),
        *line_sections(rows),
        *_left_out(plan),
    ]
    blocks.extend(_mail_preview(plan, sample_text))
    blocks.extend(actions([*_decision_buttons(plan, plan_token), *_include_recent_button(plan)]))
    return SlackMessage(text=escape(f"{title}: {words.count(count, 'supplier')}"), blocks=tuple(blocks))


def target_line(t: WaveTarget) -> str:
    """``• `CODE` Name · invited · never reminded`` / ``· reminded ×2, last 2026-05-20``."""
    a = t.assignment
    reminded = f"reminded ×{a.reminder_count}" if a.reminder_count else "never reminded"
    if t.last_reminded is not None:
        reminded += f", last {t.last_reminded.isoformat()}"
    state = "" if a.state is AssignmentState.REMINDED else f" · {a.state.value.replace('_', ' ')}"
    return f"• `{escape(t.supplier.code)}` {escape(t.supplier.name)}{state} · {reminded}"


def _left_out(plan: WavePlan) -> list[Block]:
    """Who is skipped and why, and who was reminded recently, grouped by the day of that reminder."""
    blocks = []
    if plan.skipped:
        blocks.append(context(escape(f"Skipped ({len(plan.skipped)}): {names(plan.skipped)}")))
    if plan.recent:
        who = words.count(len(plan.recent), "supplier")
        lead = "Included" if plan.include_recent else "Left out"
        blocks.append(
            context(
                f"{lead}: {who} reminded less than {words.count(plan.min_days, 'day')} ago - {_by_day(plan)}"
            )
        )
    return blocks


def _by_day(plan: WavePlan, per_day: int = 10) -> str:
    days: dict[str, list[str]] = {}
    for t in plan.recent:
        days.setdefault(t.last_reminded.isoformat() if t.last_reminded else "?", []).append(t.supplier.code)
    groups = []
    for day, codes in days.items():
        more = f" +{len(codes) - per_day} more" if len(codes) > per_day else ""
        groups.append(f"last reminded {day}: {escape(', '.join(codes[:per_day]))}{more}")
    return "; ".join(groups)


def _include_recent_button(plan: WavePlan) -> list[dict[str, object]]:
    if not plan.recent or plan.include_recent:
        return []
    label = f"Include {len(plan.recent):,} recently reminded"
    return [button(label, "wave_include_recent", {"c": plan.campaign.id, "s": plan.selection.value})]


def _mail_preview(plan: WavePlan, sample_text: str) -> list[Block]:
    if plan.sample is None:
        return []
    body = shorten(sample_text, MAIL_PREVIEW_CHARS)
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
    value: dict[str, object] = {"c": plan.campaign.id, "s": plan.selection.value, "t": plan_token}
    if plan.include_recent:
        value["r"] = 1
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


def started_message(plan: WavePlan, user: str, wave_id: int) -> SlackMessage:
    return progress_message(plan, user, 0, wave_id)


def progress_message(plan: WavePlan, user: str, done: int, wave_id: int) -> SlackMessage:
    """The wave's one channel message, counting up; a Stop button while mails are still being queued."""
    total = plan.count
    text = (
        f"Reminder wave #{wave_id} for {escape(plan.campaign.name)} ({plan.selection.value}), "
        f"started by <@{user}>: queued {done:,} of {words.count(total, 'mail')}"
    )
    running = done < total
    blocks: list[Block] = [section(text + (" …" if running else "."))]
    blocks.extend(actions([stop_button(plan, wave_id)]))
    return SlackMessage(text=text, blocks=tuple(blocks))


def sending_message(plan: WavePlan, user: str, wave_id: int, p: WaveProgress) -> SlackMessage:
    """The wave's message while the mail sender delivers it; the Stop button until the last one went."""
    counts = f"queued {p.queued + p.sending + p.sent + p.failed:,} / sent {p.sent:,} of {p.planned:,}"
    if p.failed:
        counts += f", {p.failed:,} failed"
    text = (
        f"Reminder wave #{wave_id} for {escape(plan.campaign.name)} ({plan.selection.value}), "
        f"started by <@{user}>: {counts}" + (" - done" if p.done else "")
    )
    blocks: list[Block] = [section(text)]
    if not p.done:
        blocks.extend(actions([stop_button(plan, wave_id)]))
    return SlackMessage(text=text, blocks=tuple(blocks))


def sent_message(wave_id: int, p: WaveProgress, skipped: int) -> SlackMessage:
    """The wave's last line, in its thread, once every mail was sent or failed."""
    text = f"Reminder wave #{wave_id} is done: {p.sent:,} sent, {p.failed:,} failed, {skipped:,} skipped."
    blocks: list[Block] = [section(text)]
    if p.failed:
        blocks.append(context("`surveybot status` and the delivery notices say why mails failed."))
    return SlackMessage(text=text, blocks=tuple(blocks))


def stop_button(plan: WavePlan, wave_id: int) -> dict[str, object]:
    dialog = confirm_dialog(
        "Stop this reminder wave?",
        "Mails not yet sent are withdrawn; mails already sent cannot be taken back.",
        "Stop the wave",
        deny="Keep sending",
    )
    return button("Stop wave", "wave_stop", {"w": wave_id}, style="danger", confirm=dialog)


def stopped_progress_message(result: StopResult, user: str) -> SlackMessage:
    """The wave's channel message once stopped (its Stop button gone)."""
    text = f"Reminder wave #{result.wave.id} was stopped by <@{user}>."
    return SlackMessage(text=text, blocks=(section(text),))


def stopped_message(result: StopResult, user: str) -> SlackMessage:
    """How many reminder mails went out before the stop, and how many will not."""
    sent = words.count(result.sent, "reminder mail")
    text = (
        f"Reminder wave #{result.wave.id} stopped by <@{user}>: {sent} had already gone out"
        + (
            f", {result.sending:,} {'was' if result.sending == 1 else 'were'} being sent and may still arrive"
            if result.sending
            else ""
        )
        + f"; {result.not_sent:,} of {result.wave.planned:,} will not be sent."
    )
    if result.already_stopped:
        text = f"This wave was already stopped. {text}"
    return SlackMessage(text=text, blocks=(section(text),))


def summary_message(summary: WaveSummary, plan: WavePlan) -> SlackMessage:
    wave = summary.wave
    text = (
        f"Reminder wave #{wave.id} for {escape(plan.campaign.name)} is queued: "
        f"{words.count(summary.queued, 'mail')} queued"
        + (f", {summary.already_queued:,} already queued before" if summary.already_queued else "")
        + (f", {len(summary.skipped):,} skipped" if summary.skipped else "")
        + ". The mail sender delivers them at the SMTP server's pace;"
        " *Stop wave* withdraws those not yet sent."
    )
    blocks: list[Block] = [section(text)]
    if summary.skipped:
        blocks.append(context(escape(f"Skipped: {names(summary.skipped)}")))
    return SlackMessage(text=text, blocks=tuple(blocks))
