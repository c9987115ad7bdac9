"""A survey mailbox for the route-table tests: a real in-memory store, renderer, clock and notifier.

Mails are built as raw RFC 5322 bytes and parsed by ``mail.parse.parse_message`` exactly as the
watcher would hand them over; templates come from the shared workbook factory (real RMI files).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from email.message import EmailMessage
from email.utils import format_datetime

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

__all__ = ["workbook_factory"]

TRUSTED_MX = "mx.buyer.example"
SENDER = "compliance@kestrel-components.example"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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


def build_mail(
    *,
    sender: str = SENDER,
    subject: str = "CMRT 2026",
    body: str = "Dear team,\n\nplease find our CMRT attached.\n\nBest regards,\nJane",
    message_id: str = "<CAF1kestrel-0001@mail.kestrel-components.example>",
    attachments: Sequence[tuple[str, bytes, str]] = (),
    headers: Sequence[tuple[str, str]] = (),
    dmarc: str | None = "pass",
) -> bytes:
    """A mail as the supplier's mail server would deliver it to our mailbox (with our MX's auth stamp)."""
    message = EmailMessage()
    if dmarc is not None:
        domain = sender.rpartition("@")[2]
        message["Authentication-Results"] = (
            f"{TRUSTED_MX}; spf={dmarc} smtp.mailfrom={domain}; dkim={dmarc} header.d={domain}; "
            f"dmarc={dmarc} header.from={domain}"
        )
    message["From"] = f"Jane Miller <{sender}>"
    message["To"] = "rmi-survey@buyer.example"
    message["Subject"] = subject
    message["Date"] = format_datetime(dt.datetime(2026, 11, 25, 8, 30, tzinfo=dt.UTC))
    message["Message-ID"] = message_id
    for name, value in headers:
        message[name] = value
    message.set_content(body)
    for filename, data, content_type in attachments:
        maintype, _, subtype = content_type.partition("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes()
