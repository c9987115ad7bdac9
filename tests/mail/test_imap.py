"""Opening the mailbox: TLS modes, password and OAuth2 (XOAUTH2) logins, against a real Dovecot."""

from __future__ import annotations

import dataclasses
import threading
import time

import pytest
from imapclient.exceptions import LoginError

from mail.imap import ImapConnector, Mailbox, connect
from mail.oauth import GOOGLE_TOKEN_URL, TokenError
from surveybot.settings import MailboxSettings, OAuth2Settings
from tests.support.mailservers import (
    PASSWORD,
    Dovecot,
    FakeHttpResponse,
    FakeIdentityProvider,
    TokenIntrospection,
    supplier_mail,
)

ENV = {"SURVEYBOT_IMAP_PASSWORD": PASSWORD, "SURVEYBOT_OAUTH_CLIENT_SECRET": "client-secret-value"}


def mailbox_settings(dovecot: Dovecot, user: str, **overrides: object) -> MailboxSettings:
    base = MailboxSettings(host="127.0.0.1", port=dovecot.port, security="plain", username=user)
    return dataclasses.replace(base, **overrides)  # type: ignore[arg-type]


@pytest.mark.parametrize("security", ["ssl", "starttls", "plain"])
def test_the_bot_logs_in_over_each_security_mode(dovecot: Dovecot, mailbox_user: str, security: str) -> None:
    port = dovecot.ssl_port if security == "ssl" else dovecot.port
    settings = mailbox_settings(dovecot, mailbox_user, security=security, port=port)
    client = connect(settings, ENV, ssl_context=dovecot.cert.client_context())
    try:
        assert client.select_folder("INBOX")[b"EXISTS"] == 0
        if security != "plain":
            assert client.socket().version() is not None  # the session is encrypted
    finally:
        client.logout()


def test_an_untrusted_certificate_is_refused(dovecot: Dovecot, mailbox_user: str) -> None:
    settings = mailbox_settings(dovecot, mailbox_user, security="ssl", port=dovecot.ssl_port)
    with pytest.raises(OSError, match="CERTIFICATE_VERIFY_FAILED"):
        connect(settings, ENV)  # the system trust store does not know the test certificate


def test_a_wrong_password_is_a_login_error_not_a_hang(dovecot: Dovecot, mailbox_user: str) -> None:
    with pytest.raises(LoginError):
        connect(mailbox_settings(dovecot, mailbox_user), {"SURVEYBOT_IMAP_PASSWORD": "wrong"})


def test_microsoft_365_app_token_logs_in_with_xoauth2_and_is_cached(
    dovecot: Dovecot, mailbox_user: str, token_service: TokenIntrospection
) -> None:
    token_service.tokens["m365-token-1"] = mailbox_user
    idp = FakeIdentityProvider(token="m365-token-1")
    oauth = OAuth2Settings(tenant_id="contoso-tenant", client_id="app-id-123")
    settings = mailbox_settings(dovecot, mailbox_user, auth="oauth2-microsoft", oauth2=oauth)
    connector = ImapConnector(settings, ENV, http_client=idp)
    assert idp.requests == []  # msal is built lazily: nothing is contacted while wiring

    for _ in range(2):
        client = connector()
        assert client.select_folder("INBOX")[b"EXISTS"] == 0
        client.logout()

    (form,) = list(idp.posted_forms())  # the second login reused msal's cached token
    assert form["grant_type"] == "client_credentials"
    assert form["scope"] == "https://outlook.office365.com/.default"
    assert form["client_id"] == "app-id-123"
    assert any("contoso-tenant" in url for _method, url, _kw in idp.requests)


def test_a_token_the_server_rejects_is_a_login_error(dovecot: Dovecot, mailbox_user: str) -> None:
    oauth = OAuth2Settings(tenant_id="t", client_id="c")
    settings = mailbox_settings(dovecot, mailbox_user, auth="oauth2-microsoft", oauth2=oauth)
    connector = ImapConnector(settings, ENV, http_client=FakeIdentityProvider(token="never-issued"))
    with pytest.raises(LoginError):
        connector()


class GoogleTokenEndpoint:
    def __init__(self, status: int, answer: str) -> None:
        self.status, self.answer = status, answer
        self.forms: list[dict[str, str]] = []

    def post(self, url: str, data: dict[str, str], timeout: float) -> FakeHttpResponse:
        assert url == GOOGLE_TOKEN_URL
        self.forms.append(dict(data))
        return FakeHttpResponse(self.status, self.answer)


def test_google_refresh_token_gives_an_xoauth2_login(
    dovecot: Dovecot, mailbox_user: str, token_service: TokenIntrospection
) -> None:
    token_service.tokens["ya29.google-token"] = mailbox_user
    endpoint = GoogleTokenEndpoint(200, '{"access_token": "ya29.google-token", "expires_in": 3599}')
    env = {**ENV, "SURVEYBOT_OAUTH_REFRESH_TOKEN": "1//refresh"}
    settings = mailbox_settings(
        dovecot, mailbox_user, auth="oauth2-google", oauth2=OAuth2Settings(client_id="gclient")
    )
    connector = ImapConnector(settings, env, http_client=endpoint)
    connector().logout()
    connector().logout()
    assert len(endpoint.forms) == 1  # cached until shortly before it expires
    assert endpoint.forms[0]["grant_type"] == "refresh_token"
    assert endpoint.forms[0]["refresh_token"] == "1//refresh"


def test_google_refusing_the_refresh_token_names_the_error_not_the_secret(
    dovecot: Dovecot, mailbox_user: str
) -> None:
    endpoint = GoogleTokenEndpoint(400, '{"error": "invalid_grant"}')
    env = {**ENV, "SURVEYBOT_OAUTH_REFRESH_TOKEN": "1//refresh"}
    settings = mailbox_settings(
        dovecot, mailbox_user, auth="oauth2-google", oauth2=OAuth2Settings(client_id="gclient")
    )
    with pytest.raises(TokenError, match="invalid_grant") as caught:
        ImapConnector(settings, env, http_client=endpoint)()
    assert "1//refresh" not in str(caught.value)
    assert "client-secret-value" not in str(caught.value)


def test_fetching_a_mail_never_marks_it_read(dovecot: Dovecot, mailbox_user: str) -> None:
    dovecot.append(mailbox_user, supplier_mail(1))
    mailbox = Mailbox(dovecot.client(mailbox_user))
    state = mailbox.scan("INBOX")
    raw = mailbox.fetch_raw(state.uids[0])
    assert raw is not None and b"Message-ID" in raw
    assert mailbox.fetch_summary(state.uids[0])[1] == "CMRT for mail 1"
    mailbox.close()
    ((_, flags),) = dovecot.folder_messages(mailbox_user, "INBOX")
    assert b"\\Seen" not in flags


def test_idle_wakes_up_when_mail_arrives_and_times_out_when_none_does(
    dovecot: Dovecot, mailbox_user: str
) -> None:
    mailbox = Mailbox(dovecot.client(mailbox_user))
    mailbox.scan("INBOX")
    stop = threading.Event()
    started = time.monotonic()
    assert mailbox.wait_for_mail(0.6, stop, slice_seconds=0.2) is False
    assert 0.5 < time.monotonic() - started < 2.0

    threading.Timer(0.3, dovecot.append, (mailbox_user, supplier_mail(2))).start()
    started = time.monotonic()
    assert mailbox.wait_for_mail(10, stop, slice_seconds=0.5) is True
    assert time.monotonic() - started < 5
    mailbox.close()


@pytest.mark.parametrize("security", ["ssl", "plain"])
def test_mail_that_arrived_after_the_last_search_wakes_idle_at_once(
    dovecot: Dovecot, mailbox_user: str, security: str
) -> None:
    """Dovecot sends that ``* n EXISTS`` in the packet of its ``+ idling``; it must not sit unread."""
    port = dovecot.ssl_port if security == "ssl" else dovecot.port
    settings = mailbox_settings(dovecot, mailbox_user, security=security, port=port)
    mailbox = Mailbox(connect(settings, ENV, ssl_context=dovecot.cert.client_context()))
    stop = threading.Event()
    try:
        for number in range(5):
            assert mailbox.scan("INBOX").uids == tuple(range(1, number + 1))
            dovecot.append(mailbox_user, supplier_mail(number))
            assert mailbox.wait_for_mail(60, stop, slice_seconds=0.5) is True  # not after the renewal
        assert mailbox.wait_for_mail(0.3, stop, slice_seconds=0.1) is False  # nothing is left to say
    finally:
        mailbox.close()
