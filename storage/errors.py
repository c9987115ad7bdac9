"""Errors raised by the store, so callers can tell "refused" from "broken" from "busy".

``TransitionRefused`` and ``RecordNotFound`` are user-facing: their messages are written to be shown
in Slack or the CLI as they are. ``StorageCorrupt`` and ``SchemaTooNew`` stop the process at start,
naming the file, because silently starting from an empty table would lose the survey's memory.
"""

from __future__ import annotations

from pathlib import Path

from surveybot.errors import SurveybotError, UserFacingError


class StorageError(SurveybotError):
    """Base of every error raised by ``storage``."""


class StorageCorrupt(StorageError):
    """A data file cannot be read as written by surveybot; it is left untouched for a human."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(
            f"data file {path} is corrupt or half-written ({problem}); it was left untouched - "
            "restore it from a backup or move it aside, then start again"
        )
        self.path = Path(path)
        self.problem = problem


class SchemaTooNew(StorageError):
    """A data file was written by a newer surveybot than this one."""

    def __init__(self, path: Path | str, found: int, supported: int) -> None:
        super().__init__(
            f"data file {path} has schema version {found}, but this surveybot understands up to "
            f"{supported}; upgrade surveybot instead of downgrading the data"
        )
        self.path = Path(path)


class StoreLocked(StorageError, UserFacingError):
    """Another process already writes to this data directory (TinyDB allows a single writer)."""


class ReadOnlyStore(StorageError, UserFacingError):
    """A write was attempted on a store opened with ``read_only=True``."""


class RecordNotFound(StorageError, UserFacingError):
    """An id or key names no record."""


class DuplicateRecord(StorageError, UserFacingError):
    """A record with the same unique key (supplier code, supplier × campaign) already exists."""


class TransitionRefused(StorageError, UserFacingError):
    """The assignment (or outbox) state machine does not allow the requested move."""

    def __init__(self, message: str, current: str, requested: str) -> None:
        super().__init__(message)
        self.current = current
        self.requested = requested


class ImportRefused(StorageError, UserFacingError):
    """A supplier file cannot be imported at all (unreadable, or a required column is missing)."""


class InvalidValue(StorageError, UserFacingError, ValueError):
    """A field value the store refuses (empty name, cadence below one day, naive datetime …)."""
