"""The daily digest: per active campaign, where it stands and what changed in the last day.

The scheduler calls this once a day (``slack.digest_hour_utc``); the bot renders and posts it.
"What changed" is read from the assignments' own histories (files accepted, rejected, reminders
sent since yesterday), so the digest needs no counters of its own that could drift. Audits of
smelters named in the campaign's accepted files that fall due within 30 days are listed too (from
the newest facility lists imported), so a buyer can ask the supplier before a smelter lapses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from handlers.facilities import expiring_in_campaign
from rmi.analysis.conformance import Expiring
from storage import AssignmentState, CampaignStatus, Store

S = AssignmentState


@dataclass(frozen=True, slots=True)
class CampaignDigest:
    status: CampaignStatus
    since: dt.datetime
    accepted: int
    rejected: int
    reminded: int
    today: dt.date
    policy_version: str = ""
    policy_owed: tuple[str, ...] = ()  # "CODE Name" of suppliers who have not agreed to the version
    expiring: tuple[Expiring, ...] = ()  # audits of the campaign's smelters falling due within 30 days


def daily_digest(store: Store, hours: int = 24, policy_version: str = "") -> tuple[CampaignDigest, ...]:
    """One digest per active campaign, covering the last ``hours``, with the suppliers of the campaign
    who have not agreed to ``policy_version`` (when one is set)."""
    agreed = store.agreements.agreed(policy_version) if policy_version else frozenset()
    now = store.clock.now()
    since = now - dt.timedelta(hours=hours)
    digests = []
    for campaign in store.campaigns.active():
        moves = [
            step.state
            for a in store.assignments.for_campaign(campaign.id)
            for step in a.history
            if step.at >= since
        ]
        digests.append(
            CampaignDigest(
                status=store.reports.campaign_status(campaign.id),
                since=since,
                accepted=moves.count(S.ACCEPTED),
                rejected=moves.count(S.REJECTED),
                reminded=moves.count(S.REMINDED),
                today=now.date(),
                policy_version=policy_version,
                policy_owed=_owing(store, campaign.id, agreed) if policy_version else (),
                expiring=expiring_in_campaign(store, campaign),
            )
        )
    return tuple(digests)


def _owing(store: Store, campaign_id: int, agreed: frozenset[int]) -> tuple[str, ...]:
    owing = [store.suppliers.get(a.supplier_id) for a in store.assignments.for_campaign(campaign_id)]
    return tuple(f"{s.code} {s.name}" for s in sorted(owing, key=lambda s: s.code) if s.id not in agreed)
