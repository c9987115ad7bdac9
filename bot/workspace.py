"""Only our workspace: requests from another team, Enterprise Grid org or Slack app are refused.

A valid signature (or the Socket Mode connection) proves a request came from Slack for this app, not
that the person is one of ours: a Slack Connect channel shared with a supplier's workspace, or an app
installed in a second workspace by mistake, reaches the same listeners. So every command, action,
view submission and event is checked against ``slack.team_id`` / ``slack.enterprise_id`` /
``slack.app_id`` before anything else runs - the workspace the request was sent for *and* the one the
acting user belongs to. A refused request is logged and acknowledged with an empty 200, so Slack
does not retry it, and nothing is done or shown.

A key left empty is not checked. With neither ``team_id`` nor ``enterprise_id`` set the app cannot
tell its own people from guests, so ``Runtime.caller`` grants no role (deny by default): read-only
answers work, privileged commands are refused with a message that names the setting, and
``surveybot config check`` and ``surveybot doctor`` warn.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import BoltContext, BoltResponse

from surveybot.settings import SlackSettings

log = logging.getLogger(__name__)

UNPINNED = (
    "privileged commands are off until an admin sets `slack.team_id` (or `slack.enterprise_id`) "
    "in surveybot's config"
)


@dataclass(frozen=True, slots=True)
class RequestWorkspace:
    """Who a request is for and from, as Bolt read it from the payload."""

    team_ids: tuple[str | None, ...]  # the workspace the request was sent for, and the actor's
    enterprise_ids: tuple[str | None, ...]
    app_id: str | None

    @classmethod
    def of(cls, context: BoltContext, body: dict[str, Any]) -> RequestWorkspace:
        user, event = body.get("user"), body.get("event")
        user = user if isinstance(user, dict) else {}
        event = event if isinstance(event, dict) else {}
        user_teams = (context.actor_team_id, user.get("team_id"), event.get("user_team"))
        teams = (context.team_id, *(str(t) for t in user_teams if t and str(t).startswith("T")))
        actor_org = context.actor_enterprise_id
        orgs = (context.enterprise_id, *((actor_org,) if actor_org else ()))
        app_id = body.get("api_app_id")
        return cls(teams, orgs, str(app_id) if app_id else None)


def is_pinned(settings: SlackSettings) -> bool:
    """True when the settings say which workspace (or org) is ours."""
    return bool(settings.team_id or settings.enterprise_id)


def refusal(settings: SlackSettings, seen: RequestWorkspace) -> str:
    """Why the request is not ours, or ``""`` when it is."""
    if settings.team_id and any(t != settings.team_id for t in seen.team_ids):
        return f"team {'/'.join(map(str, seen.team_ids))} is not slack.team_id {settings.team_id}"
    if settings.enterprise_id and any(e != settings.enterprise_id for e in seen.enterprise_ids):
        return f"enterprise {'/'.join(map(str, seen.enterprise_ids))} is not slack.enterprise_id"
    if settings.app_id and seen.app_id != settings.app_id:
        return f"app {seen.app_id} is not slack.app_id {settings.app_id}"
    return ""


def workspace_middleware(settings: SlackSettings) -> Callable[..., BoltResponse | None]:
    def only_our_workspace(
        body: dict[str, Any], context: BoltContext, next: Callable[[], BoltResponse]
    ) -> BoltResponse | None:
        reason = refusal(settings, RequestWorkspace.of(context, body))
        if not reason:
            return next()
        kind = body.get("type") or body.get("command") or "request"
        log.warning("refused a Slack %s from outside our workspace: %s", kind, reason)
        return BoltResponse(status=200, body="")

    return only_our_workspace
