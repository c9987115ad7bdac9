"""The IMAP side of the mailbox: opening an authenticated connection, and the few folder operations
the watcher needs, each written for the servers we meet (Dovecot, Exchange Online, Gmail).

Why these shapes:
- ``connect`` does TLS (implicit or STARTTLS, plain only when configured; verified against the system
  trust store or ``mailbox.ca_file``), a socket timeout, and password or XOAUTH2 login (as
  ``mailbox.address`` when set: the mailbox, not the login, is the XOAUTH2 user). ``ImapConnector``
  keeps the OAuth token source between reconnects, so msal's token cache is used instead of asking
  the identity provider on every reconnect.
- ``Mailbox`` wraps one ``IMAPClient`` that belongs to one thread (imapclient is not thread-safe).
  It fetches with ``BODY.PEEK[]`` so reading a mail never sets ``\\Seen`` (people use that flag), moves
  with ``MOVE`` when the server has it and with COPY + ``\\Deleted`` + (UID) EXPUNGE otherwise, and
  creates a target folder the first time it is missing. It keeps no state in IMAP keywords: Exchange
  has none, so the store is the only memory.
- ``wait_for_mail`` is IDLE used as a wake-up hint only, in short bounded slices so ``stop()`` and
  dead connections are noticed, re-issued well inside the 29 minutes RFC 2177 lets servers wait.
"""

from __future__ import annotations

import email.policy
import logging
import ssl
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from email.parser import BytesHeaderParser
from typing import Any

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError

from mail.oauth import token_source_for
from surveybot.settings import MailboxSettings, resolve_secret

log = logging.getLogger(__name__)

# Responses in IDLE that mean "the mailbox changed"; "* OK Still here" keep-alives are not among them.
_WAKE_RESPONSES = frozenset({b"EXISTS", b"RECENT"})


class ImapConnector:
    """Opens authenticated connections for one mailbox; one instance per process, reused on reconnect."""

    def __init__(
        self,
        settings: MailboxSettings,
        secrets: Mapping[str, str] | None = None,
        *,
        ssl_context: ssl.SSLContext | None = None,
        http_client: Any = None,
    ) -> None:
        self.settings = settings
        self._secrets = secrets
        self._ssl_context = ssl_context
        self._token_source = token_source_for(settings.auth, settings.oauth2, secrets, http_client)

    def __call__(self) -> IMAPClient:
        client = _open(self.settings, self._ssl_context)
        try:
            if self._token_source is None:
                password = resolve_secret(
                    self.settings.password_env, self.settings.password_file, self._secrets
                )
                client.login(self.settings.username, password.reveal())
            else:
                # The XOAUTH2 user is the mailbox itself (for app-only access there is no login name).
                user = self.settings.address or self.settings.username
                client.oauth2_login(user, self._token_source.access_token())
        except BaseException:
            _close_quietly(client)
            raise
        return client


def connect(
    settings: MailboxSettings,
    secrets: Mapping[str, str] | None = None,
    *,
    ssl_context: ssl.SSLContext | None = None,
    http_client: Any = None,
) -> IMAPClient:
    """One authenticated connection (``secrets`` is the environment to resolve ``*_env`` names in)."""
    return ImapConnector(settings, secrets, ssl_context=ssl_context, http_client=http_client)()


def _open(settings: MailboxSettings, ssl_context: ssl.SSLContext | None) -> IMAPClient:
    context = ssl_context or ssl.create_default_context(cafile=settings.ca_file or None)
    timeout = float(settings.socket_timeout_seconds)
    if settings.security == "ssl":
        return IMAPClient(settings.host, port=settings.port, ssl=True, ssl_context=context, timeout=timeout)
    client = IMAPClient(settings.host, port=settings.port, ssl=False, timeout=timeout)
    if settings.security == "starttls":
        try:
            client.starttls(context)
        except BaseException:
            _close_quietly(client)
            raise
    return client


def _close_quietly(client: IMAPClient) -> None:
    try:
        client.shutdown()
    except Exception:  # the connection is being abandoned; its errors tell nothing new
        log.debug("closing an IMAP connection failed", exc_info=True)


@dataclass(frozen=True, slots=True)
class FolderState:
    uidvalidity: int
    uids: tuple[int, ...]


class Mailbox:
    """The watcher's operations on one connection (see module docstring)."""

    def __init__(self, client: IMAPClient) -> None:
        self.client = client
        self._known_folders: set[str] = set()

    @property
    def can_idle(self) -> bool:
        return bool(self.client.has_capability("IDLE"))

    def scan(self, folder: str) -> FolderState:
        """Select ``folder`` and list every message still in it, oldest first (the catch-up search)."""
        selected = self.client.select_folder(folder)
        uids = self.client.search(["UNDELETED"])
        return FolderState(int(selected[b"UIDVALIDITY"]), tuple(sorted(int(uid) for uid in uids)))

    def sizes(self, uids: tuple[int, ...]) -> dict[int, int]:
        if not uids:
            return {}
        answer = self.client.fetch(list(uids), ["RFC822.SIZE"])
        return {int(uid): int(data.get(b"RFC822.SIZE", 0)) for uid, data in answer.items()}

    def fetch_raw(self, uid: int) -> bytes | None:
        """The full message without touching ``\\Seen``; None when it vanished (moved by a person)."""
        answer = self.client.fetch([uid], ["BODY.PEEK[]"])
        data = answer.get(uid)
        if not data:
            return None
        raw = data.get(b"BODY[]")
        return bytes(raw) if raw is not None else None

    def fetch_summary(self, uid: int) -> tuple[str | None, str | None]:
        """(From, Subject) for a staff notice, read without loading the body or setting ``\\Seen``."""
        answer = self.client.fetch([uid], ["BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)]"])
        data = answer.get(uid) or {}
        raw = next((value for name, value in data.items() if name.startswith(b"BODY[HEADER")), b"")
        headers = BytesHeaderParser(policy=email.policy.default).parsebytes(bytes(raw or b""))
        return _header_text(headers.get("From")), _header_text(headers.get("Subject"))

    def move(self, uid: int, folder: str) -> None:
        self._ensure_folder(folder)
        if self.client.has_capability("MOVE"):
            self.client.move([uid], folder)
            return
        # No MOVE (older servers): a crash between COPY and EXPUNGE leaves a second copy in ``folder``,
        # never a lost mail; the \Deleted original is skipped by ``scan`` (UNDELETED).
        self.client.copy([uid], folder)
        self.client.add_flags([uid], [b"\\Deleted"], silent=True)
        if self.client.has_capability("UIDPLUS"):
            self.client.uid_expunge([uid])
        else:
            self.client.expunge()

    def _ensure_folder(self, folder: str) -> None:
        if folder in self._known_folders:
            return
        ensure_folder(self.client, folder)
        self._known_folders.add(folder)

    def noop(self) -> None:
        self.client.noop()

    def wait_for_mail(self, seconds: float, stop: threading.Event, slice_seconds: float = 1.0) -> bool:
        """IDLE for up to ``seconds``; True when the server announced new mail, False on timeout or stop.

        A server that closed the connection makes ``idle_check`` return at once with nothing; that is
        treated as "wake up", and the following ``idle_done`` raises, so the caller reconnects instead of
        spinning (mjs/imapclient#565).
        """
        deadline = time.monotonic() + seconds
        self.client.idle()
        woke = _announced_with_idle(self.client)
        try:
            while not woke and not stop.is_set():
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                wait = min(slice_seconds, remaining)
                started = time.monotonic()
                responses = self.client.idle_check(timeout=wait)
                if any(_is_wake(item) for item in responses):
                    woke = True
                    break
                if not responses and time.monotonic() - started < wait / 2:
                    woke = True  # returned early with nothing: probably EOF, let idle_done tell
                    break
        finally:
            self.client.idle_done()
        return woke

    def close(self) -> None:
        try:
            self.client.logout()
        except Exception:  # a dead connection cannot log out; shut the socket instead
            _close_quietly(self.client)


def _announced_with_idle(client: IMAPClient) -> bool:
    """True when the server already said something right behind its ``+ idling``.

    Dovecot reports a mail that arrived since our last command (``* n EXISTS``) in the same packet as
    the IDLE continuation; imaplib reads that packet into its buffer while looking for the ``+``, and
    ``idle_check`` only watches the socket, so the news would sit unread until the IDLE renewal.
    The buffer is peeked with the socket non-blocking: an empty buffer then reads nothing new.
    """
    reader = getattr(client._imap, "file", None)  # imapclient exposes no check of its read buffer
    peek = getattr(reader, "peek", None)
    if peek is None:
        return False
    sock = client.socket()
    timeout = sock.gettimeout()
    sock.settimeout(0.0)
    try:
        return bool(peek(1))
    except (OSError, ValueError):  # nothing buffered, nothing on the wire (TLS says so by raising)
        return False
    finally:
        sock.settimeout(timeout)


def ensure_folder(client: IMAPClient, folder: str) -> None:
    """Create ``folder`` unless it exists.

    Another connection (our Sent-folder filer, a person's mail client) may create the same folder
    between our look and our CREATE; the server then answers ALREADYEXISTS, which is success here.
    """
    if client.folder_exists(folder):
        return
    log.info("creating the IMAP folder %s", folder)
    try:
        client.create_folder(folder)
    except IMAPClientError:
        if not client.folder_exists(folder):
            raise


def _header_text(value: object) -> str | None:
    if value is None:
        return None
    return " ".join("".join(ch if ch.isprintable() else " " for ch in str(value)).split())[:200] or None


def _is_wake(response: Any) -> bool:
    return isinstance(response, tuple) and len(response) >= 2 and response[1] in _WAKE_RESPONSES
