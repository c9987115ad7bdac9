"""Reminder waves that respect suppliers: nobody is reminded again within the minimum gap unless the
lead chooses so in the preview, and a confirmed wave can be stopped with a truthful count.

Signed requests through the real Bolt app; the exact Web API calls are asserted on the loopback fake.
The mail sender's part (claiming and sending a queued mail) is played through the store's outbox
API, exactly the calls ``mail.sender`` makes.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any

from bot.app import create_app
from handlers.reminders import ReminderMail, builtin_reminder
from handlers.replies import RenderedBody
from storage import AssignmentState, ManualClock, OutboxState, Store
from surveybot.settings import CampaignSettings
from tests.bot.conftest import LEAD, STAFF, SlackUser, bot_deps, buttons, make_settings
from tests.bot.fake_slack import FakeSlack
from tests.bot.scenario import Seeded


def md(text: str) -> dict[str, str]:
    return {"type": "mrkdwn", "text": text}


def remind_dyna_on(store: Store, clock: ManualClock, seeded: Seeded, day: dt.date) -> None:
    """DYNA-004 got another reminder on ``day`` (by an earlier wave or by hand)."""
    now = clock.now()
    clock.set(dt.datetime.combine(day, dt.time(9), tzinfo=dt.UTC))
    (dyna,) = [a for a in store.assignments.for_campaign(1) if a.supplier_id == seeded.ids["DYNA-004"]]
    store.assignments.transition(dyna.id, AssignmentState.REMINDED)
    clock.set(now)


def preview(slack: SlackUser, fake: FakeSlack, name: str = "preview", text: str = "remind") -> dict[str, Any]:
    slack.command(text, user=LEAD, response=name)
    return dict(fake.wait_for(f"response:{name}")[0]["params"])


def test_a_supplier_reminded_two_days_ago_is_left_out_and_the_preview_says_when(
    slack: SlackUser, fake_slack: FakeSlack, store: Store, clock: ManualClock, seeded: Seeded
) -> None:
    remind_dyna_on(store, clock, seeded, dt.date(2026, 6, 8))  # two days before NOW; cadence is 7

    params = preview(slack, fake_slack)

    assert params["blocks"][1:4] == [
        {"type": "section", "text": md("*1 supplier* would get a reminder mail:")},
        {"type": "section", "text": md("• `CUPR-003` Cupric Ltd · invited · never reminded")},
        {"type": "context", "elements": [md("Skipped (1): ECHO-005 (no contact email)")]},
    ]
    assert params["blocks"][4] == {
        "type": "context",
        "elements": [
            md("Left out: 1 supplier reminded less than 7 days ago - last reminded 2026-06-08: DYNA-004")
        ],
    }
    assert list(buttons(params)) == ["wave_confirm", "wave_cancel", "wave_include_recent"]
    include = buttons(params)["wave_include_recent"]
    assert (include["text"]["text"], json.loads(include["value"])) == (
        "Include 1 recently reminded",
        {"c": 1, "s": "missing"},
    )

    slack.click("wave_confirm", buttons(params)["wave_confirm"]["value"], user=LEAD)
    fake_slack.wait_for("chat.postMessage", count=2)
    (wave,) = store.waves.for_campaign(1)
    assert [i.draft.to for i in store.outbox.for_wave(wave.id)] == [("carl@cupric.example",)]


def test_the_lead_can_include_the_recently_reminded_and_the_wave_then_reminds_them_too(
    slack: SlackUser, fake_slack: FakeSlack, store: Store, clock: ManualClock, seeded: Seeded
) -> None:
    remind_dyna_on(store, clock, seeded, dt.date(2026, 6, 8))
    first = preview(slack, fake_slack)

    slack.click(
        "wave_include_recent", buttons(first)["wave_include_recent"]["value"], user=LEAD, response="inc"
    )
    again = fake_slack.wait_for("response:inc")[0]["params"]

    assert (again["replace_original"], again["blocks"][1]["text"]["text"]) == (
        True,
        "*2 suppliers* would get a reminder mail:",
    )
    assert again["blocks"][2]["text"]["text"] == (
        "• `CUPR-003` Cupric Ltd · invited · never reminded\n"
        "• `DYNA-004` Dynamo Parts · reminded ×2, last 2026-06-08"
    )
    assert again["blocks"][4]["elements"][0]["text"].startswith(
        "Included: 1 supplier reminded less than 7 days"
    )
    assert list(buttons(again)) == ["wave_confirm", "wave_cancel"]
    value = json.loads(buttons(again)["wave_confirm"]["value"])
    assert value["r"] == 1 and value["t"] != json.loads(buttons(first)["wave_confirm"]["value"])["t"]

    slack.click("wave_confirm", buttons(again)["wave_confirm"]["value"], user=LEAD)
    fake_slack.wait_for("chat.postMessage", count=2)
    (wave,) = store.waves.for_campaign(1)
    assert len(store.outbox.for_wave(wave.id)) == 2


def test_including_the_recently_reminded_needs_the_team_lead_role(
    slack: SlackUser, fake_slack: FakeSlack, store: Store
) -> None:
    slack.click("wave_include_recent", {"c": 1, "s": "missing"}, user=STAFF)

    assert fake_slack.wait_for("response:a1")[0]["params"]["text"].startswith(
        "Sorry, `remind` needs the *team_lead*"
    )


def test_the_configured_minimum_gap_overrides_the_campaign_cadence(
    fake_slack: FakeSlack, store: Store, seeded: Seeded, executor: ThreadPoolExecutor
) -> None:
    settings = replace(make_settings(fake_slack), campaign=CampaignSettings(min_days_between_reminders=30))
    slack = SlackUser(create_app(settings, bot_deps(store, executor)), fake_slack, itertools.count(1))

    params = preview(slack, fake_slack)  # DYNA-004 was reminded on 2026-05-20, 21 days ago

    assert params["blocks"][4]["elements"][0]["text"] == (
        "Left out: 1 supplier reminded less than 30 days ago - last reminded 2026-05-20: DYNA-004"
    )


def test_stop_after_confirm_withdraws_what_is_not_yet_sent_and_says_how_many_went_out(
    slack: SlackUser, fake_slack: FakeSlack, store: Store, seeded: Seeded
) -> None:
    slack.click("wave_confirm", buttons(preview(slack, fake_slack))["wave_confirm"]["value"], user=LEAD)
    started, _summary = fake_slack.wait_for("chat.postMessage", count=2)
    stop = started["params"]["blocks"][-1]["elements"][0]
    assert (stop["action_id"], stop["value"], stop["confirm"]["confirm"]["text"]) == (
        "wave_stop",
        '{"w":1}',
        "Stop the wave",
    )
    cupr, dyna = store.outbox.for_wave(1)
    store.outbox.claim(cupr.id)  # the mail sender delivered the first reminder
    store.outbox.mark_sent(cupr.id)
    sending = fake_slack.wait_for("chat.update", count=3)[2]["params"]  # queued 1, 2; then one sent
    assert sending["text"].endswith(": queued 2 / sent 1 of 2")
    assert "wave_stop" in str(sending["blocks"])  # still stoppable while a mail waits
    before = len(fake_slack.calls)

    slack.click("wave_stop", stop["value"], user=LEAD, ephemeral=False, response="stop")

    told = fake_slack.wait_for("chat.postMessage", count=3)[2]["params"]
    calls = fake_slack.calls[before:]
    assert [c["method"] for c in calls] == ["response:stop", "chat.postMessage"]
    assert calls[0]["params"]["replace_original"] is True
    assert calls[0]["params"]["text"] == "Reminder wave #1 was stopped by <@U0LEAD>."
    assert (told["thread_ts"], told["text"]) == (
        "1700000000.000100",
        "Reminder wave #1 stopped by <@U0LEAD>: 1 reminder mail had already gone out; "
        "1 of 2 will not be sent.",
    )
    withdrawn = store.outbox.get(dyna.id)
    assert (withdrawn.state, withdrawn.reason) == (OutboxState.FAILED, "withdrawn: wave 1 stopped by U0LEAD")
    assert [i.draft.wave_id for i in store.outbox.due(100)] == [None]  # only the correction mail is left
    assert store.audit.entries(subject="wave:1")[-1].action == "slack.wave_stop"

    slack.click("wave_stop", stop["value"], user=LEAD, ephemeral=False, response="again")
    again = fake_slack.wait_for("chat.postMessage", count=4)[3]["params"]["text"]
    assert again.startswith(
        "This wave was already stopped. Reminder wave #1 stopped by <@U0LEAD>: 1 reminder"
    )
    assert fake_slack.calls_to("response:again") == []  # the message was already replaced


def test_a_withdrawn_reminder_does_not_count_as_the_suppliers_last_reminder(
    slack: SlackUser, fake_slack: FakeSlack, store: Store
) -> None:
    slack.click("wave_confirm", buttons(preview(slack, fake_slack))["wave_confirm"]["value"], user=LEAD)
    started = fake_slack.wait_for("chat.postMessage", count=2)[0]["params"]
    slack.click("wave_stop", started["blocks"][-1]["elements"][0]["value"], user=LEAD, ephemeral=False)
    fake_slack.wait_for("chat.postMessage", count=3)

    params = preview(slack, fake_slack, "second")

    assert params["blocks"][1]["text"]["text"] == "*2 suppliers* would get a reminder mail:"  # none left out


class PausingRenderer:
    """Renders the first reminder, then waits until the test lets the wave go on."""

    def __init__(self) -> None:
        self.first_done = threading.Event()
        self.go_on = threading.Event()

    def __call__(self, mail: ReminderMail) -> RenderedBody:
        if self.first_done.is_set():
            self.go_on.wait(5)
        body = builtin_reminder(mail)
        self.first_done.set()
        return body


def test_a_wave_stopped_while_it_is_still_queuing_queues_nothing_more(
    fake_slack: FakeSlack, store: Store, seeded: Seeded, executor: ThreadPoolExecutor
) -> None:
    renderer = PausingRenderer()
    deps = bot_deps(store, executor, render_reminder=renderer, wave_chunk=1, progress_interval_seconds=0.0)
    slack = SlackUser(create_app(make_settings(fake_slack), deps), fake_slack, itertools.count(1))
    value = buttons(preview(slack, fake_slack))["wave_confirm"]["value"]  # the preview renders one mail
    renderer.first_done.clear()

    slack.click("wave_confirm", value, user=LEAD)
    renderer.first_done.wait(5)  # CUPR-003 is queued; DYNA-004 is being rendered
    started = fake_slack.wait_for("chat.postMessage")[0]["params"]
    slack.click("wave_stop", started["blocks"][-1]["elements"][0]["value"], user=LEAD, ephemeral=False)
    told = fake_slack.wait_for("chat.postMessage", count=2)[1]["params"]["text"]
    renderer.go_on.set()
    executor.shutdown(wait=True)

    assert told == (
        "Reminder wave #1 stopped by <@U0LEAD>: 0 reminder mails had already gone out; "
        "2 of 2 will not be sent."
    )
    assert [i.state for i in store.outbox.for_wave(1)] == [OutboxState.FAILED] * len(store.outbox.for_wave(1))
    assert store.outbox.due(100)[0].draft.dedupe_key == "reply:<acme-1@acme.example>"  # only the correction
    assert len(fake_slack.calls_to("chat.postMessage")) == 2  # no "is queued" summary after the stop


def test_the_outbox_withdraws_only_mails_that_are_still_queued(store: Store, seeded: Seeded) -> None:
    queued = store.outbox.due(1)[0]
    assert store.outbox.withdraw(queued.id, "withdrawn") is True
    assert store.outbox.withdraw(queued.id, "withdrawn") is False  # already out of the queue

    store.outbox.retry(queued.id)
    store.outbox.claim(queued.id)  # being handed to the mail server: too late to withdraw
    assert store.outbox.withdraw(queued.id, "withdrawn") is False
    assert store.outbox.get(queued.id).state is OutboxState.SENDING
