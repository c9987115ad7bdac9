"""Slack user-group membership for the role check, looked up only for the groups the settings name.

Roles may be granted to a user group (``roles.team_lead_groups``); Slack events carry only the user
id, so the bot asks ``usergroups.users.list`` for each configured group and caches the answer for a
few minutes (membership changes rarely, commands come in bursts). If Slack cannot answer, the user
gets no group roles - deny by default - and the failure is logged, not shown.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

log = logging.getLogger(__name__)


class GroupDirectory:
    def __init__(
        self,
        client: WebClient,
        groups: Iterable[str],
        *,
        ttl_seconds: float = 300.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client
        self._groups = tuple(sorted(set(groups)))
        self._ttl = ttl_seconds
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._members: dict[str, frozenset[str]] = {}
        self._fetched_at: float | None = None

    def groups_of(self, user_id: str) -> frozenset[str]:
        """The configured group ids that have ``user_id`` as a member."""
        if not self._groups:
            return frozenset()
        with self._lock:
            if self._fetched_at is None or self._monotonic() - self._fetched_at > self._ttl:
                self._refresh()
            return frozenset(g for g, members in self._members.items() if user_id in members)

    def _refresh(self) -> None:
        members: dict[str, frozenset[str]] = {}
        for group in self._groups:
            try:
                response = self._client.usergroups_users_list(usergroup=group)
            except (SlackApiError, SlackClientError, OSError) as exc:
                log.warning("cannot list members of user group %s: %s", group, exc)
                continue
            members[group] = frozenset(str(u) for u in response.get("users") or ())
        self._members = members
        self._fetched_at = self._monotonic()
