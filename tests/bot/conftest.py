"""Fixtures for the Slack app tests: a loopback fake Web API, a seeded store, the real Bolt app.

Requests go through ``App.dispatch`` with real signatures (or over real HTTP / Socket Mode in the
transport tests); every Web API call the app makes lands on the fake, where tests assert it.
"""

from __future__ import annotations

import itertools
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pytest
from slack_bolt import App, BoltRequest, BoltResponse

from bot.app import create_app
from bot.http import http_server
from bot.runtime import BotDeps
from storage import ManualClock, Store, memory_store
from surveybot.settings import RoleSettings, Secret, Settings, SlackSettings
from tests.bot import slack_requests as req
from tests.bot.fake_slack import BOT_TOKEN, FakeSlack
from tests.bot.scenario import NOW, Seeded, seed

LEAD = "U0LEAD"  # team lead by user id
GROUP_LEAD = "U0GLEAD"  # team lead through the S0LEADS user group
STAFF = "U0STAFF"
ANYONE = "U0ANYONE"  # in the workspace, no role


@pytest.fixture(autouse=True)
def _no_slack_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bolt reads SLACK_* variables when arguments are missing; make sure none leak in."""
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "SLACK_VERIFICATION_TOKEN"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    with FakeSlack(group_members={"S0LEADS": [GROUP_LEAD, "U0OTHER"]}) as fake:
        yield fake


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NOW)


@pytest.fixture
def store(clock: ManualClock) -> Store:
    return memory_store(clock)


@pytest.fixture
def seeded(store: Store, clock: ManualClock) -> Seeded:
    return seed(store, clock)


def make_settings(fake: FakeSlack, mode: str = "http") -> Settings:
    return Settings(
        slack=SlackSettings(
            enabled=True,
            mode=mode,  # type: ignore[arg-type]
            api_base_url=fake.base_url,
            channel=req.CHANNEL,
            team_id=req.TEAM,
            app_id=req.APP,
        ),
        roles=RoleSettings(team_lead_users=(LEAD,), team_lead_groups=("S0LEADS",), staff_users=(STAFF,)),
    )


@dataclass
class SlackUser:
    """Sends signed requests into the app and knows where the fake collects the answers."""

    app: App
    fake: FakeSlack
    _triggers: itertools.count[int]

    def trigger(self) -> str:
        return f"trigger-{next(self._triggers)}"

    def dispatch(self, body: str) -> BoltResponse:
        return self.app.dispatch(BoltRequest(body=body, headers=req.signed_headers(body)))

    def command(self, text: str, user: str = ANYONE, response: str = "r1") -> BoltResponse:
        url = self.fake.response_url(response)
        return self.dispatch(req.command_body(text, user=user, response_url=url, trigger_id=self.trigger()))

    def click(
        self, action_id: str, value: object, user: str = ANYONE, response: str = "a1", **kw: object
    ) -> BoltResponse:
        url = self.fake.response_url(response)
        body = req.action_body(action_id, value, user=user, response_url=url, trigger_id=self.trigger(), **kw)  # type: ignore[arg-type]
        return self.dispatch(body)


@pytest.fixture
def executor() -> Iterator[ThreadPoolExecutor]:
    pool = ThreadPoolExecutor(max_workers=1)
    yield pool
    pool.shutdown(wait=True)


def bot_deps(store: Store, executor: ThreadPoolExecutor | None, **changes: Any) -> BotDeps:
    """The app's dependencies with the fake Web API's bot token and the signing secret requests use."""
    return BotDeps(
        store=store,
        bot_token=Secret(BOT_TOKEN),
        signing_secret=Secret(req.SIGNING_SECRET),
        executor=executor,
        **changes,
    )


@pytest.fixture
def app(fake_slack: FakeSlack, store: Store, seeded: Seeded, executor: ThreadPoolExecutor) -> App:
    deps = bot_deps(store, executor, wave_chunk=1, progress_interval_seconds=0.0)
    return create_app(make_settings(fake_slack), deps)


@pytest.fixture
def slack(app: App, fake_slack: FakeSlack) -> SlackUser:
    return SlackUser(app, fake_slack, itertools.count(1))


@pytest.fixture
def events_url(app: App) -> Iterator[str]:
    """The app behind the real HTTP server on a free port; the URL Slack posts to."""
    server = http_server(app, "127.0.0.1", 0, req.SIGNING_SECRET)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/slack/events"
    server.shutdown()
    server.server_close()


def post(url: str, body: str, headers: dict[str, str]) -> tuple[int, str, float]:
    """POST like Slack does: the status, the body and how many seconds the answer took."""
    request = urllib.request.Request(url, data=body.encode(), headers=headers, method="POST")
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read().decode(), time.perf_counter() - started
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), time.perf_counter() - started


def buttons(message: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The buttons of a posted message (its params), by action id."""
    elements = [e for block in message["blocks"] if block["type"] == "actions" for e in block["elements"]]
    return {e["action_id"]: e for e in elements}
