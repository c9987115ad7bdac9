"""Hostile outside text and the checks that it reached Slack inert, shared by the Slack tests.

``HOSTILE`` tries everything mrkdwn allows at once: a channel ping, a mention, a disguised link and
each formatting marker. ``assert_all_inert`` looks at every parameter of every call the fake Web API
recorded that Slack would show; ``escaped_in`` proves the hostile text did reach a call (escaped).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from tests.bot.conftest import ANYONE, GROUP_LEAD, LEAD, STAFF
from tests.bot.fake_slack import FakeSlack

PING, MENTION, LINK = "<!channel>", "<@U0HOSTILE>", "<https://evil.example|your bank>"
FORMATTING = ("*bold*", "_italic_", "~strike~", "`code`")
HOSTILE = f"{PING} {MENTION} {LINK} {' '.join(FORMATTING)} & Co"
REAL_USERS = {LEAD, STAFF, ANYONE, GROUP_LEAD, "U0OWNER1"}
NOT_SHOWN = {"value", "private_metadata", "action_id", "block_id", "callback_id", "trigger_id", "ts"}
NOT_SHOWN |= {"thread_ts", "channel", "channel_id", "users", "team_id", "filename", "length", "file_id"}


def shown_texts(params: Any, key: str = "", plain: bool = False) -> Iterator[tuple[str, bool]]:
    """Every string Slack would display, and whether it is plain text (ids and button values are not)."""
    if key in NOT_SHOWN:
        return
    if key == "files" and isinstance(params, str):
        params = json.loads(params)
    if isinstance(params, dict):
        is_plain = params.get("type") == "plain_text"
        for k, v in params.items():
            yield from shown_texts(v, str(k), is_plain)
    elif isinstance(params, list):
        for item in params:
            yield from shown_texts(item, key)
    elif isinstance(params, str):
        yield params, plain or key == "title"  # a file's title is plain text


def assert_inert(text: str, plain: bool = False) -> None:
    """No raw control character, no live mention but our real users', no formatting from outside."""
    ours = re.sub(r"<@(U0[A-Z0-9]+)>", lambda m: "" if m.group(1) in REAL_USERS else m.group(), text)
    assert "<" not in ours and ">" not in ours, f"raw < or > reached Slack: {text!r}"
    assert re.search(r"&(?!amp;|lt;|gt;)", ours) is None, f"raw & reached Slack: {text!r}"
    for marker in () if plain else FORMATTING:  # plain_text has no formatting to break
        assert marker not in text, f"{marker} would format: {text!r}"


def assert_all_inert(fake: FakeSlack) -> None:
    assert fake.calls, "nothing was sent to Slack"
    for call in fake.calls:
        for text, plain in shown_texts(call["params"]):
            assert_inert(text, plain)


def escaped_in(call: dict[str, Any]) -> bool:
    """The hostile ping reached this call, escaped (proves the check above looked at real content)."""
    return any("&lt;!channel&gt;" in text for text, _ in shown_texts(call["params"]))
