"""``Store``: the one object that touches the survey's TinyDB files, and how to open it.

Everything else in surveybot reads and writes the survey's memory through a ``Store``: frozen
records out, explicit methods in. It is composed of one repository per concept (``store.suppliers``,
``store.outbox`` …) sharing one lock, one clock and one flush policy (``storage.core``). Open it once
per process with ``open_store(data_dir)``; tests and the demo use ``memory_store()``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from storage.agreements import AgreementRepo
from storage.assignments import AssignmentRepo
from storage.audit import AuditLog
from storage.backend import Backend
from storage.campaigns import CampaignRepo
from storage.clock import Clock, SystemClock
from storage.core import StoreCore
from storage.dedupe import DedupeRepo
from storage.facility_lists import FacilityListRepo
from storage.files import FileBackend
from storage.memory import MemoryBackend
from storage.outbox import OutboxRepo
from storage.reports import Reports
from storage.staff_notes import StaffNoteRepo
from storage.submissions import BlobStore, SubmissionRepo
from storage.suppliers import SupplierRepo
from storage.waves import WaveRepo


class Store:
    def __init__(
        self,
        backend: Backend,
        clock: Clock | None = None,
        *,
        read_only: bool = False,
        only: frozenset[str] | None = None,
    ) -> None:
        self._core = StoreCore(backend, clock or SystemClock(), read_only=read_only, only=only)
        core = self._core
        self.clock = core.clock
        self.suppliers = SupplierRepo(core)
        self.campaigns = CampaignRepo(core)
        self.assignments = AssignmentRepo(core, self.suppliers, self.campaigns)
        self.blobs = BlobStore(core)
        self.submissions = SubmissionRepo(core, self.blobs)
        self.outbox = OutboxRepo(core, self.blobs)
        self.waves = WaveRepo(core, self.campaigns, self.outbox)
        self.dedupe = DedupeRepo(core)
        self.staff_notes = StaffNoteRepo(core)
        self.agreements = AgreementRepo(core)
        self.facility_lists = FacilityListRepo(core)
        self.audit = AuditLog(core)
        self.reports = Reports(
            core.clock, self.suppliers, self.campaigns, self.assignments, self.submissions, self.outbox
        )
        try:
            with core.collector_paused():
                core.load()
                for names, repo in self._indexed():
                    if all(core.loads(name) for name in names):
                        repo.reindex()
        except BaseException:
            backend.close()
            raise

    def _indexed(self) -> tuple[tuple[tuple[str, ...], Any], ...]:
        """Each repository that keeps an index, by the collections it indexes."""
        return (
            (("suppliers",), self.suppliers),
            (("campaigns",), self.campaigns),
            (("assignments",), self.assignments),
            (("submissions",), self.submissions),
            (("outbox",), self.outbox),
            (("waves",), self.waves),
            (("processed", "autoreplies"), self.dedupe),
        )

    @property
    def read_only(self) -> bool:
        return self._core.read_only

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Defer flushing this thread's writes to the end of the block (one fsync per file).

        Writes made inside are acknowledged when the outermost ``batch`` exits. Not a transaction:
        if the block raises, what it already did is still flushed and the exception propagates.
        """
        with self._core.batch():
            yield

    def flush(self) -> None:
        """Write anything pending now (normally not needed: writes flush themselves)."""
        self._core.flush()

    def close(self) -> None:
        if not self._core.read_only:
            self._core.flush(force=True)
        self._core.backend.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(
    data_dir: Path,
    clock: Clock | None = None,
    *,
    read_only: bool = False,
    only: Collection[str] | None = None,
) -> Store:
    """Open (creating if needed) the store in ``data_dir``; the one writer process holds its lock.

    ``read_only=True`` takes no lock and refuses writes: for CLI commands that only look, while the
    bot may be running. Such a command may name the collections it shows in ``only`` (e.g.
    ``{"suppliers"}``; the audit log is "audit"), and the others are not read at all: at
    10,000 suppliers with their submissions that is most of the command's time. Raises
    ``StorageCorrupt``/``SchemaTooNew`` naming a damaged file, and ``StoreLocked`` if another
    process is the writer.
    """
    subset = frozenset(only) if only is not None else None
    return Store(FileBackend(Path(data_dir), read_only=read_only), clock, read_only=read_only, only=subset)


def memory_store(clock: Clock | None = None, backend: MemoryBackend | None = None) -> Store:
    """A store kept in process memory, with the same behaviour as the file store."""
    return Store(backend or MemoryBackend(), clock)
