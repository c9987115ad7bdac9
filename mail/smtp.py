"""SMTP transport: one authenticated session, reused for a whole drain of the outbox.

Why a class around smtplib: smtplib reports failures as a dozen exception types with the SMTP code
buried inside. The sender needs exactly two answers, "try again later" (``TransientError``: 4xx
replies, refused logins, dropped or refused connections, timeouts) and "this will never work"
(``PermanentSendError``: 5xx replies for this message), so the classification lives here, once.
TLS is implicit (``ssl``, port 465) or STARTTLS (port 587); AUTH is used whenever a username is set,
and only over TLS unless the security mode is explicitly ``plain``.
"""

from __future__ import annotations

import logging
import smtplib
import ssl
import time
from email.message import EmailMessage

from surveybot.errors import SurveybotError, TransientError
from surveybot.settings import Secret, SmtpSettings

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
    ) -> None:
        self.settings = settings
        self._password = password
        self._ssl_context = ssl_context or ssl.create_default_context()
        self._linger = linger_seconds
        self._smtp: smtplib.SMTP | None = None
        self._last_used = 0.0
        self.connections_opened = 0

    # ------------------------------------------------------------ session

    def _open(self) -> smtplib.SMTP:
        settings, timeout = self.settings, float(self.settings.timeout_seconds)
        try:
            if settings.security == "ssl":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                    settings.host, settings.port, timeout=timeout, context=self._ssl_context
                )
            else:
                smtp = smtplib.SMTP(settings.host, settings.port, timeout=timeout)
                if settings.security == "starttls":
                    smtp.starttls(context=self._ssl_context)
            if settings.username:
                smtp.login(settings.username, self._password.reveal())
        except smtplib.SMTPAuthenticationError as exc:
            raise SmtpSessionError(f"the SMTP server refused the login ({exc.smtp_code})") from exc
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

    def send(self, message: EmailMessage) -> None:
        """Send one message; raises ``TransientError`` (``SmtpSessionError``) or ``PermanentSendError``.

        After a connection-level failure the session is dropped, so the next call starts a fresh one.
        """
        smtp = self._session()
        try:
            refused = smtp.send_message(message)
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
