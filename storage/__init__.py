"""The survey's memory: suppliers, campaigns, assignments, submissions, outbox, audit - in TinyDB files.

Open one ``Store`` per process (``open_store(data_dir)``, or ``memory_store()`` in tests) and use its
repositories; every method returns frozen records and every acknowledged write is on disk.
"""

from storage.agreements import Agreement, Evidence
from storage.backend import Backend
from storage.clock import Clock, ManualClock, SystemClock
from storage.dedupe import KeyKind, imap_key
from storage.errors import (
    DuplicateRecord,
    ImportRefused,
    InvalidValue,
    ReadOnlyStore,
    RecordNotFound,
    SchemaTooNew,
    StorageCorrupt,
    StorageError,
    StoreLocked,
    TransitionRefused,
)
from storage.files import FileBackend
from storage.lifecycle import ALLOWED, SETTLED, apply_transition, state_after_submission
from storage.memory import MemoryBackend
from storage.migrations import SCHEMA_VERSION
from storage.records import (
    SYSTEM,
    Actor,
    ActorKind,
    Assignment,
    AssignmentState,
    AttachmentRef,
    AuditEntry,
    Campaign,
    CampaignState,
    Contact,
    FindingSummary,
    MailDraft,
    NewSubmission,
    OutboxItem,
    OutboxState,
    Submission,
    Supplier,
    SupplierDraft,
    Transition,
    Wave,
    WaveProgress,
)
from storage.reports import CampaignStatus, MissingRow, SupplierHistory
from storage.store import Store, memory_store, open_store
from storage.suppliers import PlannedUpsert, UpsertOutcome

__all__ = [
    "ALLOWED",
    "SCHEMA_VERSION",
    "SETTLED",
    "SYSTEM",
    "Actor",
    "ActorKind",
    "Agreement",
    "Assignment",
    "AssignmentState",
    "AttachmentRef",
    "AuditEntry",
    "Backend",
    "Campaign",
    "CampaignState",
    "CampaignStatus",
    "Clock",
    "Contact",
    "DuplicateRecord",
    "Evidence",
    "FileBackend",
    "FindingSummary",
    "ImportRefused",
    "InvalidValue",
    "KeyKind",
    "MailDraft",
    "ManualClock",
    "MemoryBackend",
    "MissingRow",
    "NewSubmission",
    "OutboxItem",
    "OutboxState",
    "PlannedUpsert",
    "ReadOnlyStore",
    "RecordNotFound",
    "SchemaTooNew",
    "StorageCorrupt",
    "StorageError",
    "Store",
    "StoreLocked",
    "Submission",
    "Supplier",
    "SupplierDraft",
    "SupplierHistory",
    "SystemClock",
    "Transition",
    "TransitionRefused",
    "UpsertOutcome",
    "Wave",
    "WaveProgress",
    "apply_transition",
    "imap_key",
    "memory_store",
    "open_store",
    "state_after_submission",
]
