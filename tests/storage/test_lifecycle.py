"""The assignment state machine: every move the survey process allows works, every other one is refused.

The expected table below is written out from the issue's process description on purpose (not
imported from ``storage.lifecycle``), so a change to the machine has to change this test too.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from storage import (
    SYSTEM,
    Actor,
    ActorKind,
    Assignment,
    AssignmentState,
    Contact,
    NewSubmission,
    Store,
    SupplierDraft,
    TransitionRefused,
    apply_transition,
)
from storage.records import Transition
from tests.storage.conftest import START

S = AssignmentState
EXPECTED_MOVES = {
    (S.INVITED, S.REMINDED), (S.INVITED, S.RECEIVED), (S.INVITED, S.ESCALATED),
    (S.INVITED, S.OPTED_OUT), (S.INVITED, S.NOT_APPLICABLE),
    (S.REMINDED, S.REMINDED), (S.REMINDED, S.RECEIVED), (S.REMINDED, S.RESUBMITTED),
    (S.REMINDED, S.ESCALATED), (S.REMINDED, S.OPTED_OUT), (S.REMINDED, S.NOT_APPLICABLE),
    (S.RECEIVED, S.ACCEPTED), (S.RECEIVED, S.REJECTED),
    (S.REJECTED, S.RESUBMITTED), (S.REJECTED, S.REMINDED), (S.REJECTED, S.ESCALATED),
    (S.REJECTED, S.OPTED_OUT), (S.REJECTED, S.NOT_APPLICABLE),
    (S.RESUBMITTED, S.ACCEPTED), (S.RESUBMITTED, S.REJECTED),
    (S.ACCEPTED, S.RESUBMITTED),
    (S.ESCALATED, S.REMINDED), (S.ESCALATED, S.RECEIVED), (S.ESCALATED, S.RESUBMITTED),
    (S.ESCALATED, S.OPTED_OUT), (S.ESCALATED, S.NOT_APPLICABLE),
    (S.OPTED_OUT, S.INVITED), (S.NOT_APPLICABLE, S.INVITED),
}  # fmt: skip
ALL_PAIRS = list(itertools.product(AssignmentState, AssignmentState))
STAFF = Actor(ActorKind.STAFF, "U0BUYER")


def _assignment(state: AssignmentState, with_submission: bool) -> Assignment:
    step = Transition(state, START, SYSTEM)
    return Assignment(1, 10, 20, state, (step,), last_submission_id=5 if with_submission else None)


def _submission_for(frm: AssignmentState, to: AssignmentState) -> tuple[bool, int | None]:
    """Whether the assignment already had a file, and which submission the move carries."""
    had_file = to is S.RESUBMITTED or frm in (S.RECEIVED, S.REJECTED, S.RESUBMITTED, S.ACCEPTED)
    return had_file, (6 if to in (S.RECEIVED, S.RESUBMITTED) else None)


@pytest.mark.parametrize(("frm", "to"), sorted(EXPECTED_MOVES))
def test_every_allowed_move_changes_state_and_records_who_and_when(
    frm: AssignmentState, to: AssignmentState
) -> None:
    had_file, submission_id = _submission_for(frm, to)
    before = _assignment(frm, had_file)
    when = START + timedelta(hours=3)
    after = apply_transition(before, to, at=when, actor=STAFF, note="why", submission_id=submission_id)
    assert after.state is to
    assert after.history[-1] == Transition(to, when, STAFF, "why")
    assert after.history[:-1] == before.history
    assert after.reminder_count == before.reminder_count + (1 if to is S.REMINDED else 0)
    assert after.last_contact == (when if to in (S.INVITED, S.REMINDED) else before.last_contact)
    if submission_id is not None:
        assert after.last_submission_id == submission_id


@pytest.mark.parametrize(("frm", "to"), [p for p in ALL_PAIRS if p not in EXPECTED_MOVES])
def test_every_other_move_is_refused_with_a_message_naming_both_states(
    frm: AssignmentState, to: AssignmentState
) -> None:
    before = _assignment(frm, with_submission=True)
    with pytest.raises(TransitionRefused) as refused:
        apply_transition(before, to, at=START, actor=STAFF, submission_id=7)
    message = str(refused.value)
    assert f"from {frm.value} to {to.value}" in message
    assert "it can go to:" in message
    assert (refused.value.current, refused.value.requested) == (frm.value, to.value)


def test_a_first_file_is_received_and_a_later_one_is_resubmitted() -> None:
    fresh = _assignment(S.REMINDED, with_submission=False)
    with pytest.raises(TransitionRefused, match="no earlier submission"):
        apply_transition(fresh, S.RESUBMITTED, at=START, actor=SYSTEM, submission_id=1)
    answered = _assignment(S.ESCALATED, with_submission=True)
    with pytest.raises(TransitionRefused, match="already has a submission"):
        apply_transition(answered, S.RECEIVED, at=START, actor=SYSTEM, submission_id=2)
    with pytest.raises(TransitionRefused, match="pass submission_id"):
        apply_transition(fresh, S.RECEIVED, at=START, actor=SYSTEM)


def _invited(store: Store) -> Assignment:
    supplier = store.suppliers.add(SupplierDraft("ACME", "Acme", (Contact("q@acme.com"),)))
    campaign = store.campaigns.create("CMRT 2026", "CMRT", "6.5", date(2026, 4, 30))
    (assignment,) = store.assignments.invite(campaign.id, [supplier.id])
    return assignment


def _submit(store: Store, a: Assignment, message_id: str) -> int:
    new = NewSubmission(message_id, "q@acme.com", START, "cmrt.xlsx", supplier_id=a.supplier_id)
    return store.submissions.add(new, message_id.encode()).id


def test_a_full_survey_round_is_kept_with_its_history_after_reopening(
    store: Store, reopen: Callable[[], Store]
) -> None:
    a = _invited(store)
    store.assignments.transition(a.id, S.REMINDED, STAFF)
    first = _submit(store, a, "<m1@acme>")
    store.assignments.transition(a.id, S.RECEIVED, SYSTEM, submission_id=first)
    store.assignments.transition(a.id, S.REJECTED, SYSTEM, note="CMRT-DECL-COMPANY-NAME")
    second = _submit(store, a, "<m2@acme>")
    store.assignments.transition(a.id, S.RESUBMITTED, SYSTEM, submission_id=second)
    store.assignments.transition(a.id, S.ACCEPTED, SYSTEM)

    kept = reopen().assignments.get(a.id)
    assert [t.state for t in kept.history] == [
        S.INVITED, S.REMINDED, S.RECEIVED, S.REJECTED, S.RESUBMITTED, S.ACCEPTED,
    ]  # fmt: skip
    assert kept.reminder_count == 1 and kept.last_submission_id == second
    assert kept.history[1].actor == STAFF
    audit = reopen().audit.entries(subject=f"assignment:{a.id}")
    assert [(e.details["from"], e.details["to"]) for e in audit][-1] == ("resubmitted", "accepted")


def test_a_refused_move_through_the_store_changes_nothing(store: Store, reopen: Callable[[], Store]) -> None:
    a = _invited(store)
    with pytest.raises(TransitionRefused, match="cannot go from invited to accepted"):
        store.assignments.transition(a.id, S.ACCEPTED, STAFF)
    assert reopen().assignments.get(a.id) == a
