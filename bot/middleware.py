"""Slack delivers some requests more than once; this middleware lets each one through only once.

The Events API retries when it did not see our acknowledgement in time (``X-Slack-Retry-Num``),
Socket Mode redelivers unacknowledged envelopes, and a double click sends a block action twice with
the same trigger. Each request is keyed by its ``event_id`` or ``trigger_id`` and claimed in the
store's dedupe keys (atomic check-and-claim, durable, so a restart does not forget); a repeat is
acknowledged and dropped. It runs after Bolt's signature check, so forged requests never reach it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from slack_bolt import BoltRequest, BoltResponse

from storage import KeyKind, Store

log = logging.getLogger(__name__)


def delivery_key(body: Mapping[str, Any]) -> str | None:
    """``event:<event_id>`` for Events API callbacks, ``trigger:<trigger_id>`` for interactions."""
    if body.get("type") == "event_callback" and body.get("event_id"):
        return f"event:{body['event_id']}"
    if body.get("trigger_id"):
        return f"trigger:{body['trigger_id']}"
    return None


def dedupe_middleware(store: Store) -> Callable[..., BoltResponse | None]:
    def drop_repeated_deliveries(
        body: dict[str, Any], request: BoltRequest, next: Callable[[], BoltResponse]
    ) -> BoltResponse | None:
        key = delivery_key(body)
        if key is None or store.dedupe.mark(KeyKind.SLACK_EVENT, key):
            return next()
        retry = request.headers.get("x-slack-retry-num", ["-"])[0]
        log.info("dropping a repeated Slack delivery %s (retry %s)", key, retry)
        return BoltResponse(status=200, body="")

    return drop_repeated_deliveries
