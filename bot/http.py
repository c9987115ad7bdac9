"""HTTP mode: Slack calls ``/slack/events`` and every request is checked against the signing secret.

Used when configured (``slack.mode = "http"``), for deployments that already have a public HTTPS
endpoint behind a reverse proxy. The WSGI callable is Bolt's own adapter; ``serve_http`` runs it on
the standard library's threaded WSGI server, which is enough for one workspace's traffic (Bolt acks
and hands slow work to its thread pool, so a request thread is held for milliseconds).
"""

from __future__ import annotations

import logging
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest
from slack_sdk.signature import SignatureVerifier

EVENTS_PATH = "/slack/events"

log = logging.getLogger(__name__)


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        log.debug("http %s", format % args)


class _TolerantRequestHandler(SlackRequestHandler):
    """Bolt's WSGI adapter, except that a body Bolt cannot parse is logged and acknowledged.

    Bolt parses the body before its signature check, so a malformed payload would end as a 500 with
    a traceback on stderr (and Slack would retry it). Here a signed one is logged to our log and
    answered 200; an unsigned one gets the 401 any forged request gets.
    """

    def __init__(self, app: App, path: str, signing_secret: str) -> None:
        super().__init__(app, path=path)
        self._verifier = SignatureVerifier(signing_secret)

    def dispatch(self, request: WsgiHttpRequest) -> BoltResponse:
        body = request.get_body()
        try:
            bolt_request = BoltRequest(body=body, query=request.query_string, headers=request.get_headers())
        except ValueError as exc:
            headers = {k: v if isinstance(v, str) else v[0] for k, v in request.get_headers().items() if v}
            if not self._verifier.is_valid_request(body, headers):
                return BoltResponse(status=401, body='{"error": "invalid request"}')
            log.warning("acknowledged a malformed Slack payload (%d bytes): %s", len(body), exc)
            return BoltResponse(status=200, body="")
        return self.app.dispatch(bolt_request)


def wsgi_app(app: App, signing_secret: str) -> SlackRequestHandler:
    """The WSGI application serving ``POST /slack/events`` (any other path answers 404)."""
    return _TolerantRequestHandler(app, EVENTS_PATH, signing_secret)


def http_server(app: App, host: str, port: int, signing_secret: str) -> WSGIServer:
    """A bound, not yet serving, threaded WSGI server; port 0 picks a free port (tests)."""
    handler = wsgi_app(app, signing_secret)
    return make_server(host, port, handler, server_class=_ThreadingWSGIServer, handler_class=_QuietHandler)


def serve_http(app: App, host: str, port: int, signing_secret: str) -> None:
    """Serve until the process is stopped."""
    with http_server(app, host, port, signing_secret) as server:
        log.info("listening for Slack on http://%s:%d%s", host, server.server_port, EVENTS_PATH)
        server.serve_forever()
