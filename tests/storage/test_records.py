"""Suppliers, campaigns, submissions and the audit log: what callers can do and find again later."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from storage import (
    Actor,
    ActorKind,
    AssignmentState,
    CampaignState,
    Contact,
    DuplicateRecord,
    FindingSummary,
    InvalidValue,
    ManualClock,
    NewSubmission,
    RecordNotFound,
    Store,
    SupplierDraft,
    TransitionRefused,
)
from tests.storage.conftest import START

BUYER = Actor(ActorKind.STAFF, "U0BUYER")


def _draft(code: str, *emails: str, name: str = "", owner: str = "") -> SupplierDraft:
    contacts = tuple(Contact(e) for e in emails or (f"info@{code.lower()}.example",))
    return SupplierDraft(code, name or f"{code} Industries", contacts, owner=owner)


def test_suppliers_are_found_by_code_email_domain_and_name_fragment_in_any_case(store: Store) -> None:
    acme = store.suppliers.add(_draft("ACME-1", "Sales@Acme.com", "q@acme-asia.cn", name="Acme Metals"))
    store.suppliers.add(_draft("BOLT", "x@bolt.de", name="Bolt Fasteners"))
    assert store.suppliers.by_code("acme-1 ") == acme
    assert store.suppliers.by_email("sales@ACME.com") == (acme,)
    assert store.suppliers.by_domain("ACME-ASIA.cn") == (acme,)
    assert store.suppliers.for_sender("someone.else@acme.com") == (acme,)
    assert store.suppliers.search("metal") == (acme,)
    assert store.suppliers.search("@bolt.de")[0].code == "BOLT"
    assert store.suppliers.search("acme-1")[0] == acme
    assert store.suppliers.for_sender("stranger@elsewhere.org") == ()


def test_a_second_supplier_with_the_same_code_is_refused(store: Store) -> None:
    store.suppliers.add(_draft("ACME"))
    with pytest.raises(DuplicateRecord, match="ACME"):
        store.suppliers.add(_draft("acme"))


def test_records_are_frozen_and_change_only_through_store_methods(
    store: Store, reopen: Callable[[], Store]
) -> None:
    acme = store.suppliers.add(_draft("ACME", "old@acme.com"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        acme.name = "Hacked"  # type: ignore[misc]
    moved = store.suppliers.update(acme.id, BUYER, contacts=(Contact("new@acme.com", "Ann", "CSR"),))
    assert store.suppliers.by_email("old@acme.com") == ()
    assert store.suppliers.by_email("new@acme.com") == (moved,)
    again = reopen()
    assert again.suppliers.get(acme.id).contacts == (Contact("new@acme.com", "Ann", "CSR"),)
    assert again.audit.entries(subject="supplier:ACME")[-1].actor == BUYER


def test_an_unknown_id_gives_a_clear_not_found(store: Store) -> None:
    with pytest.raises(RecordNotFound, match="no supplier with id 99"):
        store.suppliers.get(99)
    with pytest.raises(RecordNotFound, match="no campaign with id 3"):
        store.assignments.invite(3, [])


def test_a_campaign_goes_draft_active_closed_and_refuses_going_back_to_draft(store: Store) -> None:
    c = store.campaigns.create("EMRT 2026", "emrt", "2.0", date(2026, 6, 30), reminder_days=10)
    assert (c.family, c.state) == ("EMRT", CampaignState.DRAFT)
    store.campaigns.set_state(c.id, CampaignState.ACTIVE, BUYER)
    store.campaigns.set_state(c.id, CampaignState.CLOSED, BUYER)
    with pytest.raises(TransitionRefused, match="closed and cannot become draft"):
        store.campaigns.set_state(c.id, CampaignState.DRAFT, BUYER)
    with pytest.raises(InvalidValue, match="at least one day"):
        store.campaigns.update(c.id, reminder_days=0)
    with pytest.raises(DuplicateRecord):
        store.campaigns.create("emrt 2026", "EMRT", "2.0", date(2026, 6, 30))


def test_inviting_twice_creates_each_assignment_once(store: Store) -> None:
    a, b = store.suppliers.add(_draft("A")), store.suppliers.add(_draft("B"))
    c = store.campaigns.create("CMRT", "CMRT", "6.5", date(2026, 4, 1))
    assert len(store.assignments.invite(c.id, [a.id, a.id])) == 1
    assert [x.supplier_id for x in store.assignments.invite(c.id, [a.id, b.id])] == [b.id]
    assert len(store.assignments.for_campaign(c.id)) == 2
    assert store.assignments.find(b.id, c.id) is not None


def test_a_submission_keeps_its_summary_in_the_db_and_the_original_file_beside_it(
    store: Store, reopen: Callable[[], Store]
) -> None:
    finding = FindingSummary("CMRT-DECL-DATE", "error", "decl.date.missing", {"row": 5}, "Declaration", "D8")
    new = NewSubmission(
        "<a@x>", "q@acme.com", START, "CMRT 6.5 Acme.xlsx", "CMRT", "6.5", "en", "rejected", (finding,)
    )
    content = b"PK\x03\x04 pretend workbook" * 100
    first = store.submissions.add(new, content)
    assert store.submissions.add(new, content) == first  # a replayed mail adds nothing
    again = reopen()
    kept = again.submissions.get(first.id)
    assert kept.findings == (finding,) and kept.sha256 == first.sha256
    assert again.submissions.original(first.id) == content
    assert again.submissions.by_sha256(first.sha256) == (kept,)
    path = again.blobs.path(first.sha256)
    assert path is None or (path.read_bytes() == content and path.name == first.sha256)


def test_a_held_submission_gets_its_verdict_once_and_keeps_its_file(
    store: Store, reopen: Callable[[], Store]
) -> None:
    held = store.submissions.add(
        NewSubmission("<h@x>", "q@acme.com", START, "falcon.xlsx", "CMRT", "6.5", "en", "held", (), 7), b"PK"
    )
    finding = FindingSummary("CMRT-DECL-EMAIL", "warning", "field.email", {}, "Declaration", "D16")
    judged = NewSubmission(
        "<h@x>", "q@acme.com", START, "falcon.xlsx", "CMRT", "6.5", "en", "accepted", (finding,), 7, 3
    )
    settled = store.submissions.settle(held.id, judged)
    assert (settled.verdict, settled.findings, settled.campaign_id) == ("accepted", (finding,), 3)
    assert (settled.sha256, settled.message_id, settled.received_at) == (held.sha256, "<h@x>", START)
    rejected = dataclasses.replace(judged, verdict="rejected")
    assert store.submissions.settle(held.id, rejected) == settled  # only a held one changes
    assert reopen().submissions.get(held.id) == settled


def test_naive_times_are_refused_so_every_stored_time_is_utc(store: Store) -> None:
    new = NewSubmission("<a@x>", "q@acme.com", START.replace(tzinfo=None), "f.xlsx")
    with pytest.raises(ValueError, match="naive datetime"):
        store.submissions.add(new, b"x")


def test_the_audit_log_keeps_every_entry_in_order_across_restarts(
    store: Store, reopen: Callable[[], Store], clock: ManualClock
) -> None:
    store.audit.record(BUYER, "file.viewed", "submission:1", reason="spot check")
    clock.advance(timedelta(minutes=5))
    store.audit.record(Actor(ActorKind.SUPPLIER, "q@acme.com"), "mail.triage", "mail:<z@x>")
    entries = reopen().audit.entries()
    assert [(e.action, e.at) for e in entries] == [
        ("file.viewed", START),
        ("mail.triage", START + timedelta(minutes=5)),
    ]
    assert entries[0].details == {"reason": "spot check"}


def test_reports_count_states_rates_and_overdue_suppliers_with_owner_and_last_contact(
    store: Store, clock: ManualClock
) -> None:
    ids = [store.suppliers.add(_draft(f"S{i}", owner=f"U{i % 2}")).id for i in range(5)]
    c = store.campaigns.create("CMRT", "CMRT", "6.5", START.date() + timedelta(days=10))
    a = store.assignments.invite(c.id, ids)
    sub = store.submissions.add(NewSubmission("<1@x>", "i@s0", START, "f.xlsx", supplier_id=ids[0]), b"1")
    store.assignments.transition(a[0].id, AssignmentState.RECEIVED, submission_id=sub.id)
    store.assignments.transition(a[0].id, AssignmentState.ACCEPTED)
    store.assignments.transition(a[1].id, AssignmentState.OPTED_OUT, BUYER)
    clock.advance(timedelta(days=1))
    store.assignments.transition(a[2].id, AssignmentState.REMINDED)
    assert store.reports.campaign_status(c.id).overdue == 0
    clock.advance(timedelta(days=20))
    status = store.reports.campaign_status(c.id)
    assert (status.total, status.applicable, status.responded, status.accepted) == (5, 4, 1, 1)
    assert status.counts[AssignmentState.INVITED] == 2 and status.overdue == 3
    assert (status.response_rate, status.acceptance_rate) == (0.25, 0.25)
    missing = store.reports.missing(c.id, overdue_only=True)
    assert [(r.supplier.code, r.owner) for r in missing] == [("S2", "U0"), ("S4", "U0"), ("S3", "U1")]
    assert missing[0].last_contact == START + timedelta(days=1)
    history = store.reports.supplier_history(ids[0])
    assert history.submissions == (sub,) and history.assignments[0].state is AssignmentState.ACCEPTED
