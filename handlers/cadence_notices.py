"""What Slack is told about scheduled waves: their progress, and the escalation of a silent supplier.

An escalation names the supplier's owner and carries the history staff need before they pick up the
phone: every mail we sent (invitation, reminders, replies) with its date, every file received with
its verdict, and the open findings of the last one.
"""

from __future__ import annotations

from handlers.notices import TriageItem, TriageKind, WaveProgress
from storage import Assignment, Campaign, OutboxState, Store, Wave

HISTORY_LINES = 10


def progress_notice(store: Store, wave: Wave) -> WaveProgress:
    progress = store.waves.progress(wave.id)
    return WaveProgress(
        wave_id=str(wave.id),
        campaign_id=str(wave.campaign_id),
        queued=progress.queued + progress.sending,
        sent=progress.sent,
        failed=progress.failed,
        done=progress.done,
        label="Scheduled reminder wave",
    )


def escalation_notice(store: Store, campaign: Campaign, assignment: Assignment) -> TriageItem:
    supplier = store.suppliers.get(assignment.supplier_id)
    summary = (
        f"{supplier.name} ({supplier.code}) has had {assignment.reminder_count} reminders for "
        f"{campaign.name} and still has no valid file (due {campaign.due.isoformat()})."
    )
    return TriageItem(
        kind=TriageKind.ESCALATED,
        summary=summary,
        supplier_id=str(supplier.id),
        message_key=f"escalation:{assignment.id}",
        details=history(store, assignment)[-HISTORY_LINES:],
        owner=supplier.owner or None,
    )


def history(store: Store, assignment: Assignment) -> tuple[str, ...]:
    """Mails sent and files received for this supplier in this campaign, oldest first."""
    lines: list[tuple[str, str]] = []
    for item in store.outbox.for_supplier(assignment.supplier_id):
        if (
            item.draft.campaign_id == assignment.campaign_id
            and item.state is OutboxState.SENT
            and item.sent_at
        ):
            lines.append((item.sent_at.isoformat(), f"{item.sent_at.date()} mail sent: {item.draft.subject}"))
    for submission in store.submissions.for_supplier(assignment.supplier_id):
        if submission.campaign_id in (None, assignment.campaign_id):
            errors = [f.code for f in submission.findings if f.severity == "error"]
            open_findings = f"; open findings: {', '.join(errors[:5])}" if errors else ""
            when = submission.received_at
            text = f"{when.date()} file received: {submission.attachment_name} ({submission.verdict})"
            lines.append((when.isoformat(), text + open_findings))
    return tuple(text for _, text in sorted(lines))
