"""How the running service answers its control socket: every request through the one dispatcher,
with the service's own store, settings and live state, as the user the socket's peer credentials name.

This is the socket's error boundary: an expected refusal is already a reply; anything else is logged
with its traceback and answered with a reference id, never the traceback itself.
"""

from __future__ import annotations

import getpass
import logging
import os
import pwd
import uuid
from typing import TYPE_CHECKING

from surveybot.control.operations import SOCKET, OpContext, dispatch
from surveybot.control.protocol import Reply, Request
from surveybot.control.server import ControlServer
from surveybot.control.sockets import Peer

if TYPE_CHECKING:
    from storage import Actor
    from surveybot.wiring import Service

log = logging.getLogger("surveybot.control")
EXIT_CRASH = 70


def control_server(service: Service) -> ControlServer:
    def handle(request: Request, peer: Peer) -> Reply:
        ctx = OpContext(
            store=service.store,
            settings=service.settings,
            actor=cli_actor(peer.uid),
            via=SOCKET,
            live=service.live_state(),
        )
        try:
            reply = dispatch(ctx, request)
            log.info("control: %s by %s (pid %d): exit %d", request.op, ctx.actor.id, peer.pid, reply.exit)
            return reply
        except Exception:
            incident = uuid.uuid4().hex[:8]
            log.error("control request %r failed (ref %s)", request.op, incident, exc_info=True)
            return Reply(EXIT_CRASH, error=f"the service could not do it (ref {incident}); see its log")

    def refused(peer: Peer) -> None:
        service.store.audit.record(cli_actor(peer.uid), "control.refused", "control socket", reason="uid")

    return ControlServer(service.settings.data_dir, handle, on_refused=refused)


def cli_actor(uid: int | None = None) -> Actor:
    """The staff member behind a CLI command: ``cli:<login>`` of the uid (the socket's peer, or ours)."""
    from storage import Actor, ActorKind

    uid = os.getuid() if uid is None else uid
    try:
        name = pwd.getpwuid(uid).pw_name
    except KeyError:
        name = getpass.getuser() if uid == os.getuid() else f"uid{uid}"
    return Actor(ActorKind.STAFF, f"cli:{name}")
