"""Logging in without passwords and trusting a private CA: SMTP XOAUTH2 against aiosmtpd (Microsoft 365
client credentials through msal, Google refresh tokens), ``surveybot doctor``'s check of it, and
``ca_file`` for IMAP (Dovecot) and SMTP TLS.
"""

from __future__ import annotations

import dataclasses
import ssl
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest

from handlers.ports import RecordingNotifier
from mail.compose import build_message
from mail.imap import connect
from mail.oauth import GOOGLE_TOKEN_URL
from mail.sender import OutboxSender
from mail.service import MailService, smtp_mailer
from mail.smtp import SmtpMailer, SmtpSessionError, xoauth2_request
from storage import MailDraft, ManualClock, OutboxState, memory_store
from surveybot.doctor import Probe, run_checks
from surveybot.settings import MailboxSettings, OAuth2Settings, Secret, Settings, SmtpSettings
from tests.mail.test_sent_folder import START
from tests.support.mailservers import (
    PASSWORD,
    SMTP_PASSWORD,
    SMTP_USER,
    CollectingHandler,
    Dovecot,
    FakeHttpResponse,
    FakeIdentityProvider,
    SmtpServer,
    TlsCert,
    TokenIntrospection,
    XOAuth2Handler,
)

MAILBOX = "rmi-survey@contoso.example"
LOGIN = "svc-surveybot@contoso.example"  # the login differs from the mailbox it sends as
ENV = {"SURVEYBOT_OAUTH_CLIENT_SECRET": "client-secret-value", "SURVEYBOT_OAUTH_REFRESH_TOKEN": "1//refresh"}


def oauth_settings(server: CollectingHandler, auth: str) -> Settings:
    oauth = OAuth2Settings(tenant_id="contoso-tenant", client_id="app-id-123")
    return Settings(
        mailbox=MailboxSettings(address=MAILBOX, username=LOGIN, auth=auth, oauth2=oauth),  # type: ignore[arg-type]
        smtp=SmtpSettings(host="localhost", port=server.port, auth=auth, from_address="unused@example.com"),  # type: ignore[arg-type]
    )


def draft(number: int) -> MailDraft:
    return MailDraft(
        to=("jane.doe@acme-metals.example",),
        subject=f"Re: CMRT {number}",
        text="Thank you.",
        dedupe_key=f"reply:<m{number}@acme-metals.example>",
        headers={"Auto-Submitted": "auto-replied"},
    )


def one_message() -> EmailMessage:
    return build_message(draft(1), from_address=MAILBOX, date=START)


def send_two_in_two_sessions(settings: Settings, mailer: SmtpMailer) -> list[OutboxState]:
    clock = ManualClock(START)
    store = memory_store(clock)
    sender = OutboxSender(
        store, mailer, settings.smtp, notifier=RecordingNotifier(), clock=clock,
        from_address=settings.mailbox_address,
    )  # fmt: skip
    states = []
    for number in (1, 2):
        item = store.outbox.enqueue(draft(number))
        sender.drain()
        mailer.close()  # the next mail needs a new session, hence a new login
        states.append(store.outbox.get(item.id).state)
    return states


@pytest.fixture
def xoauth2_server(tls_cert: TlsCert) -> Iterator[XOAuth2Handler]:
    with SmtpServer(tls_cert, xoauth2_tokens={}) as handler:
        assert isinstance(handler, XOAuth2Handler)
        yield handler


def test_microsoft_365_sends_with_xoauth2_as_the_mailbox_with_one_cached_app_token(
    xoauth2_server: XOAuth2Handler, tls_cert: TlsCert
) -> None:
    xoauth2_server.tokens["m365-smtp-token"] = MAILBOX
    idp = FakeIdentityProvider(token="m365-smtp-token")
    settings = oauth_settings(xoauth2_server, "oauth2-microsoft")
    mailer = smtp_mailer(settings, ENV, ssl_context=tls_cert.client_context(), http_client=idp)
    assert idp.requests == []  # nothing is contacted while wiring

    assert send_two_in_two_sessions(settings, mailer) == [OutboxState.SENT, OutboxState.SENT]
    assert xoauth2_server.logins == [MAILBOX, MAILBOX]  # the mailbox, not the login name
    first, second = xoauth2_server.messages
    assert first.message["From"].addresses[0].addr_spec == MAILBOX
    assert first.rcpt_tos == second.rcpt_tos == ["jane.doe@acme-metals.example"]
    (form,) = list(idp.posted_forms())  # msal served the second login from its cache
    assert form["grant_type"] == "client_credentials"
    assert form["scope"] == "https://outlook.office365.com/.default"
    assert form["client_id"] == "app-id-123"


class GoogleTokenEndpoint:
    def __init__(self, token: str) -> None:
        self.token = token
        self.forms: list[dict[str, str]] = []

    def post(self, url: str, data: dict[str, str], timeout: float) -> FakeHttpResponse:
        assert url == GOOGLE_TOKEN_URL
        self.forms.append(dict(data))
        return FakeHttpResponse(200, f'{{"access_token": "{self.token}", "expires_in": 3599}}')


def test_google_sends_with_xoauth2_from_the_stored_refresh_token(
    xoauth2_server: XOAuth2Handler, tls_cert: TlsCert
) -> None:
    xoauth2_server.tokens["ya29.smtp"] = MAILBOX
    endpoint = GoogleTokenEndpoint("ya29.smtp")
    settings = oauth_settings(xoauth2_server, "oauth2-google")
    mailer = smtp_mailer(settings, ENV, ssl_context=tls_cert.client_context(), http_client=endpoint)
    assert send_two_in_two_sessions(settings, mailer) == [OutboxState.SENT, OutboxState.SENT]
    assert xoauth2_server.logins == [MAILBOX, MAILBOX]
    (form,) = endpoint.forms
    assert (form["grant_type"], form["refresh_token"]) == ("refresh_token", "1//refresh")


def test_a_refused_token_ends_the_xoauth2_exchange_with_535_as_a_retryable_session_error(
    xoauth2_server: XOAuth2Handler, tls_cert: TlsCert
) -> None:
    settings = oauth_settings(xoauth2_server, "oauth2-microsoft")
    idp = FakeIdentityProvider(token="never-issued")
    mailer = smtp_mailer(settings, ENV, ssl_context=tls_cert.client_context(), http_client=idp)
    with pytest.raises(SmtpSessionError, match=r"refused the login \(535\)"):
        mailer.send(one_message())
    assert xoauth2_server.messages == [] and xoauth2_server.logins == []


def test_the_xoauth2_initial_response_has_the_documented_shape() -> None:
    assert xoauth2_request(MAILBOX, "tok") == f"user={MAILBOX}\x01auth=Bearer tok\x01\x01"


def write_config(path: Path, server: CollectingHandler, auth: str) -> Path:
    path.write_text(
        f'[mailbox]\naddress = "{MAILBOX}"\nauth = "{auth}"\n'
        '[mailbox.oauth2]\ntenant_id = "contoso-tenant"\nclient_id = "app-id-123"\n'
        f'[smtp]\nhost = "localhost"\nport = {server.port}\nauth = "{auth}"\n',
        encoding="utf-8",
    )
    return path


def test_doctor_logs_in_with_xoauth2_and_explains_a_refusal_with_the_exchange_permissions(
    xoauth2_server: XOAuth2Handler, tls_cert: TlsCert, tmp_path: Path
) -> None:
    xoauth2_server.tokens["m365-doctor"] = MAILBOX
    config = write_config(tmp_path / "config.toml", xoauth2_server, "oauth2-microsoft")

    def smtp_result(token: str) -> tuple[bool, str, str]:
        probe = Probe(env=ENV, ssl_context=tls_cert.client_context(), http_client=FakeIdentityProvider(token))
        results = run_checks(config, data_dir_for=lambda _settings: tmp_path / "data", probe=probe)
        found = next(result for result in results if result.name == "smtp")
        return found.ok, found.detail, found.fix

    ok, detail, _fix = smtp_result("m365-doctor")
    assert ok and f"STARTTLS, AUTH XOAUTH2 as {MAILBOX}, NOOP, QUIT; no mail sent" in detail
    ok, detail, fix = smtp_result("never-issued")
    assert not ok
    assert (
        detail
        == f"SMTP XOAUTH2 login refused for {MAILBOX} at localhost:{xoauth2_server.port} (starttls) (535)"
    )
    assert "SMTP.SendAsApp" in fix and "Add-MailboxPermission" in fix
    assert xoauth2_server.messages == []


# ------------------------------------------------------------------ ca_file


def test_imap_trusts_a_private_ca_named_in_ca_file_and_nothing_else(
    dovecot: Dovecot, mailbox_user: str
) -> None:
    base = MailboxSettings(host="localhost", port=dovecot.ssl_port, security="ssl", username=mailbox_user)
    env = {"SURVEYBOT_IMAP_PASSWORD": PASSWORD}
    with pytest.raises(ssl.SSLCertVerificationError):
        connect(base, env)
    client = connect(dataclasses.replace(base, ca_file=dovecot.cert.certfile), env)
    assert client.select_folder("INBOX")[b"EXISTS"] == 0
    client.logout()


def test_smtp_trusts_a_private_ca_named_in_ca_file_and_nothing_else(
    smtp_server: CollectingHandler, tls_cert: TlsCert
) -> None:
    base = SmtpSettings(host="localhost", port=smtp_server.port, username=SMTP_USER)
    with pytest.raises(SmtpSessionError, match="CERTIFICATE_VERIFY_FAILED"):
        SmtpMailer(base, Secret(SMTP_PASSWORD)).send(one_message())
    trusted = SmtpMailer(dataclasses.replace(base, ca_file=tls_cert.certfile), Secret(SMTP_PASSWORD))
    trusted.send(one_message())
    trusted.close()
    (got,) = smtp_server.messages
    assert got.rcpt_tos == ["jane.doe@acme-metals.example"]


def test_imap_xoauth2_logs_in_as_the_mailbox_address_not_the_login_name(
    dovecot: Dovecot, mailbox_user: str, token_service: TokenIntrospection
) -> None:
    token_service.tokens["m365-imap-address"] = mailbox_user  # the token is the mailbox's
    oauth = OAuth2Settings(tenant_id="contoso-tenant", client_id="app-id-123")
    settings = MailboxSettings(
        host="127.0.0.1", port=dovecot.port, security="plain", username=LOGIN, address=mailbox_user,
        auth="oauth2-microsoft", oauth2=oauth,
    )  # fmt: skip
    client = connect(settings, ENV, http_client=FakeIdentityProvider(token="m365-imap-address"))
    assert client.select_folder("INBOX")[b"EXISTS"] == 0
    client.logout()


def test_the_mailbox_address_is_the_from_and_message_id_domain_of_what_the_service_sends(
    smtp_server: CollectingHandler, tls_cert: TlsCert
) -> None:
    settings = Settings(
        mailbox=MailboxSettings(address="rmi-survey@contoso.example", username=LOGIN),
        smtp=SmtpSettings(
            host="localhost", port=smtp_server.port, username=SMTP_USER, from_address="x@old.example"
        ),
    )
    clock = ManualClock(START)
    store = memory_store(clock)
    service = MailService(
        settings, store, lambda *_args: None, notifier=RecordingNotifier(), clock=clock,  # type: ignore[arg-type,return-value]
        secrets={"SURVEYBOT_SMTP_PASSWORD": SMTP_PASSWORD}, smtp_ssl_context=tls_cert.client_context(),
    )  # fmt: skip
    store.outbox.enqueue(draft(1))
    assert service.sender.drain().sent == 1
    (got,) = smtp_server.messages
    assert got.mail_from == "rmi-survey@contoso.example"
    assert got.message["From"].addresses[0].addr_spec == "rmi-survey@contoso.example"
    assert str(got.message["Message-ID"]).endswith("@contoso.example>")
    service.mailer.close()
