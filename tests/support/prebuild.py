"""pytest plugin: build every workbook the collected tests need before the first test runs.

Module fixtures ask LibreOffice for their workbooks one module at a time, so a cold cache used to fill
them in many small batches, often on one core, with nothing on screen. A test module that needs
workbooks says which in a module-level ``workbook_jobs()``; after collection this plugin asks every
collected module, drops duplicates, and builds what the cache lacks in one run over all cores, with
progress lines ("workbooks: 120/240 built, 2m10s so far, about 2m10s left") on the terminal, also
under ``pytest -q`` and in CI logs. The fixtures then find everything in the cache. Without
LibreOffice it does nothing: each test skips or fails on its own, as before.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator, Sequence
from types import ModuleType

import pytest

from tests.support.answers import AnswerSet
from tests.support.fixtures import shared_session
from tests.support.jobs import FillJob
from tests.support.libreoffice import (
    LibreOfficeError,
    fill_many,
    libreoffice_missing_reason,
    set_progress_sink,
)

PLAN = "workbook_jobs"


def pytest_configure(config: pytest.Config) -> None:
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    capture = config.pluginmanager.get_plugin("capturemanager")
    if reporter is None:
        return

    def to_terminal(line: str) -> None:
        shown = capture.global_and_fixture_disabled() if capture is not None else contextlib.nullcontext()
        with shown:
            reporter.ensure_newline()
            reporter.write_line(line)

    set_progress_sink(to_terminal)


def pytest_collection_finish(session: pytest.Session) -> None:
    if session.config.option.collectonly or libreoffice_missing_reason() is not None:
        return
    jobs = list(planned_jobs(_modules(session.items)))
    if not jobs:
        return
    started = time.monotonic()
    try:
        fill_many(jobs, session=shared_session())
    except LibreOfficeError as error:  # the fixtures asking for these files report it per test
        first_line = str(error).splitlines()[0]
        _say(
            session,
            f"workbooks: building up front failed after {time.monotonic() - started:.0f}s: {first_line}",
        )


def planned_jobs(modules: Sequence[ModuleType]) -> Iterator[FillJob]:
    """Every job the modules' ``workbook_jobs()`` name, in module order."""
    for module in modules:
        plan: Callable[[], Sequence[FillJob | AnswerSet]] | None = getattr(module, PLAN, None)
        if callable(plan):
            for job in plan():
                yield job.job() if isinstance(job, AnswerSet) else job


def _modules(items: Sequence[pytest.Item]) -> list[ModuleType]:
    found: dict[str, ModuleType] = {}
    for item in items:
        module = getattr(item, "module", None)
        if isinstance(module, ModuleType):
            found.setdefault(module.__name__, module)
    return list(found.values())


def _say(session: pytest.Session, line: str) -> None:
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(line)
