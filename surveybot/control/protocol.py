"""The control socket's wire format: one JSON object per line, one request and one reply per connection.

Why JSON lines over a Unix socket: the CLI and the service are the same program on the same machine,
so nothing heavier is needed; a line is easy to bound (a request longer than ``MAX_LINE`` is refused
before it is parsed) and easy to read in a test or with ``socat``. Where the socket lives is decided
here too, so the service and the CLI cannot disagree: ``<data dir>/control/sock``, the folder 0700
and the socket 0600, so only the service's own user reaches it.

A request is ``{"v": 1, "op": "campaign.open", "args": {...}}``; a reply is ``{"ok": true, "exit": 0,
"out": [lines], "warnings": [lines]}`` or ``{"ok": false, "exit": 1, "error": "what went wrong"}``.
Nothing else is sent.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

VERSION = 1
CONTROL_DIR = "control"
SOCKET_NAME = "sock"
MAX_LINE = 64 * 1024 * 1024  # the largest supplier list an import takes (20 MB), base64-encoded, fits


class ProtocolError(Exception):
    """A line that is not a well-formed request or reply; the message is safe to show."""


def control_dir(data_dir: Path) -> Path:
    return Path(data_dir) / CONTROL_DIR


def socket_path(data_dir: Path) -> Path:
    return control_dir(data_dir) / SOCKET_NAME


@dataclass(frozen=True, slots=True)
class Request:
    op: str
    args: Mapping[str, Any] = field(default_factory=dict)

    def encode(self) -> bytes:
        return _line({"v": VERSION, "op": self.op, "args": dict(self.args)})

    @classmethod
    def decode(cls, raw: bytes) -> Request:
        data = _object(raw)
        if data.get("v") != VERSION:
            raise ProtocolError(
                f"unsupported protocol version {data.get('v')!r} (this service speaks {VERSION})"
            )
        op, args = data.get("op"), data.get("args", {})
        if not isinstance(op, str) or not isinstance(args, dict):
            raise ProtocolError("a request needs an operation name and an argument object")
        return cls(op, args)


@dataclass(frozen=True, slots=True)
class Reply:
    """What the operation printed (``out``, and ``warnings`` for stderr) and the CLI's exit status."""

    exit: int
    out: tuple[str, ...] = ()
    error: str = ""
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.error

    def encode(self) -> bytes:
        body: dict[str, Any] = {"ok": self.ok, "exit": self.exit}
        if self.error:
            body["error"] = self.error
        else:
            body["out"] = list(self.out)
            body["warnings"] = list(self.warnings)
        return _line(body)

    @classmethod
    def decode(cls, raw: bytes) -> Reply:
        data = _object(raw)
        exit_code, out, warnings = data.get("exit"), data.get("out", []), data.get("warnings", [])
        if not isinstance(exit_code, int) or not isinstance(out, list) or not isinstance(warnings, list):
            raise ProtocolError("the service sent a reply without an exit status")
        lines, error = tuple(str(line) for line in out), str(data.get("error") or "")
        return cls(exit_code, lines, error, tuple(str(line) for line in warnings))


def _line(body: Mapping[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def _object(raw: bytes) -> dict[str, Any]:
    if len(raw) > MAX_LINE or not raw.endswith(b"\n"):
        raise ProtocolError("the message is incomplete or longer than the control socket accepts")
    try:
        data = json.loads(raw)
    except ValueError:
        raise ProtocolError("the message is not JSON") from None
    if not isinstance(data, dict):
        raise ProtocolError("the message is not a JSON object")
    return data
