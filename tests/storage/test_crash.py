"""Kill -9 a writer at random moments: the store must open, and every acknowledged write must be there.

Each round starts ``crash_writer.py`` on the same data directory, lets it write for a random time,
SIGKILLs it and then opens the store as the next process would (removing unfinished temp files,
setting aside a torn audit line) and checks every write the writer printed as acknowledged.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from storage import SYSTEM, KeyKind, OutboxState, Store, open_store
from tests.storage.crash_writer import _supplier

WRITER = Path(__file__).with_name("crash_writer.py")
ROUNDS = 12


def _seed(data_dir: Path) -> None:
    """2,000 suppliers and assignments, so each flush rewrites files big enough to be killed in."""
    with open_store(data_dir) as store:
        store.suppliers.upsert_many([_supplier(f"S{i:05d}") for i in range(2000)], SYSTEM, "seed")
        campaign = store.campaigns.create("CMRT 2026", "CMRT", "6.5", date(2026, 6, 30))
        store.assignments.invite(campaign.id, [s.id for s in store.suppliers.all()])


def _run_and_kill(data_dir: Path, tag: str, delay: float) -> list[str]:
    proc = subprocess.Popen(
        [sys.executable, str(WRITER), str(data_dir), tag], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None
    ready = proc.stdout.readline()
    assert ready == b"ready\n", proc.stderr.read() if proc.stderr else ready
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=10)
    assert proc.returncode == -signal.SIGKILL, err.decode()
    complete = out.split(b"\n")[:-1]  # a line cut by the kill was never fully printed
    return [line.decode() for line in complete]


def _check_acknowledged(store: Store, lines: list[str], tag: str) -> None:
    for line in lines:
        kind, *args = line.split()
        if kind == "supplier":
            assert store.suppliers.by_code(args[0]) is not None, line
        elif kind == "outbox":
            assert store.outbox.by_dedupe_key(args[0]) is not None, line
        elif kind == "sent":
            sent = store.outbox.by_dedupe_key(args[0])
            assert sent is not None and sent.state is OutboxState.SENT, line
            assert sent.draft.text == f"body {args[0][1:]}", line
        elif kind == "dedupe":
            assert store.dedupe.seen(KeyKind.IMAP_UID, args[0]), line
        elif kind == "dedupe-slack":
            assert store.dedupe.seen(KeyKind.SLACK_EVENT, args[0]), line
        elif kind == "submission":
            submission = store.submissions.get(int(args[0]))
            assert submission.sha256 == args[1] and store.submissions.original(submission.id), line
        elif kind == "remind":
            assert store.assignments.get(int(args[0])).reminder_count >= int(args[1]), line
        elif kind == "audit":
            entries = store.audit.entries(subject=f"round:{args[0]}")
            assert int(args[1]) in {e.details["i"] for e in entries}, line
        else:
            raise AssertionError(f"unknown line {line!r}")


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    _seed(tmp_path / "data")
    yield tmp_path / "data"


@pytest.mark.slow
def test_sigkill_at_random_moments_leaves_a_readable_store_with_every_acknowledged_write(
    data_dir: Path,
) -> None:
    rng = random.Random(20261125)
    acknowledged: list[tuple[str, list[str]]] = []
    interrupted_writes = 0
    for round_no in range(ROUNDS):
        tag = f"r{round_no}"
        lines = _run_and_kill(data_dir, tag, rng.uniform(0.05, 0.5))
        interrupted_writes += len(list(data_dir.glob(".*.tmp-*")))
        acknowledged.append((tag, lines))
        with open_store(data_dir) as store:  # as the restarted bot would: must not raise
            for earlier_tag, earlier in acknowledged:
                _check_acknowledged(store, earlier, earlier_tag)
        assert not list(data_dir.glob(".*.tmp-*"))
    total = sum(len(lines) for _, lines in acknowledged)
    assert total > ROUNDS * 5, "the writer barely wrote anything; the test proves nothing"
    print(f"{ROUNDS} kills, {total} acknowledged writes checked, {interrupted_writes} temp files cleaned")
