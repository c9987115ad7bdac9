"""OAuth2 access tokens for mailbox login (XOAUTH2): Microsoft 365 app-only, and Google refresh tokens.

Why its own module: token acquisition is HTTP to an identity provider, which has nothing to do with
IMAP. Both sources take an injectable ``http_client`` (an object with ``get``/``post`` returning objects
with ``status_code``, ``text``, ``headers``), so tests answer them offline; msal's
``ConfidentialClientApplication`` contacts the provider as soon as it is constructed, so it is built
lazily, on the first token request, never at import or wiring time. Error messages name the provider's
error code, never the secret or the token.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from surveybot.errors import ConfigError, TransientError
from surveybot.settings import OAuth2Settings, Secret, resolve_secret

GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token"
# Renew a cached Google token this long before it expires, so a login never uses a dying token.
_EXPIRY_MARGIN_SECONDS = 120.0


class TokenError(Exception):
    """The identity provider refused to issue a token (bad client id/secret, consent missing)."""


class TokenSource(Protocol):
    def access_token(self) -> str:
        """A currently valid access token; raises ``TokenError`` or ``TransientError``."""
        ...


AuthKind = Literal["password", "oauth2-microsoft", "oauth2-google"]


def token_source_for(
    auth: AuthKind, oauth: OAuth2Settings, secrets: Mapping[str, str] | None, http_client: Any = None
) -> TokenSource | None:
    """The token source ``auth`` names (None for passwords); IMAP and SMTP use the same app registration."""
    if auth == "password":
        return None
    client_secret = resolve_secret(oauth.client_secret_env, oauth.client_secret_file, secrets)
    if auth == "oauth2-microsoft":
        if not (oauth.tenant_id and oauth.client_id and client_secret):
            raise ConfigError(["mailbox.oauth2: tenant_id, client_id and the client secret are required"])
        return MicrosoftAppToken(oauth, client_secret, http_client)
    refresh = resolve_secret(oauth.refresh_token_env, oauth.refresh_token_file, secrets)
    if not (oauth.client_id and client_secret and refresh):
        raise ConfigError(["mailbox.oauth2: client_id, the client secret and a refresh token are required"])
    return GoogleRefreshToken(oauth, client_secret, refresh, http_client)


class MicrosoftAppToken:
    """Client-credentials tokens for Exchange Online (``IMAP.AccessAsApp``, ``SMTP.SendAsApp``; both take
    the scope ``https://outlook.office365.com/.default``); msal caches and renews them."""

    def __init__(self, oauth: OAuth2Settings, client_secret: Secret, http_client: Any = None) -> None:
        self._oauth = oauth
        self._client_secret = client_secret
        self._http_client = http_client
        self._app: Any = None

    def _application(self) -> Any:
        if self._app is None:
            import msal  # heavy, and constructing it performs network I/O: only when a token is needed

            extra = {"http_client": self._http_client} if self._http_client is not None else {}
            self._app = msal.ConfidentialClientApplication(
                client_id=self._oauth.client_id,
                authority=f"{self._oauth.authority.rstrip('/')}/{self._oauth.tenant_id}",
                client_credential=self._client_secret.reveal(),
                **extra,
            )
        return self._app

    def access_token(self) -> str:
        try:
            result = self._application().acquire_token_for_client(scopes=[self._oauth.scope])
        except (OSError, ValueError) as exc:  # requests' ConnectionError is an OSError
            self._app = None  # rebuild next time: construction may have failed half-way
            raise TransientError(f"Microsoft identity platform unreachable: {type(exc).__name__}") from exc
        token = result.get("access_token") if isinstance(result, dict) else None
        if not token:
            error = result.get("error", "unknown_error") if isinstance(result, dict) else "unknown_error"
            raise TokenError(f"Microsoft refused the client-credentials token request ({error})")
        return str(token)


@dataclass
class _CachedToken:
    value: str
    expires_at: float


class GoogleRefreshToken:
    """Access tokens for Gmail/Workspace (scope ``https://mail.google.com/``) from a stored refresh token."""

    def __init__(
        self,
        oauth: OAuth2Settings,
        client_secret: Secret,
        refresh_token: Secret,
        http_client: Any = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._oauth = oauth
        self._client_secret = client_secret
        self._refresh_token = refresh_token
        self._http = http_client if http_client is not None else UrllibHttpClient()
        self._monotonic = monotonic
        self._cached: _CachedToken | None = None

    def access_token(self) -> str:
        now = self._monotonic()
        if self._cached and now < self._cached.expires_at - _EXPIRY_MARGIN_SECONDS:
            return self._cached.value
        form = {
            "grant_type": "refresh_token",
            "client_id": self._oauth.client_id,
            "client_secret": self._client_secret.reveal(),
            "refresh_token": self._refresh_token.reveal(),
        }
        try:
            response = self._http.post(GOOGLE_TOKEN_URL, data=form, timeout=30)
        except OSError as exc:
            raise TransientError(f"Google token endpoint unreachable: {type(exc).__name__}") from exc
        answer = _json_object(response.text)
        if response.status_code >= 500:
            raise TransientError(f"Google token endpoint answered HTTP {response.status_code}")
        token = answer.get("access_token")
        if response.status_code != 200 or not isinstance(token, str) or not token:
            raise TokenError(f"Google refused the refresh-token grant ({answer.get('error', 'no token')})")
        lifetime = float(answer.get("expires_in", 3600))
        self._cached = _CachedToken(token, now + lifetime)
        return token


def _json_object(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


@dataclass(frozen=True)
class HttpResponse:
    status_code: int
    text: str
    headers: dict[str, str]


class UrllibHttpClient:
    """The smallest ``http_client`` for the Google source: a form POST over the standard library."""

    def post(self, url: str, data: dict[str, str], timeout: float = 30) -> HttpResponse:
        if not url.startswith("https://"):
            raise ValueError("token endpoints must be https")
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(url, data=body, method="POST")  # noqa: S310 - https checked above
        try:
            with urllib.request.urlopen(request, timeout=timeout) as reply:  # noqa: S310
                return HttpResponse(reply.status, reply.read().decode(), dict(reply.headers))
        except urllib.error.HTTPError as exc:
            return HttpResponse(exc.code, exc.read().decode(errors="replace"), dict(exc.headers))
