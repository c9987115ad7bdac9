"""The slash command's decisions: one function per subcommand, returning plain result data.

These functions know nothing about Slack. They take the store, the caller (with roles) and the
parsed arguments, check the caller's role where the action is privileged, and return frozen results
that ``bot.render`` turns into Block Kit (and that the CLI or a test can read directly). Expected
problems - an unknown campaign, a missing role - are raised as ``UserFacingError`` with a message
that can be shown as it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from handlers.auth import Caller, authorize
from handlers.campaign_pick import active_campaigns, resolve_campaign
from handlers.invocation import COMMANDS, CommandHelp, Invocation, Selection
from handlers.supplier_card import SupplierCard, SupplierChoices, supplier_card
from handlers.waves import WavePlan, plan
from storage import Campaign, CampaignStatus, MissingRow, Store
from surveybot.errors import UserFacingError


@dataclass(frozen=True, slots=True)
class CommandDeps:
    """What the command handlers need: the store (with its clock) and the mail subject tag."""

    store: Store
    subject_tag: str = "RMI"
    command: str = "/minerals"
    min_days_between_reminders: int = 0  # 0: each campaign's reminder cadence
    policy_version: str = ""  # [invitations] policy_version: whose agreement the scorecard checks

    @property
    def today(self) -> dt.date:
        return self.store.clock.now().date()


@dataclass(frozen=True, slots=True)
class HelpResult:
    command: str
    commands: tuple[CommandHelp, ...]
    not_understood: str = ""  # our sentence; a ``{}`` in it stands for ``unknown``
    unknown: str = ""


@dataclass(frozen=True, slots=True)
class StatusResult:
    statuses: tuple[CampaignStatus, ...]
    today: dt.date


@dataclass(frozen=True, slots=True)
class MissingResult:
    status: CampaignStatus
    rows: tuple[MissingRow, ...]
    today: dt.date


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """Staff asked for a campaign's report; the bot builds the files and sends them privately."""

    campaign: Campaign
    user: str
    policy_version: str = ""  # whose agreement records the scorecard checks


CommandResult = (
    HelpResult | StatusResult | MissingResult | SupplierCard | SupplierChoices | WavePlan | ReportRequest
)


def run(deps: CommandDeps, caller: Caller, invocation: Invocation) -> CommandResult:
    """Dispatch a parsed invocation to its subcommand."""
    if invocation.name == "status":
        return status(deps, caller, invocation.campaign)
    if invocation.name == "missing":
        return missing(deps, caller, invocation.campaign)
    if invocation.name == "supplier":
        return supplier(deps, caller, invocation.query)
    if invocation.name == "report":
        return report(deps, caller, invocation.campaign)
    if invocation.name == "remind":
        return remind(deps, caller, invocation.campaign, invocation.selection or Selection.MISSING)
    return help_(deps, invocation.not_understood, invocation.unknown)


def help_(deps: CommandDeps, not_understood: str = "", unknown: str = "") -> HelpResult:
    return HelpResult(deps.command, COMMANDS, not_understood, unknown)


def status(deps: CommandDeps, caller: Caller, campaign_text: str) -> StatusResult:
    """Status of the named campaign, or of every active campaign when none is named."""
    authorize(deps.store.audit, caller, "status")
    store = deps.store
    campaigns: tuple[Campaign, ...]
    if campaign_text.strip():
        campaigns = (resolve_campaign(store, campaign_text, example=f"{deps.command} status"),)
    else:
        campaigns = active_campaigns(store)
        if not campaigns:
            raise UserFacingError(
                "There is no active campaign yet. Start one with `surveybot campaign open`, "
                f"or name one: `{deps.command} status <campaign>`."
            )
    statuses = tuple(store.reports.campaign_status(c.id) for c in campaigns)
    return StatusResult(statuses, deps.today)


def missing(deps: CommandDeps, caller: Caller, campaign_text: str) -> MissingResult:
    """Who still owes a valid file in the campaign, with their owner and our last contact."""
    authorize(deps.store.audit, caller, "missing")
    campaign = resolve_campaign(deps.store, campaign_text, example=f"{deps.command} missing")
    rows = deps.store.reports.missing(campaign.id)
    return MissingResult(deps.store.reports.campaign_status(campaign.id), rows, deps.today)


def supplier(deps: CommandDeps, caller: Caller, query: str) -> SupplierCard | SupplierChoices:
    """One supplier's story by code, name or email; several matches come back as choices."""
    authorize(deps.store.audit, caller, "supplier")
    return supplier_card(deps.store, query, deps.policy_version)


def report(deps: CommandDeps, caller: Caller, campaign_text: str) -> ReportRequest:
    """Staff only: which campaign's report to build (building it is the bot's job, off this path)."""
    authorize(deps.store.audit, caller, "report", f"campaign:{campaign_text.strip() or 'active'}")
    campaign = resolve_campaign(deps.store, campaign_text, example=f"{deps.command} report")
    return ReportRequest(campaign, caller.user_id, deps.policy_version)


def remind(deps: CommandDeps, caller: Caller, campaign_text: str, selection: Selection) -> WavePlan:
    """Team leads only: the preview of a reminder wave (nothing is sent until it is confirmed)."""
    authorize(deps.store.audit, caller, "remind", f"campaign:{campaign_text.strip() or 'active'}")
    campaign = resolve_campaign(deps.store, campaign_text, example=f"{deps.command} remind")
    return _plan(deps, campaign, selection, include_recent=False)


def remind_including_recent(
    deps: CommandDeps, caller: Caller, campaign_id: int, selection: Selection
) -> WavePlan:
    """The preview again, with the suppliers reminded less than the minimum gap ago included."""
    authorize(deps.store.audit, caller, "remind", f"campaign:{campaign_id}")
    return _plan(deps, deps.store.campaigns.get(campaign_id), selection, include_recent=True)


def confirm_remind(
    deps: CommandDeps,
    caller: Caller,
    campaign_id: int,
    selection: Selection,
    plan_token: str,
    include_recent: bool = False,
) -> WavePlan:
    """The confirmed wave's fresh plan; a second confirmation of the same preview is refused.

    The role is checked again: the preview's button can be pressed by anyone who sees it.
    """
    authorize(deps.store.audit, caller, "remind", f"campaign:{campaign_id}")
    campaign = deps.store.campaigns.get(campaign_id)
    if not deps.store.dedupe.mark("slack_wave_plan", plan_token):
        raise UserFacingError("This reminder wave was already started from this preview.")
    return _plan(deps, campaign, selection, include_recent=include_recent)


def _plan(deps: CommandDeps, campaign: Campaign, selection: Selection, *, include_recent: bool) -> WavePlan:
    return plan(
        deps.store,
        campaign,
        selection,
        deps.today,
        deps.subject_tag,
        min_days=deps.min_days_between_reminders,
        include_recent=include_recent,
    )
