"""Reliability at the Slack edge: fast acks, retries processed once, forged requests refused,
failures shown as a reference while the traceback goes to the log, and no bot-to-bot loops."""

from __future__ import annotations

import itertools
import logging
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from slack_bolt import App, BoltRequest

from bot.app import create_app
from handlers.reminders import ReminderMail, builtin_reminder
from handlers.replies import RenderedBody
from storage import Store
from tests.bot import slack_requests as req
from tests.bot.conftest import LEAD, SlackUser, bot_deps, make_settings
from tests.bot.fake_slack import FakeSlack

LEAK = "xoxb-leaked-secret-in-an-exception"


def test_building_the_app_makes_no_network_call(fake_slack: FakeSlack, app: App) -> None:
    assert fake_slack.calls == []


def test_a_retried_event_is_processed_once(slack: SlackUser, fake_slack: FakeSlack) -> None:
    body = req.mention_body("<@U0BOT> status", user=LEAD, event_id="Ev0RETRY", ts="1700000200.000100")
    first = slack.dispatch(body)
    fake_slack.wait_for("chat.postMessage")

    headers = {**req.signed_headers(body), "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout"}
    retry = slack.app.dispatch(BoltRequest(body=body, headers=headers))

    assert (first.status, retry.status, retry.body) == (200, 200, "")
    time.sleep(0.2)  # give a wrongly accepted retry the time to answer
    assert len(fake_slack.calls_to("chat.postMessage")) == 1


def test_a_slash_command_delivered_twice_is_answered_once(slack: SlackUser, fake_slack: FakeSlack) -> None:
    body = req.command_body(
        "status", user=LEAD, response_url=fake_slack.response_url("once"), trigger_id="T-1"
    )
    assert slack.dispatch(body).status == 200
    fake_slack.wait_for("response:once")

    assert slack.dispatch(body).status == 200
    time.sleep(0.2)
    assert len(fake_slack.calls_to("response:once")) == 1


@pytest.mark.parametrize(
    ("secret", "age_seconds"),
    [("not-the-signing-secret", 0), (req.SIGNING_SECRET, 600)],
    ids=["wrong secret", "replayed after 10 minutes"],
)
def test_a_forged_or_replayed_request_is_refused_and_does_nothing(
    slack: SlackUser, fake_slack: FakeSlack, secret: str, age_seconds: int
) -> None:
    url = fake_slack.response_url("forged")
    body = req.command_body("remind", user=LEAD, response_url=url, trigger_id="T-SAME")
    headers = req.signed_headers(body, secret=secret, ts=int(time.time()) - age_seconds)

    response = slack.app.dispatch(BoltRequest(body=body, headers=headers))

    assert (response.status, response.body) == (401, '{"error": "invalid request"}')
    # the forged copy did not use up the trigger id: the genuine request is still answered
    assert slack.dispatch(body).status == 200
    assert fake_slack.wait_for("response:forged")[0]["params"]["blocks"][0]["text"]["text"].startswith(
        "Reminder wave preview"
    )
    assert fake_slack.methods() == ["auth.test", "usergroups.users.list", "response:forged"]


def test_a_refused_click_is_still_acknowledged_at_once(slack: SlackUser, fake_slack: FakeSlack) -> None:
    started = time.perf_counter()
    response = slack.click("wave_confirm", {"c": 1, "s": "missing", "t": "x"}, user="U0NOBODY")
    elapsed = time.perf_counter() - started

    assert (response.status, response.body) == (200, "")
    assert elapsed < 0.5, f"ack took {elapsed:.2f} s"
    assert fake_slack.wait_for("response:a1")[0]["params"]["text"].startswith("Sorry, `remind` needs")


def test_an_edited_button_value_gets_a_polite_answer(slack: SlackUser, fake_slack: FakeSlack) -> None:
    slack.click("view_findings", "not json at all")

    assert fake_slack.wait_for("response:a1")[0]["params"]["text"] == (
        "That button is out of date; run the command again."
    )


class FailingRenderer:
    """A reminder renderer with a bug: it works ``good_calls`` times, then raises, naming a secret."""

    def __init__(self, good_calls: int) -> None:
        self.left = good_calls

    def __call__(self, mail: ReminderMail) -> RenderedBody:
        self.left -= 1
        if self.left < 0:
            raise RuntimeError(f"template exploded near {LEAK}")
        return builtin_reminder(mail)


def app_with_renderer(
    fake: FakeSlack, store: Store, renderer: FailingRenderer, pool: ThreadPoolExecutor
) -> SlackUser:
    deps = bot_deps(store, pool, render_reminder=renderer, progress_interval_seconds=0.0)
    return SlackUser(create_app(make_settings(fake), deps), fake, itertools.count(1))


def test_a_bug_reaches_the_user_as_a_reference_and_the_log_gets_the_traceback(
    fake_slack: FakeSlack,
    store: Store,
    seeded: object,
    executor: ThreadPoolExecutor,
    caplog: pytest.LogCaptureFixture,
) -> None:
    slack = app_with_renderer(fake_slack, store, FailingRenderer(good_calls=0), executor)

    with caplog.at_level(logging.ERROR):
        slack.command("remind", user=LEAD)
        text = fake_slack.wait_for("response:r1")[0]["params"]["text"]

    ref = text.removeprefix("Sorry, something went wrong on my side (ref ").split(")")[0]
    assert (
        text
        == f"Sorry, something went wrong on my side (ref {ref}). The team can find the details in the log."
    )
    assert LEAK not in str(fake_slack.calls)
    (record,) = [r for r in caplog.records if ref in r.getMessage()]
    assert record.exc_info is not None and LEAK in str(record.exc_info[1])


def test_a_wave_failing_in_the_background_says_so_in_its_thread(
    fake_slack: FakeSlack,
    store: Store,
    seeded: object,
    executor: ThreadPoolExecutor,
    caplog: pytest.LogCaptureFixture,
) -> None:
    slack = app_with_renderer(
        fake_slack, store, FailingRenderer(good_calls=2), executor
    )  # preview + first mail
    slack.command("remind", user=LEAD)
    value = fake_slack.wait_for("response:r1")[0]["params"]["blocks"][-1]["elements"][0]["value"]

    with caplog.at_level(logging.ERROR):
        slack.click("wave_confirm", value, user=LEAD)
        failure = fake_slack.wait_for("chat.postMessage", count=2)[1]["params"]
        executor.shutdown(wait=True)

    assert failure["thread_ts"] == "1700000000.000001"  # the thread of the wave's progress message
    assert failure["text"].startswith(
        "The reminder wave stopped. Sorry, something went wrong on my side (ref "
    )
    assert LEAK not in str(fake_slack.calls)
    assert any(r.exc_info and LEAK in str(r.exc_info[1]) for r in caplog.records)
    assert len(store.outbox.due(100)) == 2  # the correction plus the one reminder queued before the bug


def test_own_messages_and_other_bots_mentions_get_no_answer(slack: SlackUser, fake_slack: FakeSlack) -> None:
    own = req.mention_body("<@U0BOT> status", user="U0BOT", event_id="EvSelf", ts="1700000300.1")
    own = own.replace('"user": "U0BOT"', '"user": "U0BOT", "bot_id": "B0BOT"')
    other = req.mention_body("<@U0BOT> status", user="U0OTHERBOT", event_id="EvBot", ts="1700000300.2")
    other = other.replace('"user": "U0OTHERBOT"', '"user": "U0OTHERBOT", "bot_id": "B0OTHER"')
    human = req.mention_body("<@U0BOT> help", user=LEAD, event_id="EvHuman", ts="1700000300.3")

    for body in (own, other, human):
        assert slack.dispatch(body).status == 200

    reply = fake_slack.wait_for("chat.postMessage")[0]["params"]
    time.sleep(0.2)
    assert reply["thread_ts"] == "1700000300.3"
    assert len(fake_slack.calls_to("chat.postMessage")) == 1
