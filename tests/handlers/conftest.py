"""A survey mailbox for the route-table tests: a real in-memory store, renderer, clock and notifier.

Mails are built as raw RFC 5322 bytes and parsed by ``mail.parse.parse_message`` exactly as the
watcher would hand them over; templates come from the shared workbook factory (real RMI files).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import pytest

from handlers.inbound import route
from handlers.inbound_context import InboundDeps, Outcome
from handlers.ports import RecordingNotifier
from mail.model import InboundMail
from mail.parse import parse_message
from mail.render import MailRenderer, create_environment
from storage import (
    Campaign,
    CampaignState,
    Contact,
    ManualClock,
    OutboxItem,
    Store,
    Supplier,
    SupplierDraft,
    memory_store,
)
from surveybot.settings import MailboxSettings, ReplySettings, Settings
from tests.support.fixtures import FACTORY_TODAY, workbook_factory
from tests.support.supplier_mail import SENDER, TRUSTED_MX, XLSX, build_mail

__all__ = ["SENDER", "XLSX", "build_mail", "workbook_factory"]


@dataclass
class Mailroom:
    """Everything a route-table test touches, with helpers to send mail in and look at what came out."""

    store: Store
    clock: ManualClock
    notifier: RecordingNotifier
    deps: InboundDeps
    supplier: Supplier
    campaign: Campaign
    sent: list[InboundMail] = field(default_factory=list)
    _uid: int = 0

    def receive(
        self, raw: bytes, imap_key: str | None = None, max_attachment_bytes: int | None = None
    ) -> Outcome:
        limit = max_attachment_bytes or self.deps.settings.mailbox.max_attachment_mb * 1_048_576
        mail = parse_message(raw, trusted_authserv_ids=(TRUSTED_MX,), max_attachment_bytes=limit)
        self._uid += 1
        self.sent.append(mail)
        return route(mail, imap_key or f"7:{self._uid}", self.deps)

    def outbox(self) -> list[OutboxItem]:
        return sorted(self.store.outbox.for_supplier(self.supplier.id), key=lambda item: item.id)

    def assignment_states(self) -> list[str]:
        found = self.store.assignments.find(self.supplier.id, self.campaign.id)
        assert found is not None
        return [step.state.value for step in found.history]

    def with_settings(self, **replies: object) -> Mailroom:
        settings = replace(self.deps.settings, replies=replace(self.deps.settings.replies, **replies))
        self.deps = replace(self.deps, settings=settings)
        return self


@pytest.fixture
def mailroom() -> Mailroom:
    clock = ManualClock(dt.datetime.combine(FACTORY_TODAY, dt.time(9, 0), tzinfo=dt.UTC))
    store = memory_store(clock)
    supplier = store.suppliers.add(
        SupplierDraft(
            code="KESTREL",
            name="Kestrel Precision Components",
            contacts=(Contact(SENDER, "Jane Miller"),),
            language="en",
        )
    )
    campaign = store.campaigns.create("2026-H1", "CMRT", "6.31", due=dt.date(2026, 12, 31))
    campaign = store.campaigns.set_state(campaign.id, CampaignState.ACTIVE)
    store.assignments.invite(campaign.id, [supplier.id])
    notifier = RecordingNotifier()
    settings = Settings(
        mailbox=MailboxSettings(trusted_authserv_ids=(TRUSTED_MX,)),
        replies=ReplySettings(
            max_auto_replies_per_thread_per_day=3, default_language="en", subject_tag="RMI"
        ),
    )
    renderer = MailRenderer(create_environment(), "Responsible Minerals Survey")
    deps = InboundDeps(store=store, clock=clock, notifier=notifier, renderer=renderer, settings=settings)
    return Mailroom(store, clock, notifier, deps, supplier, campaign)
