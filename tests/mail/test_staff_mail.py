"""Staff notices by mail when Slack is off or unreachable: the service as ``surveybot run`` wires it, a
file store that is closed and opened again, and the real aiosmtpd server receiving the digest.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from slack_sdk import WebClient

from bot.notifier import SlackNotifier
from handlers.notices import DeliveryProblems, FileJudged, TriageItem, TriageKind
from mail.render import MailRenderer, create_environment
from mail.staff_mail import MAX_LISTED, StaffMailNotifier
from storage import ManualClock, memory_store
from surveybot.settings import NoticeSettings, Settings, SmtpSettings, StorageSettings
from surveybot.wiring import Service, build_service
from tests.bot.fake_slack import BOT_TOKEN, FakeSlack
from tests.support.mailservers import SMTP_PASSWORD, SMTP_USER, CollectingHandler, TlsCert, free_port

STAFF = "procurement-team@example.com"
FROM = "rmi-survey@example.com"
START = dt.datetime(2026, 11, 25, 9, 5, tzinfo=dt.UTC)
HOSTILE_SENDER = '"Bad <b>Guy</b>" <evil@spoof.example>'
HOSTILE_SUBJECT = "<img src=x onerror=alert(1)>"


def unknown_sender() -> TriageItem:
    return TriageItem(
        kind=TriageKind.UNKNOWN_SENDER,
        summary="Mail from evil@spoof.example (<script>alert(1)</script> & Co), which matches no supplier.",
        sender=HOSTILE_SENDER,
        subject=HOSTILE_SUBJECT,
    )


def quarantined() -> TriageItem:
    return TriageItem(
        kind=TriageKind.QUARANTINED,
        summary="A mail was set aside in Quarantine: the mail is 61.3 MB, too large to read.",
        sender="jane@acme.example",
        subject="CMRT",
    )


def judged() -> FileJudged:
    return FileJudged("7", "Acme", None, "12", "CMRT.xlsx", "CMRT", "6.5", accepted=True)


class Deployment:
    """``surveybot run`` without Slack, started again on the same data folder whenever asked."""

    def __init__(self, tmp: Path, smtp: CollectingHandler, cert: TlsCert) -> None:
        self.clock = ManualClock(START)
        self.settings = Settings(
            storage=StorageSettings(data_dir=str(tmp / "data")),
            smtp=SmtpSettings(host="localhost", port=smtp.port, username=SMTP_USER, from_address=FROM),
            notices=NoticeSettings(staff_address=STAFF),
        )
        self.cert = cert
        self.service = self.start()

    def start(self) -> Service:
        return build_service(
            self.settings, env={"SURVEYBOT_SMTP_PASSWORD": SMTP_PASSWORD}, clock=self.clock,
            smtp_ssl_context=self.cert.client_context(), lookahead_workers=0,
        )  # fmt: skip

    def restart(self) -> None:
        self.service.store.close()  # as if the process ended: only the data folder is left
        self.service = self.start()

    def minute_passes(self, to: dt.datetime) -> int:
        """The scheduler's tick at ``to``, then the outbox drain it wakes; how many mails went out."""
        self.clock.set(to)
        self.service.scheduler.tick()  # type: ignore[union-attr]
        return self.service.mail.sender.drain().sent  # type: ignore[union-attr]


def test_without_slack_notices_reach_staff_as_one_escaped_digest_mail_per_hour_across_a_restart(
    tmp_path: Path, smtp_server: CollectingHandler, tls_cert: TlsCert
) -> None:
    run = Deployment(tmp_path, smtp_server, tls_cert)
    for notice in (
        unknown_sender(),
        judged(),
        quarantined(),
        DeliveryProblems(2, 5, ("451 4.3.0 try later",)),
    ):
        run.service.notifier.post(notice)
    run.restart()  # the notices wait in the store, not in memory

    assert run.minute_passes(START + dt.timedelta(minutes=1)) == 1
    (got,) = smtp_server.messages
    assert got.rcpt_tos == [STAFF]
    message = got.message
    assert (message["To"], message["Subject"]) == (STAFF, "[RMI] 3 notices for staff")
    assert message["From"].addresses[0].addr_spec == FROM
    assert message["Auto-Submitted"] == "auto-generated"
    text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert "1. Mail from an unknown sender (09:05 UTC)" in text
    assert f"From: {HOSTILE_SENDER}" in text and f"Subject: {HOSTILE_SUBJECT}" in text
    assert "2. Mail quarantined" in text and "61.3 MB, too large to read" in text
    assert "3. Outgoing mail failed" in text and "- 451 4.3.0 try later" in text
    assert "Acme" not in text  # a judged file is news for Slack, not a task for staff
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "&lt;b&gt;Guy&lt;/b&gt;" in html
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert run.service.store.staff_notes.pending() == ()

    assert run.minute_passes(START + dt.timedelta(minutes=30)) == 0  # nothing waits: no empty digest
    run.service.notifier.post(quarantined())  # at 09:35
    assert run.minute_passes(START + dt.timedelta(minutes=31)) == 0  # one digest per hour at most
    run.restart()
    assert run.minute_passes(START + dt.timedelta(minutes=60)) == 0
    assert run.minute_passes(START + dt.timedelta(minutes=61)) == 1  # an hour after the first
    second = smtp_server.messages[1].message
    assert second["Subject"] == "[RMI] 1 notice for staff"
    assert "1. Mail quarantined (09:35 UTC)" in second.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert run.minute_passes(START + dt.timedelta(minutes=130)) == 0
    run.service.store.close()


def test_a_notice_slack_took_is_not_mailed_and_one_slack_could_not_take_is() -> None:
    renderer = MailRenderer(create_environment(), signature="Survey bot")
    with FakeSlack() as slack:
        store = memory_store(ManualClock(START))
        reachable = SlackNotifier(WebClient(token=BOT_TOKEN, base_url=slack.base_url), "C0STAFF")
        StaffMailNotifier(store, store.clock, STAFF, renderer, inner=reachable).post(unknown_sender())
        assert [call["method"] for call in slack.calls] == ["chat.postMessage"]
        assert store.staff_notes.pending() == ()

    store = memory_store(ManualClock(START))
    nowhere = WebClient(token=BOT_TOKEN, base_url=f"http://127.0.0.1:{free_port()}/api/")
    notifier = StaffMailNotifier(store, store.clock, STAFF, renderer, inner=SlackNotifier(nowhere, "C0STAFF"))
    notifier.post(unknown_sender())
    notifier.post(judged())
    (note,) = store.staff_notes.pending()
    assert (note.title, note.sender, note.subject) == (
        "Mail from an unknown sender",
        HOSTILE_SENDER,
        HOSTILE_SUBJECT,
    )
    assert notifier.send_staff_digest() is True
    (digest,) = store.outbox.due()
    assert digest.draft.to == (STAFF,) and digest.draft.dedupe_key == "staff-digest:2026-11-25T09"


def test_a_flood_of_notices_lists_the_first_hundred_and_counts_the_rest() -> None:
    store = memory_store(ManualClock(START))
    notifier = StaffMailNotifier(
        store, store.clock, STAFF, MailRenderer(create_environment(), signature="Bot")
    )
    for _ in range(MAX_LISTED + 23):
        notifier.post(quarantined())
    assert notifier.send_staff_digest() is True
    (digest,) = store.outbox.due()
    assert digest.draft.subject == f"[RMI] {MAX_LISTED + 23} notices for staff"
    assert f"{MAX_LISTED}. Mail quarantined" in digest.draft.text
    assert f"{MAX_LISTED + 1}. " not in digest.draft.text
    assert "... and 23 more notices of the same period; each one is in the service log." in digest.draft.text
    assert "and 23 more notices" in digest.draft.html and store.staff_notes.pending() == ()
