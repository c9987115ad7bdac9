"""The one dispatcher for staff operations, whoever carries them out.

Every command that writes the store (``suppliers import``, ``campaign open`` - its read-only
preview and the open itself - ``campaign close``, ``facilities import``, ``policy agree``) and
``status`` are operations: a name, a JSON argument object and a function of an ``OpContext``. The CLI calls
``dispatch`` itself when no service runs; the service calls the same ``dispatch`` for a request that
came over the control socket, with its own store, settings and the caller the socket's peer
credentials name. So the validation, the store calls and the audit entry are the same code either way.

Deny by default: an operation not in ``OPERATIONS`` is refused (and the refusal audited), whatever
the client sends. Handlers import their heavy modules inside the function, so the CLI stays light.
A new command that writes the store adds its operation here and calls ``client.perform`` from its
CLI handler; that is all it takes to work while the service runs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from surveybot.control import campaign_ops, facility_ops, policy_ops, supplier_ops
from surveybot.control.protocol import Reply, Request
from surveybot.errors import UserFacingError
from surveybot.status import status_operation

if TYPE_CHECKING:
    from storage import Actor, Store
    from surveybot.settings import Settings
    from surveybot.status import LiveState

DIRECT = "direct"
SOCKET = "control socket"
EXIT_REFUSED = 2


@dataclass(frozen=True)
class OpContext:
    """Where an operation runs: the store and settings of whoever carries it out, and who asked.

    ``live`` is the running service's state (``None`` when the CLI acts on the store itself). Mail an
    operation queues wakes the service's sender by itself (``OutboxRepo.notify_on_enqueue``).
    """

    store: Store
    settings: Settings
    actor: Actor
    via: str
    live: LiveState | None = None


@dataclass(frozen=True)
class Operation:
    run: Callable[[OpContext, Mapping[str, Any]], Reply]
    writes: bool


def dispatch(ctx: OpContext, request: Request) -> Reply:
    """Run ``request`` if it names a known operation; a ``UserFacingError`` becomes the reply's error."""
    operation = OPERATIONS.get(request.op)
    if operation is None:
        _audit(ctx, "control.refused", request.op or "-", reason="unknown operation")
        return Reply(EXIT_REFUSED, error=f"unknown operation {request.op!r}: refused")
    try:
        reply = operation.run(ctx, request.args)
    except UserFacingError as refusal:
        return Reply(1, error=str(refusal))
    if is_write(request) and not ctx.store.read_only:
        _audit(ctx, f"control.{request.op}", request.op, exit=reply.exit)
    return reply


def is_write(request: Request) -> bool:
    """Whether ``request`` changes the store: not a dry run, and not an unknown operation (refused
    with an audit entry, so it too needs the writer)."""
    operation = OPERATIONS.get(request.op)
    return operation is None or (operation.writes and request.args.get("dry_run") is not True)


def _audit(ctx: OpContext, action: str, subject: str, **details: str | int) -> None:
    if not ctx.store.read_only:
        ctx.store.audit.record(ctx.actor, action, subject, via=ctx.via, **details)


OPERATIONS: Mapping[str, Operation] = {
    "suppliers.import": Operation(supplier_ops.import_, writes=True),
    "campaign.preview": Operation(campaign_ops.preview, writes=False),
    "campaign.open": Operation(campaign_ops.open_, writes=True),
    "campaign.close": Operation(campaign_ops.close, writes=True),
    "policy.agree": Operation(policy_ops.agree, writes=True),
    "facilities.import": Operation(facility_ops.import_, writes=True),
    "status": Operation(status_operation, writes=False),
}
