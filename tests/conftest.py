"""Shared fixtures: a real Dovecot IMAP server (once per session) and real aiosmtpd servers (per test).

``REQUIRE_DOVECOT=1`` (set by scripts/test and CI) turns a missing Dovecot into a failure instead of
a skip, so CI can never go green by silently skipping the mail tests.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.mailservers import (
    DOVECOT,
    LEGACY_CAPABILITIES,
    CollectingHandler,
    Dovecot,
    SmtpServer,
    TlsCert,
    TokenIntrospection,
    make_tls_cert,
)

# Builds every module's workbooks (``workbook_jobs()``) in one run before the first test.
pytest_plugins = ["tests.support.prebuild"]


def _require_dovecot() -> None:
    if not os.path.exists(DOVECOT):
        if os.environ.get("REQUIRE_DOVECOT"):
            pytest.fail("dovecot is not installed but REQUIRE_DOVECOT is set (apt-get install dovecot-imapd)")
        pytest.skip("dovecot is not installed (apt-get install -y dovecot-imapd)")


@pytest.fixture(scope="session")
def token_service() -> Iterator[TokenIntrospection]:
    """The OAuth2 token-introspection endpoint the session Dovecot asks about XOAUTH2 tokens."""
    with TokenIntrospection({}) as service:
        yield service


@pytest.fixture(scope="session")
def dovecot(token_service: TokenIntrospection) -> Iterator[Dovecot]:
    """One Dovecot for the session; each test takes its own user (= its own empty mailbox).

    It accepts password logins for any user and XOAUTH2 logins for tokens put in ``token_service``.
    """
    _require_dovecot()
    server = Dovecot(introspection_url=token_service.url)
    server.start()
    yield server
    server.cleanup()


@pytest.fixture(scope="session")
def legacy_dovecot() -> Iterator[Dovecot]:
    """A Dovecot that advertises neither IDLE nor MOVE, like the oldest servers the watcher supports."""
    _require_dovecot()
    server = Dovecot(capabilities=LEGACY_CAPABILITIES)
    server.start()
    yield server
    server.cleanup()


@pytest.fixture
def mailbox_user(dovecot: Dovecot) -> str:
    return dovecot.add_user()


@pytest.fixture(scope="session")
def tls_cert() -> Iterator[TlsCert]:
    directory = Path(tempfile.mkdtemp(prefix="smtp-cert-"))
    yield make_tls_cert(directory)
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def smtp_server(tls_cert: TlsCert) -> Iterator[CollectingHandler]:
    """aiosmtpd with STARTTLS required and AUTH (``bot`` / ``smtp-s3cret``) only after STARTTLS."""
    with SmtpServer(tls_cert, "starttls") as handler:
        yield handler


@pytest.fixture
def smtps_server(tls_cert: TlsCert) -> Iterator[CollectingHandler]:
    """aiosmtpd with implicit TLS (SMTPS, the port-465 style) and AUTH."""
    with SmtpServer(tls_cert, "ssl") as handler:
        yield handler
