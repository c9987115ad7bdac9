"""Submissions (received files) and the content-addressed blob store holding the originals.

TinyDB keeps only a summary of each submission (verdict, findings, template version); the original
file is stored beside the DB under its SHA-256 (perf baseline §4: embedding smelter lists made every
write and query hundreds of times slower). ``add`` is idempotent on (Message-ID, SHA-256), so a mail
replayed after a crash does not create a second submission.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import fields as dataclass_fields
from dataclasses import replace
from pathlib import Path

from storage.clock import require_aware
from storage.codec import decode_submission, encode_submission
from storage.core import StoreCore
from storage.errors import RecordNotFound, StorageCorrupt
from storage.records import NewSubmission, Submission
from storage.tables import Collection


class BlobStore:
    """Original files by SHA-256: written once, fsynced, verified on read."""

    def __init__(self, core: StoreCore) -> None:
        self._core = core

    def put(self, data: bytes) -> str:
        """Store ``data`` (a no-op if already there) and return its SHA-256; durable at the next flush."""
        sha256 = hashlib.sha256(data).hexdigest()
        with self._core.writing():
            self._core.backend.put_blob(sha256, data)
        return sha256

    def read(self, sha256: str) -> bytes:
        try:
            data = self._core.backend.read_blob(sha256)
        except FileNotFoundError:
            raise RecordNotFound(f"no stored file with SHA-256 {sha256}") from None
        if hashlib.sha256(data).hexdigest() != sha256:
            raise StorageCorrupt(self._core.backend.blob_path(sha256) or sha256, "content ≠ SHA-256 name")
        return data

    def exists(self, sha256: str) -> bool:
        return self._core.backend.has_blob(sha256)

    def path(self, sha256: str) -> Path | None:
        """The file on disk (file backend only), e.g. to attach it without loading it."""
        return self._core.backend.blob_path(sha256)


HELD = "held"  # kept for staff to decide on; no verdict yet


class SubmissionRepo:
    def __init__(self, core: StoreCore, blobs: BlobStore) -> None:
        self._core = core
        self._blobs = blobs
        self._table = core.register(Collection("submissions", encode_submission, decode_submission))
        self._by_message: defaultdict[str, set[int]] = defaultdict(set)
        self._by_sha: defaultdict[str, set[int]] = defaultdict(set)
        self._by_supplier: defaultdict[int, set[int]] = defaultdict(set)

    def reindex(self) -> None:
        for s in self._table:
            self._index(s)

    def _index(self, s: Submission) -> None:
        self._by_message[s.message_id].add(s.id)
        self._by_sha[s.sha256].add(s.id)
        if s.supplier_id is not None:
            self._by_supplier[s.supplier_id].add(s.id)

    def add(self, new: NewSubmission, original: bytes) -> Submission:
        """Store the original file and the submission summary; the same mail twice returns the first."""
        sha256 = hashlib.sha256(original).hexdigest()
        with self._core.writing():
            for existing in self.by_message_id(new.message_id):
                if existing.sha256 == sha256 and existing.attachment_name == new.attachment_name:
                    return existing
            self._core.backend.put_blob(sha256, original)
            values = {f.name: getattr(new, f.name) for f in dataclass_fields(new)}
            values["received_at"] = require_aware(new.received_at)
            submission = Submission(id=self._table.allocate_id(), sha256=sha256, **values)
            self._table.put(submission.id, submission)
            self._index(submission)
            return submission

    def settle(self, submission_id: int, judged: NewSubmission) -> Submission:
        """Give a ``held`` submission the verdict staff released it to; any other is returned unchanged.

        Only the judgement changes (template, language, verdict, findings, campaign): the file, the
        mail it came in and the supplier stay what was received.
        """
        with self._core.writing():
            current = self.get(submission_id)
            if current.verdict != HELD:
                return current
            settled = replace(
                current,
                family=judged.family,
                version=judged.version,
                language=judged.language,
                verdict=judged.verdict,
                findings=judged.findings,
                campaign_id=judged.campaign_id,
            )
            self._table.put(settled.id, settled)
            return settled

    def get(self, submission_id: int) -> Submission:
        submission = self._table.get(submission_id)
        if submission is None:
            raise RecordNotFound(f"no submission with id {submission_id}")
        return submission

    def by_message_id(self, message_id: str) -> tuple[Submission, ...]:
        return self._many(self._by_message.get(message_id, ()))

    def by_sha256(self, sha256: str) -> tuple[Submission, ...]:
        return self._many(self._by_sha.get(sha256, ()))

    def for_supplier(self, supplier_id: int) -> tuple[Submission, ...]:
        return self._many(self._by_supplier.get(supplier_id, ()))

    def original(self, submission_id: int) -> bytes:
        return self._blobs.read(self.get(submission_id).sha256)

    def _many(self, ids: Iterable[int]) -> tuple[Submission, ...]:
        with self._core.lock:
            records = self._table.records
            return tuple(records[i] for i in sorted(ids))
