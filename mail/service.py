"""The mail half of ``surveybot run``: the mailbox watcher and the outbox sender, wired once.

Why a class: ``run``, the demo and the crash tests must wire the same parts the same way (watcher
with its own thread and IMAP connection, sender with its own thread and SMTP session, one store,
the sender woken after each handled mail). The route table comes in ready-made, because building
it needs the survey's own ports (renderer, policy), which are not mail's business.

Typical use in ``surveybot run``::

    store = open_store(settings.data_dir)
    renderer = MailRenderer(create_environment(), signature=settings.smtp.from_name)   # mail.render
    deps = InboundDeps(store, clock, notifier, renderer, settings, rmi.check.check_bytes)
    route = handlers.inbound.bind(deps)
    service = MailService(settings, store, route, notifier=notifier, clock=clock)
    service.start()            # recovers outbox items a crash left "sending", then both threads run
    ...                        # until SIGTERM / Ctrl-C
    service.stop()             # finishes the current mail and the current SMTP message
"""

from __future__ import annotations

import functools
import ssl
from collections.abc import Mapping
from typing import Any

from handlers.ports import Clock, Notifier
from mail.heartbeat import HeartbeatFile
from mail.imap import ImapConnector
from mail.journal import DeliveryJournal
from mail.ledger import StoreMailLedger
from mail.pipeline import InboundPipeline, Parse, Route
from mail.sender import OutboxSender
from mail.smtp import SmtpMailer
from mail.watcher import Watcher
from storage import Store
from surveybot.settings import Settings, resolve_secret


class MailService:
    def __init__(
        self,
        settings: Settings,
        store: Store,
        route: Route,
        *,
        notifier: Notifier,
        clock: Clock,
        secrets: Mapping[str, str] | None = None,
        imap_ssl_context: ssl.SSLContext | None = None,
        smtp_ssl_context: ssl.SSLContext | None = None,
        http_client: Any = None,
        parse: Parse | None = None,
    ) -> None:
        smtp = settings.smtp
        password = resolve_secret(smtp.password_env, smtp.password_file, secrets)
        self.mailer = SmtpMailer(smtp, password, ssl_context=smtp_ssl_context)
        self.sender = OutboxSender(
            store, self.mailer, smtp, notifier=notifier, clock=clock,
            journal=DeliveryJournal.in_data_dir(settings.data_dir),
        )  # fmt: skip
        connector = ImapConnector(
            settings.mailbox, secrets, ssl_context=imap_ssl_context, http_client=http_client
        )
        self.heartbeat = HeartbeatFile.in_data_dir(settings.data_dir)
        self.watcher = Watcher(
            connector,
            InboundPipeline(store, route, parse or _parser_for(settings)),
            StoreMailLedger(store),
            settings.mailbox,
            notifier=notifier,
            clock=clock,
            on_handled=self.sender.wake,
            heartbeat=self.heartbeat,
        )

    def start(self) -> None:
        """Start the sender (which first requeues mail a crash left half-sent), then the watcher."""
        self.sender.start()
        self.watcher.start()

    def stop(self, timeout: float = 30.0) -> None:
        self.watcher.stop(timeout)
        self.sender.stop(timeout)


def _parser_for(settings: Settings) -> Parse:
    from mail.parse import parse_message

    mailbox = settings.mailbox
    return functools.partial(
        parse_message,
        trusted_authserv_ids=mailbox.trusted_authserv_ids,
        max_attachment_bytes=mailbox.max_attachment_mb * 1024 * 1024,
    )
