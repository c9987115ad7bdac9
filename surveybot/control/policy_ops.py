"""The ``policy.agree`` operation: staff record an agreement received another way, with a note.

The policy version defaults to ``[invitations] policy_version`` of whoever carries it out: over the
control socket that is the running service's, the version its invitations and reminders quote.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from surveybot.control.args import text_arg
from surveybot.control.protocol import Reply
from surveybot.errors import UserFacingError

if TYPE_CHECKING:
    from surveybot.control.operations import OpContext


def agree(ctx: OpContext, args: Mapping[str, Any]) -> Reply:
    from handlers.agreements import record_by_staff

    version = text_arg(args, "version").strip() or ctx.settings.invitations.policy_version
    if not version:
        raise UserFacingError("no policy version: set [invitations] policy_version or pass --version")
    code = text_arg(args, "supplier", required=True)
    supplier = ctx.store.suppliers.by_code(code)
    if supplier is None:
        raise UserFacingError(f"no supplier with code {code!r}")
    try:
        recorded = record_by_staff(ctx.store, supplier, version, ctx.actor.id, text_arg(args, "note"))
    except ValueError as exc:
        raise UserFacingError(str(exc)) from exc
    if recorded is None:
        return Reply(0, (f"{supplier.code} had already agreed to policy version {version}; nothing changed",))
    return Reply(0, (f"recorded: {supplier.code} agreed to policy version {version} ({recorded.at.date()})",))
