"""``surveybot run``: the service — mailbox watcher, outbox sender, Slack app and scheduler."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import threading
from typing import Any

from surveybot.commands.common import add_common_options, data_dir, load

log = logging.getLogger("surveybot.run")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "run",
        help="run the service: mailbox watcher, outbox sender, Slack app, scheduler",
        description="Runs until SIGTERM or Ctrl-C. One process per mailbox and data folder: the store "
        "allows one writer. Parts whose host is empty (mailbox, smtp) or that are disabled (slack) stay off.",
    )
    add_common_options(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from surveybot.logs import setup_logging
    from surveybot.masking import configured_secrets
    from surveybot.settings import StorageSettings
    from surveybot.wiring import build_service

    settings = load(args)
    settings = replace(settings, storage=StorageSettings(data_dir=str(data_dir(args, settings))))
    setup_logging(settings.logging, configured_secrets(settings, os.environ))
    service = build_service(settings, control_socket=True)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    service.start()
    log.info("surveybot running (data folder %s)", settings.data_dir)
    if service.mail is None and service.slack_app is None:
        log.warning("mailbox, smtp and slack are all off: nothing to do (see config.example.toml)")
    if service.slack_app is not None:
        from bot.app import serve

        threading.Thread(target=serve, args=(settings, service.slack_app), name="slack", daemon=True).start()
    stop.wait()
    log.info("stopping: finishing the mail in hand")
    service.stop()
    return 0
