"""A surveybot mail process for the crash test, the loop test and the mail bench.

``python -m tests.support.mailworker CONFIG.toml`` wires the production parts exactly as
``mail.service`` documents for ``surveybot run`` (file store, real route table, real checker, real
renderer, watcher and sender threads) and runs until SIGTERM. Staff notices are appended to
``<data_dir>/notices.jsonl`` so a test can count them across restarts. Secrets come from the
environment like in production; ``SURVEYBOT_TEST_CAFILE`` names the test servers' self-signed CA.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
import signal
import ssl
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from handlers.notices import Notice
from mail.render import MailRenderer, create_environment
from mail.service import MailService
from storage import CampaignState, Contact, Store, SupplierDraft, SystemClock, open_store
from surveybot.settings import Settings, load_settings

NOTICES_FILE = "notices.jsonl"
WORKER_LOG = "worker.log"
LOOKAHEAD_ENV = "SURVEYBOT_TEST_LOOKAHEAD_WORKERS"  # unset: the production default
CAMPAIGN = "RMI 2026-H1"


class JsonLinesNotifier:
    """Appends each notice as one JSON line (type + fields): readable by a test after a SIGKILL."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def post(self, notice: Notice) -> None:
        line = json.dumps({"type": type(notice).__name__, **dataclasses.asdict(notice)}, default=str)
        with self._lock, self.path.open("a", encoding="utf-8") as out:
            out.write(line + "\n")

    @staticmethod
    def read(data_dir: Path) -> list[dict[str, object]]:
        path = data_dir / NOTICES_FILE
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def renderer_for(settings: Settings) -> MailRenderer:
    return MailRenderer(create_environment(), signature=settings.smtp.from_name)


def supplier_address(number: int) -> str:
    return f"contact{number}@supplier{number}.example"


def seed_survey(
    store: Store,
    count: int,
    family: str = "CMRT",
    min_version: str = "6.0",
    name: str = "Supplier {n} Metals Ltd",
) -> None:
    """``count`` suppliers (one contact each, own domain) invited to one active campaign.

    ``name`` is formatted with ``n``: a template naming another company is held for staff instead of
    answered, so mail that carries filled templates needs suppliers named like the company in them.
    """
    with store.batch():
        ids = [
            store.suppliers.add(
                SupplierDraft(f"S{n:04d}", name.format(n=n), (Contact(supplier_address(n)),))
            ).id
            for n in range(count)
        ]
        campaign = store.campaigns.create(CAMPAIGN, family, min_version, dt.date(2026, 12, 31))
        store.campaigns.set_state(campaign.id, CampaignState.ACTIVE)
        store.assignments.invite(campaign.id, ids)


def config_text(
    data_dir: Path,
    *,
    imap_port: int,
    imap_user: str,
    smtp_port: int,
    max_attempts: int = 3,
    trusted_authserv_ids: Sequence[str] = (),
) -> str:
    ids = list(trusted_authserv_ids)
    trusted = f"trusted_authserv_ids = {json.dumps(ids)}\n" if ids else ""
    return f"""\
[storage]
data_dir = "{data_dir}"

[mailbox]
host = "127.0.0.1"
port = {imap_port}
security = "plain"
username = "{imap_user}"
idle_seconds = 30
poll_seconds = 5
max_attempts = {max_attempts}
{trusted}
[smtp]
host = "127.0.0.1"
port = {smtp_port}
security = "starttls"
username = "bot"
from_address = "rmi-survey@example.com"
"""


def run(config: Path, stop: threading.Event) -> None:
    settings = load_settings(config)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(
        filename=settings.data_dir / WORKER_LOG,
        level=logging.INFO,
        format=f"%(asctime)s {os.getpid()} %(levelname)s %(name)s: %(message)s",
    )
    clock = SystemClock()
    cafile = os.environ.get("SURVEYBOT_TEST_CAFILE")
    context = ssl.create_default_context(cafile=cafile) if cafile else None
    with open_store(settings.data_dir, clock) as store:
        notifier = JsonLinesNotifier(settings.data_dir / NOTICES_FILE)
        workers = os.environ.get(LOOKAHEAD_ENV)
        service = MailService.for_survey(
            settings, store, notifier=notifier, clock=clock, renderer=renderer_for(settings),
            lookahead_workers=int(workers) if workers else None, smtp_ssl_context=context,
        )  # fmt: skip
        service.start()
        stop.wait()
        service.stop()


def main(argv: Sequence[str]) -> int:
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    run(Path(argv[1]), stop)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
