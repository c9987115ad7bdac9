"""A process that opens a campaign and sends its invitation wave, for the wave crash test and bench.

``python -m tests.support.waveworker CONFIG.toml COUNT`` does what ``surveybot campaign open`` and
``surveybot run`` do, in one process that a test can SIGKILL anywhere: on its first start it adds
COUNT suppliers and opens the campaign through ``handlers.campaigns.open_campaign`` (printing
``queued N/M`` after each chunk, so a test can kill it while the wave is being queued); on any
later start it resumes the unfinished waves through ``Service.resume_waves``, as ``surveybot run``
does. Then the production outbox sender (delivery journal included) sends until the outbox is
empty, and the process prints ``done`` and exits.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from handlers.campaigns import CampaignRequest, open_campaign
from mail.journal import DeliveryJournal
from mail.sender import OutboxSender
from mail.service import smtp_mailer
from storage import SYSTEM, Contact, OutboxState, Store, SupplierDraft, SystemClock, open_store
from surveybot.invitation_kit import invitation_options
from surveybot.settings import Settings, load_settings
from surveybot.wiring import LogNotifier, Service

CAMPAIGN = "RMI 2027"
LANGUAGES = ("en", "zh", "ja", "de")


def supplier_address(number: int) -> str:
    return f"buyer{number}@supplier{number}.example"


def add_suppliers(store: Store, count: int) -> None:
    with store.batch():
        for n in range(count):
            draft = SupplierDraft(
                f"S{n:04d}",
                f"Supplier {n} Metals",
                (Contact(supplier_address(n)),),
                language=LANGUAGES[n % 4],
            )
            store.suppliers.add(draft)


def open_or_resume(settings: Settings, store: Store, count: int) -> None:
    if store.campaigns.by_name(CAMPAIGN) is None:
        add_suppliers(store, count)
        request = CampaignRequest(CAMPAIGN, "CMRT", "6.31", dt.date(2027, 3, 31), 7, template_version="6.5")
        progress = lambda done, total: print(f"queued {done}/{total}", flush=True)  # noqa: E731
        open_campaign(store, request, SYSTEM, invitation_options(settings, "CMRT", "6.5"), progress)
    else:
        clock = SystemClock()
        Service(settings, store, clock, LogNotifier(), None, None).resume_waves()


def send_all(settings: Settings, store: Store) -> None:
    sender = OutboxSender(
        store, smtp_mailer(settings, {}), settings.smtp, notifier=LogNotifier(), clock=SystemClock(),
        journal=DeliveryJournal.in_data_dir(settings.data_dir), from_address=settings.smtp.from_address,
    )  # fmt: skip
    sender.recover()
    while True:
        sender.drain()
        counts = store.outbox.counts()
        if counts[OutboxState.QUEUED] == counts[OutboxState.SENDING] == 0:
            break
        time.sleep(0.2)
    print("done", flush=True)


def main(argv: Sequence[str]) -> int:
    settings = load_settings(Path(argv[1]))
    with open_store(settings.data_dir) as store:
        open_or_resume(settings, store, int(argv[2]))
        send_all(settings, store)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
