""" "Not an agreement" as the supplier receives it: a reply in their thread, through the production
outbox sender to aiosmtpd over STARTTLS.

The signed-looking PDF arrives as a parsed mail through the real route table (held for staff); the
staff decision queues the reply; the sender delivers it. What reached the SMTP server is checked: the
envelope, the thread headers, the language, the policy version, the sentence to send, and the staff
reason as the supplier reads it (plain text) and escaped (HTML).
"""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage

from handlers.agreement_refusal import refuse_file
from handlers.agreement_words import agreed_line, sentence
from handlers.auth import Caller, Role
from handlers.inbound import route
from handlers.inbound_context import InboundDeps, Outcome
from handlers.notices import TriageItem
from handlers.ports import RecordingNotifier
from mail.parse import parse_message
from mail.render import MailRenderer, create_environment
from mail.sender import OutboxSender
from mail.smtp import SmtpMailer
from storage import CampaignState, Contact, ManualClock, Store, SupplierDraft, memory_store
from surveybot.settings import (
    InvitationSettings,
    MailboxSettings,
    ReplySettings,
    Secret,
    Settings,
    SmtpSettings,
)
from tests.support.mailservers import SMTP_PASSWORD, SMTP_USER, CollectingHandler, TlsCert
from tests.support.supplier_mail import TRUSTED_MX, build_mail

NOW = dt.datetime(2027, 1, 11, 8, 0, tzinfo=dt.UTC)
VERSION = "2027-1"
SENDER = "sato@kestrel.example"
ACK_ID = "<policy-7@kestrel.example>"
REASON = "署名がありません <script>alert(1)</script>"
STAFF = Caller("U0STAFF", frozenset({Role.STAFF}))


def test_the_supplier_receives_the_refusal_in_japanese_in_the_thread_of_the_file(
    smtp_server: CollectingHandler, tls_cert: TlsCert
) -> None:
    store = memory_store(ManualClock(NOW))
    supplier = store.suppliers.add(
        SupplierDraft("KES", "Kestrel KK", (Contact(SENDER, "佐藤"),), language="ja")
    )
    campaign = store.campaigns.create("RMI 2027", "CMRT", "6.31", dt.date(2027, 3, 31))
    store.campaigns.set_state(campaign.id, CampaignState.ACTIVE)
    store.assignments.invite(campaign.id, [supplier.id])
    settings = Settings(
        mailbox=MailboxSettings(trusted_authserv_ids=(TRUSTED_MX,)),
        replies=ReplySettings(default_language="en", subject_tag="RMI"),
        invitations=InvitationSettings(policy_version=VERSION),
    )
    renderer = MailRenderer(create_environment(), "Responsible Minerals Survey")
    notifier = RecordingNotifier()
    deps = InboundDeps(store, store.clock, notifier, renderer, settings)
    raw = build_mail(
        sender=SENDER,
        subject="方針 署名",
        body="署名済みの方針を添付します。",
        message_id=ACK_ID,
        headers=[("References", "<invite-1@buyer.example>")],
        attachments=[("方針 署名.pdf", b"%PDF-1.7 scan", "application/pdf")],
    )
    assert route(parse_message(raw, trusted_authserv_ids=(TRUSTED_MX,)), "1:1", deps) is (
        Outcome.AGREEMENT_FILE_HELD
    )
    (notice,) = notifier.notices
    assert isinstance(notice, TriageItem) and notice.agreement_file is not None

    refuse_file(deps, STAFF, supplier.id, notice.agreement_file, notice.agreement_file_name, REASON)
    refuse_file(deps, STAFF, supplier.id, notice.agreement_file, notice.agreement_file_name, "again")
    (message,) = _send_all(store, smtp_server, tls_cert)

    assert message["To"] == SENDER
    assert str(message["Subject"]) == "Re: 方針 署名"
    assert message["In-Reply-To"] == ACK_ID
    assert str(message["References"]).split() == ["<invite-1@buyer.example>", ACK_ID]
    assert message["Content-Language"] == "ja"
    text = _part(message, "plain")
    assert text.startswith("Kestrel KK ご担当者様")
    assert "方針 署名.pdf" in text and "バージョン 2027-1" in text
    assert f"\n{REASON}\n" in text
    quoted = sentence("ja", VERSION)
    assert quoted in text and agreed_line(quoted, VERSION) is not None  # what we ask for is accepted
    html = _part(message, "html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html


def _send_all(store: Store, server: CollectingHandler, cert: TlsCert) -> list[EmailMessage]:
    settings = SmtpSettings(
        host="127.0.0.1", port=server.port, username=SMTP_USER, from_address="rmi@buyer.example"
    )
    mailer = SmtpMailer(settings, Secret(SMTP_PASSWORD), ssl_context=cert.client_context())
    sender = OutboxSender(store, mailer, settings, notifier=RecordingNotifier(), clock=ManualClock(NOW))
    sender.drain()
    mailer.close()
    return [got.message for got in server.messages]


def _part(message: EmailMessage, kind: str) -> str:
    part = message.get_body((kind,))
    assert part is not None
    return str(part.get_content())
