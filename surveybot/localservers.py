"""Throw-away local mail servers on 127.0.0.1: a Dovecot IMAP mailbox and an aiosmtpd transport.

The offline demo runs the real watcher and the real sender against these, so a new user sees the
production code paths without any credentials; the test suite uses the same servers. Dovecot runs
as a child process with its own config, ports and folders (never ``/etc/dovecot``); any user name
logs in with the one static password, each with its own empty Maildir.
"""

from __future__ import annotations

import email
import email.policy
import grp
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from types import TracebackType
from typing import Any

DOVECOT_PASSWORD = "local-demo-password"

_DOVECOT_CONF = """\
protocols = imap
listen = 127.0.0.1
base_dir = {d}/run
state_dir = {d}/state
instance_name = surveybot-{tag}
log_path = {d}/dovecot.log
{identity}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
service anvil {{
  chroot =
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
mail_fsync = never
mail_max_userip_connections = 200
passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={d}/mail/%u
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.02)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


def dovecot_binary() -> str | None:
    found = shutil.which("dovecot")
    if found:
        return found
    return "/usr/sbin/dovecot" if os.path.exists("/usr/sbin/dovecot") else None


class LocalDovecot:
    """A private Dovecot on a free 127.0.0.1 port; use as a context manager."""

    host = "127.0.0.1"
    password = DOVECOT_PASSWORD

    def __init__(self) -> None:
        binary = dovecot_binary()
        if binary is None:
            raise RuntimeError("dovecot is not installed (apt-get install dovecot-imapd)")
        self._binary = binary
        # Not a 0700 temp dir: Dovecot's auth and mail processes run as other users and must traverse it.
        self.dir = Path(tempfile.mkdtemp(prefix="surveybot-dovecot-"))
        os.chmod(self.dir, 0o755)  # noqa: S103
        self.port = free_port()
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> LocalDovecot:
        for sub in ("run", "state", "mail"):
            (self.dir / sub).mkdir(exist_ok=True)
        uid, gid, identity = self._identity()
        conf = _DOVECOT_CONF.format(
            d=self.dir, tag=uuid.uuid4().hex[:6], port=self.port, password=self.password,
            uid=uid, gid=gid, identity=identity,
        )  # fmt: skip
        (self.dir / "dovecot.conf").write_text(conf, encoding="utf-8")
        self._process = subprocess.Popen([self._binary, "-F", "-c", str(self.dir / "dovecot.conf")])
        wait_for_port(self.port)
        return self

    def _identity(self) -> tuple[str, str, str]:
        if os.geteuid() == 0:
            # Dovecot refuses uid 0 for mail processes, so mail is stored as nobody.
            group = grp.getgrgid(pwd.getpwnam("nobody").pw_gid).gr_name
            shutil.chown(self.dir / "mail", "nobody", group)
            return "nobody", group, ""
        me = pwd.getpwuid(os.geteuid()).pw_name
        group = grp.getgrgid(os.getegid()).gr_name
        identity = (
            f"default_internal_user = {me}\ndefault_login_user = {me}\n"
            f"default_internal_group = {group}\nfirst_valid_uid = {os.geteuid()}"
        )
        return str(os.geteuid()), str(os.getegid()), identity

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None
        if not os.environ.get("KEEP_DOVECOT"):
            shutil.rmtree(self.dir, ignore_errors=True)

    def new_user(self) -> str:
        return f"u{uuid.uuid4().hex[:10]}"

    def __enter__(self) -> LocalDovecot:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


@dataclass
class ReceivedMail:
    mail_from: str
    rcpt_tos: list[str]
    raw: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = email.message_from_bytes(self.raw, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class _CollectingHandler:
    messages: list[ReceivedMail] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        raw = envelope.original_content or envelope.content
        self.messages.append(ReceivedMail(envelope.mail_from, list(envelope.rcpt_tos), bytes(raw)))
        return "250 Message accepted for delivery"


class LocalSmtp:
    """An aiosmtpd server on a free 127.0.0.1 port that keeps every message it receives."""

    host = "127.0.0.1"

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self._handler = _CollectingHandler()
        self.port = free_port()
        self._controller = Controller(self._handler, hostname=self.host, port=self.port)

    @property
    def messages(self) -> list[ReceivedMail]:
        return self._handler.messages

    def __enter__(self) -> LocalSmtp:
        self._controller.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._controller.stop()
