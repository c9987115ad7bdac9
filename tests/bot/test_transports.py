"""The two ways Slack reaches the bot, over real sockets on 127.0.0.1.

HTTP mode: Bolt's WSGI adapter behind a threaded WSGI server on a free port, with signed POSTs to
``/slack/events``. Socket Mode: the SDK's own client fetches the WebSocket URL from the fake Web API
(``apps.connections.open``) and connects to a loopback WebSocket server that plays Slack's part.
"""

from __future__ import annotations

import json
import queue
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from slack_bolt import App
from websockets.sync.server import ServerConnection, serve

from bot.socket import socket_mode_handler
from surveybot.settings import Secret
from tests.bot import slack_requests as req
from tests.bot.conftest import LEAD, post
from tests.bot.fake_slack import FakeSlack


def test_http_mode_acks_a_signed_command_fast_and_answers_through_the_response_url(
    events_url: str, fake_slack: FakeSlack
) -> None:
    body = req.command_body(
        "status", user=LEAD, response_url=fake_slack.response_url("http"), trigger_id="H-1"
    )

    status, text, seconds = post(events_url, body, req.signed_headers(body))

    assert (status, text) == (200, "")
    assert seconds < 1.0
    answer = fake_slack.wait_for("response:http")[0]["params"]
    assert answer["text"] == "CMRT 2026: 1 of 5 accepted"


def test_http_mode_refuses_a_bad_signature_and_unknown_paths(events_url: str, fake_slack: FakeSlack) -> None:
    body = req.command_body(
        "status", user=LEAD, response_url=fake_slack.response_url("bad"), trigger_id="H-2"
    )
    headers = req.signed_headers(body, secret="guessed-secret")

    assert post(events_url, body, headers)[:2] == (401, '{"error": "invalid request"}')
    assert post(events_url.replace("/slack/events", "/other"), body, req.signed_headers(body))[0] == 404
    time.sleep(0.1)
    assert fake_slack.calls == []


def slack_envelope(body: str) -> dict[str, Any]:
    from urllib.parse import parse_qsl

    return {
        "envelope_id": "env-1",
        "type": "slash_commands",
        "accepts_response_payload": True,
        "payload": dict(parse_qsl(body)),
    }


APP_TOKEN = "xapp-1-A111-111-abc"


@contextmanager
def slack_over_websocket(app: App, fake_slack: FakeSlack, body: str) -> Iterator[queue.Queue[dict[str, Any]]]:
    """Slack's side of Socket Mode on a loopback WebSocket: hello, then ``body`` as one envelope.

    Yields the queue of what the app sends back (its acks) while the app's handler is connected.
    """
    acks: queue.Queue[dict[str, Any]] = queue.Queue()

    def play_slack(ws: ServerConnection) -> None:
        ws.send(json.dumps({"type": "hello", "num_connections": 1}))
        ws.send(json.dumps(slack_envelope(body)))
        for message in ws:
            acks.put(json.loads(message))

    with serve(play_slack, "127.0.0.1", 0) as ws_server:
        threading.Thread(target=ws_server.serve_forever, daemon=True).start()
        fake_slack.ws_url = f"ws://127.0.0.1:{ws_server.socket.getsockname()[1]}/link"
        handler = socket_mode_handler(app, Secret(APP_TOKEN))
        try:
            handler.connect()
            yield acks
        finally:
            ws_server.shutdown()  # Slack's side first: the client then stops in ~1 s instead of ~3 s
            handler.close()


def test_socket_mode_receives_a_command_over_a_websocket_and_acks_the_envelope(
    app: App, fake_slack: FakeSlack
) -> None:
    body = req.command_body("help", user=LEAD, response_url=fake_slack.response_url("ws"), trigger_id="W-1")

    with slack_over_websocket(app, fake_slack, body) as acks:
        ack = acks.get(timeout=5)
        answer = fake_slack.wait_for("response:ws")[0]["params"]

    assert ack == {"envelope_id": "env-1"}
    assert fake_slack.calls[0]["method"] == "apps.connections.open"
    assert fake_slack.calls[0]["headers"]["Authorization"] == f"Bearer {APP_TOKEN}"
    assert answer["blocks"][0]["text"]["text"] == "surveybot commands"


def test_socket_mode_refuses_a_bot_token_in_place_of_the_app_token(app: App) -> None:
    with pytest.raises(ValueError, match="app-level token"):
        socket_mode_handler(app, Secret("xoxb-wrong-kind"))


def test_socket_mode_acks_a_command_from_another_workspace_and_does_nothing(
    app: App, fake_slack: FakeSlack
) -> None:
    url = fake_slack.response_url("foreign")
    body = req.command_body("status", user=LEAD, response_url=url, trigger_id="W-2")
    body = body.replace("team_id=T111", "team_id=T0OTHER")

    with slack_over_websocket(app, fake_slack, body) as acks:
        ack = acks.get(timeout=5)
        time.sleep(0.2)  # a wrongly accepted command would answer by now

    assert ack == {"envelope_id": "env-1"}  # acknowledged, so Slack does not redeliver it
    assert fake_slack.calls_to("response:foreign") == []
    assert fake_slack.methods() == ["apps.connections.open", "auth.test"]
