"""Files that survive: corrupt data is reported not emptied, old versions migrate, batches flush once."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
import tinydb

from storage import (
    SCHEMA_VERSION,
    SYSTEM,
    AssignmentState,
    Contact,
    Evidence,
    ReadOnlyStore,
    SchemaTooNew,
    StorageCorrupt,
    Store,
    StoreLocked,
    SupplierDraft,
    open_store,
)
from storage.files import AtomicJSONStorage
from tests.storage.conftest import StoreHarness


def _draft(code: str) -> SupplierDraft:
    return SupplierDraft(code, f"{code} Ltd", (Contact(f"a@{code.lower()}.com"),))


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"", "the file is empty"),
        (b'{"_meta": {"1": {"schema_version": 2}}, "suppliers": {"1": {"code": "A"', "not valid JSON"),
        (b'{"suppliers": {}}', "no schema version"),
        (b'{"_meta": {"1": {"schema_version": 2, "collection": "outbox"}}}', "holds collection 'outbox'"),
        (b'{"_meta": {"1": {"schema_version": 2}}, "suppliers": {"x": {}}}', "numeric id"),
        (b'{"_meta": {"1": {"schema_version": 2}}, "suppliers": {"1": {"code": "A"}}}', "expected fields"),
        (b'{"_meta": {"1": {"schema_version": "two"}}, "suppliers": {}}', "not a positive integer"),
    ],
)
def test_a_damaged_collection_file_stops_the_start_naming_the_file_and_is_left_as_it_was(
    harness: StoreHarness, raw: bytes, problem: str
) -> None:
    harness.seed("suppliers.json", raw)
    with pytest.raises(StorageCorrupt, match=problem) as corrupt:
        harness.open()
    assert "suppliers.json" in str(corrupt.value)
    assert harness.stored("suppliers.json") == raw


def test_a_file_from_a_newer_surveybot_is_refused_not_overwritten(harness: StoreHarness) -> None:
    raw = json.dumps({"_meta": {"1": {"schema_version": SCHEMA_VERSION + 1}}, "suppliers": {}}).encode()
    harness.seed("suppliers.json", raw)
    with pytest.raises(SchemaTooNew, match="upgrade surveybot"):
        harness.open()
    assert harness.stored("suppliers.json") == raw


def test_version_1_files_are_migrated_and_the_old_file_is_kept_as_a_backup(harness: StoreHarness) -> None:
    suppliers_v1 = {
        "_meta": {"1": {"schema_version": 1}},
        "suppliers": {"7": {"code": "ACME", "name": "Acme", "emails": ["a@Acme.com", "b@acme.cn"],
                            "buyer": "U0B", "language": "zh", "country": "CN"}},
    }  # fmt: skip
    history = [["invited", "2025-01-02T09:00:00+00:00", ["system", "surveybot"], ""],
               ["opted-out", "2025-01-05T09:00:00+00:00", ["staff", "U0B"], "no 3TG"]]  # fmt: skip
    assignments_v1 = {
        "_meta": {"1": {"schema_version": 1}},
        "assignments": {"1": {"supplier_id": 7, "campaign_id": 1, "state": "opted-out", "history": history,
                              "last_contact": None, "reminder_count": 0, "last_submission_id": None,
                              "undeliverable": False}},
    }  # fmt: skip
    old_suppliers = json.dumps(suppliers_v1).encode()
    harness.seed("suppliers.json", old_suppliers)
    harness.seed("assignments.json", json.dumps(assignments_v1).encode())

    store = harness.open()
    acme = store.suppliers.by_code("acme")
    assert acme is not None and acme.id == 7
    assert (acme.emails, acme.owner, acme.sender_domains) == (
        ("a@Acme.com", "b@acme.cn"),
        "U0B",
        ("acme.cn", "acme.com"),
    )
    assert store.suppliers.by_email("A@ACME.COM") == (acme,)
    assignment = store.assignments.get(1)
    assert assignment.state is AssignmentState.OPTED_OUT
    assert store.assignments.transition(1, AssignmentState.INVITED).state is AssignmentState.INVITED
    assert harness.stored("suppliers.json.v1.bak") == old_suppliers
    rewritten = json.loads(harness.stored("suppliers.json") or b"")
    assert rewritten["_meta"]["1"]["schema_version"] == SCHEMA_VERSION


def test_a_torn_last_audit_line_is_set_aside_and_earlier_entries_are_kept(harness: StoreHarness) -> None:
    store = harness.open()
    store.suppliers.add(_draft("ACME"))
    store.close()
    harness.current = None
    intact = harness.stored("audit.jsonl") or b""
    harness.seed("audit.jsonl", intact + b'{"at": "2026-03-02T09:00:00+00:00", "actor": ["sys')
    again = harness.open()
    assert [e.action for e in again.audit.entries()] == ["supplier.add"]
    assert harness.stored("audit.jsonl") == intact
    assert harness.stored("audit.jsonl.torn-1") == b'{"at": "2026-03-02T09:00:00+00:00", "actor": ["sys'


def test_a_damaged_line_inside_the_audit_log_is_reported(harness: StoreHarness) -> None:
    store = harness.open()
    store.suppliers.add(_draft("ACME"))
    store.close()
    harness.current = None
    intact = harness.stored("audit.jsonl") or b""
    harness.seed("audit.jsonl", intact + b"garbage\n" + intact.splitlines(keepends=True)[1])
    with pytest.raises(StorageCorrupt, match="line 3 is not JSON"):
        harness.open()


def test_a_batch_writes_each_file_once_at_its_end_and_a_single_write_at_once(harness: StoreHarness) -> None:
    store = harness.open()
    store.suppliers.add(_draft("FIRST"))
    assert b"FIRST" in (harness.stored("suppliers.json") or b"")
    with store.batch():
        for i in range(50):
            store.suppliers.add(_draft(f"B{i}"))
        assert b"B0" not in (harness.stored("suppliers.json") or b"")
    assert b'"B49"' in (harness.stored("suppliers.json") or b"")


def test_a_batch_that_fails_halfway_still_keeps_the_writes_it_made(
    store: Store, reopen: Callable[[], Store]
) -> None:
    with pytest.raises(RuntimeError), store.batch():
        store.suppliers.add(_draft("KEPT"))
        raise RuntimeError("handler bug")
    assert reopen().suppliers.by_code("KEPT") is not None


def test_threads_writing_at_once_lose_nothing(store: Store, reopen: Callable[[], Store]) -> None:
    def writer(prefix: str) -> None:
        for i in range(40):
            if i % 10 == 0:
                with store.batch():
                    store.suppliers.add(_draft(f"{prefix}{i}"))
                    store.dedupe.mark("slack_event", f"{prefix}{i}")
            else:
                store.suppliers.add(_draft(f"{prefix}{i}"))

    threads = [threading.Thread(target=writer, args=(p,)) for p in ("imap", "slack", "sched")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    again = reopen()
    assert again.suppliers.count() == 120
    assert len({s.id for s in again.suppliers.all()}) == 120
    assert again.dedupe.seen("slack_event", "sched30")


def test_only_one_process_may_write_a_data_directory(tmp_path: Path) -> None:
    with open_store(tmp_path) as writer:
        writer.suppliers.add(_draft("ACME"))
        with pytest.raises(StoreLocked, match="only one process may write"):
            open_store(tmp_path)
        with open_store(tmp_path, read_only=True) as reader:
            assert reader.suppliers.by_code("ACME") is not None
            with pytest.raises(ReadOnlyStore):
                reader.suppliers.add(_draft("BOLT"))


def test_leftover_temp_files_from_a_crash_are_removed_and_the_real_files_are_intact(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        store.suppliers.add(_draft("ACME"))
    stale = tmp_path / ".suppliers.json.tmp-999-0"
    stale.write_bytes(b'{"half": ')
    with open_store(tmp_path) as store:
        assert store.suppliers.by_code("ACME") is not None
    assert not stale.exists()


def test_collection_files_open_with_tinydb_itself_for_inspection(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        store.suppliers.add(_draft("ACME"))
    db = tinydb.TinyDB(tmp_path / "suppliers.json", storage=AtomicJSONStorage, access_mode="r")
    found = db.table("suppliers").search(tinydb.Query().code == "ACME")
    assert [doc["name"] for doc in found] == ["ACME Ltd"]


def test_a_read_only_view_of_some_collections_never_reads_the_others(tmp_path: Path) -> None:
    with open_store(tmp_path) as writer:
        writer.suppliers.add(_draft("ACME"))
    (tmp_path / "submissions.json").write_bytes(b'{"half": ')  # would stop a full open
    with pytest.raises(StorageCorrupt):
        open_store(tmp_path, read_only=True)
    with open_store(tmp_path, read_only=True, only={"suppliers"}) as reader:
        assert [s.code for s in reader.suppliers.all()] == ["ACME"]
        with pytest.raises(RuntimeError, match="submissions collection was not loaded"):
            reader.submissions.get(1)


def test_only_a_read_only_store_may_leave_collections_unread(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="read-only"):
        open_store(tmp_path, only={"suppliers"})


def test_every_collection_survives_a_restart_policy_agreements_included(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        supplier = store.suppliers.add(_draft("AGR"))
        store.agreements.add(supplier.id, "2027-1", Evidence.STAFF, SYSTEM, staff_user="U1", note="by phone")
        kept = {name: len(list(table)) for name, table in store._core.tables.items()}
    with open_store(tmp_path, read_only=True) as again:
        (agreement,) = again.agreements.for_supplier(supplier.id)
        assert (agreement.policy_version, agreement.note) == ("2027-1", "by phone")
        assert {name: len(list(table)) for name, table in again._core.tables.items()} == kept
