"""Slack answers at 10,000 suppliers: time from a signed request to its ack and to its answer, in process.

The real Bolt app (``bot.app.create_app``) runs against a file store in a temporary directory with
10,000 suppliers in one active campaign (3,000 of them have sent a file), and a loopback fake of the
Slack Web API records when each answer arrives. Every request is a signed slash command dispatched
through ``App.dispatch``, exactly as the HTTP adapter would; the ack time includes signature check,
duplicate-delivery claim (a durable write) and authorization; the answer time adds the store query,
rendering and the HTTP post to the ``response_url``.

The ack can come *after* the answer: ``App.dispatch`` checks for the ack every 10 ms while the
listener (already acknowledged) runs on, and the duplicate-delivery claim is fsynced first.

Baseline, measured in the same run: ``help``, which goes through the same path but asks the store
nothing. Ratios are against it. Target: status and supplier answered in ≤ 100 ms.
Run: ``.venv/bin/python bench/slack_bench.py``
"""

from __future__ import annotations

import itertools
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from slack_bolt import App, BoltRequest

from bot.app import create_app
from bot.runtime import BotDeps
from storage import (
    SYSTEM,
    AssignmentState,
    CampaignState,
    Contact,
    ManualClock,
    NewSubmission,
    Store,
    SupplierDraft,
    open_store,
)
from surveybot.settings import RoleSettings, Secret, Settings, SlackSettings
from tests.bot.fake_slack import BOT_TOKEN, FakeSlack
from tests.bot.slack_requests import SIGNING_SECRET, command_body, signed_headers

N_SUPPLIERS = 10_000
ANSWERED = 3_000
RUNS = 40
TARGET_MS = 100.0
LEAD = "U0LEAD"


def populate(store: Store) -> None:
    drafts = [
        SupplierDraft(
            f"SUP-{i:05d}",
            f"Supplier {i} Metals",
            (Contact(f"q{i}@supplier{i}.example", f"Contact {i}"),),
            owner="U0OWNER",
        )
        for i in range(N_SUPPLIERS)
    ]
    store.suppliers.upsert_many(drafts, SYSTEM, "bench")
    campaign = store.campaigns.create("CMRT 2026", "CMRT", "6.31", date(2026, 6, 30))
    store.campaigns.set_state(campaign.id, CampaignState.ACTIVE)
    assignments = store.assignments.invite(campaign.id, [s.id for s in store.suppliers.all()])
    with store.batch():
        for a in assignments[:ANSWERED]:
            new = NewSubmission(
                f"<m{a.id}@bench>",
                "x@bench",
                store.clock.now(),
                f"cmrt-{a.id}.xlsx",
                "CMRT",
                "6.31",
                "en",
                "accepted" if a.id % 3 else "rejected",
                (),
                a.supplier_id,
                campaign.id,
            )
            submission = store.submissions.add(new, f"file {a.id}".encode())
            store.assignments.transition(a.id, AssignmentState.RECEIVED, submission_id=submission.id)
            verdict = AssignmentState.ACCEPTED if a.id % 3 else AssignmentState.REJECTED
            store.assignments.transition(a.id, verdict)


@contextmanager
def running_app(data_dir: Path) -> Iterator[tuple[App, FakeSlack]]:
    clock = ManualClock(datetime(2026, 6, 10, 9, 0, tzinfo=UTC))
    with FakeSlack() as fake, open_store(data_dir, clock) as store:
        populate(store)
        settings = Settings(
            slack=SlackSettings(
                enabled=True,
                mode="http",
                api_base_url=fake.base_url,
                channel="C0BENCH",
                team_id="T111",  # the workspace the signed requests come from (bot.workspace)
                app_id="A111",
            ),
            roles=RoleSettings(team_lead_users=(LEAD,)),
        )
        deps = BotDeps(store=store, bot_token=Secret(BOT_TOKEN), signing_secret=Secret(SIGNING_SECRET))
        yield create_app(settings, deps), fake


def time_command(
    app: App, fake: FakeSlack, text: str, runs: int, ids: Iterator[int]
) -> tuple[list[float], list[float]]:
    acks, answers = [], []
    for _ in range(runs + 1):  # the first run warms caches and is dropped
        n = next(ids)
        body = command_body(text, user=LEAD, response_url=fake.response_url(f"b{n}"), trigger_id=f"bench-{n}")
        request = BoltRequest(body=body, headers=signed_headers(body))
        started = time.perf_counter()
        response = app.dispatch(request)
        acked = time.perf_counter()
        assert response.status == 200, response.body
        arrived = fake.wait_for(f"response:b{n}", timeout=10)[0]["at"]
        acks.append((acked - started) * 1000)
        answers.append((arrived - started) * 1000)
    return acks[1:], answers[1:]


def p95(samples: list[float]) -> float:
    return sorted(samples)[int(len(samples) * 0.95) - 1]


def main() -> int:
    cases = [
        ("help (baseline)", "help"),
        ("status", "status"),
        ("supplier by code", "supplier SUP-04321"),
        ("supplier by email", "supplier q777@supplier777.example"),
        ("supplier by name fragment", "supplier Supplier 4321 Metals"),
        ("missing, first page", "missing"),
        ("remind preview", "remind"),
    ]
    with tempfile.TemporaryDirectory() as tmp, running_app(Path(tmp)) as (app, fake):
        ids = itertools.count()
        results = {label: time_command(app, fake, text, RUNS, ids) for label, text in cases}
    base = statistics.median(results["help (baseline)"][1])
    print(f"Slack answers at {N_SUPPLIERS:,} suppliers (file store, {RUNS} runs each, in process, ms)")
    columns = ("ack med", "ack p95", "answer med", "answer p95", "× help")
    widths = (8, 8, 11, 11, 7)
    print(
        f"{'request':28} " + " ".join(f"{c:>{w}}" for c, w in zip(columns, widths, strict=True)) + "  target"
    )
    failed = False
    for label, (acks, answers) in results.items():
        median = statistics.median(answers)
        ok = median <= TARGET_MS
        failed |= label.startswith(("status", "supplier")) and not ok
        print(
            f"{label:28} {statistics.median(acks):8.1f} {p95(acks):8.1f} {median:11.1f} {p95(answers):11.1f} "
            f"{median / base:7.2f}  {'ok' if ok else 'MISSED'} (≤ {TARGET_MS:.0f})"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
