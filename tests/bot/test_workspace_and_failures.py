"""Only our workspace is served, and failures neither lock people out nor make Slack retry.

Requests are signed like Slack signs them and go through the real Bolt app (over real HTTP for the
malformed-payload cases); the loopback fake Web API records every call the app makes.
"""

from __future__ import annotations

import itertools
import json
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from urllib.parse import parse_qs, urlencode

import pytest

from bot.app import create_app
from storage import Store
from surveybot.settings import Settings
from tests.bot import slack_requests as req
from tests.bot.conftest import GROUP_LEAD, LEAD, STAFF, SlackUser, bot_deps, make_settings, post
from tests.bot.fake_slack import FakeSlack


def user_with(fake: FakeSlack, store: Store, pool: ThreadPoolExecutor, settings: Settings) -> SlackUser:
    return SlackUser(create_app(settings, bot_deps(store, pool)), fake, itertools.count(1))


def with_slack(settings: Settings, **changes: str) -> Settings:
    return replace(settings, slack=replace(settings.slack, **changes))


# --- only our workspace -----------------------------------------------------------------------------


def as_guest(body: str, team: str) -> str:
    """A click as Slack sends it for a user of another workspace in a shared (Slack Connect) channel."""
    payload = json.loads(parse_qs(body)["payload"][0])
    payload["team"] = {"id": team}
    payload["user"]["team_id"] = team
    return urlencode({"payload": json.dumps(payload)})


FOREIGN: dict[str, tuple[str, Callable[[FakeSlack], str]]] = {
    "command from another workspace": (
        "/minerals",
        lambda fake: command("F1", fake).replace("team_id=T111", "team_id=T0OTHER"),
    ),
    "command from another app": (
        "/minerals",
        lambda fake: command("F2", fake).replace("api_app_id=A111", "api_app_id=A0OTHER"),
    ),
    "click by a guest in a shared channel": (
        "block_actions",
        lambda fake: as_guest(
            req.action_body(
                "view_findings", {"sub": 1}, user=LEAD, response_url=fake.response_url("x"), trigger_id="F3"
            ),
            "T0GUEST",
        ),
    ),
    "modal from another workspace": (
        "view_submission",
        lambda fake: req.view_body("triage_link_modal", {}, "{}", user=LEAD, trigger_id="F4").replace(
            "T111", "T0OTHER"
        ),
    ),
    "mention from another workspace": (
        "event_callback",
        lambda fake: req.mention_body("<@U0BOT> status", user=LEAD, event_id="EvF5", ts="1.5").replace(
            "T111", "T0X"
        ),
    ),
}


def command(trigger: str, fake: FakeSlack, text: str = "status") -> str:
    return req.command_body(text, user=LEAD, response_url=fake.response_url(trigger), trigger_id=trigger)


@pytest.mark.parametrize(("kind", "make_body"), FOREIGN.values(), ids=FOREIGN.keys())
def test_a_request_from_outside_our_workspace_or_app_is_refused_logged_and_acked(
    slack: SlackUser,
    fake_slack: FakeSlack,
    caplog: pytest.LogCaptureFixture,
    kind: str,
    make_body: Callable[[FakeSlack], str],
) -> None:
    with caplog.at_level(logging.WARNING, logger="bot.workspace"):
        response = slack.dispatch(make_body(fake_slack))

    assert (response.status, response.body) == (200, "")
    time.sleep(0.2)  # a wrongly accepted request would answer by now
    assert fake_slack.methods() == ["auth.test"]  # Bolt checks its own token; nothing else happens
    assert [r.getMessage().split(":")[0] for r in caplog.records] == [
        f"refused a Slack {kind} from outside our workspace"
    ]


def test_a_command_from_our_enterprise_is_served_and_from_another_is_refused(
    fake_slack: FakeSlack, store: Store, seeded: object, executor: ThreadPoolExecutor
) -> None:
    settings = with_slack(make_settings(fake_slack), team_id="", enterprise_id="E0OURS")
    slack = user_with(fake_slack, store, executor, settings)
    ours = req.command_body(
        "status", user=LEAD, response_url=fake_slack.response_url("ours"), trigger_id="E1"
    )
    theirs = req.command_body(
        "status", user=LEAD, response_url=fake_slack.response_url("theirs"), trigger_id="E2"
    )

    slack.dispatch(ours + "&enterprise_id=E0OURS")
    slack.dispatch(theirs + "&enterprise_id=E0THEIRS")

    assert fake_slack.wait_for("response:ours")[0]["params"]["text"].startswith("CMRT 2026")
    time.sleep(0.2)
    assert fake_slack.calls_to("response:theirs") == []


def test_without_a_configured_workspace_privileged_commands_are_refused_and_say_which_setting(
    fake_slack: FakeSlack, store: Store, seeded: object, executor: ThreadPoolExecutor
) -> None:
    settings = with_slack(make_settings(fake_slack), team_id="", enterprise_id="")
    slack = user_with(fake_slack, store, executor, settings)

    slack.command("remind", user=LEAD, response="remind")
    slack.command("status", user=LEAD, response="status")

    assert fake_slack.wait_for("response:remind")[0]["params"]["text"] == (
        "Sorry, `remind` needs the *team_lead* role, and privileged commands are off until an admin sets "
        "`slack.team_id` (or `slack.enterprise_id`) in surveybot's config."
    )
    assert fake_slack.wait_for("response:status")[0]["params"]["text"] == "CMRT 2026: 1 of 5 accepted"
    assert store.audit.entries()[-1].details["withheld"].startswith("privileged commands are off")


# --- failures that do not lock people out ---------------------------------------------------------


def test_a_failed_group_lookup_is_not_cached_and_the_refusal_says_the_lookup_failed(
    slack: SlackUser, fake_slack: FakeSlack
) -> None:
    members = fake_slack.group_members.pop("S0LEADS")  # Slack cannot answer for the group

    slack.command("remind", user=GROUP_LEAD, response="during")
    refused = fake_slack.wait_for("response:during")[0]["params"]["text"]
    fake_slack.group_members["S0LEADS"] = members  # Slack is back
    slack.command("remind", user=GROUP_LEAD, response="after")
    after = fake_slack.wait_for("response:after")[0]["params"]
    slack.command("remind", user=GROUP_LEAD, response="cached")  # a good answer is cached
    fake_slack.wait_for("response:cached")

    assert refused == (
        "Sorry, `remind` needs the *team_lead* role, and I could not check your user groups with Slack "
        "just now (the lookup failed); please try again."
    )
    assert after["blocks"][0]["text"]["text"] == "Reminder wave preview: CMRT 2026 (missing)"
    assert [c["params"]["usergroup"] for c in fake_slack.calls_to("usergroups.users.list")] == [
        "S0LEADS",
        "S0LEADS",
    ]


def test_a_storage_failure_still_acks_200_and_shows_the_reference(
    slack: SlackUser,
    fake_slack: FakeSlack,
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def disk_full(*args: object) -> bool:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store.dedupe, "mark", disk_full)  # the first write of every request fails

    with caplog.at_level(logging.ERROR):
        response = slack.command("status", user=LEAD)

    assert (response.status, response.body) == (200, "")
    text = fake_slack.wait_for("response:r1")[0]["params"]["text"]
    ref = text.removeprefix("Sorry, something went wrong on my side (ref ").split(")")[0]
    assert len(ref) == 8
    assert any(ref in r.getMessage() and r.exc_info for r in caplog.records)


def test_an_event_no_listener_handles_is_acked_200_not_404(slack: SlackUser, fake_slack: FakeSlack) -> None:
    body = req.mention_body("hi", user=LEAD, event_id="EvR", ts="1.1").replace(
        '"app_mention"', '"reaction_added"'
    )

    response = slack.dispatch(body)

    assert (response.status, response.body) == (200, "")
    assert fake_slack.methods() == ["auth.test"]


def test_a_malformed_signed_payload_is_logged_to_our_log_and_acked(
    events_url: str,
    fake_slack: FakeSlack,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    body = urlencode({"payload": "{not json"})

    with caplog.at_level(logging.WARNING, logger="bot.http"):
        status = post(events_url, body, req.signed_headers(body))[:2]
        forged = post(events_url, body, req.signed_headers(body, secret="guessed"))[:2]

    assert status == (200, "")
    assert forged == (401, '{"error": "invalid request"}')
    assert [r.getMessage().split(":")[0] for r in caplog.records] == [
        f"acknowledged a malformed Slack payload ({len(body)} bytes)"
    ]
    assert "Traceback" not in capfd.readouterr().err
    assert fake_slack.calls == []


def test_a_storage_failure_in_a_modal_submission_acks_200_and_shows_the_reference_in_the_form(
    slack: SlackUser, fake_slack: FakeSlack, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*args: object, **kwargs: object) -> object:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store.suppliers, "update", disk_full)  # linking the sender cannot be saved
    meta = json.dumps({"s": "zoe@newco.example", "ch": req.CHANNEL, "ts": "1.1"})
    values = {"supplier": {"query": {"type": "plain_text_input", "value": "CUPR-003"}}}

    response = slack.dispatch(req.view_body("triage_link_modal", values, meta, user=STAFF, trigger_id="V9"))

    assert response.status == 200
    error = json.loads(response.body)["errors"]["supplier"]
    assert error.startswith("Sorry, something went wrong on my side (ref ")
    assert "No space" not in error
    assert fake_slack.calls_to("chat.update") == []  # the notice still shows its buttons
