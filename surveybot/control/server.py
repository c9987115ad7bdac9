"""The service's end of the control socket: accept local requests and hand each to the dispatcher.

The service holds the data folder's writer lock, so any socket file already there was left by a
process that died: it is removed before binding. The folder is made 0700 before the socket exists
and the socket 0600 right after, so no other user can reach it even for a moment; a connecting
process of another uid (root included) is refused by its peer credentials as well, and the refusal
is logged. Each connection gets its own short-lived thread, one request, one reply, and a read
timeout, so a client that never writes cannot hold anything up.
"""

from __future__ import annotations

import logging
import os
import socket
import stat
import threading
from collections.abc import Callable
from pathlib import Path

from surveybot.control.protocol import MAX_LINE, ProtocolError, Reply, Request, socket_path
from surveybot.control.sockets import Peer, peer_of, reachable
from surveybot.errors import UserFacingError

log = logging.getLogger("surveybot.control")

Handler = Callable[[Request, Peer], Reply]
READ_TIMEOUT = 30.0


class ControlServer:
    def __init__(self, data_dir: Path, handle: Handler, *, on_refused: Callable[[Peer], None]) -> None:
        self.path = socket_path(data_dir)
        self._handle = handle
        self._on_refused = on_refused
        self._listener: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._workers: set[threading.Thread] = set()
        self._lock = threading.Lock()

    def start(self) -> None:
        private_folder(self.path.parent)
        if self.path.exists() or self.path.is_symlink():
            log.info(
                "removing the control socket %s left by a service that stopped without cleaning up", self.path
            )
            self.path.unlink()
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        with reachable(self.path) as address:
            listener.bind(address)
        os.chmod(self.path, 0o600)
        listener.listen(16)
        self._listener = listener
        self._thread = threading.Thread(target=self._accept_loop, name="control-socket", daemon=True)
        self._thread.start()
        log.info("control socket listening at %s", self.path)

    def stop(self) -> None:
        """Stop accepting, let requests in hand finish (briefly), remove the socket file."""
        listener, self._listener = self._listener, None
        if listener is None:
            return
        listener.shutdown(socket.SHUT_RDWR)
        listener.close()
        if self._thread is not None:
            self._thread.join(5)
        with self._lock:
            workers = list(self._workers)
        for worker in workers:
            worker.join(READ_TIMEOUT)
        self.path.unlink(missing_ok=True)

    def _accept_loop(self) -> None:
        while (listener := self._listener) is not None:
            try:
                conn, _ = listener.accept()
            except OSError:
                return  # closed by stop()
            worker = threading.Thread(target=self._serve, args=(conn,), name="control-request", daemon=True)
            with self._lock:
                self._workers.add(worker)
            worker.start()

    def _serve(self, conn: socket.socket) -> None:
        try:
            with conn:
                conn.settimeout(READ_TIMEOUT)
                reply = self._answer(conn)
                if reply is not None:
                    conn.sendall(reply.encode())
        except OSError as error:
            log.warning("control socket: the client went away before its reply (%s)", error)
        finally:
            with self._lock:
                self._workers.discard(threading.current_thread())

    def _answer(self, conn: socket.socket) -> Reply | None:
        """The reply, or ``None`` for a client that closed without asking (a liveness probe)."""
        peer = peer_of(conn) or Peer(-1, os.getuid())
        if peer.uid != os.getuid():
            log.warning("control socket: refused a request from uid %d (pid %d)", peer.uid, peer.pid)
            self._on_refused(peer)
            return Reply(2, error=f"refused: this service only takes requests from uid {os.getuid()}")
        try:
            raw = read_line(conn)
            if not raw:
                return None
            request = Request.decode(raw)
        except (ProtocolError, TimeoutError) as error:
            return Reply(2, error=f"bad request: {error or 'nothing arrived in time'}")
        return self._handle(request, peer)


def read_line(conn: socket.socket) -> bytes:
    """One newline-ended message, refused (``ProtocolError``) beyond ``MAX_LINE`` bytes."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = conn.recv(1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if chunk.endswith(b"\n") or size > MAX_LINE:
            break
    return b"".join(chunks)


def private_folder(folder: Path) -> None:
    """Create ``folder`` 0700, or make it so; refuse one owned by another user."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        raise UserFacingError(f"{folder} is not a folder of this user; remove it and start again")
    os.chmod(folder, 0o700)
