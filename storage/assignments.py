"""Assignments (supplier × campaign): invitation, state transitions, contact and bounce bookkeeping.

Every state change goes through ``transition``, which delegates the decision to
``lifecycle.apply_transition`` (the one transition function), stores the result and writes an audit
entry. Indexes by campaign, by supplier and by the pair make status reports O(k) in the campaign's
size and "this supplier's assignment" O(1).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from storage.campaigns import CampaignRepo
from storage.clock import require_aware
from storage.codec import decode_assignment, encode_assignment
from storage.core import StoreCore
from storage.errors import RecordNotFound
from storage.lifecycle import apply_transition
from storage.records import (
    SYSTEM,
    Actor,
    Assignment,
    AssignmentState,
    AuditEntry,
    JsonScalar,
    Transition,
)
from storage.suppliers import SupplierRepo
from storage.tables import Collection


class AssignmentRepo:
    def __init__(self, core: StoreCore, suppliers: SupplierRepo, campaigns: CampaignRepo) -> None:
        self._core = core
        self._suppliers = suppliers
        self._campaigns = campaigns
        self._table = core.register(Collection("assignments", encode_assignment, decode_assignment))
        self._by_pair: dict[tuple[int, int], int] = {}
        self._by_campaign: defaultdict[int, set[int]] = defaultdict(set)
        self._by_supplier: defaultdict[int, set[int]] = defaultdict(set)

    def reindex(self) -> None:
        for a in self._table:
            self._index(a)

    def _index(self, a: Assignment) -> None:
        self._by_pair[(a.supplier_id, a.campaign_id)] = a.id
        self._by_campaign[a.campaign_id].add(a.id)
        self._by_supplier[a.supplier_id].add(a.id)

    # --- reads -------------------------------------------------------------------------------------

    def get(self, assignment_id: int) -> Assignment:
        assignment = self._table.get(assignment_id)
        if assignment is None:
            raise RecordNotFound(f"no assignment with id {assignment_id}")
        return assignment

    def find(self, supplier_id: int, campaign_id: int) -> Assignment | None:
        assignment_id = self._by_pair.get((supplier_id, campaign_id))
        return None if assignment_id is None else self._table.get(assignment_id)

    def for_campaign(self, campaign_id: int) -> tuple[Assignment, ...]:
        return self._many(self._by_campaign.get(campaign_id, ()))

    def for_supplier(self, supplier_id: int) -> tuple[Assignment, ...]:
        return self._many(self._by_supplier.get(supplier_id, ()))

    def _many(self, ids: Iterable[int]) -> tuple[Assignment, ...]:
        with self._core.lock:
            records = self._table.records
            return tuple(records[i] for i in sorted(ids))

    # --- writes ------------------------------------------------------------------------------------

    def invite(
        self, campaign_id: int, supplier_ids: Iterable[int], actor: Actor = SYSTEM
    ) -> tuple[Assignment, ...]:
        """Create an ``invited`` assignment for each supplier not yet in the campaign; returns the new ones.

        Inviting does not send mail: the caller enqueues the invitations in the outbox.
        """
        with self._core.writing():
            self._campaigns.get(campaign_id)
            wanted = list(dict.fromkeys(supplier_ids))
            for supplier_id in wanted:
                self._suppliers.get(supplier_id)
            now = self._core.clock.now()
            created = []
            for supplier_id in wanted:
                if (supplier_id, campaign_id) in self._by_pair:
                    continue
                step = Transition(AssignmentState.INVITED, now, actor, "")
                a = Assignment(self._table.allocate_id(), supplier_id, campaign_id, step.state, (step,))
                self._table.put(a.id, a)
                self._index(a)
                created.append(a)
            self._audit(actor, "campaign.invite", f"campaign:{campaign_id}", {"invited": len(created)})
            return tuple(created)

    def transition(
        self,
        assignment_id: int,
        to: AssignmentState,
        actor: Actor = SYSTEM,
        note: str = "",
        submission_id: int | None = None,
        at: datetime | None = None,
    ) -> Assignment:
        """Move one assignment to ``to``; ``TransitionRefused`` (with a readable reason) if not allowed."""
        with self._core.writing():
            current = self.get(assignment_id)
            when = require_aware(at) if at else self._core.clock.now()
            updated = apply_transition(
                current, to, at=when, actor=actor, note=note, submission_id=submission_id
            )
            self._table.put(assignment_id, updated)
            details: dict[str, JsonScalar] = {"from": current.state.value, "to": to.value}
            if note:
                details["note"] = note
            if submission_id is not None:
                details["submission_id"] = submission_id
            self._audit(actor, "assignment.transition", f"assignment:{assignment_id}", details)
            return updated

    def set_undeliverable(
        self, assignment_id: int, undeliverable: bool, actor: Actor = SYSTEM, note: str = ""
    ) -> Assignment:
        """Flag (a bounce came back) or clear (a contact was fixed) the assignment's mail problem."""
        with self._core.writing():
            current = self.get(assignment_id)
            if current.undeliverable == undeliverable:
                return current
            updated = replace(current, undeliverable=undeliverable)
            self._table.put(assignment_id, updated)
            details: dict[str, JsonScalar] = {"undeliverable": undeliverable, "note": note}
            self._audit(actor, "assignment.undeliverable", f"assignment:{assignment_id}", details)
            return updated

    def note_contact(self, assignment_id: int, at: datetime | None = None) -> Assignment:
        """Record that we wrote to the supplier without a state change (e.g. answered a question)."""
        with self._core.writing():
            current = self.get(assignment_id)
            updated = replace(current, last_contact=require_aware(at) if at else self._core.clock.now())
            self._table.put(assignment_id, updated)
            return updated

    def _audit(self, actor: Actor, action: str, subject: str, details: dict[str, JsonScalar]) -> None:
        self._core.add_audit(AuditEntry(self._core.clock.now(), actor, action, subject, details))
