"""Opening and closing a survey campaign: who is asked, and the invitation each supplier gets.

Opening is one store batch: the campaign is created and activated, every newly selected supplier gets
an ``invited`` assignment, and the invitation wave for them is recorded. The wave's mails are then
queued in chunks (``handlers.invitations``), one per (wave, supplier), so running the same command
twice invites nobody twice, and a crash half-way is finished by running it again (or by the service's
start, which resumes unfinished waves).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from handlers.invitations import INVITE_SELECTION, InvitationOptions, queue_invitations, start_invitations
from handlers.waves import PROGRESS_CHUNK, Progress, is_finished, is_stopped
from storage import Actor, Campaign, CampaignState, Store, Wave

FAMILY_NAMES = {
    "CMRT": "Conflict Minerals Reporting Template (CMRT)",
    "EMRT": "Extended Minerals Reporting Template (EMRT)",
    "CRT": "Cobalt Reporting Template (CRT)",
    "AMRT": "Additional Minerals Reporting Template (AMRT)",
}


@dataclass(frozen=True, slots=True)
class CampaignRequest:
    name: str
    family: str
    min_version: str
    due: dt.date
    reminder_days: int = 7
    tag: str | None = None  # only suppliers carrying this tag (the same as selection "tag:T")
    template_version: str = ""  # the blank revision to attach; "" = the newest shipped
    selection: str = ""  # handlers.campaign_setup: "" every supplier, "tag:T", "owner:U…", "codes:A,B"
    reminder_days_before_due: tuple[int, ...] = ()  # () / 0: the [campaign] defaults
    overdue_reminder_every_days: int = 0
    escalate_after_reminders: int = 0

    @property
    def chosen(self) -> str:
        return self.selection or (f"tag:{self.tag}" if self.tag else "")


@dataclass(frozen=True, slots=True)
class OpenResult:
    campaign: Campaign
    invited: int
    queued_mails: int
    without_contact: tuple[str, ...]
    wave: Wave | None = None


def open_campaign(
    store: Store,
    request: CampaignRequest,
    actor: Actor,
    options: InvitationOptions,
    progress: Progress | None = None,
    *,
    queue_now: bool = True,
) -> OpenResult:
    """Create (or resume) the campaign, invite the selected suppliers and queue their invitations.

    ``queue_now`` False records the wave and leaves its queuing to the caller's background job
    (``queue_unfinished_invitations``; Slack), or to the service's start if that job never runs."""
    if request.family.upper() not in FAMILY_NAMES:
        raise ValueError(f"unknown template family {request.family!r}; use CMRT, EMRT, CRT or AMRT")
    from handlers.campaign_setup import selected

    with store.batch():
        campaign = store.campaigns.by_name(request.name) or _create(store, request, actor)
        if campaign.state is CampaignState.DRAFT:
            campaign = store.campaigns.set_state(campaign.id, CampaignState.ACTIVE, actor)
        suppliers = selected(store, campaign.selection or request.chosen)
        reachable = [s for s in suppliers if s.emails]
        created = {
            a.supplier_id for a in store.assignments.invite(campaign.id, [s.id for s in reachable], actor)
        }
        newly = [s for s in reachable if s.id in created]
        wave = start_invitations(store, campaign, newly, actor) if newly else None
    queued = queue_unfinished_invitations(store, campaign, options, progress) if queue_now else 0
    missing = tuple(s.code for s in suppliers if not s.emails)
    return OpenResult(campaign, len(newly), queued, missing, wave)


def queue_unfinished_invitations(
    store: Store,
    campaign: Campaign,
    options: InvitationOptions,
    progress: Progress | None = None,
    chunk: int = PROGRESS_CHUNK,
) -> int:
    """Queue the campaign's invitation waves not yet queued to the end (a crash's leftovers too)."""
    queued = 0
    for unfinished in [w for w in store.waves.for_campaign(campaign.id) if w.selection == INVITE_SELECTION]:
        if not is_finished(store, unfinished.id) and not is_stopped(store, unfinished.id):
            queued += queue_invitations(store, unfinished, options, progress, chunk).queued
    return queued


def _create(store: Store, request: CampaignRequest, actor: Actor) -> Campaign:
    campaign = store.campaigns.create(
        request.name, request.family, request.min_version, request.due, request.reminder_days, actor,
        template_version=request.template_version,
    )  # fmt: skip
    return store.campaigns.update(
        campaign.id,
        actor,
        selection=request.chosen,
        reminder_days_before_due=request.reminder_days_before_due,
        overdue_reminder_every_days=request.overdue_reminder_every_days,
        escalate_after_reminders=request.escalate_after_reminders,
    )


def close_campaign(store: Store, name: str, actor: Actor) -> Campaign:
    campaign = store.campaigns.by_name(name)
    if campaign is None:
        raise LookupError(f"no campaign named {name!r}")
    return store.campaigns.set_state(campaign.id, CampaignState.CLOSED, actor)
