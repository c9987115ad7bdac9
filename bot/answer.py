"""Run a parsed command for a Slack user and send the rendered answer back where it was asked.

Shared by the slash command and the mention listener, so both behave the same. Errors are not
caught here: a ``UserFacingError`` (unknown campaign, missing role) or a bug goes to the app's one
error boundary (``bot.errors``), which answers the user in the same place.
"""

from __future__ import annotations

import uuid

from slack_bolt import Respond
from slack_sdk import WebClient

from bot.blocks import SlackMessage
from bot.origin import Origin, Replier
from bot.render.reports import help_message, missing_message, status_message
from bot.render.supplier import card_message, choices_message
from bot.render.waves import preview_message
from bot.report_upload import send_report
from bot.runtime import Runtime
from handlers import commands
from handlers.commands import HelpResult, MissingResult, ReportRequest, StatusResult
from handlers.invocation import Invocation
from handlers.supplier_card import SupplierCard, SupplierChoices
from handlers.waves import WavePlan

Rendered = HelpResult | StatusResult | MissingResult | SupplierCard | SupplierChoices | WavePlan


def answer(
    rt: Runtime, client: WebClient, origin: Origin, respond: Respond | None, invocation: Invocation
) -> None:
    caller = rt.caller(origin.user)
    result = commands.run(rt.command_deps, caller, invocation)
    if isinstance(result, ReportRequest):  # files, not a message: they go to the asker's DM
        Replier(client, origin, respond).send(send_report(rt.store, client, result))
        return
    Replier(client, origin, respond).send(render_result(rt, result))


def render_result(rt: Runtime, result: Rendered) -> SlackMessage:
    if isinstance(result, HelpResult):
        return help_message(result)
    if isinstance(result, StatusResult):
        return status_message(result)
    if isinstance(result, MissingResult):
        return missing_message(result)
    if isinstance(result, SupplierCard):
        return card_message(result)
    if isinstance(result, SupplierChoices):
        return choices_message(result)
    return wave_preview(rt, result)


def wave_preview(rt: Runtime, plan: WavePlan) -> SlackMessage:
    """The preview with a one-time token, so confirming the same preview twice sends one wave."""
    sample = rt.deps.render_reminder(plan.sample).text if plan.sample else ""
    return preview_message(plan, uuid.uuid4().hex, sample)
