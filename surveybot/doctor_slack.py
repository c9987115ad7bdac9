"""``surveybot doctor``'s Slack checks: does the bot token work, can Socket Mode start, and can the bot
post in the configured channel.

Why these three calls: ``auth.test`` proves the bot token and the API base URL; ``apps.connections.open``
proves the app-level token without opening (or closing) a WebSocket; ``conversations.info`` shows
whether the channel exists for the bot and whether the bot was invited. Slack's error codes are
short words (``invalid_auth``, ``channel_not_found``), so each is turned into the setting to change.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from surveybot.doctor import CheckResult, Probe, skipped
from surveybot.settings import SlackSettings, resolve_secret

log = logging.getLogger(__name__)


class _SlackFailure(Exception):
    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


def check_slack(settings: SlackSettings, probe: Probe) -> list[CheckResult]:
    if not settings.enabled:
        return [skipped("slack", "slack.enabled is false: no Slack app runs")]
    base_url = settings.api_base_url if settings.api_base_url.endswith("/") else settings.api_base_url + "/"
    bot_token = resolve_secret(settings.bot_token_env, settings.bot_token_file, probe.env)
    client = WebClient(token=bot_token.reveal(), base_url=base_url, timeout=probe.timeout)
    bot = _hint(settings.bot_token_env, settings.bot_token_file)
    try:
        auth = _call(lambda: client.auth_test(), base_url)
    except _SlackFailure as failure:
        fix = f"check {bot} holds this app's bot token (xoxb-…) and slack.api_base_url"
        failed = CheckResult("slack", False, f"auth.test: {failure.detail}", fix)
        return [failed, skipped("slack channel", "the bot token does not work")]
    who = f"bot user {auth.get('user_id')} in team {auth.get('team') or auth.get('team_id')}"
    results = [CheckResult("slack", True, f"the bot token works ({who})"), _check_workspace(settings, auth)]
    if settings.mode == "socket":
        results.append(_check_app_token(settings, base_url, probe))
    else:
        results.append(
            skipped("slack socket mode", "HTTP mode: Slack's signed requests are verified as they arrive")
        )
    results.append(_check_channel(client, settings, base_url))
    return results


def workspace_warnings(settings: SlackSettings) -> list[str]:
    """What ``config check`` says about the workspace pinning (see ``bot.workspace``)."""
    if not settings.enabled:
        return []
    warnings = []
    if not (settings.team_id or settings.enterprise_id):
        warnings.append(
            "slack.team_id and slack.enterprise_id are not set: privileged Slack commands are refused "
            "to everyone until one is (`surveybot doctor` shows this workspace's id)"
        )
    if not settings.app_id:
        warnings.append("slack.app_id is not set: requests are not checked against this Slack app's id")
    return warnings


def _check_workspace(settings: SlackSettings, auth: dict[str, Any]) -> CheckResult:
    """Is the workspace pinned, and is it the one the bot token belongs to?"""
    name, team = "slack workspace", str(auth.get("team_id") or "")
    if settings.team_id and team and settings.team_id != team:
        return CheckResult(
            name,
            False,
            f"slack.team_id is {settings.team_id} but the bot token is for {team}",
            "fix slack.team_id",
        )
    warnings = workspace_warnings(settings)
    if warnings:
        fix = f'set slack.team_id = "{team}" (and slack.app_id, from the app\'s Basic Information page)'
        return CheckResult(name, False, "; ".join(warnings), fix, required=False)
    return CheckResult(name, True, "only requests for the configured workspace and app are served")


def _check_app_token(settings: SlackSettings, base_url: str, probe: Probe) -> CheckResult:
    """Ask for a Socket Mode URL; the WebSocket is never opened, so there is nothing to close."""
    app_token = resolve_secret(settings.app_token_env, settings.app_token_file, probe.env)
    client = WebClient(base_url=base_url, timeout=probe.timeout)
    try:
        _call(lambda: client.apps_connections_open(app_token=app_token.reveal()), base_url)
    except _SlackFailure as failure:
        hint = _hint(settings.app_token_env, settings.app_token_file)
        return CheckResult(
            "slack socket mode",
            False,
            f"apps.connections.open: {failure.detail}",
            f"check {hint} holds an app-level token (xapp-…) with the connections:write scope",
        )
    return CheckResult("slack socket mode", True, "the app-level token may open Socket Mode connections")


def _check_channel(client: WebClient, settings: SlackSettings, base_url: str) -> CheckResult:
    name, channel = "slack channel", settings.channel
    try:
        info = _call(lambda: client.conversations_info(channel=channel), base_url)
    except _SlackFailure as failure:
        if "missing_scope" in failure.detail:
            return CheckResult(
                name,
                False,
                f"cannot look at {channel}: the app lacks the channels:read scope",
                "add channels:read (groups:read for a private channel) to the app and reinstall it",
                required=False,
            )
        return CheckResult(
            name,
            False,
            f"conversations.info {channel}: {failure.detail}",
            "check slack.channel is the channel id (like C0123456), and invite the bot to it",
        )
    found: dict[str, Any] = info.get("channel") or {}
    label = f"#{found.get('name', channel)} ({channel})"
    if not found.get("is_member"):
        return CheckResult(
            name, False, f"the bot is not a member of {label}", f"invite it: /invite @surveybot in {label}"
        )
    return CheckResult(name, True, f"the bot is a member of {label}")


def _call(request: Callable[[], Any], base_url: str) -> Any:
    """The answer's data, or ``_SlackFailure`` with Slack's error code or the network problem."""
    try:
        return request().data
    except SlackApiError as exc:
        log.debug("Slack refused a doctor request", exc_info=True)
        error = exc.response.get("error") if exc.response is not None else None
        raise _SlackFailure(f"Slack answered {error or 'an error'}") from exc
    except (SlackClientError, OSError) as exc:
        log.debug("Slack API unreachable", exc_info=True)
        reason = getattr(exc, "reason", None) or exc
        raise _SlackFailure(f"cannot reach {base_url} ({type(exc).__name__}: {reason})") from exc


def _hint(env_name: str, file_path: str) -> str:
    return f"the secret file {file_path}" if file_path else env_name
