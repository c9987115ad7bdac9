"""The ``Notifier`` port for Slack: staff notices and the daily digest go to the configured channel.

The mail loop calls ``post`` for every file judged and every triage item; a Slack outage must not
stop mail processing, so a failed post is logged (with the traceback) and the loop goes on - the
facts are in the store either way. The digest is posted once per campaign per day even if the
scheduler calls twice (a posted day is remembered in the store's dedupe keys; a failed post is
retried on the next call).
"""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.blocks import SlackMessage
from bot.render.notices import digest_message, notice_message
from handlers.digest import daily_digest
from handlers.notices import Notice
from storage import Store

log = logging.getLogger(__name__)

DIGEST_KEY_KIND = "slack_digest"


class SlackNotifier:
    def __init__(self, client: WebClient, channel: str, policy_version: str = "") -> None:
        self._client = client
        self._channel = channel
        self._policy_version = policy_version  # the digest lists who has not agreed to it

    def post(self, notice: Notice) -> None:
        self.deliver(notice)

    def deliver(self, notice: Notice) -> bool:
        """Post ``notice``; False when Slack could not be reached (the staff mail digest keeps it)."""
        return self._send(notice_message(notice), what=type(notice).__name__)

    def post_daily_digest(self, store: Store) -> int:
        """Post today's digest for each active campaign not yet digested today; returns how many."""
        posted = 0
        for digest in daily_digest(store, policy_version=self._policy_version):
            key = f"{digest.today.isoformat()}:{digest.status.campaign.id}"
            if store.dedupe.seen(DIGEST_KEY_KIND, key):
                continue
            if self._send(digest_message(digest), what="digest"):
                store.dedupe.mark(DIGEST_KEY_KIND, key)
                posted += 1
        return posted

    def _send(self, message: SlackMessage, *, what: str) -> bool:
        try:
            self._client.chat_postMessage(channel=self._channel, **message.kwargs())
        except (SlackApiError, SlackClientError, OSError) as exc:
            log.error("could not post the %s notice to Slack", what, exc_info=exc)
            return False
        return True
