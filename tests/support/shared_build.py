"""Under pytest-xdist, one worker builds the workbooks and the other workers wait for its files.

``scripts/test`` runs the suite in one process per core (pytest-xdist, ``--dist loadfile``). Every
worker collects every test, so each would start its own background build of the same workbooks and the
cores would fill every file twice. The first worker (``gw0``) builds, as a lone pytest does; the others
watch the cache for the files it is making (the cache is content-addressed and files arrive by atomic
rename). They stop waiting when the builder says it is done or its process is gone; a fixture that
still lacks its file then builds it itself, as without xdist, so a failed builder costs time, not tests.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from tests.support.jobs import FillJob
from tests.support.libreoffice import (
    BUILDING,
    BackgroundBuild,
    by_target,
    cache_root,
    cache_targets,
    missing_outputs,
)

BUILDER = "gw0"
POLL_SECONDS = 0.5
BUILDER_SHOWS_UP_SECONDS = 180.0
"""How long a follower waits for the builder to announce itself (collection is slow on a busy box)."""


def worker_input(config: pytest.Config) -> dict[str, Any] | None:
    """What xdist gave this worker (its id, the run's id), or None outside xdist."""
    found = getattr(config, "workerinput", None)
    return found if isinstance(found, dict) else None


def is_builder(config: pytest.Config) -> bool:
    given = worker_input(config)
    return given is None or given.get("workerid") == BUILDER


def stderr_sink(config: pytest.Config) -> Any:
    """Progress lines for an xdist worker: its terminal reporter's output never reaches the screen,
    its standard error (with capture suspended) does, on a TTY and in CI logs alike."""
    capture = config.pluginmanager.get_plugin("capturemanager")

    def to_stderr(line: str) -> None:
        shown = capture.global_and_fixture_disabled() if capture is not None else contextlib.nullcontext()
        with shown:
            sys.stderr.write(f"\n{line}\n")
            sys.stderr.flush()

    return to_stderr


def _marker(config: pytest.Config) -> Path:
    given = worker_input(config) or {}
    return cache_root() / "runs" / f"{given.get('testrunuid', 'solo')}.json"


def _write_marker(path: Path, state: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.write_text(json.dumps(state), encoding="utf-8")
    os.replace(temporary, path)


def announce(config: pytest.Config, build: BackgroundBuild | None) -> None:
    """Tell the other workers this process builds; mark it done when ``build`` has finished."""
    if worker_input(config) is None:
        return
    marker = _marker(config)
    _write_marker(marker, {"pid": os.getpid(), "done": build is None})
    if build is None:
        return

    def mark_done() -> None:
        build.wait()
        _write_marker(marker, {"pid": os.getpid(), "done": True})

    threading.Thread(target=mark_done, name="workbooks-done", daemon=True).start()


def finish(config: pytest.Config) -> None:
    """The builder's marker is the run's own: remove it when the run ends."""
    if worker_input(config) is not None and is_builder(config):
        _marker(config).unlink(missing_ok=True)


class FollowedBuild:
    """A build another worker is making: its files are awaited here as if this process made them."""

    def __init__(self, config: pytest.Config, jobs: Sequence[FillJob]) -> None:
        self._marker = _marker(config)
        self._pending = missing_outputs(by_target(cache_targets(jobs), jobs))
        self._stopped = threading.Event()
        BUILDING.register(list(self._pending))
        self._thread = threading.Thread(target=self._watch, name="workbooks-followed", daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        asked = time.monotonic()
        while self._pending and not self._stopped.wait(POLL_SECONDS):
            self._take_arrivals()
            if self._builder_gone(time.monotonic() - asked):
                break
        BUILDING.release_all()

    def _builder_gone(self, waited: float) -> bool:
        try:
            state = json.loads(self._marker.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return waited > BUILDER_SHOWS_UP_SECONDS
        if state.get("done"):
            self._take_arrivals()  # the last files may have come after this round's look
            return True
        return not _alive(int(state.get("pid", 0)))

    def _take_arrivals(self) -> None:
        still = missing_outputs(self._pending)
        for target in [target for target in self._pending if target not in still]:
            del self._pending[target]
            BUILDING.arrived(target)

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join()


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
