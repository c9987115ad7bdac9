"""Socket Mode: the default transport, because it needs no inbound port, DNS name or certificate.

The bot opens an outbound WebSocket to Slack (through an HTTP CONNECT proxy if the Web API client
has one) and Bolt reconnects by itself when Slack rotates the connection. Requests arriving this way
are not signed; the app-level token (``xapp-…``) is what authenticates the connection.
"""

from __future__ import annotations

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler

from surveybot.settings import Secret


def socket_mode_handler(app: App, app_token: Secret) -> SocketModeHandler:
    """A handler for ``app``; ``.start()`` blocks serving, ``.connect()`` returns (tests, embedding)."""
    if not app_token.reveal().startswith("xapp-"):
        raise ValueError("Socket Mode needs an app-level token starting with 'xapp-'")
    return SocketModeHandler(app, app_token=app_token.reveal())


def serve_socket_mode(app: App, app_token: Secret) -> None:
    """Connect and serve until the process is stopped."""
    socket_mode_handler(app, app_token).start()  # type: ignore[no-untyped-call]  # Bolt leaves it untyped
