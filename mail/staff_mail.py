"""Staff notices by mail when Slack is off or unreachable: one digest per hour to ``notices.staff_address``.

Why: an unknown sender, a held or quarantined mail, a bounce or failing delivery needs a person, and a
log line reaches nobody. ``StaffMailNotifier`` wraps the usual notifier (Slack, or the log when Slack
is off): every notice goes there first; a notice that needs a person (``TriageItem``,
``DeliveryProblems``) and was not delivered to Slack is kept in the store (``store.staff_notes``), so
a restart loses nothing. The scheduler calls ``send_staff_digest`` every minute: when notes are
waiting and no digest went out in the last hour, they become one mail, queued in the outbox in the
same store write that removes them (the outbox then sends it with its usual retries).

Outside text (senders, subjects, supplier names in summaries) goes into the HTML part through the
autoescaping Jinja environment (``mail.render``), never by string concatenation.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from typing import Any, Protocol

from handlers.notices import DeliveryProblems, Notice, TriageItem
from handlers.ports import Clock, Notifier
from handlers.replies import RenderedBody
from storage import MailDraft, Store
from storage.staff_notes import StaffNote

log = logging.getLogger(__name__)

DIGEST_KIND = "staff_digest"
DIGEST_PERIOD = dt.timedelta(hours=1)
MAX_LISTED = 100  # a mail people read; the rest of a flood is counted, and each one is in the log


class DigestRenderer(Protocol):
    def render(self, kind: str, language: str, context: Mapping[str, object]) -> RenderedBody: ...


class StaffMailNotifier:
    """A ``Notifier`` that keeps what Slack did not take for the hourly staff digest mail."""

    def __init__(
        self,
        store: Store,
        clock: Clock,
        staff_address: str,
        renderer: DigestRenderer,
        *,
        inner: Notifier | None = None,
        subject_tag: str = "RMI",
    ) -> None:
        self._store, self._clock = store, clock
        self._to = staff_address
        self._renderer = renderer
        self._inner = inner
        self._tag = subject_tag

    def post(self, notice: Notice) -> None:
        if self._delivered_to_people(notice) or not isinstance(notice, TriageItem | DeliveryProblems):
            return
        self._store.staff_notes.add(self._clock.now(), **note_fields(notice))

    def _delivered_to_people(self, notice: Notice) -> bool:
        if self._inner is None:
            return False
        deliver = getattr(self._inner, "deliver", None)  # the Slack notifier says whether it got through
        if deliver is not None:
            return bool(deliver(notice))
        self._inner.post(notice)  # the log: a trace, but nobody is told
        return False

    def post_daily_digest(self, store: Store) -> int:
        """The Slack daily digest, when the wrapped notifier has one (the scheduler asks for it)."""
        post = getattr(self._inner, "post_daily_digest", None)
        return int(post(store)) if post is not None else 0

    def send_staff_digest(self) -> bool:
        """Queue one digest of the waiting notes, unless none wait or one went out within the hour."""
        store, now = self._store, self._clock.now()
        if not store.staff_notes.pending() or self._digest_within_the_hour(now):
            return False
        with store.batch():
            notes = store.staff_notes.take_all()
            body = self._renderer.render(DIGEST_KIND, "en", digest_context(notes, now))
            subject = f"[{self._tag}] {len(notes)} notice{'s' if len(notes) != 1 else ''} for staff"
            store.outbox.enqueue(
                MailDraft(
                    to=(self._to,), subject=subject, text=body.text, html=body.html,
                    dedupe_key=_digest_key(now), headers={"Auto-Submitted": "auto-generated"},
                )
            )  # fmt: skip
        log.info("queued the staff digest mail with %d notices", len(notes))
        return True

    def _digest_within_the_hour(self, now: dt.datetime) -> bool:
        for hour in (now, now - DIGEST_PERIOD):
            item = self._store.outbox.by_dedupe_key(_digest_key(hour))
            if item is not None and now - item.created_at < DIGEST_PERIOD:
                return True
        return False


def _digest_key(moment: dt.datetime) -> str:
    return f"staff-digest:{moment.astimezone(dt.UTC):%Y-%m-%dT%H}"


def note_fields(notice: TriageItem | DeliveryProblems) -> dict[str, Any]:
    """A notice as plain words for people (title, summary, sender, subject, details)."""
    if isinstance(notice, DeliveryProblems):
        return {
            "title": "Outgoing mail failed",
            "summary": f"{notice.failed} of {notice.attempted} attempts to send mail failed.",
            "details": notice.sample_reasons,
        }
    return {
        "title": notice.kind.heading,
        "summary": notice.summary,
        "sender": notice.sender or "",
        "subject": notice.subject or "",
        "details": notice.details,
    }


def digest_context(notes: tuple[StaffNote, ...], now: dt.datetime) -> dict[str, object]:
    """The template's values; a flood (a wave's bounces) lists ``MAX_LISTED`` and counts the rest."""
    first = min((note.at for note in notes), default=now)
    period = f"{_utc(first):%Y-%m-%d %H:%M} to {_utc(now):%H:%M} UTC"
    return {
        "count": len(notes),
        "period": period,
        "notes": [_note_context(note) for note in notes[:MAX_LISTED]],
        "more": max(0, len(notes) - MAX_LISTED),
    }


def _note_context(note: StaffNote) -> dict[str, object]:
    return {
        "title": note.title,
        "at": f"{_utc(note.at):%H:%M} UTC",
        "summary": note.summary,
        "sender": note.sender,
        "subject": note.subject,
        "details": list(note.details),
    }


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC)
