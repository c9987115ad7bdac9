"""Suppliers' agreements to the buyer's responsible-minerals policy, each with its evidence.

Why kept apart from assignments: an agreement is to a policy *version*, not to a campaign - it
carries over from one year's survey to the next until the policy changes. Each record keeps what a
person (or an auditor) needs to trust it: the version, the day, and the evidence - the reply's
Message-ID and the sentence quoted (``reply``), the hash of a signed acknowledgement file staff
confirmed (``file``), or the staff member and their note for one received another way (``staff``).
Records are never changed; a second agreement to the same version is simply not added.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from storage.core import StoreCore
from storage.records import Actor, AuditEntry
from storage.tables import Collection


class Evidence(StrEnum):
    REPLY = "reply"  # the supplier replied with the agreement sentence
    FILE = "file"  # a signed acknowledgement file, confirmed by staff
    STAFF = "staff"  # received another way, recorded by staff with a note


@dataclass(frozen=True, slots=True)
class Agreement:
    id: int
    supplier_id: int
    policy_version: str
    at: datetime
    evidence: Evidence
    message_id: str = ""
    quoted: str = ""  # the agreement sentence as recognised in the reply
    file_sha256: str = ""
    staff_user: str = ""
    note: str = ""


def _encode(a: Agreement) -> dict[str, Any]:
    fields = ("message_id", "quoted", "file_sha256", "staff_user", "note")
    return {
        "supplier_id": a.supplier_id,
        "policy_version": a.policy_version,
        "at": a.at.isoformat(),
        "evidence": a.evidence.value,
        **{name: getattr(a, name) for name in fields if getattr(a, name)},
    }


def _decode(doc_id: int, d: dict[str, Any]) -> Agreement:
    return Agreement(
        id=doc_id,
        supplier_id=int(d["supplier_id"]),
        policy_version=str(d["policy_version"]),
        at=datetime.fromisoformat(d["at"]),
        evidence=Evidence(d["evidence"]),
        **{k: str(d.get(k, "")) for k in ("message_id", "quoted", "file_sha256", "staff_user", "note")},
    )


class AgreementRepo:
    def __init__(self, core: StoreCore) -> None:
        self._core = core
        self._table = core.register(Collection("agreements", _encode, _decode))

    def reindex(self) -> None:
        """One record per supplier and policy version: a scan is cheap next to a mail round trip."""

    def for_supplier(self, supplier_id: int) -> tuple[Agreement, ...]:
        with self._core.lock:
            return tuple(sorted((a for a in self._table if a.supplier_id == supplier_id), key=lambda a: a.id))

    def agreed(self, version: str) -> frozenset[int]:
        """Ids of the suppliers who agreed to policy ``version``."""
        with self._core.lock:
            return frozenset(a.supplier_id for a in self._table if a.policy_version == version)

    def add(
        self, supplier_id: int, version: str, evidence: Evidence, actor: Actor, **proof: str
    ) -> Agreement | None:
        """Record an agreement; None (nothing written) when the supplier already agreed to ``version``."""
        if not version.strip():
            raise ValueError("an agreement needs the policy version it agrees to")
        with self._core.writing():
            if supplier_id in self.agreed(version):
                return None
            now = self._core.clock.now()
            agreement = Agreement(self._table.allocate_id(), supplier_id, version, now, evidence, **proof)
            self._table.put(agreement.id, agreement)
            details = {"version": version, "evidence": evidence.value}
            self._core.add_audit(AuditEntry(now, actor, "policy.agree", f"supplier:{supplier_id}", details))
            return agreement
