"""The mail half of ``surveybot run``: the mailbox watcher and the outbox sender, wired once.

Why a class: ``run``, the demo and the crash tests must wire the same parts the same way (watcher
with its own thread and IMAP connection, sender with its own thread and SMTP session, one store,
the sender woken after each handled mail). The route table comes in ready-made, because building
it needs the survey's own ports (renderer, policy), which are not mail's business.

Typical use in ``surveybot run``::

    store = open_store(settings.data_dir)
    renderer = MailRenderer(create_environment(), signature=settings.smtp.from_name)   # mail.render
    service = MailService.for_survey(settings, store, notifier=notifier, clock=SystemClock(),
                                     renderer=renderer)
    service.start()            # recovers outbox items a crash left "sending", then both threads run
    ...                        # until SIGTERM / Ctrl-C
    service.stop()             # finishes the current mail and the current SMTP message

``for_survey`` builds the route table (``handlers.inbound.bind`` over ``InboundDeps``) with the
look-ahead checker; the plain constructor takes any route callable (tests, the demo).
"""

from __future__ import annotations

import functools
import os
import ssl
import time
from collections.abc import Callable, Mapping
from typing import Any

from handlers.check_facts import Checker, policy_for
from handlers.inbound import bind
from handlers.inbound_context import InboundDeps
from handlers.ports import Clock, Notifier
from handlers.replies import ReplyRenderer
from mail.heartbeat import HeartbeatFile
from mail.imap import ImapConnector
from mail.journal import DeliveryJournal
from mail.ledger import StoreMailLedger
from mail.lookahead import Lookahead
from mail.oauth import token_source_for
from mail.pipeline import InboundPipeline, Parse, Route
from mail.sender import OutboxSender
from mail.sent_folder import SentFolder, files_sent_mail_itself
from mail.smtp import SmtpMailer
from mail.watcher import Watcher
from rmi.check import check_bytes
from rmi.policy import Policy
from storage import Store
from surveybot.settings import Settings, resolve_secret

_POLICY_GUESS_SECONDS = 10.0


class MailService:
    """Watcher + sender over one store (see module docstring); ``start``/``stop`` run both threads."""

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
        lookahead: Lookahead | None = None,
    ) -> None:
        connector = ImapConnector(
            settings.mailbox, secrets, ssl_context=imap_ssl_context, http_client=http_client
        )
        self.mailer = smtp_mailer(settings, secrets, ssl_context=smtp_ssl_context, http_client=http_client)
        self.sender = OutboxSender(
            store, self.mailer, settings.smtp, notifier=notifier, clock=clock,
            journal=DeliveryJournal.in_data_dir(settings.data_dir),
            sent_folder=sent_folder_for(settings, connector), from_address=settings.mailbox_address,
        )  # fmt: skip
        store.outbox.notify_on_enqueue(self.sender.wake)
        self.heartbeat = HeartbeatFile.in_data_dir(settings.data_dir)
        self.lookahead = lookahead
        pipeline = InboundPipeline(store, route, parse or parser_for(settings), lookahead)
        self.watcher = Watcher(
            connector,
            pipeline,
            StoreMailLedger(store),
            settings.mailbox,
            notifier=notifier,
            clock=clock,
            on_handled=self.sender.wake,
            heartbeat=self.heartbeat,
            prefetch=pipeline.prefetch if lookahead is not None else None,
        )

    @classmethod
    def for_survey(
        cls,
        settings: Settings,
        store: Store,
        *,
        notifier: Notifier,
        clock: Clock,
        renderer: ReplyRenderer,
        checker: Checker = check_bytes,
        lookahead_workers: int | None = None,
        **transport: Any,
    ) -> MailService:
        """The service with the survey's own route table (``handlers.inbound``), as ``run`` needs it.

        ``lookahead_workers`` worker processes parse and check upcoming mails in parallel (default:
        one per CPU when there are at least two; 0 turns look-ahead off). ``transport`` takes the
        constructor's keyword arguments (``secrets``, SSL contexts, ``http_client``).
        """
        parse = parser_for(settings)
        workers = (os.cpu_count() or 1) if lookahead_workers is None else lookahead_workers
        lookahead = None
        if workers >= 2 or lookahead_workers:
            lookahead = Lookahead(parse, checker, _policy_guess(settings, store, clock), workers=workers)
        deps = InboundDeps(
            store, clock, notifier, renderer, settings, lookahead.checker if lookahead else checker
        )
        return cls(
            settings, store, bind(deps), notifier=notifier, clock=clock, parse=parse, lookahead=lookahead,
            **transport,
        )  # fmt: skip

    def start(self) -> None:
        """Start the sender (which first requeues mail a crash left half-sent), then the watcher."""
        self.sender.start()
        self.watcher.start()

    def stop(self, timeout: float = 30.0) -> None:
        self.watcher.stop(timeout)
        self.sender.stop(timeout)
        if self.lookahead is not None:
            self.lookahead.close()


def _policy_guess(settings: Settings, store: Store, clock: Clock) -> Callable[[], Policy]:
    """The look-ahead's policy guess, recomputed every few seconds (a stale guess only costs a re-check)."""
    cache: list[tuple[float, Policy]] = []

    def guess() -> Policy:
        now = time.monotonic()
        if not cache or now - cache[0][0] > _POLICY_GUESS_SECONDS:
            cache[:] = [(now, policy_for(settings.campaign, store.campaigns.active(), clock.now().date()))]
        return cache[0][1]

    return guess


def smtp_mailer(
    settings: Settings,
    secrets: Mapping[str, str] | None,
    *,
    ssl_context: ssl.SSLContext | None = None,
    http_client: Any = None,
) -> SmtpMailer:
    """The SMTP session with the configured login: a password, or XOAUTH2 as the mailbox address."""
    smtp = settings.smtp
    password = resolve_secret(smtp.password_env, smtp.password_file, secrets)
    tokens = token_source_for(smtp.auth, settings.mailbox.oauth2, secrets, http_client)
    return SmtpMailer(
        smtp, password, ssl_context=ssl_context, token_source=tokens, oauth_user=settings.mailbox_address
    )


def sent_folder_for(settings: Settings, connector: Callable[[], Any]) -> SentFolder | None:
    """Copies of sent mail go to the mailbox's Sent folder unless the server files them itself."""
    mailbox = settings.mailbox
    if not (mailbox.host and mailbox.save_sent) or files_sent_mail_itself(mailbox):
        return None
    return SentFolder(connector, mailbox.sent_folder)


def parser_for(settings: Settings) -> Parse:
    """``mail.parse.parse_message`` with the mailbox's trusted authserv-ids and attachment limit."""
    from mail.parse import parse_message

    mailbox = settings.mailbox
    return functools.partial(
        parse_message,
        trusted_authserv_ids=mailbox.trusted_authserv_ids,
        max_attachment_bytes=mailbox.max_attachment_mb * 1024 * 1024,
    )
