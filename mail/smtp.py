"""SMTP transport: one authenticated session, reused for a whole drain of the outbox.

Why a class around smtplib: smtplib reports failures as a dozen exception types with the SMTP code
buried inside. The sender needs exactly two answers, "try again later" (``TransientError``: 4xx
replies, refused logins, dropped or refused connections, timeouts) and "this will never work"
(``PermanentSendError``: 5xx replies for this message), so the classification lives here, once.
TLS is implicit (``ssl``, port 465) or STARTTLS (port 587), verified against the system trust store
or ``smtp.ca_file`` (a private CA). AUTH is used whenever a username is set (or OAuth2 is
configured), and only over TLS unless the security mode is explicitly ``plain``.

OAuth2 (``smtp.auth = "oauth2-microsoft"`` / ``"oauth2-google"``): Exchange Online turns SMTP basic
auth off, so the session authenticates with ``AUTH XOAUTH2``: the base64 of
``user=<mailbox address>^Aauth=Bearer <token>^A^A`` sent as the initial response. A server that
refuses the token answers ``334`` with an error document; the client must answer it with an empty
line before the server says ``535`` (``xoauth2_login``).
"""

from __future__ import annotations

import logging
import smtplib
import ssl
import time
from email.message import EmailMessage
from email.utils import getaddresses
from typing import TYPE_CHECKING

from mail.flatten import flatten
from mail.oauth import TokenError, TokenSource
from surveybot.errors import SurveybotError, TransientError
from surveybot.settings import Secret, SmtpSettings

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

log = logging.getLogger(__name__)

# A session unused for longer than this is probed with NOOP before the next message; within a drain
# messages follow each other at once, so the probe costs nothing there.
_PROBE_AFTER_SECONDS = 5.0


class PermanentSendError(SurveybotError):
    """The server refused this message for good (5xx); sending it again would fail the same way."""


class SmtpSessionError(TransientError):
    """No usable session (refused or dropped connection, refused login): later messages fail too."""


class SmtpMailer:
    """An SMTP client session that is opened lazily and kept open between messages."""

    def __init__(
        self,
        settings: SmtpSettings,
        password: Secret,
        *,
        ssl_context: ssl.SSLContext | None = None,
        linger_seconds: float = 30.0,
        token_source: TokenSource | None = None,
        oauth_user: str = "",
    ) -> None:
        self.settings = settings
        self._password = password
        self._token_source = token_source
        self._oauth_user = oauth_user or settings.username
        self._ssl_context = ssl_context or tls_context(settings.ca_file)
        self._linger = linger_seconds
        self._smtp: smtplib.SMTP | None = None
        self._last_used = 0.0
        self.connections_opened = 0

    # ------------------------------------------------------------ session

    def _open(self) -> smtplib.SMTP:
        settings, timeout = self.settings, float(self.settings.timeout_seconds)
        try:
            if settings.security == "ssl":
                smtp: smtplib.SMTP = _SmtpSsl(
                    settings.host, settings.port, timeout=timeout, context=self._ssl_context
                )
            else:
                smtp = QuickSmtp(settings.host, settings.port, timeout=timeout)
                if settings.security == "starttls":
                    smtp.starttls(context=self._ssl_context)
            if self._token_source is not None:
                xoauth2_login(smtp, self._oauth_user, self._token_source.access_token())
            elif settings.username:
                smtp.login(settings.username, self._password.reveal())
        except smtplib.SMTPAuthenticationError as exc:
            raise SmtpSessionError(f"the SMTP server refused the login ({exc.smtp_code})") from exc
        except TokenError as exc:
            raise SmtpSessionError(str(exc)) from exc
        except (OSError, smtplib.SMTPException) as exc:
            raise SmtpSessionError(f"cannot open an SMTP session: {_describe(exc)}") from exc
        self.connections_opened += 1
        return smtp

    def _session(self) -> smtplib.SMTP:
        """The open session, reconnecting when it lingered too long or the server dropped it."""
        smtp = self._smtp
        idle = time.monotonic() - self._last_used
        if smtp is not None and idle > self._linger:
            self.close()
            smtp = None
        if smtp is not None and idle > _PROBE_AFTER_SECONDS:  # servers drop idle sessions; ask first
            try:
                smtp.noop()
            except (OSError, smtplib.SMTPException):
                self.close()
                smtp = None
        if smtp is None:
            smtp = self._smtp = self._open()
        return smtp

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()

    def __enter__(self) -> SmtpMailer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ sending

    def send(self, message: EmailMessage, raw: bytes | None = None) -> None:
        """Send one message; raises ``TransientError`` (``SmtpSessionError``) or ``PermanentSendError``.

        ``raw`` is the message already flattened with CRLF line endings (``mail.flatten``), when the
        caller has it. After a connection-level failure the session is dropped, so the next call
        starts a fresh one.
        """
        smtp = self._session()
        envelope = _plain_envelope(message)
        try:
            if envelope is None:
                refused = smtp.send_message(message)
            else:
                refused = smtp.sendmail(envelope[0], envelope[1], raw or flatten(message))
        except smtplib.SMTPRecipientsRefused as exc:
            codes = [code for code, _text in exc.recipients.values()]
            _raise_for_codes(codes, f"every recipient was refused: {_recipient_reasons(exc)}", exc)
        except smtplib.SMTPResponseException as exc:  # MAIL FROM or DATA refused
            _raise_for_codes([exc.smtp_code], _describe(exc), exc)
        except (OSError, smtplib.SMTPException) as exc:  # dropped connection, timeout, protocol error
            self.close()
            raise SmtpSessionError(f"the SMTP session failed: {_describe(exc)}") from exc
        self._last_used = time.monotonic()
        if refused:
            log.warning("some recipients of %s were refused: %s", message["Message-ID"], sorted(refused))


class QuickSmtp(smtplib.SMTP):
    """``smtplib.SMTP`` whose DATA dot-stuffs with ``bytes.replace`` instead of a multi-line regex.

    Why: ``smtplib`` finds line starts with ``re.sub(rb"(?m)^\\.", ...)`` over the whole message,
    which for a mail with a template attached (2 MB, 28,000 lines) cost more than building the mail.
    For bytes the two are the same: a line starts at the beginning or after each LF.
    """

    def data(self, msg: ReadableBuffer | str) -> tuple[int, bytes]:
        if not isinstance(msg, bytes):  # only bytes come from this module; smtplib's path for the rest
            return super().data(msg)
        self.putcmd("data")
        code, reply = self.getreply()
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        stuffed = dot_stuffed(msg)
        # One write with the terminator: a second small write would wait for the server's delayed
        # ACK of the first (Nagle), about 40 ms a message on Linux.
        self.send(stuffed + (b".\r\n" if stuffed.endswith(b"\r\n") else b"\r\n.\r\n"))
        return self.getreply()


def dot_stuffed(data: bytes) -> bytes:
    """``data`` with a dot added to every line that starts with one (RFC 5321 §4.5.2)."""
    stuffed = data.replace(b"\n.", b"\n..")
    return b"." + stuffed if stuffed.startswith(b".") else stuffed


class _SmtpSsl(QuickSmtp, smtplib.SMTP_SSL):
    pass


def _plain_envelope(message: EmailMessage) -> tuple[str, list[str]] | None:
    """Sender and recipients the way ``smtplib.send_message`` finds them, for a message with ASCII
    addresses and no Bcc/Resent headers; None otherwise (``send_message`` then handles SMTPUTF8)."""
    if message["Bcc"] is not None or message["Resent-Date"] is not None:
        return None
    sender = getaddresses([str(message["Sender"] or message["From"])])[0][1]
    fields = [str(value) for name in ("To", "Cc") for value in message.get_all(name, [])]
    recipients = [address for _, address in getaddresses(fields) if address]
    if not sender.isascii() or not all(address.isascii() for address in recipients):
        return None
    return sender, recipients


def tls_context(ca_file: str = "") -> ssl.SSLContext:
    """Verifying TLS against the system trust store, or against ``ca_file`` alone (a private CA)."""
    return ssl.create_default_context(cafile=ca_file or None)


def xoauth2_request(user: str, token: str) -> str:
    """The XOAUTH2 initial client response, before base64 (smtplib encodes it)."""
    return f"user={user}\x01auth=Bearer {token}\x01\x01"


def xoauth2_login(smtp: smtplib.SMTP, user: str, token: str) -> None:
    """``AUTH XOAUTH2`` with the token as initial response; raises ``SMTPAuthenticationError`` (535)."""
    smtp.ehlo_or_helo_if_needed()
    if not smtp.has_extn("auth"):
        raise smtplib.SMTPNotSupportedError("the server offers no AUTH in this mode")
    answers = iter((xoauth2_request(user, token),))

    def respond(challenge: bytes | None = None) -> str:
        # The first call is the initial response; a 334 with an error document needs an empty answer.
        return next(answers, "")

    smtp.auth("XOAUTH2", respond, initial_response_ok=True)


def _raise_for_codes(codes: list[int], reason: str, cause: Exception) -> None:
    if any(400 <= code < 500 for code in codes):
        raise TransientError(reason) from cause
    raise PermanentSendError(reason) from cause


def _recipient_reasons(exc: smtplib.SMTPRecipientsRefused) -> str:
    return "; ".join(f"{code} {_text(text)}" for code, text in exc.recipients.values())


def _describe(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_text(exc.smtp_error)}"
    return f"{type(exc).__name__}: {exc}"[:200]


def _text(value: bytes | str) -> str:
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else value
    return " ".join(text.split())[:200]
