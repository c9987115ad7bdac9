"""The Slack app factory: ``create_app(settings, deps)`` builds a Bolt ``App`` and does nothing else.

Nothing happens at import time and construction makes no network call: the Web API client is built
from the configured base URL (tests point it at a loopback fake) and the token is verified lazily on
the first request instead of with an ``auth.test`` in the constructor. Bolt's built-in protections
stay on: signature verification for HTTP requests and ignoring the bot's own events. Our additions
are the duplicate-delivery filter and the one error boundary. How requests arrive - Socket Mode by
default, signed HTTP if configured - is decided by ``serve`` and ``bot.socket``/``bot.http``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot import listeners
from bot.errors import register_error_boundary
from bot.middleware import dedupe_middleware
from bot.notifier import SlackNotifier
from bot.runtime import BotDeps, Runtime
from bot.workspace import workspace_middleware
from storage import Store
from surveybot.settings import Settings, resolve_secret
from surveybot.status import Activity

log = logging.getLogger("surveybot.slack")


def web_client(settings: Settings, deps: BotDeps) -> WebClient:
    """The Web API client for the bot token; the base URL comes from ``slack.api_base_url``."""
    base_url = settings.slack.api_base_url
    return WebClient(
        token=deps.bot_token.reveal(), base_url=base_url if base_url.endswith("/") else base_url + "/"
    )


def create_app(settings: Settings, deps: BotDeps, *, client: WebClient | None = None) -> App:
    client = client or web_client(settings, deps)
    app = App(
        name="surveybot",
        client=client,
        signing_secret=deps.signing_secret.reveal(),
        token_verification_enabled=False,
        ignoring_self_events_enabled=True,
        raise_error_for_unhandled_request=True,  # so the error boundary acks them with a 200, not a 404
        logger=log,
    )
    rt = Runtime.build(settings, deps, client)
    app.use(workspace_middleware(settings.slack))  # first: a foreign request must not claim a dedupe key
    if deps.activity is not None:
        app.use(activity_middleware(deps.activity, deps.store))
    app.use(dedupe_middleware(deps.store))
    register_error_boundary(app)
    listeners.register(app, rt)
    return app


def activity_middleware(activity: Activity, store: Store) -> Callable[..., Any]:
    """Note when Slack last reached us (for ``surveybot status``), then carry on."""

    def mark(next: Callable[[], Any]) -> Any:
        activity.slack_event(store.clock.now())
        return next()

    return mark


def notifier(settings: Settings, app: App) -> SlackNotifier:
    """The ``Notifier`` the mail loop posts to: the configured channel, through the app's client."""
    return SlackNotifier(app.client, settings.slack.channel, settings.invitations.policy_version)


def bot_deps(
    settings: Settings, store: Store, env: Mapping[str, str] | None = None, **overrides: Any
) -> BotDeps:
    """``BotDeps`` with the bot token and signing secret resolved from their env vars or files."""
    slack = settings.slack
    return BotDeps(
        store=store,
        bot_token=resolve_secret(slack.bot_token_env, slack.bot_token_file, env),
        signing_secret=resolve_secret(slack.signing_secret_env, slack.signing_secret_file, env),
        **overrides,
    )


def serve(settings: Settings, app: App, env: Mapping[str, str] | None = None) -> None:
    """Serve Slack requests until stopped: Socket Mode by default, signed HTTP if configured."""
    slack = settings.slack
    if slack.mode == "http":
        from bot.http import serve_http

        secret = resolve_secret(slack.signing_secret_env, slack.signing_secret_file, env)
        serve_http(app, slack.http_host, slack.http_port, secret.reveal())
        return
    from bot.socket import serve_socket_mode

    serve_socket_mode(app, resolve_secret(slack.app_token_env, slack.app_token_file, env))
