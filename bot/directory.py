"""Slack user-group membership for the role check, looked up only for the groups the settings name.

Roles may be granted to a user group (``roles.team_lead_groups``); Slack events carry only the user
id, so the bot asks ``usergroups.users.list`` for each configured group and caches each answer for a
few minutes (membership changes rarely, commands come in bursts). A lookup that fails is *not*
cached: the user gets no role from that group for this one request (deny by default), the answer
says the lookup failed rather than "you don't have the role", and the next request asks Slack
again - so a passing Slack hiccup cannot lock a team lead out for the cache's lifetime.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Membership:
    """The configured groups ``user`` is in, and the groups whose lookup failed just now."""

    groups: frozenset[str]
    unknown: frozenset[str] = frozenset()


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
        self._members: dict[str, tuple[float, frozenset[str]]] = {}

    def membership(self, user_id: str) -> Membership:
        """Which configured groups have ``user_id`` as a member (fresh from Slack when not cached)."""
        found: set[str] = set()
        unknown: set[str] = set()
        with self._lock:
            for group in self._groups:
                members = self._members_of(group)
                if members is None:
                    unknown.add(group)
                elif user_id in members:
                    found.add(group)
        return Membership(frozenset(found), frozenset(unknown))

    def _members_of(self, group: str) -> frozenset[str] | None:
        cached = self._members.get(group)
        now = self._monotonic()
        if cached is not None and now - cached[0] <= self._ttl:
            return cached[1]
        try:
            response = self._client.usergroups_users_list(usergroup=group)
        except (SlackApiError, SlackClientError, OSError) as exc:
            log.warning("cannot list members of user group %s (will ask again next time): %s", group, exc)
            return None
        members = frozenset(str(u) for u in response.get("users") or ())
        self._members[group] = (now, members)
        return members
