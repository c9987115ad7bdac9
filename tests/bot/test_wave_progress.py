"""Waves of realistic size confirmed from Slack: the click is answered before the wave is queued,
and the channel watches the mails being queued and then sent, to a last line with the counts.

Signed requests go into the real Bolt app and the answers land on the loopback fake Slack Web API.
Where mails are sent, the production outbox sender delivers them to aiosmtpd over STARTTLS, which
refuses two of them for good. (The 300 invitations, each composing the blank template, are only
queued here: sending them is the business of ``bench/``; the sending progress is the same code for
every wave and is followed to its end on a reminder wave and on a small invitation wave.)
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from slack_bolt import App

from bot.app import create_app
from bot.render.campaign_setup import CONFIRM_ACTION, OPEN_MODAL
from handlers.ports import RecordingNotifier
from handlers.reminders import builtin_reminder
from handlers.wave_resume import resume_all
from mail.sender import OutboxSender
from mail.smtp import SmtpMailer
from storage import CampaignState, Contact, ManualClock, OutboxState, Store, SupplierDraft
from surveybot.invitation_kit import invitation_options
from surveybot.settings import Secret, SmtpSettings
from surveybot.status import wave_lines
from surveybot.wiring import cadence_for
from tests.bot import slack_requests as req
from tests.bot.conftest import LEAD, SlackUser, bot_deps, buttons, make_settings
from tests.bot.fake_slack import FakeSlack
from tests.support.mailservers import SMTP_PASSWORD, SMTP_USER, CollectingHandler, TlsCert

SUPPLIERS = 300
WITHOUT_ADDRESS = 3
REFUSED = 2  # the SMTP server refuses this many for good
SEND_EDIT_SECONDS = 0.05
FORM = {"name": "CMRT 2028", "family": "CMRT", "due": "2028-06-30", "selection": "all"}
SENDING = re.compile(r": queued (\d+) / sent (\d+) of 300")


@pytest.fixture
def gated_pool() -> Iterator[tuple[ThreadPoolExecutor, threading.Event]]:
    """The app's pool with its one worker busy until the test opens the gate."""
    pool, gate = ThreadPoolExecutor(max_workers=1), threading.Event()
    pool.submit(gate.wait, 60)
    yield pool, gate
    gate.set()
    pool.shutdown(wait=True)


@pytest.fixture
def suppliers(store: Store) -> None:
    """300 suppliers with an address, 3 without."""
    with store.batch():
        for n in range(SUPPLIERS + WITHOUT_ADDRESS):
            contacts = (Contact(f"buyer@s{n:03}.example"),) if n < SUPPLIERS else ()
            store.suppliers.add(SupplierDraft(f"S{n:03}", f"Supplier {n:03} <Ltd>", contacts))


@pytest.fixture
def lead(
    fake_slack: FakeSlack,
    store: Store,
    suppliers: None,
    gated_pool: tuple[ThreadPoolExecutor, threading.Event],
) -> SlackUser:
    deps = bot_deps(
        store, gated_pool[0], send_progress_seconds=SEND_EDIT_SECONDS, progress_interval_seconds=0.0
    )
    app: App = create_app(make_settings(fake_slack), deps)
    return SlackUser(app, fake_slack, itertools.count(1))


def _confirm_value(lead: SlackUser, gate: threading.Event, invited: int = SUPPLIERS) -> str:
    """The form submitted and previewed (the preview is built on the pool: the gate opens for it)."""
    assert lead.command("campaign open", user=LEAD).status == 200
    view = lead.fake.wait_for("views.open")[0]["params"]["view"]
    values = {block: {block: {"type": "plain_text_input", "value": text}} for block, text in FORM.items()}
    values["family"] = {"family": {"type": "static_select", "selected_option": {"value": "CMRT"}}}
    values["selection"] = {"selection": {"type": "static_select", "selected_option": {"value": "all"}}}
    values["due"] = {"due": {"type": "datepicker", "selected_date": FORM["due"]}}
    body = req.view_body(OPEN_MODAL, values, view["private_metadata"], user=LEAD, trigger_id=lead.trigger())
    assert lead.dispatch(body).status == 200
    gate.set()  # the preview may run now
    preview: dict[str, Any] = lead.fake.wait_for("chat.postEphemeral")[0]["params"]
    assert preview["text"] == f"CMRT 2028: would invite {invited} supplier(s) - confirm to open"
    return str(buttons(preview)[CONFIRM_ACTION]["value"])


def test_a_300_supplier_campaign_is_answered_before_its_invitations_are_queued_then_counts_up(
    lead: SlackUser,
    fake_slack: FakeSlack,
    store: Store,
    gated_pool: tuple[ThreadPoolExecutor, threading.Event],
) -> None:
    pool, gate = gated_pool
    value = _confirm_value(lead, gate)
    gate.clear()
    pool.submit(gate.wait, 60)  # the pool is busy again: the wave cannot be queued behind our back

    assert lead.click(CONFIRM_ACTION, value, user=LEAD, response="go").status == 200
    answer = fake_slack.wait_for("response:go")[0]["params"]
    assert answer["text"] == (
        f"<@{LEAD}> opened CMRT 2028 (CMRT): invited 300 supplier(s); the invitations are being queued "
        "and sent (wave #1, progress in the channel)."
    )
    first = fake_slack.wait_for("chat.postMessage")[0]["params"]
    progress = f"Invitations for CMRT 2028 (wave #1), opened by <@{LEAD}>: queued {{}} of 300"
    assert (first["channel"], first["text"]) == (req.CHANNEL, progress.format(0))
    campaign = store.campaigns.by_name("CMRT 2028")
    assert campaign is not None
    (wave,) = store.waves.for_campaign(campaign.id)
    assert (wave.planned, store.outbox.for_wave(wave.id)) == (300, ())  # answered, nothing queued yet
    assert wave_lines(store, campaign.id) == ["    wave 1 (invite): 0 of 300 sent, 300 waiting"]

    gate.set()
    edits = fake_slack.wait_for("chat.update", count=2, timeout=120)
    assert [e["params"]["text"] for e in edits] == [progress.format(200), progress.format(300)]  # per chunk
    assert len({(e["params"]["channel"], e["params"]["ts"]) for e in edits}) == 1  # one message, edited
    assert len(store.outbox.for_wave(wave.id)) == 300
    assert wave_lines(store, campaign.id) == ["    wave 1 (invite): 0 of 300 sent, 300 waiting"]


def test_a_wave_whose_background_job_never_ran_is_finished_by_the_services_start_without_doubles(
    lead: SlackUser,
    fake_slack: FakeSlack,
    store: Store,
    gated_pool: tuple[ThreadPoolExecutor, threading.Event],
) -> None:
    pool, gate = gated_pool
    value = _confirm_value(lead, gate)
    gate.clear()
    pool.submit(gate.wait, 60)
    lead.click(CONFIRM_ACTION, value, user=LEAD, response="go")
    fake_slack.wait_for("response:go")

    settings = make_settings(fake_slack)  # the service starts again before the job got its turn
    resumed = resume_all(
        store, store.clock.now(), "RMI", builtin_reminder,
        lambda c: invitation_options(settings, c.family, c.template_version), cadence_for(settings),
    )  # fmt: skip
    assert [s.queued for s in resumed] == [300]
    gate.set()
    final = fake_slack.wait_for("chat.update", timeout=60)[-1]["params"]
    assert final["text"].endswith(": queued 300 of 300")
    assert len(store.outbox.for_wave(1)) == 300  # one invitation each, however the wave was finished


def test_a_300_supplier_reminder_wave_shows_its_mails_being_sent_and_ends_with_the_counts(
    fake_slack: FakeSlack, store: Store, suppliers: None, smtp_server: CollectingHandler, tls_cert: TlsCert
) -> None:
    campaign = _campaign_with_suppliers(store)
    with ThreadPoolExecutor(max_workers=1) as pool:
        deps = bot_deps(store, pool, send_progress_seconds=SEND_EDIT_SECONDS)
        lead = SlackUser(create_app(make_settings(fake_slack), deps), fake_slack, itertools.count(1))
        lead.command("remind CMRT 2028 missing", user=LEAD, response="preview")
        shown = fake_slack.wait_for("response:preview")[0]["params"]
        smtp_server.scripted.extend(["550 5.1.1 mailbox unavailable"] * REFUSED)
        sender = _sender(store, smtp_server, tls_cert)
        started = time.monotonic()
        try:
            assert (
                lead.click("wave_confirm", buttons(shown)["wave_confirm"]["value"], user=LEAD).status == 200
            )
            done = fake_slack.wait_for("chat.postMessage", count=3, timeout=120)[2]["params"]
        finally:
            sender.stop()
        elapsed = time.monotonic() - started

    summary = fake_slack.calls_to("chat.postMessage")[1]["params"]
    assert summary["text"].startswith(
        "Reminder wave #1 for CMRT 2028 is queued: 300 mails queued, 3 skipped."
    )
    (message_ts,) = {c["params"]["ts"] for c in fake_slack.calls_to("chat.update")}  # one message, edited
    assert summary["thread_ts"] == done["thread_ts"] == message_ts  # in its thread
    assert done["text"] == "Reminder wave #1 is done: 298 sent, 2 failed, 3 skipped."
    texts = [c["params"]["text"] for c in fake_slack.calls_to("chat.update")]
    assert texts[-1].endswith(": queued 300 / sent 298 of 300, 2 failed - done")
    sent = [int(m[2]) for t in texts if (m := SENDING.search(t))]
    assert sent == sorted(sent) and len(sent) >= 2  # counted up while the mails went out
    queuing = [t for t in texts if SENDING.search(t) is None]
    assert len(texts) - len(queuing) <= 2 + elapsed / SEND_EDIT_SECONDS  # rate-limited: not one per mail
    assert "Stop wave" not in str(fake_slack.calls_to("chat.update")[-1]["params"]["blocks"])
    assert len(smtp_server.snapshot()) == 298
    assert wave_lines(store, campaign) == []  # `surveybot status` agrees: nothing left to send


def test_an_invitation_wave_ends_with_a_line_of_what_was_sent_failed_and_skipped(
    fake_slack: FakeSlack, store: Store, smtp_server: CollectingHandler, tls_cert: TlsCert
) -> None:
    for code in ("A1", "B2", "C3", "D4"):
        contacts = (Contact(f"rmi@{code.lower()}.example"),) if code != "D4" else ()
        store.suppliers.add(SupplierDraft(code, f"<!channel> {code}", contacts))
    smtp_server.scripted.append("550 5.1.1 mailbox unavailable")
    sender = _sender(store, smtp_server, tls_cert)
    gate = threading.Event()
    gate.set()
    with ThreadPoolExecutor(max_workers=1) as pool:
        deps = bot_deps(store, pool, send_progress_seconds=SEND_EDIT_SECONDS)
        lead = SlackUser(create_app(make_settings(fake_slack), deps), fake_slack, itertools.count(1))
        try:
            lead.click(CONFIRM_ACTION, _confirm_value(lead, gate, invited=3), user=LEAD, response="go")
            done = fake_slack.wait_for("chat.postMessage", count=2, timeout=60)[1]["params"]
        finally:
            sender.stop()
    assert done["text"] == "Invitations for CMRT 2028 (wave #1) are done: 2 sent, 1 failed, 1 skipped."
    assert "Skipped (no e-mail address): D4" in str(done["blocks"])
    last = fake_slack.calls_to("chat.update")[-1]["params"]["text"]
    opened = f"Invitations for CMRT 2028 (wave #1), opened by <@{LEAD}>"
    assert last == f"{opened}: queued 3 / sent 2 of 3, 1 failed - done"
    assert "<!channel>" not in str(fake_slack.calls)


def test_when_the_bot_may_not_post_in_the_channel_the_wave_progress_goes_to_the_leads_dm(
    fake_slack: FakeSlack, store: Store
) -> None:
    store.suppliers.add(SupplierDraft("A1", "Alpha", (Contact("rmi@a1.example"),)))
    fake_slack.closed_channels.add(req.CHANNEL)
    gate = threading.Event()
    gate.set()
    with ThreadPoolExecutor(max_workers=1) as pool:
        lead = SlackUser(
            create_app(make_settings(fake_slack), bot_deps(store, pool)), fake_slack, itertools.count(1)
        )
        lead.click(CONFIRM_ACTION, _confirm_value(lead, gate, invited=1), user=LEAD, response="go")
        fake_slack.wait_for("response:go")
        queued = fake_slack.wait_for("chat.update")[0]["params"]
    # only the progress posts: the preview reaches the lead's DM too, at its own pace
    progress_posts = [
        c["params"]
        for c in fake_slack.calls_to("chat.postMessage")
        if str(c["params"]["text"]).startswith("Invitations for")
    ]
    refused, posted = progress_posts[:2]
    assert (refused["channel"], posted["channel"], queued["channel"]) == (req.CHANNEL, LEAD, LEAD)
    assert queued["text"].endswith(": queued 1 of 1")


def test_when_slack_refuses_the_progress_message_the_invitations_are_queued_all_the_same(
    fake_slack: FakeSlack, store: Store
) -> None:
    store.suppliers.add(SupplierDraft("A1", "Alpha", (Contact("rmi@a1.example"),)))
    gate = threading.Event()
    gate.set()
    with ThreadPoolExecutor(max_workers=1) as pool:
        lead = SlackUser(
            create_app(make_settings(fake_slack), bot_deps(store, pool)), fake_slack, itertools.count(1)
        )
        value = _confirm_value(lead, gate, invited=1)
        fake_slack.closed_channels.update({req.CHANNEL, LEAD})  # neither the channel nor the DM takes it
        lead.click(CONFIRM_ACTION, value, user=LEAD, response="go")
        fake_slack.wait_for("response:go")
        refused = fake_slack.wait_for("chat.postMessage", count=2)  # the channel, then the DM
        assert [c["params"]["channel"] for c in refused] == [req.CHANNEL, LEAD]
        deadline = time.monotonic() + 30
        while not store.outbox.in_state(OutboxState.QUEUED) and time.monotonic() < deadline:
            time.sleep(0.05)
    (mail,) = store.outbox.in_state(OutboxState.QUEUED)
    assert (mail.draft.to, mail.draft.wave_id) == (("rmi@a1.example",), 1)
    assert fake_slack.calls_to("chat.update") == []


def _campaign_with_suppliers(store: Store) -> int:
    """CMRT 2028, every supplier invited (their invitations went out long ago)."""
    campaign = store.campaigns.create("CMRT 2028", "CMRT", "6.31", dt.date(2028, 6, 30))
    store.campaigns.set_state(campaign.id, CampaignState.ACTIVE)
    store.assignments.invite(campaign.id, [s.id for s in store.suppliers.all()])
    return campaign.id


def _sender(store: Store, server: CollectingHandler, cert: TlsCert) -> OutboxSender:
    settings = SmtpSettings(
        host="127.0.0.1", port=server.port, username=SMTP_USER, from_address="rmi@buyer.example"
    )
    mailer = SmtpMailer(settings, Secret(SMTP_PASSWORD), ssl_context=cert.client_context())
    sender = OutboxSender(
        store,
        mailer,
        settings,
        notifier=RecordingNotifier(),
        clock=ManualClock(store.clock.now()),
        poll_seconds=0.2,
    )
    sender.start()
    return sender
