"""The app's listeners, one module per kind (slash command, mention, button actions, modals)."""

from __future__ import annotations

from slack_bolt import App

from bot.listeners import actions, agreement_actions, campaign_setup, command, mention, uploads, views
from bot.runtime import Runtime


def register(app: App, rt: Runtime) -> None:
    for module in (command, mention, actions, views, uploads, campaign_setup, agreement_actions):
        module.register(app, rt)
