"""Campaigns: one survey round (template family, accepted versions, due date, reminder cadence).

A campaign is ``draft`` while it is prepared, ``active`` while mail goes out and files come in, and
``closed`` when the round is over; a closed campaign may be reopened (closed → active), nothing else.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from storage.codec import decode_campaign, encode_campaign
from storage.core import StoreCore
from storage.errors import DuplicateRecord, InvalidValue, RecordNotFound, TransitionRefused
from storage.records import SYSTEM, Actor, AuditEntry, Campaign, CampaignState
from storage.tables import Collection

C = CampaignState
CAMPAIGN_MOVES: dict[CampaignState, frozenset[CampaignState]] = {
    C.DRAFT: frozenset({C.ACTIVE}),
    C.ACTIVE: frozenset({C.CLOSED}),
    C.CLOSED: frozenset({C.ACTIVE}),
}
EDITABLE = frozenset(
    {
        "name",
        "min_version",
        "due",
        "reminder_days",
        "template_version",
        "selection",
        "reminder_days_before_due",
        "overdue_reminder_every_days",
        "escalate_after_reminders",
    }
)


class CampaignRepo:
    def __init__(self, core: StoreCore) -> None:
        self._core = core
        self._table = core.register(Collection("campaigns", encode_campaign, decode_campaign))

    def reindex(self) -> None:
        """Campaigns are few (tens); lookups scan them."""

    def get(self, campaign_id: int) -> Campaign:
        campaign = self._table.get(campaign_id)
        if campaign is None:
            raise RecordNotFound(f"no campaign with id {campaign_id}")
        return campaign

    def by_name(self, name: str) -> Campaign | None:
        wanted = name.strip().casefold()
        with self._core.lock:
            return next((c for c in self._table if c.name.casefold() == wanted), None)

    def all(self) -> tuple[Campaign, ...]:
        with self._core.lock:
            return tuple(sorted(self._table, key=lambda c: c.id))

    def active(self) -> tuple[Campaign, ...]:
        return tuple(c for c in self.all() if c.state is C.ACTIVE)

    def create(
        self,
        name: str,
        family: str,
        min_version: str,
        due: date,
        reminder_days: int = 7,
        actor: Actor = SYSTEM,
        template_version: str = "",
    ) -> Campaign:
        _check_fields(name=name, family=family, reminder_days=reminder_days)
        with self._core.writing():
            if self.by_name(name):
                raise DuplicateRecord(f"a campaign named {name.strip()!r} already exists")
            campaign = Campaign(
                id=self._table.allocate_id(),
                name=name.strip(),
                family=family.strip().upper(),
                min_version=min_version.strip(),
                due=due,
                reminder_days=reminder_days,
                state=C.DRAFT,
                created_at=self._core.clock.now(),
                template_version=template_version.strip(),
            )
            self._table.put(campaign.id, campaign)
            self._audit(actor, "campaign.create", campaign, {"family": campaign.family})
            return campaign

    def set_state(self, campaign_id: int, state: CampaignState, actor: Actor = SYSTEM) -> Campaign:
        with self._core.writing():
            current = self.get(campaign_id)
            if state not in CAMPAIGN_MOVES[current.state]:
                raise TransitionRefused(
                    f"campaign {current.name!r} is {current.state.value} and cannot become {state.value}",
                    current.state.value,
                    state.value,
                )
            updated = replace(current, state=state)
            self._table.put(campaign_id, updated)
            self._audit(actor, "campaign.state", updated, {"from": current.state.value, "to": state.value})
            return updated

    def update(self, campaign_id: int, actor: Actor = SYSTEM, **changes: Any) -> Campaign:
        """Change the fields in ``EDITABLE`` (state has ``set_state``)."""
        unknown = set(changes) - EDITABLE
        if unknown:
            raise InvalidValue(f"campaign fields {sorted(unknown)} cannot be changed with update()")
        _check_fields(**changes)
        with self._core.writing():
            current = self.get(campaign_id)
            updated = replace(current, **changes)
            if updated != current:
                self._table.put(campaign_id, updated)
                details = {k: str(v) for k, v in changes.items()}
                self._audit(actor, "campaign.update", updated, details)
            return updated

    def _audit(self, actor: Actor, action: str, c: Campaign, details: dict[str, str]) -> None:
        entry = AuditEntry(self._core.clock.now(), actor, action, f"campaign:{c.id}", details)
        self._core.add_audit(entry)


def _check_fields(**fields: Any) -> None:
    if "name" in fields and not str(fields["name"]).strip():
        raise InvalidValue("a campaign needs a name")
    if "family" in fields and not str(fields["family"]).strip():
        raise InvalidValue("a campaign needs a template family (CMRT, EMRT, CRT, AMRT)")
    if "reminder_days" in fields and int(fields["reminder_days"]) < 1:
        raise InvalidValue("the reminder cadence must be at least one day")
