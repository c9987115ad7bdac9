"""Proves the background build's hand-over: a fixture waits for exactly the workbook being built,
never builds it a second time, and still gets it when the background build failed; and the offices
build in the order the tests need the workbooks."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest

from tests.support import libreoffice, prebuild
from tests.support.answers import valid_answers
from tests.support.fixtures import FACTORY_TODAY
from tests.support.jobs import FillJob
from tests.support.libreoffice import (
    Building,
    JobQueue,
    LibreOfficeSession,
    Progress,
    by_target,
    cache_targets,
    fill_many,
    missing_outputs,
    variant_targets,
)


class RecordingOffice(LibreOfficeSession):
    """Stands in for soffice: writes a placeholder file per job and records which jobs it got."""

    def __init__(self) -> None:
        super().__init__()
        self.made: list[str] = []

    def start(self) -> None:
        pass

    def run(self, jobs: Sequence[Mapping[str, Any]], on_done: Callable[[str], None] | None = None) -> None:
        for job in jobs:
            Path(job["out"]).write_bytes(b"made here")
            self.made.append(job["out"])
            if on_done is not None:
                on_done(json.dumps({"out": job["out"], "seconds": 0.1, "reused": False}))


def a_job() -> FillJob:
    return valid_answers("CRT/2.2", today=FACTORY_TODAY).job()


@pytest.fixture
def building(monkeypatch: pytest.MonkeyPatch) -> Building:
    """A register of our own: the run's real background build keeps its own."""
    own = Building()
    monkeypatch.setattr(libreoffice, "BUILDING", own)
    return own


def test_fixture_waits_for_the_workbook_the_background_is_building(
    tmp_path: Path, building: Building
) -> None:
    job = a_job()
    (target,) = cache_targets([job], tmp_path)
    building.register([target])

    def background() -> None:
        time.sleep(0.5)
        target.write_bytes(b"made in the background")
        building.arrived(target)

    threading.Thread(target=background).start()
    with RecordingOffice() as office:
        assert fill_many([job], session=office, cache=tmp_path) == [target]
    assert office.made == []
    assert target.read_bytes() == b"made in the background"


def test_fixture_builds_the_workbook_itself_when_the_background_build_failed(
    tmp_path: Path, building: Building
) -> None:
    job = a_job()
    (target,) = cache_targets([job], tmp_path)
    building.register([target])
    threading.Timer(0.3, building.release_all).start()  # what a failed build does at its end
    with RecordingOffice() as office:
        assert fill_many([job], session=office, cache=tmp_path) == [target]
    assert len(office.made) == 1
    assert target.read_bytes() == b"made here"


def spec(out: str, variants: int = 0) -> dict[str, Any]:
    return {"template": "RMI_CMRT_6.5.xlsx", "out": out, "cells": [], "variants": [[]] * variants}


def test_offices_build_in_the_order_the_tests_need_the_workbooks() -> None:
    specs = [spec("second-module"), spec("first-module"), spec("first-module-variants", variants=9)]
    rank = {"first-module": 0, "first-module-variants": 0, "second-module": 1}
    queue = JobQueue(specs, rank)
    built = [job["out"] for _ in specs for job in queue.next_chunk()]
    assert built == ["first-module-variants", "first-module", "second-module"]
    assert queue.next_chunk() == []


def test_without_an_order_the_heaviest_jobs_go_first() -> None:
    queue = JobQueue([spec("plain"), spec("many", variants=9), spec("few", variants=2)])
    assert [job["out"] for _ in range(3) for job in queue.next_chunk()] == ["many", "few", "plain"]


def test_tests_needing_no_workbooks_run_first_and_modules_stay_together() -> None:
    with_workbooks = ModuleType("with_workbooks")
    with_workbooks.workbook_jobs = list  # type: ignore[attr-defined]
    without = ModuleType("without")
    items = [
        SimpleNamespace(name="a1", module=with_workbooks),
        SimpleNamespace(name="a2", module=with_workbooks),
        SimpleNamespace(name="b1", module=without),
        SimpleNamespace(name="b2", module=without),
    ]
    prebuild.pytest_collection_modifyitems(items)  # type: ignore[arg-type]
    assert [item.name for item in items] == ["b1", "b2", "a1", "a2"]


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    lines: list[str] = []
    monkeypatch.setattr(libreoffice, "_SINK", [lines.append])
    return lines


def test_progress_says_how_many_of_how_many_and_the_time_left_about_every_tenth(said: list[str]) -> None:
    progress = Progress({f"/tmp/{n}.xlsx": 1.0 for n in range(200)}, workers=2)
    for n in range(200):
        progress.tick(f'{{"out": "/tmp/{n}.xlsx", "seconds": 1.0}}')
    progress.finish()
    assert said[0] == "workbooks: building 200 workbooks in LibreOffice (2 processes)"
    assert 10 <= len(said) <= 12
    assert said[1].startswith("workbooks: 20/200 built, ") and said[1].endswith(" left")
    assert said[-1].startswith("workbooks: 200/200 built in ")


def test_progress_weighs_jobs_with_variants_so_the_time_left_is_not_inflated_by_them(said: list[str]) -> None:
    progress = Progress(
        {"/tmp/variants.xlsx": 5.0, "/tmp/a.xlsx": 1.0, "/tmp/b.xlsx": 1.0, "/tmp/c.xlsx": 1.0}, 1
    )
    progress.tick('{"out": "/tmp/variants.xlsx", "seconds": 50.0}')
    # that job was 5 of 8 parts of the work: 50 s for it leaves about 30 s, not 3 x 50 s
    assert progress.line(progress.started + 50) == "1/4 built, 50s so far, about 30s left"


def test_a_job_counts_as_built_only_when_its_file_and_every_variants_file_are_cached(tmp_path: Path) -> None:
    job = replace(a_job(), variants=({"Declaration!D8": "Other GmbH"}, {"Declaration!D8": None}))
    (target,) = cache_targets([job], tmp_path)
    target.write_bytes(b"the valid file, cached by an earlier run")
    assert missing_outputs({target: job}) == {target: job}
    first, second = variant_targets(job, target)
    first.write_bytes(b"one variant")
    assert missing_outputs({target: job}) == {target: job}
    second.write_bytes(b"the other")
    assert missing_outputs({target: job}) == {}


def test_jobs_sharing_a_valid_file_are_built_once_with_every_variant_once(tmp_path: Path) -> None:
    renamed, cleared = {"Declaration!D8": "Other GmbH"}, {"Declaration!D8": None}
    jobs = [a_job(), replace(a_job(), variants=(renamed,)), replace(a_job(), variants=(cleared, renamed))]
    targets = cache_targets(jobs, tmp_path)
    assert len(set(targets)) == 1
    [(target, job)] = by_target(targets, jobs).items()
    assert job.variants == (renamed, cleared)
    assert variant_targets(job, target)[0] == variant_targets(jobs[1], target)[0]
