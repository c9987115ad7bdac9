"""Copies of sent mail in the mailbox's Sent folder, and the one question a restart asks of them.

Why: staff read the shared procurement mailbox in their own mail program; without a copy of each reply
in Sent they see the suppliers' half of every conversation only. SMTP submission does not file a copy
(Gmail is the exception, which files submitted mail itself: no copy is filed for imap.gmail.com, and
``mailbox.save_sent = false`` turns filing off for other such servers),
so the sender APPENDs one (flagged ``\\Seen``) once the server accepted the message, a group at a time.

The folder is ``mailbox.sent_folder`` when set, else the folder the server marks ``\\Sent`` (the
SPECIAL-USE attribute of RFC 6154; imapclient falls back to the usual names such as "Sent Items"),
else a folder "Sent" created on first use.

Because a copy is only ever filed after the server's "250", a copy in Sent proves delivery: a restart
asks ``holding`` for the Message-IDs of items it cannot otherwise settle, before resending any.

Filing is best effort: an IMAP failure is logged and never stops or repeats the sending of mail.
The connection is its own (imapclient is not thread-safe) and lives in the sender's thread.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError
from imapclient.imapclient import SENT

from surveybot.settings import MailboxSettings

log = logging.getLogger(__name__)

DEFAULT_SENT_FOLDER = "Sent"
SEEN = b"\\Seen"
_SELF_FILING_HOSTS = frozenset({"imap.gmail.com", "imap.googlemail.com"})


class SentFolder:
    """Files copies into, and searches, the Sent folder over one lazily opened IMAP connection."""

    def __init__(self, connect: Callable[[], IMAPClient], folder: str = "") -> None:
        self._connect = connect
        self._configured = folder
        self._folder = ""
        self._client: IMAPClient | None = None

    def file(self, copies: list[bytes], when: dt.datetime) -> bool:
        """APPEND ``copies`` as read (one MULTIAPPEND, RFC 3502, when offered); False (logged) on failure."""
        try:
            client, folder = self._session()
            if client.has_capability("MULTIAPPEND"):
                client.multiappend(folder, [{"msg": raw, "flags": (SEEN,), "date": when} for raw in copies])
            else:
                for raw in copies:
                    client.append(folder, raw, flags=(SEEN,), msg_time=when)
        except (OSError, IMAPClientError):
            log.warning("could not file %d copies in the Sent folder", len(copies), exc_info=True)
            self.close()
            return False
        return True

    def holding(self, message_ids: Iterable[str]) -> set[str]:
        """The Message-IDs among ``message_ids`` that have a copy in the Sent folder.

        Raises ``OSError``/``IMAPClientError`` when the folder cannot be searched: the caller must
        then not take "no copy" for an answer.
        """
        wanted = sorted(set(message_ids))
        if not wanted:
            return set()
        client, folder = self._session()
        client.select_folder(folder, readonly=True)
        return {mid for mid in wanted if client.search(["HEADER", "Message-ID", mid])}

    def _session(self) -> tuple[IMAPClient, str]:
        if self._client is None:
            self._client = self._connect()
        if not self._folder:
            self._folder = self._find_or_create(self._client)
        return self._client, self._folder

    def _find_or_create(self, client: IMAPClient) -> str:
        folder = choose_folder(client, self._configured)
        if not client.folder_exists(folder):
            log.info("creating the IMAP folder %s for copies of sent mail", folder)
            client.create_folder(folder)
        return folder

    def close(self) -> None:
        client, self._client = self._client, None
        if client is None:
            return
        try:
            client.logout()
        except Exception:  # the connection is being dropped; its errors tell nothing new
            log.debug("closing the Sent-folder connection failed", exc_info=True)


def files_sent_mail_itself(settings: MailboxSettings) -> bool:
    """Gmail puts every mail submitted over SMTP in "Sent Mail" itself: a copy from us would be a second."""
    return settings.host.casefold().rstrip(".") in _SELF_FILING_HOSTS


def choose_folder(client: IMAPClient, configured: str = "") -> str:
    """The configured folder, else the one marked ``\\Sent``, else "Sent" (which may not exist yet)."""
    return configured or _special_sent(client) or DEFAULT_SENT_FOLDER


def _special_sent(client: IMAPClient) -> str | None:
    found = client.find_special_folder(SENT)
    return str(found) if found else None
