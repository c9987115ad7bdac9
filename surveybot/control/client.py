"""The CLI's end: hand an operation to the running service, or carry it out here when none runs.

Which one is decided by the socket, not by a pid file: a service that answers on
``<data dir>/control/sock`` gets the request. No socket, or a socket file nobody listens on (left by
a service that crashed), means no service: the CLI opens the store itself, which takes the writer
lock. If that lock is held although nobody answered (a service still starting, another command
writing right now), it asks again for a few seconds before giving up with the lock's own message.

The CLI talks only to a socket in a folder of its own user, with nobody else allowed in, and only to
a process of its own uid: the reply is printed as the command's output.
"""

from __future__ import annotations

import os
import socket
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from surveybot.control.operations import DIRECT, OpContext, dispatch, is_write
from surveybot.control.protocol import MAX_LINE, ProtocolError, Reply, Request, socket_path
from surveybot.control.sockets import peer_of, reachable
from surveybot.errors import UserFacingError

if TYPE_CHECKING:
    from surveybot.settings import Settings

REPLY_TIMEOUT = 600.0  # a 10,000-row import and its audit take seconds; far below this
LOCK_PATIENCE = 10.0


def perform(data_dir: Path, request: Request, settings: Callable[[], Settings]) -> int:
    """Run ``request`` in the service or directly, print its output and return the exit status."""
    reply = carry_out(data_dir, request, settings)
    for line in reply.out:
        print(line)
    for warning in reply.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if reply.error:
        print(f"surveybot: {reply.error}", file=sys.stderr)
    return reply.exit


def carry_out(
    data_dir: Path, request: Request, settings: Callable[[], Settings], patience: float = LOCK_PATIENCE
) -> Reply:
    from storage import StoreLocked

    deadline = time.monotonic() + patience
    loaded = None  # the CLI's own config: read only when there is no service to ask
    while True:
        reply = ask_service(data_dir, request)
        if reply is not None:
            return reply
        loaded = loaded or settings()
        try:
            return run_directly(data_dir, request, loaded)
        except StoreLocked as locked:
            if time.monotonic() >= deadline:
                raise UserFacingError(
                    f"{locked}, and this command could not reach a running service: "
                    f"{why_unreachable(data_dir)}; try again when that process has finished"
                ) from None
            time.sleep(0.2)


def why_unreachable(data_dir: Path) -> str:
    """Why no service answered on ``data_dir``'s control socket, for the refusal that follows."""
    path = socket_path(data_dir)
    try:
        info = path.lstat()
    except FileNotFoundError:
        return (
            f"there is no control socket {path}, so the process holding the lock is a service still "
            "starting, one of an older version, or another command writing right now"
        )
    if not stat.S_ISSOCK(info.st_mode):
        return f"{path} is not a socket"
    return f"nobody answers on {path} (left by a service that stopped)"


def run_directly(data_dir: Path, request: Request, settings: Settings) -> Reply:
    from dataclasses import replace

    from storage import open_store
    from surveybot.control.hosting import cli_actor
    from surveybot.settings import StorageSettings

    settings = replace(settings, storage=StorageSettings(data_dir=str(data_dir)))
    read_only = not is_write(request)
    with open_store(data_dir, read_only=read_only) as store:
        return dispatch(OpContext(store, settings, cli_actor(), DIRECT), request)


def ask_service(data_dir: Path, request: Request, timeout: float = REPLY_TIMEOUT) -> Reply | None:
    """The running service's reply, or ``None`` when no service listens on the data folder's socket."""
    path = socket_path(data_dir)
    try:
        info = path.lstat()
    except FileNotFoundError:
        return None
    if not stat.S_ISSOCK(info.st_mode):
        return None
    _check_private(path.parent)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        try:
            with reachable(path) as address:
                conn.connect(address)
        except (FileNotFoundError, ConnectionRefusedError):
            return None  # a socket file left by a service that died
        _check_peer(conn)
        conn.settimeout(timeout)
        conn.sendall(request.encode())
        return decode_reply(_read_reply(conn))


def _read_reply(conn: socket.socket) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size <= MAX_LINE:
        chunk = conn.recv(1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    raw = b"".join(chunks)
    if not raw:
        raise UserFacingError("the running service closed the control socket without an answer; see its log")
    return raw


def _check_private(folder: Path) -> None:
    info = folder.lstat()
    if info.st_uid != os.getuid():
        raise UserFacingError(
            f"the service on this data folder runs as another user (uid {info.st_uid}); "
            "run the command as that user"
        )
    if info.st_mode & 0o077 or not stat.S_ISDIR(info.st_mode):
        raise UserFacingError(f"{folder} is open to other users; refusing to use its control socket")


def _check_peer(conn: socket.socket) -> None:
    peer = peer_of(conn)
    if peer is not None and peer.uid != os.getuid():
        raise UserFacingError(f"the control socket is served by another user (uid {peer.uid}); refused")


def decode_reply(raw: bytes) -> Reply:
    try:
        return Reply.decode(raw)
    except ProtocolError as error:
        raise UserFacingError(f"the running service answered something unreadable: {error}") from None
