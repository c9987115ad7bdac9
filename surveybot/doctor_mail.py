"""``surveybot doctor``'s mail checks: log in to the IMAP mailbox and hold an SMTP session, as the
service would, and turn each way that can fail into one sentence saying what to change.

Why not reuse the service's error handling: the service only needs "retry later" or "give up", while
a person setting it up needs to know *which* setting is wrong (host, port, security mode, password).
The IMAP login goes through ``mail.imap.connect`` so doctor tests exactly the service's code path;
the SMTP check speaks EHLO/STARTTLS/AUTH/NOOP/QUIT itself and never sends a mail.
"""

from __future__ import annotations

import dataclasses
import logging
import smtplib
import socket
import ssl

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from mail.imap import connect
from mail.oauth import TokenError, token_source_for
from mail.sent_folder import choose_folder, files_sent_mail_itself
from mail.smtp import tls_context, xoauth2_login
from surveybot.doctor import CheckResult, Probe, skipped
from surveybot.errors import ConfigError, TransientError
from surveybot.settings import MailboxSettings, Settings, SmtpSettings, resolve_secret

log = logging.getLogger(__name__)


def connection_failure(exc: OSError, where: str, section: str, timeout: int) -> tuple[str, str]:
    """(what happened, what to fix) for a socket or TLS error while reaching ``where``."""
    host_port = f"check {section}.host and {section}.port"
    if isinstance(exc, socket.gaierror):
        return f"the host name of {where} does not resolve", f"{host_port} (DNS name of the server)"
    if isinstance(exc, ConnectionRefusedError):
        return f"connection to {where} refused (nothing listens there)", f"{host_port}; is the server up?"
    if isinstance(exc, TimeoutError):
        return (
            f"no answer from {where} within {timeout} s",
            f"{host_port}, and that a firewall lets it through",
        )
    if isinstance(exc, ssl.SSLCertVerificationError):
        return (
            f"the TLS certificate of {where} is not trusted ({exc.verify_message})",
            f"use the name on the server's certificate in {section}.host, or name its CA in "
            f"{section}.ca_file (a private CA) or add it to the system trust store",
        )
    if isinstance(exc, ssl.SSLError):
        return (
            f"TLS handshake with {where} failed ({exc.reason or type(exc).__name__})",
            f"check that {section}.security matches the port (ssl: 993/465, starttls: 143/587)",
        )
    return f"cannot reach {where} ({exc.strerror or type(exc).__name__})", host_port


def _secret_hint(env_name: str, file_path: str) -> str:
    return f"the secret file {file_path}" if file_path else env_name


# ------------------------------------------------------------------ IMAP


def check_imap(settings: MailboxSettings, probe: Probe) -> list[CheckResult]:
    """Log in as the watcher does, then look at the folders and the server's features."""
    if not settings.host:
        return [skipped("imap", "mailbox.host is empty: no mailbox is watched")]
    where = f"{settings.host}:{settings.port} ({settings.security})"
    quick = dataclasses.replace(settings, socket_timeout_seconds=probe.timeout)
    try:
        client = connect(quick, probe.env, ssl_context=probe.ssl_context, http_client=probe.http_client)
    except Exception as exc:
        log.debug("IMAP check: no session with %s", where, exc_info=True)
        detail, fix = _imap_failure(exc, settings, where, probe.timeout)
        return [CheckResult("imap", False, detail, fix), skipped("imap folders", "no IMAP session")]
    try:
        login = CheckResult("imap", True, f"logged in to {where} as {settings.username}")
        return [login, _imap_folders(client, settings), _imap_features(client, settings)]
    finally:
        _logout_quietly(client)


def _imap_failure(exc: Exception, settings: MailboxSettings, where: str, timeout: int) -> tuple[str, str]:
    if isinstance(exc, LoginError):
        if settings.auth == "password":
            secret = _secret_hint(settings.password_env, settings.password_file)
            fix = f"check {secret} or mailbox.username"
        else:
            fix = "check mailbox.oauth2 and that the app registration was granted access to this mailbox"
        return f"IMAP login refused for user {settings.username} at {where}", fix
    if isinstance(exc, TokenError):
        oauth = settings.oauth2
        secret = _secret_hint(oauth.client_secret_env, oauth.client_secret_file)
        return str(exc), f"check mailbox.oauth2.client_id, tenant_id and the client secret in {secret}"
    if isinstance(exc, TransientError):
        return str(exc), "check the network path to the identity provider (proxy, firewall)"
    if isinstance(exc, ConfigError):
        return "; ".join(exc.problems), "complete [mailbox.oauth2] in the config file"
    if isinstance(exc, OSError):
        return connection_failure(exc, where, "mailbox", timeout)
    if isinstance(exc, IMAPClientError):
        return (
            f"the IMAP conversation with {where} failed ({_short(exc)})",
            "check mailbox.security and mailbox.port: is this an IMAP server speaking that mode?",
        )
    raise exc


def _imap_folders(client: IMAPClient, settings: MailboxSettings) -> CheckResult:
    inbox = settings.inbox_folder
    if not client.folder_exists(inbox):
        names = ", ".join(str(folder[2]) for folder in client.list_folders()[:10])
        return CheckResult(
            "imap folders",
            False,
            f"the inbox folder '{inbox}' does not exist",
            f"set mailbox.inbox_folder to one of: {names}",
        )
    messages = int(client.folder_status(inbox, [b"MESSAGES"])[b"MESSAGES"])
    parts = [f"'{inbox}' holds {messages} message{'s' if messages != 1 else ''}"]
    for folder in (settings.processed_folder, settings.quarantine_folder):
        state = "exists" if client.folder_exists(folder) else "will be created on first use"
        parts.append(f"'{folder}' {state}")
    parts.append(_sent_copies(client, settings))
    return CheckResult("imap folders", True, "; ".join(parts))


def _sent_copies(client: IMAPClient, settings: MailboxSettings) -> str:
    if files_sent_mail_itself(settings):
        return "no copies of sent mail are filed (the server files them itself)"
    if not settings.save_sent:
        return "no copies of sent mail are filed (mailbox.save_sent = false)"
    folder = choose_folder(client, settings.sent_folder)
    created = "" if client.folder_exists(folder) else " (created on first use)"
    return f"copies of sent mail go to '{folder}'{created}"


def _imap_features(client: IMAPClient, settings: MailboxSettings) -> CheckResult:
    idle = (
        "IDLE yes (new mail is noticed at once)"
        if client.has_capability("IDLE")
        else f"IDLE no (the inbox is polled every {settings.poll_seconds} s)"
    )
    move = "MOVE yes" if client.has_capability("MOVE") else "MOVE no (moved by copy + delete)"
    return CheckResult("imap features", True, f"{idle}; {move}")


def _logout_quietly(client: IMAPClient) -> None:
    try:
        client.logout()
    except Exception:  # the check is over; a failing LOGOUT tells nothing about the setup
        log.debug("IMAP logout failed", exc_info=True)


# ------------------------------------------------------------------ SMTP


class _SmtpRefusal(Exception):
    """A step the server does not offer; carries the sentence and the fix."""

    def __init__(self, detail: str, fix: str) -> None:
        super().__init__(detail)
        self.detail, self.fix = detail, fix


def check_smtp(config: Settings, probe: Probe) -> CheckResult:
    """Connect, EHLO, TLS, AUTH (password or XOAUTH2) when configured, NOOP and QUIT; never a mail."""
    settings = config.smtp
    if not settings.host:
        return skipped("smtp", "smtp.host is empty: replies stay queued in the outbox")
    where = f"{settings.host}:{settings.port} ({settings.security})"
    try:
        steps = _smtp_session(config, probe)
    except _SmtpRefusal as refusal:
        return CheckResult("smtp", False, refusal.detail, refusal.fix)
    except smtplib.SMTPAuthenticationError as exc:
        log.debug("SMTP check: login refused", exc_info=True)
        return CheckResult("smtp", False, *_smtp_login_refused(config, where, exc.smtp_code))
    except (TokenError, TransientError, ConfigError) as exc:
        log.debug("SMTP check: no OAuth2 token", exc_info=True)
        detail = "; ".join(exc.problems) if isinstance(exc, ConfigError) else str(exc)
        return CheckResult(
            "smtp", False, detail, "check [mailbox.oauth2]: client id, tenant and client secret"
        )
    except smtplib.SMTPResponseException as exc:
        log.debug("SMTP check: refused", exc_info=True)
        return CheckResult(
            "smtp", False, f"{where} answered {exc.smtp_code} {_short(exc.smtp_error)}", "check smtp.security"
        )
    except (smtplib.SMTPException, OSError) as exc:
        log.debug("SMTP check: no session with %s", where, exc_info=True)
        if isinstance(exc, OSError):
            detail, fix = connection_failure(exc, where, "smtp", probe.timeout)
        else:
            detail = f"the SMTP conversation with {where} failed ({_short(exc)})"
            fix = "check smtp.security and smtp.port: is this an SMTP server speaking that mode?"
        return CheckResult("smtp", False, detail, fix)
    return CheckResult("smtp", True, f"{where}: {', '.join(steps)}; no mail sent")


def _smtp_login_refused(config: Settings, where: str, code: int) -> tuple[str, str]:
    settings = config.smtp
    if settings.auth != "password":
        return (
            f"SMTP XOAUTH2 login refused for {config.mailbox_address} at {where} ({code})",
            "check that the app registration has SMTP.SendAsApp, its service principal is registered in "
            "Exchange and has Add-MailboxPermission on this mailbox, and that mailbox.address is the mailbox",
        )
    secret = _secret_hint(settings.password_env, settings.password_file)
    return (
        f"SMTP login refused for user {settings.username} at {where} ({code})",
        f"check {secret} or smtp.username",
    )


def _smtp_session(config: Settings, probe: Probe) -> list[str]:
    settings = config.smtp
    context = probe.ssl_context or tls_context(settings.ca_file)
    smtp: smtplib.SMTP
    if settings.security == "ssl":
        smtp = smtplib.SMTP_SSL(settings.host, settings.port, timeout=probe.timeout, context=context)
    else:
        smtp = smtplib.SMTP(settings.host, settings.port, timeout=probe.timeout)
    steps = ["TLS" if settings.security == "ssl" else "connected"]
    try:
        smtp.ehlo()
        steps.append("EHLO")
        if settings.security == "starttls":
            _starttls(smtp, context)
            steps.append("STARTTLS")
        if settings.auth != "password":
            _xoauth2(smtp, config, probe)
            steps.append(f"AUTH XOAUTH2 as {config.mailbox_address}")
        elif settings.username:
            _login(smtp, settings, probe)
            steps.append(f"AUTH as {settings.username}")
        smtp.noop()
        steps.append("NOOP")
        smtp.quit()
        steps.append("QUIT")
    finally:
        smtp.close()
    return steps


def _starttls(smtp: smtplib.SMTP, context: ssl.SSLContext) -> None:
    if not smtp.has_extn("starttls"):
        raise _SmtpRefusal(
            "the server does not offer STARTTLS",
            'set smtp.security = "ssl" with port 465, or "plain" only for a relay on a trusted network',
        )
    smtp.starttls(context=context)
    smtp.ehlo()


def _login(smtp: smtplib.SMTP, settings: SmtpSettings, probe: Probe) -> None:
    if not smtp.has_extn("auth"):
        raise _SmtpRefusal(
            "the server offers no AUTH in this mode",
            "check smtp.security (many servers offer AUTH only after STARTTLS), or leave smtp.username "
            "empty for a relay that needs no login",
        )
    password = resolve_secret(settings.password_env, settings.password_file, probe.env)
    smtp.login(settings.username, password.reveal())


def _xoauth2(smtp: smtplib.SMTP, config: Settings, probe: Probe) -> None:
    tokens = token_source_for(config.smtp.auth, config.mailbox.oauth2, probe.env, probe.http_client)
    assert tokens is not None  # auth is not "password" here
    xoauth2_login(smtp, config.mailbox_address, tokens.access_token())


def _short(value: object) -> str:
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    return " ".join(text.split())[:160]
