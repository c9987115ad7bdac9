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

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

EVENTS_PATH = "/slack/events"

log = logging.getLogger(__name__)


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        log.debug("http %s", format % args)


def wsgi_app(app: App) -> SlackRequestHandler:
    """The WSGI application serving ``POST /slack/events`` (any other path answers 404)."""
    return SlackRequestHandler(app, path=EVENTS_PATH)


def http_server(app: App, host: str, port: int) -> WSGIServer:
    """A bound, not yet serving, threaded WSGI server; port 0 picks a free port (tests)."""
    return make_server(
        host, port, wsgi_app(app), server_class=_ThreadingWSGIServer, handler_class=_QuietHandler
    )


def serve_http(app: App, host: str, port: int) -> None:
    """Serve until the process is stopped."""
    with http_server(app, host, port) as server:
        log.info("listening for Slack on http://%s:%d%s", host, server.server_port, EVENTS_PATH)
        server.serve_forever()
