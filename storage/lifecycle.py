"""The assignment state machine: the single place that decides which moves are allowed.

An assignment (supplier × campaign) moves

    invited → reminded (repeatable) → received → accepted
                                             ↘ rejected ⇄ resubmitted → accepted

and from any "still waiting" state to escalated (handed to the buyer), opted_out or not_applicable.
Reminders go on after a rejection until a valid file arrives; an accepted supplier may send an
updated file (accepted → resubmitted), because the newest declaration is the one that counts.
Staff may reopen an opted-out or not-applicable supplier (→ invited). A file moves a waiting
assignment to ``received`` if it is the first one, ``resubmitted`` otherwise (``state_after_submission``).

``apply_transition`` is pure: it returns the new frozen ``Assignment`` with the step appended to its
history, or raises ``TransitionRefused`` with a message a Slack user can read.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from storage.errors import TransitionRefused
from storage.records import Actor, Assignment, AssignmentState, Transition

S = AssignmentState

_WAITING_EXITS = frozenset({S.ESCALATED, S.OPTED_OUT, S.NOT_APPLICABLE})

ALLOWED: dict[AssignmentState, frozenset[AssignmentState]] = {
    S.INVITED: frozenset({S.REMINDED, S.RECEIVED}) | _WAITING_EXITS,
    S.REMINDED: frozenset({S.REMINDED, S.RECEIVED, S.RESUBMITTED}) | _WAITING_EXITS,
    S.RECEIVED: frozenset({S.ACCEPTED, S.REJECTED}),
    S.REJECTED: frozenset({S.RESUBMITTED, S.REMINDED}) | _WAITING_EXITS,
    S.RESUBMITTED: frozenset({S.ACCEPTED, S.REJECTED}),
    S.ACCEPTED: frozenset({S.RESUBMITTED}),
    S.ESCALATED: frozenset({S.REMINDED, S.RECEIVED, S.RESUBMITTED, S.OPTED_OUT, S.NOT_APPLICABLE}),
    S.OPTED_OUT: frozenset({S.INVITED}),
    S.NOT_APPLICABLE: frozenset({S.INVITED}),
}

#: States in which nothing more is expected from the supplier for this campaign.
SETTLED = frozenset({S.ACCEPTED, S.OPTED_OUT, S.NOT_APPLICABLE})
#: States that take the supplier out of the response/acceptance rate denominators.
EXCLUDED = frozenset({S.OPTED_OUT, S.NOT_APPLICABLE})
#: States that contact the supplier (they update ``last_contact``).
CONTACTING = frozenset({S.INVITED, S.REMINDED})


def allowed_from(state: AssignmentState) -> frozenset[AssignmentState]:
    return ALLOWED[state]


def state_after_submission(assignment: Assignment) -> AssignmentState:
    """The state a newly arrived file moves an assignment to: its first file, or a later one."""
    return S.RECEIVED if assignment.last_submission_id is None else S.RESUBMITTED


def apply_transition(
    assignment: Assignment,
    to: AssignmentState,
    *,
    at: datetime,
    actor: Actor,
    note: str = "",
    submission_id: int | None = None,
) -> Assignment:
    """Move ``assignment`` to ``to`` or raise ``TransitionRefused``; the only way states change."""
    current = assignment.state
    if to not in ALLOWED[current]:
        raise TransitionRefused(_refusal(assignment, to), current.value, to.value)
    if to in (S.RECEIVED, S.RESUBMITTED):
        _check_submission_step(assignment, to, submission_id)
    step = Transition(state=to, at=at, actor=actor, note=note)
    return replace(
        assignment,
        state=to,
        history=(*assignment.history, step),
        last_contact=at if to in CONTACTING else assignment.last_contact,
        reminder_count=assignment.reminder_count + (1 if to is S.REMINDED else 0),
        last_submission_id=submission_id if submission_id is not None else assignment.last_submission_id,
    )


def _check_submission_step(assignment: Assignment, to: AssignmentState, submission_id: int | None) -> None:
    problem = ""
    if submission_id is None:
        problem = "without the submission that arrived (pass submission_id)"
    elif to is S.RECEIVED and assignment.last_submission_id is not None:
        problem = "because it already has a submission; a further file is resubmitted"
    elif to is S.RESUBMITTED and assignment.last_submission_id is None:
        problem = "because it has no earlier submission; a first file is received"
    if problem:
        raise TransitionRefused(
            f"assignment {assignment.id} cannot be marked {to.value} {problem}",
            assignment.state.value,
            to.value,
        )


def _refusal(assignment: Assignment, to: AssignmentState) -> str:
    options = ", ".join(sorted(s.value for s in ALLOWED[assignment.state])) or "nothing"
    return (
        f"assignment {assignment.id} (supplier {assignment.supplier_id}, campaign "
        f"{assignment.campaign_id}) cannot go from {assignment.state.value} to {to.value}; "
        f"from {assignment.state.value} it can go to: {options}"
    )
