"""Who may do what from Slack: roles from settings, deny by default, every privileged act audited.

Roles come from the ``[roles]`` settings by Slack user id or by Slack user-group id; the bot resolves
group membership and hands the group ids in, so this module stays pure. Read-only look-ups are open
to everyone in the channel; anything that mails suppliers or changes records needs a role, and an
action this table does not know needs the highest role (deny by default). A refusal names the role
it needs, and is itself written to the audit log, as is every privileged action that is carried out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from storage.audit import AuditLog
from storage.records import Actor, ActorKind, JsonScalar
from surveybot.errors import UserFacingError
from surveybot.settings import RoleSettings


class Role(StrEnum):
    STAFF = "staff"
    TEAM_LEAD = "team_lead"


#: The role each action needs; ``None`` means anyone in the workspace may do it.
REQUIRED_ROLE: Mapping[str, Role | None] = {
    "help": None,
    "status": None,
    "missing": None,
    "supplier": None,
    "findings": None,
    "resend": Role.STAFF,
    "link_sender": Role.STAFF,
    "triage_done": Role.STAFF,
    "held_file": Role.STAFF,
    "report": Role.STAFF,  # risk flags and every supplier's scorecard: not for the whole workspace
    "remind": Role.TEAM_LEAD,
    "suppliers_import": Role.TEAM_LEAD,
    "campaign_open": Role.TEAM_LEAD,
    "agreement_file": Role.STAFF,
}


@dataclass(frozen=True, slots=True)
class Caller:
    """The Slack user asking, with the roles the settings grant them.

    ``withheld`` says why roles may be missing through no fault of the user (a user-group lookup
    that failed, a workspace not pinned in the config); a refusal then says that instead of "you
    don't have it", so nobody is told they lack a role they have.
    """

    user_id: str
    roles: frozenset[Role]
    withheld: str = ""

    @property
    def actor(self) -> Actor:
        return Actor(ActorKind.STAFF, self.user_id)

    def has(self, role: Role) -> bool:
        return role in self.roles


class PermissionRefused(UserFacingError):
    """The caller lacks the role an action needs; the message says which role (or why unknown)."""

    def __init__(self, action: str, needed: Role, withheld: str = "") -> None:
        if withheld:
            message = f"Sorry, `{action}` needs the *{needed.value}* role, and {withheld}."
        else:
            message = (
                f"Sorry, `{action}` needs the *{needed.value}* role, and you don't have it. "
                f"Ask an admin to add you to `roles.{needed.value}_users` (or one of the "
                f"`roles.{needed.value}_groups`) in surveybot's config."
            )
        super().__init__(message)
        self.action = action
        self.needed = needed


def roles_for(settings: RoleSettings, user_id: str, group_ids: Iterable[str] = ()) -> frozenset[Role]:
    """The roles the settings grant ``user_id``; a team lead is also staff."""
    groups = set(group_ids)
    roles: set[Role] = set()
    if user_id in settings.team_lead_users or groups & set(settings.team_lead_groups):
        roles |= {Role.TEAM_LEAD, Role.STAFF}
    if user_id in settings.staff_users or groups & set(settings.staff_groups):
        roles.add(Role.STAFF)
    return frozenset(roles)


def configured_groups(settings: RoleSettings) -> frozenset[str]:
    """Every user-group id that grants a role: the only groups whose members the bot must look up."""
    return frozenset((*settings.team_lead_groups, *settings.staff_groups))


def required_role(action: str) -> Role | None:
    """The role ``action`` needs; actions missing from the table need the team lead role."""
    return REQUIRED_ROLE.get(action, Role.TEAM_LEAD)


def authorize(audit_log: AuditLog, caller: Caller, action: str, subject: str = "") -> None:
    """Return if ``caller`` may do ``action``; otherwise audit the refusal and raise ``PermissionRefused``."""
    needed = required_role(action)
    if needed is None or caller.has(needed):
        return
    details = {
        "command": action,
        "needs": needed.value,
        **({"withheld": caller.withheld} if caller.withheld else {}),
    }
    audit_log.record(caller.actor, "slack.refused", subject or action, **details)
    raise PermissionRefused(action, needed, caller.withheld)


def audit_privileged(
    audit_log: AuditLog,
    caller: Caller,
    action: str,
    subject: str,
    details: Mapping[str, JsonScalar] | None = None,
) -> None:
    """Record a privileged action that was carried out (read-only actions are not audited)."""
    audit_log.record(caller.actor, f"slack.{action}", subject, **dict(details or {}))
