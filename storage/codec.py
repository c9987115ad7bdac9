"""Record ⇄ JSON document conversion, one pair of functions per collection.

Documents are plain JSON objects (TinyDB documents); the record id is the TinyDB document id, so it
is not repeated inside. Times are ISO 8601 strings with offset, enums their string values. Decoding
is strict: a missing or mistyped field raises, and the loader turns that into ``StorageCorrupt``.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from storage.records import (
    Actor,
    ActorKind,
    Assignment,
    AssignmentState,
    AttachmentRef,
    AuditEntry,
    Campaign,
    CampaignState,
    Contact,
    FindingSummary,
    MailDraft,
    OutboxItem,
    OutboxState,
    Submission,
    Supplier,
    Transition,
    Wave,
)

Doc = dict[str, Any]


def _time(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _parse_time(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def _actor(actor: Actor) -> list[str]:
    return [actor.kind.value, actor.id]


def _parse_actor(value: list[str]) -> Actor:
    return _actor_of(value[0], value[1])


@lru_cache(maxsize=4096)
def _actor_of(kind: str, actor_id: str) -> Actor:
    # Few distinct actors sign thousands of history steps; share one frozen object each.
    return Actor(ActorKind(kind), str(actor_id))


def encode_supplier(s: Supplier) -> Doc:
    return {
        "code": s.code,
        "name": s.name,
        "contacts": [[c.email, c.name, c.role] for c in s.contacts],
        "sender_domains": list(s.sender_domains),
        "language": s.language,
        "country": s.country,
        "owner": s.owner,
        "tags": list(s.tags),
    }


def decode_supplier(doc_id: int, d: Doc) -> Supplier:
    return Supplier(
        id=doc_id,
        code=d["code"],
        name=d["name"],
        contacts=tuple(Contact(e, n, r) for e, n, r in d["contacts"]),
        sender_domains=tuple(d["sender_domains"]),
        language=d["language"],
        country=d["country"],
        owner=d["owner"],
        tags=tuple(d["tags"]),
    )


def encode_campaign(c: Campaign) -> Doc:
    return {
        "name": c.name,
        "family": c.family,
        "min_version": c.min_version,
        "due": c.due.isoformat(),
        "reminder_days": c.reminder_days,
        "state": c.state.value,
        "created_at": _time(c.created_at),
        "template_version": c.template_version,
        "selection": c.selection,
        "reminder_days_before_due": list(c.reminder_days_before_due),
        "overdue_reminder_every_days": c.overdue_reminder_every_days,
        "escalate_after_reminders": c.escalate_after_reminders,
    }


def decode_campaign(doc_id: int, d: Doc) -> Campaign:
    return Campaign(
        id=doc_id,
        name=d["name"],
        family=d["family"],
        min_version=d["min_version"],
        due=date.fromisoformat(d["due"]),
        reminder_days=int(d["reminder_days"]),
        state=CampaignState(d["state"]),
        created_at=datetime.fromisoformat(d["created_at"]),
        template_version=d.get("template_version", ""),
        selection=d.get("selection", ""),
        reminder_days_before_due=tuple(int(n) for n in d.get("reminder_days_before_due", ())),
        overdue_reminder_every_days=int(d.get("overdue_reminder_every_days", 0)),
        escalate_after_reminders=int(d.get("escalate_after_reminders", 0)),
    )


def encode_assignment(a: Assignment) -> Doc:
    return {
        "supplier_id": a.supplier_id,
        "campaign_id": a.campaign_id,
        "state": a.state.value,
        "history": [[t.state.value, _time(t.at), _actor(t.actor), t.note] for t in a.history],
        "last_contact": _time(a.last_contact),
        "reminder_count": a.reminder_count,
        "last_submission_id": a.last_submission_id,
        "undeliverable": a.undeliverable,
    }


def decode_assignment(doc_id: int, d: Doc) -> Assignment:
    history = tuple(
        Transition(AssignmentState(s), datetime.fromisoformat(at), _parse_actor(actor), note)
        for s, at, actor, note in d["history"]
    )
    return Assignment(
        id=doc_id,
        supplier_id=int(d["supplier_id"]),
        campaign_id=int(d["campaign_id"]),
        state=AssignmentState(d["state"]),
        history=history,
        last_contact=_parse_time(d["last_contact"]),
        reminder_count=int(d["reminder_count"]),
        last_submission_id=d["last_submission_id"],
        undeliverable=bool(d["undeliverable"]),
    )


def _encode_finding(f: FindingSummary) -> Doc:
    return {
        "code": f.code,
        "severity": f.severity,
        "message_key": f.message_key,
        "params": dict(f.params),
        "sheet": f.sheet,
        "cell": f.cell,
    }


def _decode_finding(d: Doc) -> FindingSummary:
    return FindingSummary(
        code=d["code"],
        severity=d["severity"],
        message_key=d["message_key"],
        params=MappingProxyType(dict(d["params"])),
        sheet=d["sheet"],
        cell=d["cell"],
    )


def encode_submission(s: Submission) -> Doc:
    return {
        "message_id": s.message_id,
        "sender": s.sender,
        "received_at": _time(s.received_at),
        "attachment_name": s.attachment_name,
        "sha256": s.sha256,
        "family": s.family,
        "version": s.version,
        "language": s.language,
        "verdict": s.verdict,
        "findings": [_encode_finding(f) for f in s.findings],
        "supplier_id": s.supplier_id,
        "campaign_id": s.campaign_id,
    }


def decode_submission(doc_id: int, d: Doc) -> Submission:
    return Submission(
        id=doc_id,
        message_id=d["message_id"],
        sender=d["sender"],
        received_at=datetime.fromisoformat(d["received_at"]),
        attachment_name=d["attachment_name"],
        sha256=d["sha256"],
        family=d["family"],
        version=d["version"],
        language=d["language"],
        verdict=d["verdict"],
        findings=tuple(_decode_finding(f) for f in d["findings"]),
        supplier_id=d["supplier_id"],
        campaign_id=d["campaign_id"],
    )


def _encode_attachment(a: AttachmentRef) -> list[str]:
    fields = [a.filename, a.content_type, a.sha256, a.path]
    return [*fields, a.fill_company, a.fill_family] if a.fill_company else fields


def _encode_draft(m: MailDraft) -> Doc:
    return {
        "to": list(m.to),
        "subject": m.subject,
        "text": m.text,
        "html": m.html,
        "headers": dict(m.headers),
        "attachments": [_encode_attachment(a) for a in m.attachments],
        "thread_key": m.thread_key,
        "dedupe_key": m.dedupe_key,
        "campaign_id": m.campaign_id,
        "wave_id": m.wave_id,
        "supplier_id": m.supplier_id,
    }


def _decode_draft(d: Doc) -> MailDraft:
    return MailDraft(
        to=tuple(d["to"]),
        subject=d["subject"],
        text=d["text"],
        html=d["html"],
        headers=MappingProxyType(dict(d["headers"])),
        attachments=tuple(AttachmentRef(*fields) for fields in d["attachments"]),
        thread_key=d["thread_key"],
        dedupe_key=d["dedupe_key"],
        campaign_id=d["campaign_id"],
        wave_id=d["wave_id"],
        supplier_id=d["supplier_id"],
    )


def encode_outbox(o: OutboxItem) -> Doc:
    return {
        "mail": _encode_draft(o.draft),
        "state": o.state.value,
        "created_at": _time(o.created_at),
        "next_attempt_at": _time(o.next_attempt_at),
        "retries": o.retries,
        "reason": o.reason,
        "sent_at": _time(o.sent_at),
        "body_sha256": o.body_sha256,
        "interruptions": o.interruptions,
    }


def decode_outbox(doc_id: int, d: Doc) -> OutboxItem:
    return OutboxItem(
        id=doc_id,
        draft=_decode_draft(d["mail"]),
        state=OutboxState(d["state"]),
        created_at=datetime.fromisoformat(d["created_at"]),
        next_attempt_at=datetime.fromisoformat(d["next_attempt_at"]),
        retries=int(d["retries"]),
        reason=d["reason"],
        sent_at=_parse_time(d["sent_at"]),
        body_sha256=d.get("body_sha256", ""),
        interruptions=int(d.get("interruptions", 0)),
    )


def encode_wave(w: Wave) -> Doc:
    return {
        "campaign_id": w.campaign_id,
        "triggered_by": _actor(w.triggered_by),
        "selection": w.selection,
        "supplier_ids": list(w.supplier_ids),
        "planned": w.planned,
        "created_at": _time(w.created_at),
    }


def decode_wave(doc_id: int, d: Doc) -> Wave:
    return Wave(
        id=doc_id,
        campaign_id=int(d["campaign_id"]),
        triggered_by=_parse_actor(d["triggered_by"]),
        selection=d["selection"],
        supplier_ids=tuple(int(i) for i in d["supplier_ids"]),
        planned=int(d["planned"]),
        created_at=datetime.fromisoformat(d["created_at"]),
    )


def encode_audit(e: AuditEntry) -> Doc:
    return {
        "at": _time(e.at),
        "actor": _actor(e.actor),
        "action": e.action,
        "subject": e.subject,
        "details": dict(e.details),
    }


def decode_audit(d: Doc) -> AuditEntry:
    return AuditEntry(
        at=datetime.fromisoformat(d["at"]),
        actor=_parse_actor(d["actor"]),
        action=d["action"],
        subject=d["subject"],
        details=MappingProxyType(dict(d["details"])),
    )
