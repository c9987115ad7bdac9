"""Real mail servers on 127.0.0.1 for the tests: a Dovecot child process and an aiosmtpd Controller.

Why here and not in conftest: the kill test's worker process, the mail bench and the fixtures all
need the same servers, and only a plain module can be imported by all three. The recipes follow
shared/docs/test-infrastructure.md (Appendices A and B); each non-obvious Dovecot setting is there
because a test hung or slowed down without it.
"""

from __future__ import annotations

import asyncio
import base64
import email
import email.policy
import email.utils
import grp
import json
import os
import pwd
import shutil
import ssl
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from imapclient import IMAPClient

from storage import OutboxState, Store
from surveybot.localservers import ReceivedMail, free_port, wait_for_port

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
DOVEADM = shutil.which("doveadm") or "/usr/bin/doveadm"
PASSWORD = "s3cret"
SMTP_USER, SMTP_PASSWORD = "bot", "smtp-s3cret"

# What Exchange Online advertises, minus IDLE and MOVE: the oldest server shape the watcher must handle.

LEGACY_CAPABILITIES = "IMAP4 IMAP4rev1 AUTH=PLAIN SASL-IR UIDPLUS ID UNSELECT CHILDREN NAMESPACE LITERAL+"


def wait_port(port: int, timeout: float = 10.0) -> None:
    wait_for_port(port, timeout)


@dataclass(frozen=True)
class TlsCert:
    certfile: str
    keyfile: str

    def client_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self.certfile)

    def server_context(self) -> ssl.SSLContext:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(self.certfile, self.keyfile)
        return ctx


def make_tls_cert(directory: Path) -> TlsCert:
    """A self-signed EC certificate for localhost and 127.0.0.1 (openssl takes a few ms)."""
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        check=True, capture_output=True,
    )  # fmt: skip
    os.chmod(key, 0o644)  # Dovecot's config process reads it as root, but keep non-root runs working
    return TlsCert(str(cert), str(key))


_DOVECOT_CONF = """\
protocols = imap
listen = 127.0.0.1
base_dir = {d}/run
state_dir = {d}/state
instance_name = dovecot-{tag}
log_path = {d}/dovecot.log
{identity}
ssl = yes
ssl_cert = <{d}/cert.pem
ssl_key = <{d}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login{oauth_mechs}
auth_failure_delay = 0
service anvil {{
  chroot =
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
mail_fsync = never
mail_max_userip_connections = 200
# IDLE is pushed through inotify; on a machine whose inotify instances are used up (a busy CI box)
# Dovecot falls back to looking every 30 s, longer than any test waits. Look every second instead.
mailbox_idle_check_interval = 1 secs
{oauth_passdb}
passdb {{
  driver = static
  args = password={password}
{static_mechs}
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={d}/mail/%u allow_all_users=yes
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Outgoing {{
    special_use = \\Sent
  }}
}}
{capability}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {ssl_port}
    ssl = yes
  }}
}}
"""

_OAUTH_PASSDB = """\
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {d}/oauth2.conf
}}"""


def _capability_block(capabilities: str | None) -> str:
    return f"protocol imap {{\n  imap_capability = {capabilities}\n}}" if capabilities else ""


class Dovecot:
    """One Dovecot instance in a private directory; any user name logs in with ``PASSWORD``.

    Neither Processed nor Quarantine is configured: the watcher must create them itself. A folder
    named "Outgoing", once a test creates it, carries the ``\\Sent`` special-use attribute (RFC 6154),
    under a name no client would guess.
    """

    def __init__(self, capabilities: str | None = None, introspection_url: str | None = None) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="dovecot-test-"))  # not tmp_path: mode 0700 blocks Dovecot
        os.chmod(self.dir, 0o755)  # noqa: S103 - Dovecot's auth and mail processes run as other users
        self.host = "127.0.0.1"
        self.port, self.ssl_port = free_port(), free_port()
        self.password = PASSWORD
        self.conf = self.dir / "dovecot.conf"
        self.tag = uuid.uuid4().hex[:6]  # the instance name: every process of this server carries it
        for sub in ("run", "state", "mail"):
            (self.dir / sub).mkdir()
        self.cert = make_tls_cert(self.dir)
        self._write_conf(capabilities, introspection_url)
        self._proc: subprocess.Popen[bytes] | None = None

    def _write_conf(self, capabilities: str | None, introspection_url: str | None) -> None:
        if os.geteuid() == 0:  # Dovecot refuses uid 0 for mail processes: store mail as nobody
            gid = grp.getgrgid(pwd.getpwnam("nobody").pw_gid).gr_name
            uid, identity = "nobody", ""
            shutil.chown(self.dir / "mail", "nobody", gid)
        else:
            me, gid_num = pwd.getpwuid(os.geteuid()).pw_name, os.getegid()
            uid, gid = str(os.geteuid()), str(gid_num)
            identity = (
                f"default_internal_user = {me}\ndefault_login_user = {me}\n"
                f"default_internal_group = {grp.getgrgid(gid_num).gr_name}\nfirst_valid_uid = {uid}"
            )
        oauth = introspection_url is not None
        if oauth:
            (self.dir / "oauth2.conf").write_text(
                f"introspection_mode = post\nintrospection_url = {introspection_url}\n"
                "username_attribute = username\nactive_attribute = active\nactive_value = true\n"
            )
        self.conf.write_text(
            _DOVECOT_CONF.format(
                d=self.dir, tag=self.tag, identity=identity, password=PASSWORD,
                uid=uid, gid=gid, port=self.port, ssl_port=self.ssl_port,
                oauth_mechs=" xoauth2 oauthbearer" if oauth else "",
                oauth_passdb=_OAUTH_PASSDB.format(d=self.dir) if oauth else "",
                static_mechs="  mechanisms = plain login" if oauth else "",
                capability=_capability_block(capabilities),
            )
        )  # fmt: skip

    def start(self) -> None:
        self._proc = subprocess.Popen([DOVECOT, "-F", "-c", str(self.conf)])
        wait_port(self.port)
        wait_port(self.ssl_port)

    def stop(self) -> None:
        if self._proc is None:
            return
        self._proc.terminate()
        try:
            self._proc.wait(10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        self._proc = None
        self._end_orphaned_sessions()

    def _end_orphaned_sessions(self) -> None:
        """IMAP session processes outlive a stopped master (still serving their clients); end them."""
        prefix = f"dovecot-{self.tag}/".encode()
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                if (entry / "cmdline").read_bytes().startswith(prefix):
                    os.kill(int(entry.name), 9)
            except OSError:
                continue  # exited meanwhile, or not ours to read

    def restart(self) -> None:
        """Stop and start on the same ports: every client connection is dropped by the server."""
        self.stop()
        self.start()

    def cleanup(self) -> None:
        self.stop()
        if not os.environ.get("KEEP_DOVECOT"):
            shutil.rmtree(self.dir, ignore_errors=True)

    def log_text(self) -> str:
        path = self.dir / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    @staticmethod
    def add_user() -> str:
        """A brand-new user name, hence a brand-new empty mailbox (static passdb, one Maildir per name)."""
        return f"u{uuid.uuid4().hex[:10]}"

    def client(self, user: str) -> IMAPClient:
        client = IMAPClient(self.host, port=self.port, ssl=False, timeout=10)
        client.login(user, PASSWORD)
        return client

    def append(self, user: str, raw: bytes | list[bytes], folder: str = "INBOX") -> None:
        """Deliver test mail with IMAP APPEND, as the issue asks (one connection for a batch)."""
        with self.client(user) as client:
            for item in raw if isinstance(raw, list) else [raw]:
                client.append(folder, item)

    def kick(self, user: str) -> None:
        """The server drops every IMAP connection of ``user`` (doveadm kick)."""
        subprocess.run([DOVEADM, "-c", str(self.conf), "kick", user], check=True, capture_output=True)

    def folder_uids(self, user: str, folder: str) -> list[int]:
        with self.client(user) as client:
            if not client.folder_exists(folder):
                return []
            client.select_folder(folder, readonly=True)
            return sorted(client.search("ALL"))

    def folder_messages(self, user: str, folder: str) -> list[tuple[bytes, tuple[bytes, ...]]]:
        """(raw bytes, flags) of every message in ``folder``, fetched with PEEK so nothing changes."""
        with self.client(user) as client:
            if not client.folder_exists(folder):
                return []
            client.select_folder(folder, readonly=True)
            uids = client.search("ALL")
            data = client.fetch(uids, ["BODY.PEEK[]", "FLAGS"]) if uids else {}
            return [(data[uid][b"BODY[]"], tuple(data[uid][b"FLAGS"])) for uid in sorted(data)]


# ---------------------------------------------------------------- SMTP


@dataclass
class Received(ReceivedMail):
    peer: tuple[str, int]  # the client's address: the same peer means the same connection


@dataclass
class CollectingHandler:
    """Records every accepted message; ``scripted`` replies (e.g. "451 …") are used first, one per DATA.

    ``hold_seconds`` delays each "250" after the message has been recorded (a slow server: the window
    in which a client cannot know whether its mail was accepted); ``on_landing`` is called with each
    recorded message, before the hold.
    """

    messages: list[Received] = field(default_factory=list)
    scripted: list[str] = field(default_factory=list)
    host: str = "127.0.0.1"
    port: int = 0
    cafile: str = ""
    hold_seconds: float = 0.0
    on_landing: Callable[[Received], None] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self._lock:
            if self.scripted:
                return self.scripted.pop(0)
            raw = envelope.original_content or envelope.content
            got = Received(envelope.mail_from, list(envelope.rcpt_tos), raw, session.peer)
            self.messages.append(got)
        if self.on_landing is not None:
            self.on_landing(got)
        if self.hold_seconds:
            await asyncio.sleep(self.hold_seconds)
        return "250 Message accepted for delivery"

    def snapshot(self) -> list[Received]:
        with self._lock:
            return list(self.messages)

    def wait_for(self, count: int, timeout: float = 30.0) -> list[Received]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.snapshot()
            if len(got) >= count:
                return got
            time.sleep(0.02)
        raise AssertionError(f"expected {count} messages at the SMTP server, got {len(self.snapshot())}")


@dataclass
class XOAuth2Handler(CollectingHandler):
    """A CollectingHandler whose server also offers ``AUTH XOAUTH2`` (aiosmtpd's ``auth_<MECH>`` hook).

    ``tokens`` maps each access token to the one user it is valid for; a refused token gets the
    providers' answer: ``334`` with a base64 JSON error, then ``535`` once the client sent an empty line.
    """

    tokens: dict[str, str] = field(default_factory=dict)
    logins: list[str] = field(default_factory=list)  # the users that logged in, in order

    async def auth_XOAUTH2(self, server: Any, args: list[str]) -> AuthResult:
        if len(args) > 1:
            blob: Any = base64.b64decode(args[1])
        else:
            blob = await server.challenge_auth("")
        if not isinstance(blob, bytes):
            return AuthResult(success=False, handled=True)
        fields = dict(part.split("=", 1) for part in blob.decode().split("\x01") if "=" in part)
        user, token = fields.get("user", ""), fields.get("auth", "").removeprefix("Bearer ")
        if user and self.tokens.get(token) == user:
            self.logins.append(user)
            return AuthResult(success=True, auth_data=user)
        await server.challenge_auth(json.dumps({"status": "401", "schemes": "bearer"}))
        return AuthResult(success=False, handled=False)


def _authenticator(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login == SMTP_USER.encode()
        and auth_data.password == SMTP_PASSWORD.encode()
    )
    return AuthResult(success=ok, handled=False)  # handled=False, else a failed AUTH hangs the client


class SmtpServer:
    """aiosmtpd on a free loopback port: ``starttls`` (AUTH only after STARTTLS), ``ssl`` or ``plain``."""

    def __init__(
        self,
        cert: TlsCert,
        security: str = "starttls",
        port: int | None = None,
        xoauth2_tokens: dict[str, str] | None = None,
    ) -> None:
        self.handler: CollectingHandler = (
            CollectingHandler(cafile=cert.certfile)
            if xoauth2_tokens is None
            else XOAuth2Handler(cafile=cert.certfile, tokens=xoauth2_tokens)
        )
        self.security = security
        port = port or free_port()
        tls_args: dict[str, Any] = {}
        if security == "starttls":
            tls_args = {"tls_context": cert.server_context(), "require_starttls": True}
        elif security == "ssl":
            tls_args = {"ssl_context": cert.server_context()}
        auth_args: dict[str, Any] = {}
        if security != "plain":
            # aiosmtpd only counts STARTTLS as TLS; with implicit TLS the whole socket is encrypted anyway
            auth_args = {"authenticator": _authenticator, "auth_require_tls": security == "starttls"}
        self.controller = Controller(
            self.handler, hostname="127.0.0.1", port=port, server_hostname="localhost",
            **tls_args, **auth_args,
        )  # fmt: skip
        self.handler.port = port

    def __enter__(self) -> CollectingHandler:
        self.controller.start()
        return self.handler

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()


# ---------------------------------------------------------------- OAuth2


class TokenIntrospection:
    """The token-introspection endpoint Dovecot's oauth2 passdb asks: it accepts ``tokens`` only."""

    def __init__(self, tokens: dict[str, str]) -> None:
        self.tokens = tokens  # access token -> user name
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/introspect"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        tokens = self.tokens

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                token = dict(parse_qsl(body)).get("token", "")
                user = tokens.get(token)
                answer = {"active": "true", "username": user} if user else {"active": "false"}
                data = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler

    def __enter__(self) -> TokenIntrospection:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@dataclass
class FakeHttpResponse:
    status_code: int
    text: str
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "application/json"})

    def raise_for_status(self) -> None:
        if self.status_code >= 400:
            raise RuntimeError(f"HTTP {self.status_code}")


@dataclass
class FakeIdentityProvider:
    """Answers msal's OpenID discovery GET and the token POST offline, recording each request.

    This is msal's documented ``http_client`` hook (an object with ``get`` and ``post``), not a mock of
    msal itself: msal's real code builds the requests and parses these answers.
    """

    token: str
    requests: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)

    def get(self, url: str, **kwargs: Any) -> FakeHttpResponse:
        self.requests.append(("GET", url, kwargs))
        tenant_base = url.split("/v2.0/")[0] if "/v2.0/" in url else url.rsplit("/", 1)[0]
        doc = {
            "authorization_endpoint": f"{tenant_base}/oauth2/v2.0/authorize",
            "token_endpoint": f"{tenant_base}/oauth2/v2.0/token",
            "issuer": f"{tenant_base}/v2.0",
        }
        return FakeHttpResponse(200, json.dumps(doc))

    def post(self, url: str, **kwargs: Any) -> FakeHttpResponse:
        self.requests.append(("POST", url, kwargs))
        answer = {"access_token": self.token, "token_type": "Bearer", "expires_in": 3599}
        return FakeHttpResponse(200, json.dumps(answer))

    def posted_forms(self) -> Iterator[dict[str, Any]]:
        for method, _url, kwargs in self.requests:
            if method == "POST":
                data = kwargs.get("data") or {}
                yield dict(parse_qsl(data)) if isinstance(data, str) else dict(data)


# ---------------------------------------------------------------- test mail


def supplier_mail(
    number: int,
    *,
    sender: str = "jane.doe@acme-metals.example",
    to: str = "rmi-survey@example.com",
    subject: str | None = None,
    attachment: tuple[str, bytes] | None = None,
    headers: dict[str, str] | None = None,
    body: str = "Dear team,\n\nplease find our report attached.\n\nJane",
) -> bytes:
    """A supplier's mail as their mail program would deliver it, with a unique Message-ID."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject if subject is not None else f"CMRT for mail {number}"
    msg["Message-ID"] = f"<mail-{number}-{uuid.uuid4().hex[:8]}@acme-metals.example>"
    msg["Date"] = email.utils.format_datetime(email.utils.localtime())
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(body)
    if attachment is not None:
        name, data = attachment
        msg.add_attachment(
            data,
            maintype="application",
            subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            filename=name,
        )
    return msg.as_bytes()


def wait_until(condition: Callable[[], bool], timeout: float = 30.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.02)


def outbox_idle(store: Store) -> bool:
    """Nothing waits to be sent and nothing is between the server's 250 and the store's "sent"."""
    counts = store.outbox.counts()
    return counts[OutboxState.QUEUED] == 0 and counts[OutboxState.SENDING] == 0
