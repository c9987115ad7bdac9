"""The production mail service inside the test process: its own Dovecot user, aiosmtpd, a file store.

End-to-end mail tests (threads, held files, bounces, loops) all need this same wiring, written once
here; ``tests.support.mailworker`` runs the same parts in a child process for the tests that kill it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from handlers.ports import RecordingNotifier
from mail.service import MailService
from storage import Store, SystemClock, open_store
from surveybot.settings import load_settings
from tests.support.mailservers import (
    SMTP_PASSWORD,
    CollectingHandler,
    Dovecot,
    TlsCert,
    outbox_idle,
    wait_until,
)
from tests.support.mailworker import config_text, renderer_for


class LiveMailService:
    """``MailService.for_survey`` on a new Dovecot user, with staff notices recorded in ``notifier``."""

    def __init__(
        self,
        dovecot: Dovecot,
        smtp: CollectingHandler,
        cert: TlsCert,
        tmp: Path,
        *,
        trusted_authserv_ids: Sequence[str] = (),
    ) -> None:
        self.dovecot, self.smtp, self.user = dovecot, smtp, dovecot.add_user()
        config = tmp / "surveybot.toml"
        config.write_text(
            config_text(
                tmp / "data",
                imap_port=dovecot.port,
                imap_user=self.user,
                smtp_port=smtp.port,
                trusted_authserv_ids=trusted_authserv_ids,
            )
        )
        env = {"SURVEYBOT_IMAP_PASSWORD": dovecot.password, "SURVEYBOT_SMTP_PASSWORD": SMTP_PASSWORD}
        self.settings = load_settings(config, env=env)
        self.store: Store = open_store(self.settings.data_dir)
        self.notifier = RecordingNotifier()
        self.renderer = renderer_for(self.settings)
        self.service = MailService.for_survey(
            self.settings, self.store, notifier=self.notifier, clock=SystemClock(), renderer=self.renderer,
            lookahead_workers=0, secrets=env, smtp_ssl_context=cert.client_context(),
        )  # fmt: skip

    def settled(self, handled: int) -> None:
        """Wait until ``handled`` mails are in Processed and the outbox has nothing left to send."""
        wait_until(lambda: len(self.dovecot.folder_uids(self.user, "Processed")) == handled, what="handling")
        wait_until(lambda: outbox_idle(self.store), what="the outbox drained")


Live = TypeVar("Live", bound=LiveMailService)


@contextmanager
def running(made: Live) -> Iterator[Live]:
    """``made`` with its service started; stopped and its store closed afterwards."""
    made.service.start()
    try:
        yield made
    finally:
        made.service.stop()
        made.store.close()
