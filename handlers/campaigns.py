"""Opening and closing a survey campaign: who is asked, and the invitation each supplier gets.

Opening is one store batch: the campaign is created and activated, every selected supplier gets an
``invited`` assignment, and one invitation per supplier goes to the outbox keyed
``invite:<campaign>:<supplier>`` — so running the same command twice invites nobody twice, and a
crash half-way is finished by simply running it again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from handlers.answering import campaign_tag
from handlers.reminders import paragraphs_body
from handlers.threads import CAMPAIGN_HEADER
from storage import (
    Actor,
    Campaign,
    CampaignState,
    MailDraft,
    Store,
    Supplier,
)

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
    tag: str | None = None  # only suppliers carrying this tag; None = every supplier


@dataclass(frozen=True, slots=True)
class OpenResult:
    campaign: Campaign
    invited: int
    queued_mails: int
    without_contact: tuple[str, ...]


def open_campaign(store: Store, request: CampaignRequest, actor: Actor, tag_prefix: str) -> OpenResult:
    """Create (or resume) the campaign, invite the selected suppliers and queue their invitations."""
    if request.family.upper() not in FAMILY_NAMES:
        raise ValueError(f"unknown template family {request.family!r}; use CMRT, EMRT, CRT or AMRT")
    with store.batch():
        campaign = store.campaigns.by_name(request.name) or store.campaigns.create(
            request.name, request.family, request.min_version, request.due, request.reminder_days, actor
        )
        if campaign.state is CampaignState.DRAFT:
            campaign = store.campaigns.set_state(campaign.id, CampaignState.ACTIVE, actor)
        suppliers = [s for s in store.suppliers.all() if request.tag is None or request.tag in s.tags]
        reachable = [s for s in suppliers if s.emails]
        created = store.assignments.invite(campaign.id, [s.id for s in reachable], actor)
        queued = 0
        for supplier in reachable:
            key = f"invite:{campaign.id}:{supplier.id}"
            if store.outbox.by_dedupe_key(key) is None:
                store.outbox.enqueue(invitation(campaign, supplier, key, tag_prefix))
                queued += 1
    missing = tuple(s.code for s in suppliers if not s.emails)
    return OpenResult(campaign, len(created), queued, missing)


def close_campaign(store: Store, name: str, actor: Actor) -> Campaign:
    campaign = store.campaigns.by_name(name)
    if campaign is None:
        raise LookupError(f"no campaign named {name!r}")
    return store.campaigns.set_state(campaign.id, CampaignState.CLOSED, actor)


def invitation(campaign: Campaign, supplier: Supplier, dedupe_key: str, tag_prefix: str) -> MailDraft:
    """The first mail of a campaign: what to fill in, which version, by when, and how to send it back."""
    contact = supplier.contacts[0]
    family = FAMILY_NAMES[campaign.family]
    paragraphs = [
        f"Dear {contact.name}," if contact.name else f"Dear {supplier.name} team,",
        f"As part of our responsible minerals programme ({campaign.name}) we ask {supplier.name} to "
        f"complete the {family}, revision {campaign.min_version or 'latest'} or later, available from the "
        "Responsible Minerals Initiative.",
        f"Please reply to this mail with the completed Excel file attached by {campaign.due.isoformat()}. "
        "You will receive an automatic answer within minutes: either a confirmation, or the exact cells "
        "to correct.",
        "By answering you confirm that you support our responsible-minerals procurement policy, keep a "
        "policy of your own, and exclude minerals that finance conflict or human-rights abuse, in line "
        "with the OECD Due Diligence Guidance.",
        "Thank you.",
    ]
    body = paragraphs_body(paragraphs)
    tag = campaign_tag(tag_prefix, campaign)
    return MailDraft(
        to=supplier.emails,
        subject=f"{tag} {campaign.family} for {supplier.name}",
        text=body.text,
        html=body.html,
        headers={"Auto-Submitted": "auto-generated", CAMPAIGN_HEADER: tag},
        dedupe_key=dedupe_key,
        campaign_id=campaign.id,
        supplier_id=supplier.id,
    )
