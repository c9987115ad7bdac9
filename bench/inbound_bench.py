"""How much the inbound route table costs on top of the work it cannot avoid, measured in one run.

* A supplier mail carrying a valid CMRT 6.5 (filled and saved by LibreOffice through the test
  workbook factory): the whole route (parse → route table → check → store submission, move the
  assignment → render the reply → outbox) against ``rmi.check.check_bytes`` alone on the same bytes.
  The ratio is the routing overhead; the check is what any design has to pay.
* Rendering one verdict reply (text + HTML) with the one shared Jinja environment, against building
  a fresh environment per mail (what a renderer without an injected environment ends up doing).
* A backlog of 1,000 supplier mails without attachments (each answered "please attach"), routed
  into a file store holding 10,000 suppliers, one store batch per mail as ``mail.pipeline`` runs it;
  against the performance baseline's 4.5-5.0 s for a 1,000-mail backlog of DB writes.

Run: ``.venv/bin/python bench/inbound_bench.py``
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from handlers.inbound import route
from handlers.inbound_context import InboundDeps
from handlers.ports import RecordingNotifier
from handlers.replies import Reply, ReplyKind
from mail.parse import parse_message
from mail.render import MailRenderer, create_environment
from rmi.check import check_bytes
from rmi.policy import Policy
from storage import SYSTEM, CampaignState, Contact, ManualClock, Store, SupplierDraft, open_store
from surveybot.settings import Settings
from tests.handlers.conftest import XLSX, build_mail
from tests.mail.test_render import every_branch_files
from tests.support.fixtures import FACTORY_TODAY
from tests.support.workbooks import LibreOfficeSession, WorkbookFactory

N_SUPPLIERS = 10_000
BACKLOG = 1_000
NOW = dt.datetime.combine(FACTORY_TODAY, dt.time(9, 0), tzinfo=dt.UTC)


def median_ms(work: Callable[[], object], runs: int) -> float:
    work()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def valid_cmrt() -> bytes:
    with LibreOfficeSession() as session:
        factory = WorkbookFactory(
            FACTORY_TODAY, Path(tempfile.gettempdir()) / "surveybot-inbound-bench", session
        )
        return factory.valid("CMRT/6.5").read_bytes()


def open_survey(data_dir: Path, suppliers: int) -> tuple[Store, ManualClock]:
    clock = ManualClock(NOW)
    store = open_store(data_dir, clock)
    # named like the company in the factory's workbooks: another company's file would be held, not judged
    drafts = [
        SupplierDraft(
            f"S{i:05d}", f"Kestrel Precision Components {i}", (Contact(f"quality@supplier{i}.example"),)
        )
        for i in range(suppliers)
    ]
    store.suppliers.upsert_many(drafts, SYSTEM, "bench")
    campaign = store.campaigns.create("2026-H1", "CMRT", "6.31", dt.date(2026, 12, 31))
    store.campaigns.set_state(campaign.id, CampaignState.ACTIVE)
    store.assignments.invite(campaign.id, [s.id for s in store.suppliers.all()])
    return store, clock


def deps_for(store: Store, clock: ManualClock, renderer: MailRenderer) -> InboundDeps:
    return InboundDeps(store, clock, RecordingNotifier(), renderer, Settings())


def judged_mail_vs_check(data: bytes, renderer: MailRenderer, runs: int) -> tuple[float, float, float]:
    """Medians of parse + route of a mail carrying ``data``, of ``check_bytes`` alone, of parsing alone."""
    policy = Policy(today=FACTORY_TODAY)
    check_ms = median_ms(lambda: check_bytes(data, "cmrt.xlsx", policy), runs)
    sample = build_mail(attachments=[("cmrt.xlsx", data, XLSX)])
    parse_ms = median_ms(lambda: parse_message(sample), runs)
    raws = iter(
        build_mail(
            sender=f"quality@supplier{n}.example",
            message_id=f"<judged-{n}@bench>",
            attachments=[(f"cmrt-{n}.xlsx", data, XLSX)],
        )
        for n in range(runs + 1)
    )
    with tempfile.TemporaryDirectory() as folder:
        store, clock = open_survey(Path(folder), runs + 1)
        deps = deps_for(store, clock, renderer)
        keys = iter(range(runs + 1))
        route_ms = median_ms(lambda: route(parse_message(next(raws)), f"1:{next(keys)}", deps), runs)
        store.close()
    return route_ms, check_ms, parse_ms


def render_shared_vs_fresh(runs: int) -> tuple[float, float]:
    reply = Reply(ReplyKind.VERDICT, "en", "Acme Metals", every_branch_files())
    shared = MailRenderer(create_environment(), "Survey")
    shared_ms = median_ms(lambda: shared.render_reply(reply), runs)
    fresh_ms = median_ms(lambda: MailRenderer(create_environment(), "Survey").render_reply(reply), runs)
    return shared_ms, fresh_ms


def backlog_seconds(renderer: MailRenderer, parent: str | None) -> float:
    """1,000 parsed ask-mails routed into a file store under ``parent`` (None: the system temp dir)."""
    with tempfile.TemporaryDirectory(dir=parent) as folder:
        store, clock = open_survey(Path(folder), N_SUPPLIERS)
        deps = deps_for(store, clock, renderer)
        mails = [
            parse_message(build_mail(sender=f"quality@supplier{n}.example", message_id=f"<ask-{n}@bench>"))
            for n in range(BACKLOG)
        ]
        started = time.perf_counter()
        for n, mail in enumerate(mails):
            route(mail, f"2:{n}", deps)
        elapsed = time.perf_counter() - started
        assert len(store.outbox.due(limit=BACKLOG * 2)) == BACKLOG
        store.close()
    return elapsed


def main() -> None:
    renderer = MailRenderer(create_environment(), "Survey")
    data = valid_cmrt()
    route_ms, check_ms, parse_ms = judged_mail_vs_check(data, renderer, runs=11)
    rest = route_ms - check_ms - parse_ms
    print(f"judged mail (1.9 MB), parse+route: {route_ms:7.1f} ms | check_bytes alone: {check_ms:7.1f} ms | "
          f"ratio {route_ms / check_ms:4.2f}x | of which MIME parsing {parse_ms:.1f} ms, "
          f"store+reply+flush {rest:.1f} ms")  # fmt: skip
    shared_ms, fresh_ms = render_shared_vs_fresh(runs=50)
    print(f"verdict reply, shared environment: {shared_ms:7.2f} ms | fresh environment: {fresh_ms:7.2f} ms | "
          f"shared is {fresh_ms / shared_ms:.0f}x faster")  # fmt: skip
    disk = backlog_seconds(renderer, None)
    memory = backlog_seconds(renderer, "/dev/shm") if Path("/dev/shm").is_dir() else float("nan")
    print(f"backlog of {BACKLOG} ask-mails, {N_SUPPLIERS} suppliers, one durable flush per mail: "
          f"disk {disk:.2f} s ({disk / BACKLOG * 1000:.1f} ms/mail) | tmpfs {memory:.2f} s "
          f"({memory / BACKLOG * 1000:.1f} ms/mail) | disk/tmpfs {disk / memory:.1f}x "
          "(the gap is fsync; baseline doc: 4.5-5.0 s per 1,000 mails, batched flushes)")  # fmt: skip


if __name__ == "__main__":
    main()
