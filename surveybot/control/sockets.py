"""What the control socket's two ends share: who is on the other end, and reaching a long socket path.

Peer credentials (``SO_PEERCRED``, Linux) name the uid of the process at the other end; both ends
accept only their own uid. Where the platform has no such option the folder's 0700 and the socket's
0600 are the only guard, and ``peer_of`` says ``None``.

A Unix socket's address holds about 107 bytes, and a data folder can be deeper than that. Then the
socket is reached through ``/proc/self/fd/<fd of its folder>/sock``, which names the same file with a
short path (Linux); elsewhere a too-long path is refused with a message saying so.
"""

from __future__ import annotations

import os
import socket
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from surveybot.errors import UserFacingError

MAX_SOCKET_PATH = 100  # sun_path is 108 bytes on Linux, 104 on the BSDs; keep a margin


@dataclass(frozen=True, slots=True)
class Peer:
    pid: int
    uid: int


def peer_of(conn: socket.socket) -> Peer | None:
    """The process at the other end, or ``None`` where the platform cannot tell."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return None
    raw = conn.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i"))
    pid, uid, _gid = struct.unpack("3i", raw)
    return Peer(int(pid), int(uid))


@contextmanager
def reachable(path: Path) -> Iterator[str]:
    """An address for ``path`` that fits in a socket address, valid inside the ``with`` block."""
    if len(os.fsencode(path)) <= MAX_SOCKET_PATH:
        yield str(path)
        return
    if not Path("/proc/self/fd").is_dir():
        raise UserFacingError(
            f"the data folder's path is too long for its control socket ({path}); use a shorter one"
        )
    folder = os.open(path.parent, os.O_PATH | os.O_DIRECTORY)
    try:
        yield f"/proc/self/fd/{folder}/{path.name}"
    finally:
        os.close(folder)
