"""Storage speed at 10,000 suppliers × 1 campaign, against the naive TinyDB shape in the same run.

Measures, in process:
  * "status of campaign" (counts per state, rates, overdue) and "missing list";
  * supplier lookup by code, by email and by name fragment;
  * 1,000 submissions recorded in a burst (original file stored, assignment moved twice, reply
    queued, two processed-mail keys, audit), in batches of 100 and with one flush per mail.
The naive shape is TinyDB's default ``JSONStorage`` in one file with ``Query`` searches, one write
per operation; its burst is measured on fewer mails and extrapolated (said so in the output).

Targets (perf baseline §4 / the storage issue): status and lookup ≤ 100 ms (goal ≤ 20 ms), the
1,000-submission burst ≤ 5 s.  Run: ``.venv/bin/python bench/storage_bench.py``
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB

from storage import (
    SYSTEM,
    AssignmentState,
    Contact,
    MailDraft,
    NewSubmission,
    Store,
    SupplierDraft,
    open_store,
)

N_SUPPLIERS = 10_000
BURST = 1_000
NAIVE_BURST = 15
SENDS = 200
BLOB_BYTES = 30_000
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def median_ms(fn: Callable[[], object], runs: int = 15) -> float:
    fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def supplier_draft(i: int) -> SupplierDraft:
    contacts = (Contact(f"quality{i}@supplier{i}.example", f"Contact {i}", "CSR"),)
    return SupplierDraft(f"V{i:05d}", f"Supplier {i} Metals Co", contacts, language="en", owner=f"U{i % 40}")


def build_ours(data_dir: Path) -> tuple[Store, int]:
    store = open_store(data_dir)
    store.suppliers.upsert_many([supplier_draft(i) for i in range(N_SUPPLIERS)], SYSTEM, "bench")
    campaign = store.campaigns.create("CMRT 2026", "CMRT", "6.5", date(2026, 1, 31))
    store.assignments.invite(campaign.id, [s.id for s in store.suppliers.all()])
    return store, campaign.id


def record_mail(store: Store, campaign_id: int, n: int, blob: bytes) -> None:
    """What the inbound handler stores for one returned, judged file."""
    supplier = store.suppliers.by_code(f"V{n:05d}")
    assert supplier is not None
    assignment = store.assignments.find(supplier.id, campaign_id)
    assert assignment is not None
    store.dedupe.mark("imap_uid", f"1:{n}")
    new = NewSubmission(f"<{n}@b>", supplier.emails[0], NOW, "cmrt.xlsx", "CMRT", "6.5", "en", "accepted",
                        supplier_id=supplier.id, campaign_id=campaign_id)  # fmt: skip
    submission = store.submissions.add(new, blob + n.to_bytes(4, "big"))
    store.assignments.transition(assignment.id, AssignmentState.RECEIVED, submission_id=submission.id)
    store.assignments.transition(assignment.id, AssignmentState.ACCEPTED)
    reply = MailDraft(supplier.emails, "Re: CMRT", "Thank you", f"reply:<{n}@b>", supplier_id=supplier.id)
    store.outbox.enqueue(reply)
    store.dedupe.mark("message_id", f"<{n}@b>")


def burst_ours(store: Store, campaign_id: int, numbers: range, per_batch: int) -> tuple[float, float]:
    """Wall and CPU seconds to record ``numbers`` mails, flushing every ``per_batch``."""
    blob = os.urandom(BLOB_BYTES)
    start, cpu = time.perf_counter(), time.process_time()
    for first in range(numbers.start, numbers.stop, per_batch):
        with store.batch():
            for n in range(first, min(first + per_batch, numbers.stop)):
                record_mail(store, campaign_id, n, blob)
    return time.perf_counter() - start, time.process_time() - cpu


def build_naive(path: Path, n: int) -> TinyDB:
    db = TinyDB(path)
    for name in ("suppliers", "assignments", "submissions", "outbox", "processed"):
        db.table(name, cache_size=0)  # TinyDB caches query results; a new question would miss it
    docs = []
    for i in range(n):
        d = supplier_draft(i)
        docs.append(
            {"code": d.code, "name": d.name, "emails": [c.email for c in d.contacts], "owner": d.owner}
        )
    db.table("suppliers").insert_multiple(docs)
    db.table("assignments").insert_multiple(
        {"supplier_code": f"V{i:05d}", "campaign_id": 1, "state": "invited"} for i in range(n)
    )
    return db


def naive_status(db: TinyDB) -> dict[str, Any]:
    rows = db.table("assignments").search(Query().campaign_id == 1)
    return dict(Counter(r["state"] for r in rows))


def naive_mail(db: TinyDB, blob_dir: Path, n: int, blob: bytes) -> None:
    q = Query()
    db.table("processed").insert({"kind": "imap_uid", "key": f"1:{n}"})
    (blob_dir / f"{n}.xlsx").write_bytes(blob)
    db.table("submissions").insert(
        {"message_id": f"<{n}@b>", "supplier_code": f"V{n:05d}", "verdict": "accepted"}
    )
    db.table("assignments").update({"state": "received"}, q.supplier_code == f"V{n:05d}")
    db.table("assignments").update({"state": "accepted"}, q.supplier_code == f"V{n:05d}")
    db.table("outbox").insert({"to": f"quality{n}@supplier{n}.example", "dedupe_key": f"reply:<{n}@b>"})
    db.table("processed").insert({"kind": "message_id", "key": f"<{n}@b>"})


def row(
    label: str, ours: float, naive: float, unit: str, target: float | None, goal: float | None, note: str = ""
) -> None:
    if target is None:
        verdict = "info"
    elif goal is not None and ours <= goal:
        verdict = "goal met"
    else:
        verdict = "target met" if ours <= target else "MISSED"
    ratio = f"{naive / ours:>8.0f}x" if ours >= 0.001 else "   >1000x"
    print(f"{label:<38} {ours:>10.3f} {unit:<3} {naive:>11.2f} {unit:<3} {ratio}  {verdict}{note}")


def measure_queries(store: Store, cid: int, naive: TinyDB, rng: random.Random) -> None:
    codes = [f"V{rng.randrange(N_SUPPLIERS):05d}" for _ in range(20)]
    email = "quality4242@supplier4242.example"
    naive_suppliers = naive.table("suppliers")
    status = median_ms(lambda: store.reports.campaign_status(cid))
    naive_search = median_ms(lambda: naive_status(naive), 5)
    row("status of campaign (counts, rates)", status, naive_search, "ms", 100, 20)
    missing = median_ms(lambda: store.reports.missing(cid))
    label = f"missing list ({len(store.reports.missing(cid)):,} rows + owner)"
    row(label, missing, naive_search, "ms", 100, 20, "  (naive: same search)")
    by_code = median_ms(lambda: [store.suppliers.by_code(c) for c in codes]) / len(codes)
    naive_code = median_ms(lambda: naive_suppliers.search(Query().code == codes[0]), 5)
    row("supplier lookup by code", by_code, naive_code, "ms", 100, 20)
    by_email = median_ms(lambda: store.suppliers.for_sender(email))
    naive_email = median_ms(lambda: naive_suppliers.search(Query().emails.any([email])), 5)
    row("supplier lookup by sender email", by_email, naive_email, "ms", 100, 20)
    fragment = median_ms(lambda: store.suppliers.search("metals co 999"))
    naive_frag = median_ms(lambda: naive_suppliers.search(Query().name.search("(?i)metals co 999")), 5)
    row("supplier search by name fragment", fragment, naive_frag, "ms", 100, 20)


def measure_burst(store: Store, cid: int, naive: TinyDB, blob_dir: Path) -> None:
    batched, batched_cpu = burst_ours(store, cid, range(0, BURST), per_batch=100)
    per_mail, per_mail_cpu = (x * BURST / 100 for x in burst_ours(store, cid, range(BURST, BURST + 100), 1))
    blob = os.urandom(BLOB_BYTES)
    t0 = time.perf_counter()
    for n in range(NAIVE_BURST):
        naive_mail(naive, blob_dir, n, blob)
    naive_burst = (time.perf_counter() - t0) * BURST / NAIVE_BURST
    row(f"{BURST:,} submissions, batches of 100", batched, naive_burst, "s", 5, None)
    note = "  (no batch(): each mail fsyncs its files)"
    row(f"{BURST:,} submissions, one flush per mail", per_mail, naive_burst, "s", None, None, note)
    print(
        f"\nnaive burst measured on {NAIVE_BURST} mails and extrapolated to {BURST:,} (each naive write "
        "re-reads and rewrites the whole file, so later mails would cost more, not less);"
    )
    print(f"'one flush per mail' measured on 100 mails and extrapolated to {BURST:,}.")
    print(f"CPU time of ours: batches of 100 {batched_cpu:.2f} s, one flush per mail {per_mail_cpu:.2f} s "
          "(the rest of the wall time is waiting: fsync, other processes)")  # fmt: skip


def measure_wave(store: Store, cid: int, naive: TinyDB) -> None:
    """A reminder wave to every supplier: queue 10,000 mails in one batch, then send some one by one."""
    suppliers = store.suppliers.all()
    text = "Dear supplier,\n\nplease return your CMRT 6.5 by 31 January.\n" * 8
    html = f"<p>{text}</p>" * 2
    start, cpu = time.perf_counter(), time.process_time()
    with store.batch():
        wave = store.waves.create(cid, SYSTEM, "missing", [s.id for s in suppliers])
        for s in suppliers:
            key = f"wave:{wave.id}:supplier:{s.id}"
            store.outbox.enqueue(
                MailDraft(s.emails, "Reminder", f"{text}{s.code}", key, html, wave_id=wave.id)
            )
    queued, queued_cpu = time.perf_counter() - start, time.process_time() - cpu
    outbox = naive.table("outbox")
    t0 = time.perf_counter()
    for n in range(NAIVE_BURST):
        outbox.insert({"to": [f"q{n}@x"], "text": text, "html": html, "dedupe_key": f"wave:1:{n}"})
    naive_queue = (time.perf_counter() - t0) * len(suppliers) / NAIVE_BURST
    row(f"wave: queue {len(suppliers):,} mails (one batch)", queued, naive_queue, "s", None, None)
    due = store.outbox.due(limit=SENDS)
    start = time.perf_counter()
    for item in due:
        store.outbox.claim(item.id)
        store.outbox.mark_sent(item.id)
    per_send = (time.perf_counter() - start) / len(due) * 1000
    t0 = time.perf_counter()
    for n in range(NAIVE_BURST):
        outbox.update({"state": "sending"}, Query().dedupe_key == f"wave:1:{n}")
        outbox.update({"state": "sent"}, Query().dedupe_key == f"wave:1:{n}")
    naive_send = (time.perf_counter() - t0) / NAIVE_BURST * 1000
    row("wave: claim + mark_sent, per mail", per_send, naive_send, "ms", None, None)
    print(
        f"wave queued with {queued_cpu:.2f} s CPU; sends measured on {len(due)} mails, naive on {NAIVE_BURST}"
    )


def main() -> None:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"storage bench: {N_SUPPLIERS:,} suppliers x 1 campaign; python {sys.version.split()[0]}; "
          f"{os.cpu_count()} CPUs, load average {load} at start")  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        store, cid = build_ours(root / "ours")
        print(
            f"setup (ours): import {N_SUPPLIERS:,} suppliers + invite all: {time.perf_counter() - t0:.2f} s"
        )
        rng = random.Random(7)
        with store.batch():  # a realistic mix of states before measuring
            for a in rng.sample(store.assignments.for_campaign(cid), 3000):
                store.assignments.transition(a.id, AssignmentState.REMINDED)
        t0 = time.perf_counter()
        naive = build_naive(root / "naive.json", N_SUPPLIERS)
        print(f"setup (naive): insert_multiple suppliers + assignments: {time.perf_counter() - t0:.2f} s")
        print(f"\n{'operation':<38} {'ours':>14} {'naive TinyDB':>15} {'ratio':>9}")
        measure_queries(store, cid, naive, rng)
        (root / "naive-blobs").mkdir()
        measure_burst(store, cid, naive, root / "naive-blobs")
        measure_wave(store, cid, naive)
        store.close()
        t0 = time.perf_counter()
        with open_store(root / "ours", read_only=True) as reader:
            reader.reports.campaign_status(cid)
        elapsed = (time.perf_counter() - t0) * 1000
        print(f"open read-only + status (what a fresh CLI process does after its imports): {elapsed:.0f} ms")
        sizes = {p.name: p.stat().st_size for p in (root / "ours").glob("*.json")}
        print("file sizes: " + ", ".join(f"{k} {v / 1e6:.1f} MB" for k, v in sorted(sizes.items())))


if __name__ == "__main__":
    main()
