"""The offline demo: the real service, end to end, on local servers and embedded sample data.

Why it exists: a procurement IT person should see surveybot do its job before touching any
credentials. The demo starts a private Dovecot mailbox and an SMTP server on 127.0.0.1, imports
sample suppliers, opens a campaign (the invitations really go out over SMTP), delivers realistic
supplier replies into the mailbox — a valid template, a faulty one in Chinese, a hostile file, an
out-of-office, a bounce, an unknown sender, a mail without attachment — and lets the production
watcher, route table, rules and sender handle them. It then prints every reply the SMTP server
received and what the Slack channel would have shown.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import email
import email.policy
import tempfile
import time
from collections.abc import Callable
from email.message import EmailMessage
from importlib import resources
from pathlib import Path
from typing import TextIO

from imapclient import IMAPClient

from handlers.campaigns import CampaignRequest, open_campaign
from handlers.inbound_context import Outcome
from handlers.notices import Notice
from storage import Actor, ActorKind, OutboxState, Store
from surveybot import demo_mails
from surveybot.invitation_kit import invitation_options
from surveybot.localservers import LocalDovecot, LocalSmtp, ReceivedMail
from surveybot.settings import MailboxSettings, Settings, SmtpSettings, StorageSettings
from surveybot.wiring import Service, build_service

MAILBOX = "rmi-survey@buyer.example"
CAMPAIGN = "2026-H2"


class TerminalNotifier:
    """The ``Notifier`` of the demo: renders each notice exactly as the Slack app would post it."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def post(self, notice: Notice) -> None:
        from bot.as_seen import as_seen
        from bot.render.notices import notice_message

        self.messages.append(as_seen(notice_message(notice)))


@dataclasses.dataclass(frozen=True)
class Delivered:
    label: str
    message_id: str


def demo_file(name: str) -> bytes:
    return resources.files("surveybot").joinpath("demo_data", name).read_bytes()


def demo_settings(data_dir: Path, dovecot: LocalDovecot, smtp: LocalSmtp, user: str) -> Settings:
    return Settings(
        storage=StorageSettings(data_dir=str(data_dir)),
        mailbox=MailboxSettings(
            host=dovecot.host,
            port=dovecot.port,
            security="plain",
            username=user,
            idle_seconds=30,
            poll_seconds=1,
        ),
        smtp=SmtpSettings(host=smtp.host, port=smtp.port, security="plain", from_address=MAILBOX),
    )


def run_demo(out: TextIO, data_dir: Path | None = None, timeout: float = 120.0) -> bool:
    """Run the whole demo, printing to ``out``; True when every mail was handled and answered as expected.

    Without ``data_dir`` the demo's data lives in a temporary folder removed at the end: a demo run
    leaves nothing behind, and ``--data-dir`` keeps it for a look at the store afterwards.
    """
    if data_dir is not None:
        return _run_demo(out, data_dir, f"{data_dir} (kept)", timeout)
    with tempfile.TemporaryDirectory(prefix="surveybot-demo-") as tmp:
        return _run_demo(out, Path(tmp), f"{tmp} (temporary; --data-dir DIR keeps it)", timeout)


def _run_demo(out: TextIO, data_dir: Path, shown_as: str, timeout: float) -> bool:
    with LocalDovecot() as dovecot, LocalSmtp() as smtp:
        user = dovecot.new_user()
        settings = demo_settings(data_dir, dovecot, smtp, user)
        notifier = TerminalNotifier()
        env = {settings.mailbox.password_env: dovecot.password}
        service = build_service(settings, env=env, notifier=notifier)
        _say(
            out,
            "surveybot demo",
            f"mailbox   imap://{user}@127.0.0.1:{dovecot.port} (Dovecot, local)",
            f"transport smtp://127.0.0.1:{smtp.port} (local)",
            f"data      {shown_as}",
        )
        try:
            _prepare(service, out)
            service.start()
            _wait(lambda: _outbox_settled(service.store), timeout)
            invitations = len(smtp.messages)
            delivered = _deliver_supplier_mails(dovecot, user)
            _say(out, "supplier mails delivered to the mailbox", *(f"- {d.label}" for d in delivered))
            finished = _wait(lambda: _all_handled(service.store, delivered), timeout)
            _wait(lambda: _outbox_settled(service.store), timeout)
            _report(out, service, delivered, smtp.messages[invitations:], notifier.messages)
        finally:
            service.stop()
    return finished


def _prepare(service: Service, out: TextIO) -> None:
    from storage.importer import import_suppliers

    store = service.store
    actor = Actor(ActorKind.STAFF, "demo")
    with tempfile.TemporaryDirectory() as tmp:
        sheet = Path(tmp) / "suppliers.csv"
        sheet.write_bytes(demo_file("suppliers.csv"))
        import_suppliers(store, sheet, actor, dry_run=False)
    today = service.clock.now().date()
    request = CampaignRequest(CAMPAIGN, "CMRT", "6.31", today + dt.timedelta(days=30), 7)
    result = open_campaign(store, request, actor, invitation_options(service.settings, "CMRT"))
    _say(
        out,
        "set-up",
        f"imported {len(store.suppliers.all())} suppliers from the sample sheet",
        f"opened campaign {CAMPAIGN} (CMRT, revision 6.31 or later, due {result.campaign.due})",
        f"queued {result.queued_mails} invitation mails",
    )


def _deliver_supplier_mails(dovecot: LocalDovecot, user: str) -> list[Delivered]:
    now = dt.datetime.now(dt.UTC)
    subject = f"Re: [RMI {CAMPAIGN}] CMRT"
    m = demo_mails
    mails = [
        ("ACME Metals (Outlook): a complete CMRT 6.5", m.with_workbook(
            "anna.schmidt@acme-metals.example", "Anna Schmidt", MAILBOX, f"{subject} for ACME Metals GmbH",
            "Dear team, please find our completed CMRT attached.", "ACME_CMRT_2026.xlsx",
            demo_file("cmrt-6.5-valid.xlsx"), now)),
        ("Huacai Electronics (Foxmail): a CMRT in Chinese with mistakes", m.with_any_file(
            "li.wei@huacai.example", "李伟", MAILBOX, f"{subject} for 深圳华彩电子有限公司",
            "您好，附件是我们的CMRT。", "华彩_CMRT.xlsx", demo_file("cmrt-6.5-faulty-zh.xlsx"), now)),
        ("Nippon Precision: a PDF renamed to .xlsx", m.with_any_file(
            "tanaka@nippon-precision.example", "田中 健", MAILBOX, f"{subject} for Nippon Precision KK",
            "CMRTを添付いたします。", "CMRT.xlsx", b"%PDF-1.7\n% scanned declaration\n" + b"0" * 2048, now)),
        ("Andes Wire (Gmail): forgot the attachment", m.without_attachment(
            "carlos@andeswire.example", "Carlos Rojas", MAILBOX, f"{subject} for Andes Wire SA",
            "Hi, here is our CMRT for this year.", now)),
        ("Baltic Components: out-of-office auto-reply", m.out_of_office(
            "ona@balticcomp.example", "Ona Petraitė", MAILBOX, f"[RMI {CAMPAIGN}] CMRT", now)),
        ("mailer-daemon: an invitation bounced", m.delivery_failure(
            "buyer-contact@oldsupplier.example", MAILBOX, f"[RMI {CAMPAIGN}] CMRT", now)),
        ("unknown sender with a template", m.with_workbook(
            "someone@random-freemail.example", "Someone", MAILBOX, "CMRT",
            "Our CMRT.", "CMRT.xlsx", demo_file("cmrt-6.5-valid.xlsx"), now)),
    ]  # fmt: skip
    client = IMAPClient(dovecot.host, port=dovecot.port, ssl=False)
    client.login(user, dovecot.password)
    delivered = []
    for label, raw in mails:
        client.append("INBOX", raw)
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        delivered.append(Delivered(label, str(parsed["Message-ID"]).strip()))
    client.logout()
    return delivered


def _outcome(store: Store, message_id: str) -> str | None:
    entries = store.audit.entries(subject=f"mail:{message_id}")
    return str(entries[-1].details.get("outcome")) if entries else None


# Every outcome in the words of the procurement team (a test keeps this in step with ``Outcome``).
OUTCOME_WORDS = {
    Outcome.DUPLICATE: "already handled (the same mail came twice); nothing sent again",
    Outcome.IGNORED_AUTOMATED: "an automatic reply; not answered, so no mail loop starts",
    Outcome.BOUNCE_RECORDED: "a bounce; the address is marked undeliverable and staff are told",
    Outcome.DELIVERY_DELAYED: "a delay notice; nothing to do yet",
    Outcome.TRIAGE_UNKNOWN: "an unknown sender; not answered, staff can link the sender to a supplier",
    Outcome.HELD_AUTH_FAILED: "failed the sender checks (SPF/DKIM/DMARC); held for staff",
    Outcome.HELD_COMPANY_MISMATCH: "the file names another company; held for staff to decide",
    Outcome.JUDGED: "checked and answered",
    Outcome.ASKED_FOR_ATTACHMENT: "no file attached; the supplier was asked for the template",
    Outcome.HANDED_TO_STAFF: "passed on to staff to answer",
    Outcome.RATE_LIMITED: "not answered; this conversation has had its automatic replies for today",
    Outcome.AGREEMENT_RECORDED: "an agreement to our policy; recorded with its evidence",
    Outcome.AGREEMENT_FILE_HELD: "may be a signed agreement to our policy; held for staff to record",
}


def outcome_in_words(store: Store, message_id: str) -> str:
    """What happened to a mail, as the procurement team would say it."""
    entries = store.audit.entries(subject=f"mail:{message_id}")
    if not entries:
        return "not handled yet"
    details = entries[-1].details
    outcome = Outcome(str(details.get("outcome")))
    if outcome is Outcome.JUDGED:
        accepted, files = details.get("accepted"), details.get("files")
        if accepted == files:
            return "checked and accepted; the supplier got a confirmation"
        if accepted:
            return f"checked, {accepted} of {files} files accepted; the supplier was told what to fix"
        return "checked and not accepted; the supplier was told what to fix"
    return OUTCOME_WORDS[outcome]


def _all_handled(store: Store, delivered: list[Delivered]) -> bool:
    return all(_outcome(store, d.message_id) for d in delivered)


def _outbox_settled(store: Store) -> bool:
    counts = store.outbox.counts()
    return not counts.get(OutboxState.QUEUED) and not counts.get(OutboxState.SENDING)


def _wait(done: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if done():
            return True
        time.sleep(0.2)
    return False


def _report(
    out: TextIO, service: Service, delivered: list[Delivered], replies: list[ReceivedMail], notices: list[str]
) -> None:
    store = service.store
    _say(
        out,
        "outcomes",
        *(f"- {d.label} → {outcome_in_words(store, d.message_id)}" for d in delivered),
    )
    for reply in replies:
        _print_reply(out, reply.message)
    _say(out, f"what the Slack channel shows ({len(notices)} notices)")
    for text in notices:
        out.write(_indent(text) + "\n\n")
    _say(out, "/minerals status")
    out.write(_indent(_status_text(store)) + "\n")


def _print_reply(out: TextIO, message: EmailMessage) -> None:
    body = message.get_body(("plain",))
    text = body.get_content() if isinstance(body, EmailMessage) else ""
    _say(
        out,
        f"reply to {message['To']}",
        f"Subject: {message['Subject']}",
        f"In-Reply-To: {message['In-Reply-To']}",
        f"Auto-Submitted: {message['Auto-Submitted']}",
        "",
        text.rstrip(),
    )


def _status_text(store: Store) -> str:
    from bot.as_seen import as_seen
    from bot.render.reports import status_message
    from handlers.auth import Caller, Role
    from handlers.commands import CommandDeps, status

    caller = Caller("U-DEMO", frozenset({Role.STAFF}))
    return as_seen(status_message(status(CommandDeps(store), caller, "")))


def _say(out: TextIO, title: str, *lines: str) -> None:
    out.write(f"\n== {title} ==\n")
    for line in lines:
        out.write(f"{line}\n")


def _indent(text: str) -> str:
    return "\n".join(f"  {line}" for line in text.splitlines())
