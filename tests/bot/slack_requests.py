"""Signed Slack requests as Slack sends them: slash commands, block actions, events, view submissions.

Bodies are built in Slack's wire format (form-encoded commands, ``payload=`` JSON for interactions,
JSON for events) and signed with the signing secret exactly as Slack does, so they go through Bolt's
real signature check.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any
from urllib.parse import urlencode

SIGNING_SECRET = "test-signing-secret"
TEAM = "T111"
APP = "A111"
CHANNEL = "C0MINERALS"


def signed_headers(body: str, secret: str = SIGNING_SECRET, ts: int | None = None) -> dict[str, str]:
    stamp = str(int(time.time()) if ts is None else ts)
    basestring = f"v0:{stamp}:{body}".encode()
    signature = "v0=" + hmac.new(secret.encode(), basestring, hashlib.sha256).hexdigest()
    content_type = "application/json" if body.startswith("{") else "application/x-www-form-urlencoded"
    return {
        "content-type": content_type,
        "x-slack-request-timestamp": stamp,
        "x-slack-signature": signature,
    }


def command_body(
    text: str, *, user: str, response_url: str, trigger_id: str, command: str = "/minerals"
) -> str:
    return urlencode(
        {
            "token": "unused",
            "team_id": TEAM,
            "channel_id": CHANNEL,
            "user_id": user,
            "command": command,
            "text": text,
            "api_app_id": APP,
            "trigger_id": trigger_id,
            "response_url": response_url,
        }
    )


def action_body(
    action_id: str,
    value: str | dict[str, Any],
    *,
    user: str,
    response_url: str,
    trigger_id: str,
    ephemeral: bool = True,
    message_text: str = "",
    thread_ts: str | None = None,
) -> str:
    raw_value = value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))
    message: dict[str, Any] = {"type": "message", "ts": "1700000000.000100", "text": message_text}
    if thread_ts:
        message["thread_ts"] = thread_ts
    payload = {
        "type": "block_actions",
        "team": {"id": TEAM},
        "user": {"id": user},
        "api_app_id": APP,
        "trigger_id": trigger_id,
        "response_url": response_url,
        "container": {"type": "message", "channel_id": CHANNEL, "is_ephemeral": ephemeral},
        "channel": {"id": CHANNEL},
        "message": message,
        "actions": [{"type": "button", "action_id": action_id, "block_id": "b1", "value": raw_value}],
    }
    return urlencode({"payload": json.dumps(payload)})


def view_body(
    callback_id: str, values: dict[str, Any], private_metadata: str, *, user: str, trigger_id: str
) -> str:
    payload = {
        "type": "view_submission",
        "team": {"id": TEAM},
        "user": {"id": user},
        "api_app_id": APP,
        "trigger_id": trigger_id,
        "view": {
            "id": "V111",
            "type": "modal",
            "callback_id": callback_id,
            "private_metadata": private_metadata,
            "state": {"values": values},
        },
    }
    return urlencode({"payload": json.dumps(payload)})


def mention_body(
    text: str,
    *,
    user: str,
    event_id: str,
    ts: str,
    thread_ts: str | None = None,
    files: list[dict[str, Any]] | None = None,
) -> str:
    event: dict[str, Any] = {"type": "app_mention", "user": user, "text": text, "ts": ts, "channel": CHANNEL}
    if thread_ts:
        event["thread_ts"] = thread_ts
    if files:  # a message with files attached, as the event carries them
        event["files"] = files
    return json.dumps(
        {
            "token": "unused",
            "team_id": TEAM,
            "api_app_id": APP,
            "type": "event_callback",
            "event_id": event_id,
            "event_time": 1700000000,
            "event": event,
            "authorizations": [{"team_id": TEAM, "user_id": "U0BOT", "is_bot": True}],
        }
    )
