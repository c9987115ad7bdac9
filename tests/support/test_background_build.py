"""Proves the background build's hand-over: a fixture waits for exactly the workbook being built,
never builds it a second time, and still gets it when the background build failed; and the offices
keep to one template while following the order the tests need the workbooks in."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from tests.support.answers import valid_answers
from tests.support.fixtures import FACTORY_TODAY
from tests.support.jobs import FillJob
from tests.support.libreoffice import (
    _BUILDING,
    JobQueue,
    LibreOfficeSession,
    cache_targets,
    fill_many,
    reuse_group,
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


def test_fixture_waits_for_the_workbook_the_background_is_building(tmp_path: Path) -> None:
    job = a_job()
    (target,) = cache_targets([job], tmp_path)
    _BUILDING.register([target])

    def background() -> None:
        time.sleep(0.5)
        target.write_bytes(b"made in the background")
        _BUILDING.arrived(target)

    threading.Thread(target=background).start()
    with RecordingOffice() as office:
        assert fill_many([job], session=office, cache=tmp_path) == [target]
    assert office.made == []
    assert target.read_bytes() == b"made in the background"


def test_fixture_builds_the_workbook_itself_when_the_background_build_failed(tmp_path: Path) -> None:
    job = a_job()
    (target,) = cache_targets([job], tmp_path)
    _BUILDING.register([target])
    threading.Timer(0.3, _BUILDING.release_all).start()  # what a failed build does at its end
    with RecordingOffice() as office:
        assert fill_many([job], session=office, cache=tmp_path) == [target]
    assert len(office.made) == 1
    assert target.read_bytes() == b"made here"


def spec(template: str, out: str, members: int = 0, cells: tuple[str, ...] = ("D8",)) -> dict[str, Any]:
    written = [["Declaration", address, "string", "x"] for address in cells]
    return {"template": template, "out": out, "cells": written, "members": [[]] * members}


def test_offices_keep_to_one_template_in_the_order_the_tests_need_them() -> None:
    specs = [
        spec("CMRT", "cmrt-pack", members=9),
        spec("EMRT", "emrt-1"),
        spec("EMRT", "emrt-2"),
        spec("CMRT", "cmrt-1"),
        spec("CMRT", "cmrt-other-cells", cells=("D9",)),
    ]
    rank = {"emrt-1": 0, "cmrt-pack": 1, "cmrt-1": 2, "cmrt-other-cells": 2, "emrt-2": 3}
    queue = JobQueue(specs, rank)
    queue.CHUNK = 1
    assert [job["out"] for job in queue.next_chunk(None)] == ["emrt-1"]
    # an office without a template takes what the tests need next, longest first ...
    assert [job["out"] for job in queue.next_chunk(None)] == ["cmrt-pack"]
    # ... while the office that has the EMRT template loaded keeps to it
    assert [job["out"] for job in queue.next_chunk(reuse_group(specs[1]))] == ["emrt-2"]
    rest = [job["out"] for job in queue.next_chunk(None) + queue.next_chunk(None)]
    assert sorted(rest) == ["cmrt-1", "cmrt-other-cells"]
    assert queue.next_chunk(None) == []
