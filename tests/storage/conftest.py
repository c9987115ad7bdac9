"""Storage fixtures: every ``store`` test runs on the file backend and on the memory backend.

``reopen()`` closes the store and opens a new one on the same medium (directory or memory bytes),
which is how the tests prove that what a method acknowledged is really kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage import ManualClock, MemoryBackend, Store, open_store

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class StoreHarness:
    """Opens, reopens and seeds raw files for one backend kind."""

    def __init__(self, kind: str, data_dir: Path, clock: ManualClock) -> None:
        self.kind = kind
        self.data_dir = data_dir
        self.clock = clock
        self.memory = MemoryBackend()
        self.current: Store | None = None

    def open(self) -> Store:
        if self.kind == "file":
            self.current = open_store(self.data_dir, self.clock)
        else:
            self.current = Store(self.memory, self.clock)
        return self.current

    def reopen(self) -> Store:
        if self.current is not None:
            self.current.close()
        return self.open()

    def seed(self, filename: str, raw: bytes) -> None:
        """Put raw bytes where the backend keeps ``filename`` (an old-version or damaged file)."""
        if self.kind == "file":
            self.data_dir.mkdir(parents=True, exist_ok=True)
            (self.data_dir / filename).write_bytes(raw)
        else:
            self.memory.files[filename] = raw

    def stored(self, filename: str) -> bytes | None:
        if self.kind == "file":
            path = self.data_dir / filename
            return path.read_bytes() if path.exists() else None
        return self.memory.files.get(filename)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture(params=["file", "memory"])
def harness(request: pytest.FixtureRequest, tmp_path: Path, clock: ManualClock) -> Iterator[StoreHarness]:
    h = StoreHarness(request.param, tmp_path / "data", clock)
    yield h
    if h.current is not None:
        h.current.close()


@pytest.fixture
def store(harness: StoreHarness) -> Store:
    return harness.open()


@pytest.fixture
def reopen(harness: StoreHarness) -> Callable[[], Store]:
    return harness.reopen
