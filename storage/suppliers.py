"""Suppliers: add, update, bulk upsert (the import), and O(1) lookups by code, email and domain.

Indexes are kept in memory beside the table and updated on every change, so a Slack lookup or the
inbound router's "who sent this?" never scans 10,000 suppliers. Codes, emails and domains are
matched case-insensitively; the record keeps them as they were typed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from storage.codec import decode_supplier, encode_supplier
from storage.core import StoreCore
from storage.errors import DuplicateRecord, RecordNotFound
from storage.records import SYSTEM, Actor, AuditEntry, Contact, Supplier, SupplierDraft
from storage.tables import Collection


class UpsertOutcome(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True, slots=True)
class PlannedUpsert:
    """What an import would do to one supplier, before it is done."""

    outcome: UpsertOutcome
    supplier: Supplier  # the record as it is or would be stored (id 0 when not yet added)


def code_key(code: str) -> str:
    return code.strip().casefold()


def domain_of(email: str) -> str:
    return email.rpartition("@")[2].strip().casefold()


class SupplierRepo:
    def __init__(self, core: StoreCore) -> None:
        self._core = core
        self._table = core.register(Collection("suppliers", encode_supplier, decode_supplier))
        self._by_code: dict[str, int] = {}
        self._by_email: defaultdict[str, set[int]] = defaultdict(set)
        self._by_domain: defaultdict[str, set[int]] = defaultdict(set)
        self._search_text: dict[int, str] = {}
        self._indexed = False

    def reindex(self) -> None:
        """Forget the indexes; they are built at the first lookup that needs them (a command that
        only lists 10,000 suppliers never pays for indexing them)."""
        self._indexed = False

    def _ensure_indexed(self) -> None:
        if self._indexed:
            return
        with self._core.lock:
            if not self._indexed:
                for index in (self._by_code, self._by_email, self._by_domain, self._search_text):
                    index.clear()
                self._indexed = True
                for supplier in self._table:
                    self._index(supplier)

    def _index(self, s: Supplier) -> None:
        if not self._indexed:
            return  # the first lookup indexes the table as it is then
        self._by_code[code_key(s.code)] = s.id
        for contact in s.contacts:
            self._by_email[contact.email.casefold()].add(s.id)
        for domain in _domains(s):
            self._by_domain[domain].add(s.id)
        self._search_text[s.id] = f"{s.code}\n{s.name}".casefold()

    def _unindex(self, s: Supplier) -> None:
        if not self._indexed:
            return
        self._by_code.pop(code_key(s.code), None)
        for email in s.emails:
            self._by_email[email.casefold()].discard(s.id)
        for domain in _domains(s):
            self._by_domain[domain].discard(s.id)
        self._search_text.pop(s.id, None)

    # --- reads -------------------------------------------------------------------------------------

    def get(self, supplier_id: int) -> Supplier:
        supplier = self._table.get(supplier_id)
        if supplier is None:
            raise RecordNotFound(f"no supplier with id {supplier_id}")
        return supplier

    def get_many(self, supplier_ids: Iterable[int]) -> list[Supplier]:
        """Suppliers for known ids, in the same order (``RecordNotFound`` for an unknown id)."""
        records = self._table.records
        try:
            return [records[i] for i in supplier_ids]
        except KeyError as exc:
            raise RecordNotFound(f"no supplier with id {exc.args[0]}") from None

    def by_code(self, code: str) -> Supplier | None:
        self._ensure_indexed()
        supplier_id = self._by_code.get(code_key(code))
        return None if supplier_id is None else self._table.get(supplier_id)

    def by_email(self, email: str) -> tuple[Supplier, ...]:
        self._ensure_indexed()
        return self._many(self._by_email.get(email.strip().casefold(), ()))

    def by_domain(self, domain: str) -> tuple[Supplier, ...]:
        self._ensure_indexed()
        return self._many(self._by_domain.get(domain.strip().lstrip("@").casefold(), ()))

    def for_sender(self, address: str) -> tuple[Supplier, ...]:
        """Who may have sent mail from ``address``: exact contact first, else an allowed domain."""
        return self.by_email(address) or self.by_domain(domain_of(address))

    def search(self, text: str, limit: int = 20) -> tuple[Supplier, ...]:
        """Find by code, email, ``@domain`` or a case-insensitive fragment of the name or code."""
        text = text.strip()
        if not text:
            return ()
        if "@" in text:
            found = self.by_domain(text) if text.startswith("@") else self.for_sender(text)
            return found[:limit]
        exact = self.by_code(text)  # indexes the table if no lookup did yet
        needle = text.casefold()
        with self._core.lock:
            ids = [
                i for i, hay in self._search_text.items() if needle in hay and (not exact or i != exact.id)
            ]
        fragment = sorted(self._many(ids), key=lambda s: (s.name.casefold(), s.code))
        return ((exact,) if exact else ()) + tuple(fragment[: limit - (1 if exact else 0)])

    def all(self) -> tuple[Supplier, ...]:
        with self._core.lock:
            return tuple(sorted(self._table, key=lambda s: code_key(s.code)))

    def count(self) -> int:
        return len(self._table)

    def _many(self, ids: Iterable[int]) -> tuple[Supplier, ...]:
        with self._core.lock:
            found = [self._table.records[i] for i in ids if i in self._table.records]
        return tuple(sorted(found, key=lambda s: s.id))

    # --- writes ------------------------------------------------------------------------------------

    def add(self, draft: SupplierDraft, actor: Actor = SYSTEM) -> Supplier:
        with self._core.writing():
            existing = self.by_code(draft.code)
            if existing:
                used_by = f"{existing.code} ({existing.name})"
                raise DuplicateRecord(f"code {draft.code.strip()!r} is already used by supplier {used_by}")
            supplier = build_supplier(self._table.allocate_id(), draft, None)
            self._store(None, supplier)
            self._audit(actor, "supplier.add", supplier, {"name": supplier.name})
            return supplier

    def update(self, supplier_id: int, actor: Actor = SYSTEM, **changes: Any) -> Supplier:
        """Change named fields (``name``, ``contacts``, ``owner``, ``tags``, …) of one supplier."""
        with self._core.writing():
            current = self.get(supplier_id)
            updated = replace(current, **changes)
            other = self.by_code(updated.code)
            if other and other.id != supplier_id:
                raise DuplicateRecord(f"a supplier with code {updated.code!r} already exists")
            if updated != current:
                self._store(current, updated)
                self._audit(actor, "supplier.update", updated, {"fields": ",".join(sorted(changes))})
            return updated

    def plan_upserts(self, drafts: Sequence[SupplierDraft]) -> list[PlannedUpsert]:
        """What ``upsert_many`` would do, without writing (the import's dry run and report)."""
        plans: list[PlannedUpsert] = []
        with self._core.lock:
            for draft in drafts:
                current = self.by_code(draft.code)
                proposed = build_supplier(current.id if current else 0, draft, current)
                if current is None:
                    plans.append(PlannedUpsert(UpsertOutcome.ADDED, proposed))
                elif proposed == current:
                    plans.append(PlannedUpsert(UpsertOutcome.UNCHANGED, current))
                else:
                    plans.append(PlannedUpsert(UpsertOutcome.UPDATED, proposed))
        return plans

    def upsert_many(self, drafts: Sequence[SupplierDraft], actor: Actor, source: str) -> list[PlannedUpsert]:
        """Add or update every draft (keyed by code) in one flush; one audit entry for the lot."""
        with self._core.writing():
            plans = self.plan_upserts(drafts)
            done: list[PlannedUpsert] = []
            for plan in plans:
                supplier = plan.supplier
                if plan.outcome is UpsertOutcome.ADDED:
                    supplier = replace(supplier, id=self._table.allocate_id())
                    self._store(None, supplier)
                elif plan.outcome is UpsertOutcome.UPDATED:
                    self._store(self.get(supplier.id), supplier)
                done.append(PlannedUpsert(plan.outcome, supplier))
            counts = {o.value: sum(p.outcome is o for p in done) for o in UpsertOutcome}
            self._core.add_audit(
                AuditEntry(self._core.clock.now(), actor, "suppliers.import", f"file:{source}", counts)
            )
            return done

    def _store(self, current: Supplier | None, supplier: Supplier) -> None:
        if current is not None:
            self._unindex(current)
        self._table.put(supplier.id, supplier)
        self._index(supplier)

    def _audit(self, actor: Actor, action: str, s: Supplier, details: dict[str, str]) -> None:
        entry = AuditEntry(self._core.clock.now(), actor, action, f"supplier:{s.code}", details)
        self._core.add_audit(entry)


def _domains(s: Supplier) -> set[str]:
    domains = {d.casefold() for d in s.sender_domains}
    domains.update(domain_of(c.email) for c in s.contacts)
    return domains


def build_supplier(supplier_id: int, draft: SupplierDraft, current: Supplier | None) -> Supplier:
    """The record ``draft`` makes: fresh, or merged over ``current`` (keeping what it doesn't say)."""
    known = {c.email.casefold(): c for c in current.contacts} if current else {}
    contacts = tuple(_merge_contact(c, known.get(c.email.casefold())) for c in draft.contacts)
    derived = {domain_of(c.email) for c in contacts}
    if draft.sender_domains:
        domains = {d.strip().lstrip("@").casefold() for d in draft.sender_domains}
    elif current:
        domains = derived | (set(current.sender_domains) - {domain_of(e) for e in current.emails})
    else:
        domains = derived
    return Supplier(
        id=supplier_id,
        code=draft.code.strip(),
        name=draft.name.strip(),
        contacts=contacts,
        sender_domains=tuple(sorted(domains)),
        language=draft.language or (current.language if current else "en"),
        country=draft.country or (current.country if current else ""),
        owner=draft.owner or (current.owner if current else ""),
        tags=draft.tags or (current.tags if current else ()),
    )


def _merge_contact(new: Contact, old: Contact | None) -> Contact:
    if old is None:
        return Contact(new.email.strip(), new.name, new.role)
    return Contact(new.email.strip(), new.name or old.name, new.role or old.role)
