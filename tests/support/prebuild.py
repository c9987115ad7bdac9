"""pytest plugin: build every workbook the collected tests need in the background while other tests run.

Module fixtures ask LibreOffice for their workbooks one module at a time, so a cold cache used to fill
them in many small batches, often on one core, with nothing on screen. A test module that needs
workbooks says which in a module-level ``workbook_jobs()``; after collection this plugin asks every
collected module, drops duplicates, and starts building what the cache lacks on every core, in a
background thread, in the order the tests will need them. Meanwhile the modules without
``workbook_jobs()`` run first (the collected items are reordered so); before a module's first test
(and outside its timeout) the plugin waits for exactly that module's workbooks, and a fixture asking
for a workbook still being built waits for it (``fill_many``): no workbook is built twice. Progress
lines ("workbooks: 120/240 built, 2m10s so far, about 2m10s left") go to the terminal between tests,
also under ``pytest -q`` and in CI logs. Without LibreOffice it does nothing: each test skips or
fails on its own, as before.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import ModuleType

import pytest

from tests.support import shared_build
from tests.support.answers import AnswerSet
from tests.support.fixtures import shared_session
from tests.support.jobs import FillJob
from tests.support.libreoffice import (
    BackgroundBuild,
    cache_targets,
    flush_progress,
    libreoffice_missing_reason,
    set_progress_sink,
    wait_for_workbooks,
)

PLAN = "workbook_jobs"
_BUILD: list[BackgroundBuild | shared_build.FollowedBuild] = []
_AWAITED: dict[str, list[Path]] = {}
"""Per module, the workbooks its first test waits for (before its timeout starts)."""


@pytest.hookimpl(trylast=True)  # after the terminal reporter registers itself
def pytest_configure(config: pytest.Config) -> None:
    """Progress lines go through pytest's terminal reporter (plain stderr is captured during tests);
    an xdist worker's reporter never reaches the screen, so a worker writes them to stderr instead."""
    if shared_build.worker_input(config) is not None:
        set_progress_sink(shared_build.stderr_sink(config))
        return
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


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests of modules that need no workbooks first, so they run while the workbooks are built."""
    items.sort(key=lambda item: callable(getattr(getattr(item, "module", None), PLAN, None)))


def pytest_collection_finish(session: pytest.Session) -> None:
    if session.config.option.collectonly or libreoffice_missing_reason() is not None:
        return
    jobs: list[FillJob] = []
    for module in _modules(session.items):
        own = list(planned_jobs([module]))
        _AWAITED[module.__name__] = cache_targets(own)
        jobs += own
    if not shared_build.is_builder(session.config):
        if jobs:
            _BUILD.append(shared_build.FollowedBuild(session.config, jobs))
        return
    build = BackgroundBuild(jobs, shared_session()) if jobs else None
    shared_build.announce(session.config, build)
    if build is not None:
        _BUILD.append(build)
        flush_progress()


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item) -> Iterator[None]:
    """Before a module's first test, wait for its workbooks, outside the test's own timeout."""
    module = getattr(item, "module", None)
    awaited = _AWAITED.pop(module.__name__, []) if isinstance(module, ModuleType) else []
    wait_for_workbooks(awaited)
    yield


def pytest_runtest_logfinish() -> None:
    flush_progress()


def pytest_sessionfinish(session: pytest.Session) -> None:
    # Under xdist the other workers may still wait for files this builder makes: finish them.
    under_xdist = shared_build.worker_input(session.config) is not None
    while _BUILD:
        build = _BUILD.pop()
        if under_xdist and isinstance(build, BackgroundBuild):
            build.wait()
        build.stop()
    flush_progress()
    shared_build.finish(session.config)


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
