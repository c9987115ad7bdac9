"""A writer the crash test kills with SIGKILL: it writes forever and prints each acknowledged write.

Run as ``python crash_writer.py DATA_DIR ROUND``. A line is printed only after the store method (or
the ``batch()`` block) returned, i.e. after the store acknowledged the write; the parent checks that
every printed write is in the store after the kill.
"""

from __future__ import annotations

import os
import random
import sys
from datetime import UTC, datetime
from pathlib import Path

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


def _supplier(code: str) -> SupplierDraft:
    return SupplierDraft(code, f"{code} Metals", (Contact(f"q@{code.lower()}.example"),))


def write_one(store: Store, tag: str, i: int, rng: random.Random) -> list[str]:
    """Do one acknowledged write (or batch); return the lines that prove it."""
    kind = rng.choice(["supplier", "outbox", "sent", "dedupe", "submission", "remind", "batch", "audit"])
    key = f"{tag}-{i}"
    if kind == "supplier":
        store.suppliers.add(_supplier(f"R{key}"))
        return [f"supplier R{key}"]
    if kind == "outbox":
        store.outbox.enqueue(MailDraft(("q@x.example",), "s", "t", f"k{key}"))
        return [f"outbox k{key}"]
    if kind == "sent":
        item = store.outbox.enqueue(MailDraft(("q@x.example",), "s", f"body {key}", f"s{key}"))
        store.outbox.claim(item.id)
        store.outbox.mark_sent(item.id)
        return [f"sent s{key}"]
    if kind == "dedupe":
        store.dedupe.mark("imap_uid", key)
        return [f"dedupe {key}"]
    if kind == "submission":
        new = NewSubmission(f"<{key}@x>", "q@x.example", datetime.now(UTC), "cmrt.xlsx", verdict="accepted")
        sub = store.submissions.add(new, os.urandom(rng.randint(1_000, 60_000)))
        return [f"submission {sub.id} {sub.sha256}"]
    if kind == "remind":
        assignment_id = rng.randint(1, 2000)
        done = store.assignments.transition(assignment_id, AssignmentState.REMINDED, SYSTEM, note=key)
        return [f"remind {assignment_id} {done.reminder_count}"]
    if kind == "batch":
        with store.batch():
            for n in range(5):
                store.suppliers.add(_supplier(f"B{key}-{n}"))
            store.dedupe.mark("slack_event", key)
        return [*(f"supplier B{key}-{n}" for n in range(5)), f"dedupe-slack {key}"]
    store.audit.record(SYSTEM, "crash.test", f"round:{tag}", i=i)
    return [f"audit {tag} {i}"]


def main() -> None:
    data_dir, tag = Path(sys.argv[1]), sys.argv[2]
    rng = random.Random(tag)
    store = open_store(data_dir)
    print("ready", flush=True)
    for i in range(1_000_000):
        for line in write_one(store, tag, i, rng):
            print(line, flush=True)


if __name__ == "__main__":
    main()
