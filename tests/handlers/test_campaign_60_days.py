"""A campaign run for 60 simulated days by the production scheduler, route table and outbox sender.

The clock is a ``ManualClock`` moved an hour at a time; each hour the service's ``Scheduler.tick``
runs (scheduled reminder waves, escalations, wave reports) and the outbox sender drains to aiosmtpd
over STARTTLS. Suppliers answer through the inbound route table with CMRT 6.5 files LibreOffice
filled (the workbook factory), exactly as the mailbox watcher hands mail over.

Five suppliers, due date 2027-02-03 (cadence days 01-20 and 01-31 before it, then 02-10, 02-17,
02-24 and 03-03):

* Avocet answers at once (day 0) and hears nothing more after its acceptance;
* Bittern (Chinese) answers late, after the due date, and gets the two reminders before it;
* Curlew sends a wrong file, gets a reminder repeating its open finding, then sends the right one;
* Dunlin (Japan) never answers: reminders at 09:00 Tokyo time on weekdays only, a lead's manual
  wave on 02-08 that makes the 02-10 wave leave it out (min days between reminders), its owner
  escalated in Slack once after the third reminder, and nothing after the campaign closes;
* Egret's invitation bounces: staff are told, and it is never reminded.

Every mail that reached the SMTP server and every staff notice is compared with the exact list.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage

import pytest

from handlers import waves
from handlers.auth import Caller, Role
from handlers.campaigns import CampaignRequest, close_campaign, open_campaign
from handlers.inbound import route
from handlers.inbound_context import InboundDeps, Outcome
from handlers.invitations import InvitationOptions
from handlers.invocation import Selection
from handlers.notices import FileJudged, TriageItem, TriageKind, WaveProgress
from handlers.ports import RecordingNotifier
from handlers.reminders import reminder_renderer
from mail.parse import parse_message
from mail.render import MailRenderer, create_environment
from mail.sender import OutboxSender
from mail.smtp import SmtpMailer
from rmi.blanks import blank_template
from storage import SYSTEM, Contact, ManualClock, Store, SupplierDraft, memory_store
from surveybot.settings import MailboxSettings, Secret, Settings, SmtpSettings
from surveybot.wiring import Scheduler, Service
from tests.support.answers import AnswerSet
from tests.support.fixtures import workbook_factory
from tests.support.mailservers import SMTP_PASSWORD, SMTP_USER, CollectingHandler, TlsCert
from tests.support.mistakes import field_cell
from tests.support.supplier_mail import TRUSTED_MX, XLSX, bounce_for, build_mail
from tests.support.workbooks import WorkbookFactory

__all__ = ["workbook_factory"]

START = dt.datetime(2027, 1, 4, 8, 0, tzinfo=dt.UTC)  # a Monday
DUE = dt.date(2027, 2, 3)
SUPPLIERS = {
    "AVO": ("Avocet Alloys Ltd", "en", ""),
    "BIT": ("Bittern Metals Co", "zh", ""),
    "CUR": ("Curlew Components GmbH", "en", ""),
    "DUN": ("Dunlin Seimitsu KK", "ja", "JP"),
    "EGR": ("Egret Plating Inc", "en", ""),
}
OWNER = "U0DUNLIN"


def address(code: str) -> str:
    return f"rmi@{code.lower()}.example"


@pytest.fixture(scope="module")
def answers(workbook_factory: WorkbookFactory) -> Mapping[str, bytes]:
    """Filled CMRT 6.5 files naming the suppliers: three valid ones and Curlew's wrong one."""
    valid = workbook_factory.answers("CMRT/6.5")
    name_cell, email_cell = field_cell(valid, "company_name"), field_cell(valid, "contact_email")

    def named(code: str) -> AnswerSet:
        return valid.with_cells({name_cell: SUPPLIERS[code][0]})

    jobs = {
        "AVO": named("AVO"),
        "BIT": named("BIT"),
        "CUR": named("CUR"),
        "CUR-wrong": named("CUR").with_cells({email_cell: "jane.miller at curlew"}),
    }
    paths = workbook_factory.libreoffice_many(list(jobs.values()))
    return {key: path.read_bytes() for key, path in zip(jobs, paths, strict=True)}


@dataclass
class Campaign60:
    store: Store
    clock: ManualClock
    notifier: RecordingNotifier
    smtp: CollectingHandler
    deps: InboundDeps
    sender: OutboxSender
    scheduler: Scheduler
    answers: Mapping[str, bytes]
    received: int = 0
    log: list[tuple[str, str]] = field(default_factory=list)

    def run_until(self, when: dt.datetime) -> None:
        while self.clock.now() < when:
            self.clock.advance(dt.timedelta(hours=1))
            self.scheduler.tick()
            self.sender.drain()

    def answer(self, code: str, file_key: str) -> Outcome:
        raw = build_mail(
            sender=address(code),
            subject=f"CMRT {SUPPLIERS[code][0]}",
            message_id=f"<answer-{self.received + 1}@{code.lower()}.example>",
            attachments=[(f"{code}_CMRT.xlsx", self.answers[file_key], XLSX)],
        )
        return self.receive(raw)

    def receive(self, raw: bytes) -> Outcome:
        self.received += 1
        mail = parse_message(raw, trusted_authserv_ids=(TRUSTED_MX,))
        outcome = route(mail, f"1:{self.received}", self.deps)
        self.sender.drain()
        return outcome

    def mails(self) -> list[tuple[str, str, str]]:
        """(UTC time as the sender's Date header says, recipient code, what it is) of every mail sent."""
        found = []
        for got in self.smtp.snapshot():
            code = got.rcpt_tos[0].split("@")[1].split(".")[0].upper()
            when = dt.datetime.strptime(str(got.message["Date"]), "%a, %d %b %Y %H:%M:%S %z")
            found.append((when.astimezone(dt.UTC).strftime("%m-%d %H:%M"), code, kind_of(got.message)))
        return found


def kind_of(message: EmailMessage) -> str:
    """Replies keep the supplier's subject; invitations carry the template; reminders are the rest
    (their subjects are in the supplier's language)."""
    if str(message["Subject"]).startswith("Re: "):
        return "reply"
    return "invitation" if any(True for _ in message.iter_attachments()) else "reminder"


@pytest.fixture
def campaign(
    smtp_server: CollectingHandler, tls_cert: TlsCert, answers: Mapping[str, bytes]
) -> Iterator[Campaign60]:
    clock = ManualClock(START)
    store = memory_store(clock)
    for code, (name, language, country) in SUPPLIERS.items():
        owner = OWNER if code == "DUN" else ""
        store.suppliers.add(
            SupplierDraft(
                code, name, (Contact(address(code)),), language=language, country=country, owner=owner
            )
        )
    notifier = RecordingNotifier()
    settings = Settings(mailbox=MailboxSettings(trusted_authserv_ids=(TRUSTED_MX,)))
    renderer = MailRenderer(create_environment(), "Responsible Minerals Survey")
    blank = blank_template("CMRT", "6.5")
    assert blank is not None
    options = InvitationOptions(
        render=renderer.render_invitation,
        policy_url="https://buyer.example/p.pdf",
        blank=blank.read_bytes(),
        blank_version="6.5",
    )
    open_campaign(
        store, CampaignRequest("RMI 2027", "CMRT", "6.31", DUE, 7, template_version="6.5"), SYSTEM, options
    )
    smtp_settings = SmtpSettings(
        host="127.0.0.1", port=smtp_server.port, username=SMTP_USER, from_address="rmi@buyer.example"
    )
    mailer = SmtpMailer(smtp_settings, Secret(SMTP_PASSWORD), ssl_context=tls_cert.client_context())
    sender = OutboxSender(store, mailer, smtp_settings, notifier=notifier, clock=clock)
    service = Service(settings, store, clock, notifier, None, None, renderer=renderer)
    deps = InboundDeps(store=store, clock=clock, notifier=notifier, renderer=renderer, settings=settings)
    yield Campaign60(store, clock, notifier, smtp_server, deps, sender, Scheduler(service), answers)
    mailer.close()


def at(month: int, day: int, hour: int = 0) -> dt.datetime:
    return dt.datetime(2027, month, day, hour, tzinfo=dt.UTC)


def lead_wave_on_feb_8(c: Campaign60) -> None:
    """A team lead's reminder wave from Slack: the same machinery, with the lead as the actor."""
    record = c.store.campaigns.by_name("RMI 2027")
    assert record is not None
    lead = Caller("ULEAD", frozenset({Role.TEAM_LEAD, Role.STAFF}))
    plan = waves.plan(c.store, record, Selection.MISSING, c.clock.now().date(), "RMI")
    assert [t.supplier.code for t in plan.targets] == ["DUN"]
    waves.queue(c.store, waves.start(c.store, plan, lead), plan, lead, reminder_renderer(c.deps.renderer))
    c.sender.drain()


def test_sixty_days_of_a_campaign_send_exactly_the_mails_and_notices_each_supplier_should_get(
    campaign: Campaign60,
) -> None:
    c = campaign
    c.sender.drain()  # the invitations, at 08:00 on day 0
    c.run_until(at(1, 4, 10))
    assert c.answer("AVO", "AVO") is Outcome.JUDGED
    c.run_until(at(1, 4, 12))
    assert c.receive(bounce_for(address("EGR"))) is Outcome.BOUNCE_RECORDED
    c.run_until(at(1, 12, 9))
    assert c.answer("CUR", "CUR-wrong") is Outcome.JUDGED
    c.run_until(at(1, 25, 9))
    assert c.answer("CUR", "CUR") is Outcome.JUDGED
    c.run_until(at(2, 8, 9))
    assert c.answer("BIT", "BIT") is Outcome.JUDGED
    c.run_until(at(2, 8, 10))
    lead_wave_on_feb_8(c)
    c.run_until(at(3, 1, 9))
    close_campaign(c.store, "RMI 2027", SYSTEM)
    c.run_until(START + dt.timedelta(days=60))

    assert c.mails() == [
        *[("01-04 08:00", code, "invitation") for code in ("AVO", "BIT", "CUR", "DUN", "EGR")],
        ("01-04 10:00", "AVO", "reply"),  # accepted
        ("01-12 09:00", "CUR", "reply"),  # rejected, with the cell to correct
        ("01-20 00:00", "BIT", "reminder"),
        ("01-20 00:00", "CUR", "reminder"),  # repeats the open finding
        ("01-20 00:00", "DUN", "reminder"),  # 09:00 in Tokyo
        ("01-25 09:00", "CUR", "reply"),  # accepted
        ("01-31 00:00", "BIT", "reminder"),  # a Sunday, but Bittern's country is not known
        ("02-01 00:00", "DUN", "reminder"),  # Sunday in Tokyo: held until Monday 09:00 there
        ("02-08 09:00", "BIT", "reply"),  # accepted, late
        ("02-08 10:00", "DUN", "reminder"),  # the lead's wave; 02-10 leaves Dunlin out
        ("02-17 00:00", "DUN", "reminder"),
        ("02-24 00:00", "DUN", "reminder"),
        # 03-03: the campaign closed on 03-01, nobody is reminded; Egret never is (it bounced)
    ]
    assert_reminder_contents(c)
    assert_notices(c)


def assert_reminder_contents(c: Campaign60) -> None:
    by_code: dict[str, list[str]] = {}
    for got in c.smtp.snapshot():
        code = got.rcpt_tos[0].split("@")[1].split(".")[0].upper()
        body = got.message.get_body(("plain",))
        assert body is not None
        by_code.setdefault(code, []).append(str(body.get_content()))
    curlew_reminder = by_code["CUR"][2]
    assert "Still to correct in your last file:" in curlew_reminder
    assert "jane.miller at curlew" in curlew_reminder  # the open finding, repeated
    assert "提醒" in by_code["BIT"][1]  # Chinese wording
    assert "リマインダー" in by_code["DUN"][1]
    invitation = next(m for m in c.smtp.snapshot() if m.rcpt_tos == [address("DUN")])
    (part,) = list(invitation.message.iter_attachments())
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    with zipfile.ZipFile(io.BytesIO(payload)) as workbook:
        assert b"Dunlin Seimitsu KK" in workbook.read("xl/worksheets/sheet4.xml")


def assert_notices(c: Campaign60) -> None:
    judged = [(n.supplier_name, n.accepted) for n in c.notifier.notices if isinstance(n, FileJudged)]
    assert judged == [
        ("Avocet Alloys Ltd", True),
        ("Curlew Components GmbH", False),
        ("Curlew Components GmbH", True),
        ("Bittern Metals Co", True),
    ]
    triage = [n for n in c.notifier.notices if isinstance(n, TriageItem)]
    assert [n.kind for n in triage] == [TriageKind.UNDELIVERABLE, TriageKind.ESCALATED]
    escalation = triage[1]
    assert escalation.owner == OWNER and "Dunlin Seimitsu KK" in escalation.summary
    assert "3 reminders" in escalation.summary
    assert sum("mail sent" in line for line in escalation.details) == 4  # invitation + three reminders
    progress = [(n.sent, n.queued, n.done) for n in c.notifier.notices if isinstance(n, WaveProgress)]
    assert progress == [
        (0, 3, False), (3, 0, True),  # 01-20: Bittern, Curlew, Dunlin
        (0, 2, False), (2, 0, True),  # 01-31: Bittern now, Dunlin on Monday
        (0, 1, False), (1, 0, True),  # 02-17
        (0, 1, False), (1, 0, True),  # 02-24
    ]  # fmt: skip
