"""Run fill jobs through a real headless LibreOffice and cache the produced workbooks on disk.

Starting soffice costs seconds, so jobs go in batches to office processes that stay up for the whole
pytest session, one per core (``SURVEYBOT_TEST_OFFICES`` overrides), each taking the next few jobs
until none are left; progress lines go to stderr or, under pytest, to the terminal (written by the
main thread only: pytest owns the terminal). ``BackgroundBuild`` runs the same in a thread while
tests that need no workbooks run; ``fill_many`` then waits for a workbook it is making instead of
making it again, and each workbook enters the cache as soon as it is stored. Every produced
file is kept under ``$SURVEYBOT_TEST_CACHE`` (default ``~/.cache/surveybot-tests``) keyed by the
template bytes, the job and the ``lo_fill.py`` source, so a repeated run does not start LibreOffice.
"""

from __future__ import annotations

import atexit
import ctypes
import functools
import hashlib
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import replace
from pathlib import Path
from typing import Any

from tests.support.jobs import CellValue, FillJob, SmelterEntry
from tests.support.variant_files import write_variants

SYSTEM_PYTHON = "/usr/bin/python3"
LO_FILL = Path(__file__).with_name("lo_fill.py")
ENGINE = "libreoffice"
_PR_SET_PDEATHSIG = 1
STALE_AFTER_SECONDS = 24 * 3600
OFFICE_NICENESS = 10


class LibreOfficeError(RuntimeError):
    """LibreOffice could not produce one or more workbooks of a batch."""


def cache_root() -> Path:
    configured = os.environ.get("SURVEYBOT_TEST_CACHE")
    root = Path(configured) if configured else Path.home() / ".cache" / "surveybot-tests"
    return root


def libreoffice_missing_reason() -> str | None:
    """Why LibreOffice filling cannot run here, or None when soffice and python3-uno are present."""
    if shutil.which("soffice") is None:
        return "soffice (LibreOffice) is not installed"
    if not Path(SYSTEM_PYTHON).exists():
        return f"{SYSTEM_PYTHON} is missing"
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, check=False)
    if probe.returncode != 0:
        return f"python3-uno is not importable by {SYSTEM_PYTHON}"
    return None


def generation_folder(engine: str, source: bytes, cache: Path | None = None) -> Path:
    """The cache folder of one version of a fill engine; folders of older versions get removed.

    A folder is removed only after a day without new files, so a parallel checkout still using an
    older ``lo_fill.py`` keeps its files.
    """
    root = (cache or cache_root()) / "workbooks"
    folder = root / f"{engine}-{hashlib.sha256(source).hexdigest()[:12]}"
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        for stale in root.glob(f"{engine}-*"):
            if stale != folder and time.time() - stale.stat().st_mtime > STALE_AFTER_SECONDS:
                shutil.rmtree(stale, ignore_errors=True)
    return folder


class LibreOfficeSession:
    """One headless soffice with a private profile, reachable over a named UNO pipe."""

    def __init__(self) -> None:
        self._workdir = Path(tempfile.mkdtemp(prefix="surveybot-lo-"))
        self.pipe = f"surveybot_{uuid.uuid4().hex[:12]}"
        self._process: subprocess.Popen[bytes] | None = None
        # One lo_fill.py at a time: a fixture's own batch waits for the background build's.
        self._running = threading.Lock()

    def start(self) -> None:
        """Start soffice, or start it again if it died. Call it from a thread that lives as long as
        the office should: the office is told to stop when the starting thread ends (PDEATHSIG)."""
        if self._process is not None and self._process.poll() is None:
            return
        profile = (self._workdir / "profile").as_uri()
        args = [
            "soffice",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            f"-env:UserInstallation={profile}",
            f"--accept=pipe,name={self.pipe};urp;StarOffice.ComponentContext",
        ]
        quiet = subprocess.DEVNULL
        self._process = subprocess.Popen(args, stdout=quiet, stderr=quiet, preexec_fn=_die_with_parent)

    def run(self, jobs: Sequence[Mapping[str, Any]], on_done: Callable[[str], None] | None = None) -> None:
        with self._running:
            self.start()
            run_lo_fill(jobs, pipe=self.pipe, workdir=self._workdir, on_done=on_done)

    def close(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        shutil.rmtree(self._workdir, ignore_errors=True)

    def __enter__(self) -> LibreOfficeSession:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _die_with_parent() -> None:
    """In the child before exec: own process group, and SIGTERM if the test process dies first;
    and a lower CPU priority.

    Without the signal a killed test run (timeout, Ctrl-C twice) leaves soffice running forever.
    The offices build in the background while tests run (``BackgroundBuild``): niced, they take
    the cores the tests leave idle instead of slowing tests that wait on a clock.
    """
    os.setsid()
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    os.nice(OFFICE_NICENESS)


def run_lo_fill(
    jobs: Sequence[Mapping[str, Any]],
    *,
    pipe: str | None,
    workdir: Path,
    on_done: Callable[[str], None] | None = None,
) -> None:
    """Run ``lo_fill.py`` under the system python for one batch; raise if any job failed.

    ``on_done`` gets each job's report line as it arrives, so progress shows while a batch runs.
    """
    job_file = workdir / f"jobs-{uuid.uuid4().hex[:8]}.json"
    spec = {"pipe": pipe, "profile": str(workdir / "own-profile"), "jobs": list(jobs)}
    job_file.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    lines: list[str] = []
    try:
        with subprocess.Popen(
            [SYSTEM_PYTHON, str(LO_FILL), str(job_file)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        ) as process:
            work = len(jobs) + sum(len(job.get("variants", ())) for job in jobs) / 4
            timer = threading.Timer(120 + 60 * work, process.kill)
            timer.start()
            try:
                assert process.stdout is not None and process.stderr is not None
                for line in process.stdout:
                    lines.append(line)
                    if on_done is not None:
                        on_done(line)
                stderr = process.stderr.read()
            finally:
                timer.cancel()
    finally:
        job_file.unlink(missing_ok=True)
    errors = [line.strip() for line in lines if '"error"' in line]
    if process.returncode != 0 or errors:
        detail = "\n".join(errors) or stderr[-2000:]
        raise LibreOfficeError(f"lo_fill.py failed (exit {process.returncode}):\n{detail}")


VARIANT_WRITERS = (
    LO_FILL,
    Path(__file__).with_name("variant_files.py"),
    Path(__file__).resolve().parents[2] / "bench" / "xlsx_patch.py",
    Path(__file__).resolve().parents[2] / "surveybot" / "writers" / "xlsx_cells.py",
    Path(__file__).resolve().parents[2] / "rmi" / "zip_copy.py",
)


@functools.cache
def _variant_writers_source() -> bytes:
    return b"".join(path.read_bytes() for path in VARIANT_WRITERS)


def variant_targets(job: FillJob, target: Path) -> list[Path]:
    """Where each variant's own workbook is cached, beside the job's (base) workbook."""
    return [target.with_name(f"{key}.variant.xlsx") for key in job.variant_keys(_variant_writers_source())]


def _recorded_path(produced: Path) -> Path:
    return produced.with_suffix(".variants.json")


def _stored_variant(produced: Path, index: int) -> Path:
    return produced.with_suffix(f".v{index}.xlsx")


def land(job: FillJob, produced: Path, target: Path) -> None:
    """Move a produced workbook into the cache; a job's variants first, so its own file comes last
    and a reader seeing it (another pytest worker) finds every variant there too."""
    if job.variants:
        targets = variant_targets(job, target)
        recorded = json.loads(_recorded_path(produced).read_text(encoding="utf-8"))
        for index, entry in enumerate(recorded["variants"]):
            if entry.get("stored"):
                os.replace(_stored_variant(produced, index), targets[index])
        write_variants(produced, recorded, targets)
    os.replace(produced, target)


def _discard(produced: Path, job: FillJob) -> None:
    produced.unlink(missing_ok=True)
    _recorded_path(produced).unlink(missing_ok=True)
    for index in range(len(job.variants)):
        _stored_variant(produced, index).unlink(missing_ok=True)


def fill_many(
    jobs: Sequence[FillJob], *, session: LibreOfficeSession | None = None, cache: Path | None = None
) -> list[Path]:
    """Produce (or reuse from the cache) one LibreOffice-saved workbook per job, in one office run.

    Returns the cached paths in job order; treat them as read-only and copy before changing them.
    A job asked for twice is made once, also when a background build (``start_build``) is already
    making it: then this waits for exactly that job.
    """
    targets = cache_targets(jobs, cache)
    missing = missing_outputs(by_target(targets, jobs))
    for target in list(missing):
        if BUILDING.wait_for(target):
            missing = missing_outputs(missing)
    if missing:
        _produce(missing, session)
    return targets


def cache_targets(jobs: Sequence[FillJob], cache: Path | None = None) -> list[Path]:
    source = LO_FILL.read_bytes()
    folder = generation_folder(ENGINE, source, cache)
    return [folder / f"{job.cache_key(ENGINE, source)}.xlsx" for job in jobs]


def by_target(targets: Sequence[Path], jobs: Sequence[FillJob]) -> dict[Path, FillJob]:
    """Jobs by their file, one job per file: jobs sharing a file (the same base) carry the variants
    of all of them, each once (a plain job's file is a job with variants' base, stored on the way)."""
    found: dict[Path, FillJob] = {}
    for target, job in zip(targets, jobs, strict=True):
        if target in found and found[target].variants:
            known = found[target].variants
            added = tuple(variant for variant in job.variants if variant not in known)
            job = replace(found[target], variants=(*known, *added))
        found[target] = job
    return found


def missing_outputs(wanted: Mapping[Path, FillJob]) -> dict[Path, FillJob]:
    """The jobs whose file, or one of whose variants' files, is not in the cache yet."""
    return {
        target: job
        for target, job in wanted.items()
        if not target.exists() or not all(path.exists() for path in variant_targets(job, target))
    }


def _produce(missing: Mapping[Path, FillJob], session: LibreOfficeSession | None) -> None:
    """Build ``missing``; each workbook enters the cache as soon as it is stored, not at the end."""
    temporary = {target: target.with_suffix(f".{uuid.uuid4().hex[:8]}.tmp.xlsx") for target in missing}
    final = {str(produced): target for target, produced in temporary.items()}
    specs = [_spec(job, temporary[target]) for target, job in missing.items()]

    def arrived(out: str) -> None:
        land(missing[final[out]], Path(out), final[out])

    try:
        _run_in_parallel(specs, session, arrived)
    finally:
        for target, produced in temporary.items():
            _discard(produced, missing[target])


def _spec(job: FillJob, out: Path) -> dict[str, Any]:
    spec: dict[str, Any] = {"template": str(job.template), "out": str(out), "cells": job.to_json()}
    if job.variants:
        spec |= {
            "variants": job.variants_json(),
            "variants_out": str(_recorded_path(out)),
            "variant_files": [str(_stored_variant(out, index)) for index in range(len(job.variants))],
        }
    return spec


def office_processes() -> int:
    """How many offices fill at once: one per core (``SURVEYBOT_TEST_OFFICES`` overrides)."""
    configured = os.environ.get("SURVEYBOT_TEST_OFFICES")
    return max(1, int(configured)) if configured else max(1, os.cpu_count() or 1)


class JobQueue:
    """The jobs left, in the order they are needed (``rank``: a background build follows the order
    the tests run in), the heaviest first among equals so the offices end close together."""

    def __init__(self, specs: Sequence[dict[str, Any]], rank: Mapping[str, int] | None = None) -> None:
        ranks = rank or {}
        self._pending = sorted(specs, key=lambda spec: (ranks.get(spec["out"], 0), -job_weight(spec)))
        self._chunk = max(1, min(6, len(specs) // (office_processes() * 4)))
        self._lock = threading.Lock()
        self.stopped = False

    def next_chunk(self) -> list[dict[str, Any]]:
        with self._lock:
            if self.stopped:
                return []
            taken, self._pending[:] = self._pending[: self._chunk], self._pending[self._chunk :]
            return taken


def _run_in_parallel(
    specs: list[dict[str, Any]],
    session: LibreOfficeSession | None,
    arrived: Callable[[str], None],
    queue: JobQueue | None = None,
) -> None:
    """Every office takes the next few jobs until none are left."""
    jobs = queue or JobQueue(specs)
    workers = min(office_processes(), len(specs))
    progress = Progress({spec["out"]: job_weight(spec) for spec in specs}, workers)

    def done(line: str) -> None:
        out = _reported_out(line)
        if out and '"error"' not in line:
            arrived(out)
        progress.tick(line)

    def work(office: LibreOfficeSession) -> None:
        while batch := jobs.next_chunk():
            office.run(batch, on_done=done)

    offices = [session or shared_office(0)] + [shared_office(index) for index in range(1, workers)]
    for office in offices:  # here, not in the pool's threads: an office stops when its starter ends
        office.start()
    try:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="office") as pool:
            futures = [pool.submit(work, office) for office in offices]
            while not all(future.done() for future in futures):
                wait(futures, timeout=1.0)
                flush_progress()
            for future in futures:
                future.result()
    finally:
        progress.finish()
        flush_progress()


class Building:
    """Workbooks a background build is making: ``fill_many`` waits for these instead of making them."""

    def __init__(self) -> None:
        self._events: dict[Path, threading.Event] = {}
        self._lock = threading.Lock()

    def register(self, targets: Sequence[Path]) -> None:
        with self._lock:
            for target in targets:
                self._events.setdefault(target, threading.Event())

    def arrived(self, target: Path) -> None:
        with self._lock:
            event = self._events.pop(target, None)
        if event is not None:
            event.set()

    def release_all(self) -> None:
        with self._lock:
            events, self._events = list(self._events.values()), {}
        for event in events:
            event.set()

    def wait_for(self, target: Path) -> bool:
        """Wait (showing progress) if ``target`` is being built; True if it was."""
        with self._lock:
            event = self._events.get(target)
        if event is None:
            return False
        while not event.wait(timeout=1.0):
            flush_progress()
        flush_progress()
        return True


BUILDING = Building()


def wait_for_workbooks(targets: Sequence[Path]) -> None:
    """Wait until a background build has made ``targets`` (those it is making), showing progress."""
    for target in targets:
        BUILDING.wait_for(target)


class BackgroundBuild:
    """``fill_many`` for many jobs in a thread, while tests that need none of them run.

    The jobs come in the order the tests need them; the offices build them roughly in that order.
    """

    def __init__(self, jobs: Sequence[FillJob], session: LibreOfficeSession | None) -> None:
        targets = cache_targets(jobs)
        order = {target: index for index, target in reversed(list(enumerate(targets)))}
        wanted = missing_outputs(by_target(targets, jobs))
        self.missing, self.error = wanted, None
        temporary = {target: target.with_suffix(f".{uuid.uuid4().hex[:8]}.tmp.xlsx") for target in wanted}
        self._final = {str(produced): target for target, produced in temporary.items()}
        self._temporary = temporary
        specs = [_spec(job, temporary[target]) for target, job in wanted.items()]
        rank = {str(temporary[target]): order[target] for target in wanted}
        self._specs, self._queue = specs, JobQueue(specs, rank)
        self._thread = threading.Thread(target=self._run, name="workbooks", daemon=True)
        if not specs:
            return
        BUILDING.register(list(wanted))
        workers = min(office_processes(), len(specs))
        self._offices = [session or shared_office(0)] + [shared_office(i) for i in range(1, workers)]
        for office in self._offices:  # on the calling (main) thread: see ``_run_in_parallel``
            office.start()
        self._thread.start()

    def _arrived(self, out: str) -> None:
        target = self._final[out]
        land(self.missing[target], Path(out), target)
        BUILDING.arrived(target)

    def _run(self) -> None:
        try:
            _run_in_parallel(self._specs, self._offices[0], self._arrived, self._queue)
        except LibreOfficeError as error:  # the fixtures asking for the files report it per test
            self.error = error
            _LINES.put(f"workbooks: building in the background failed: {str(error).splitlines()[0]}")
        finally:
            BUILDING.release_all()
            for target, produced in self._temporary.items():
                _discard(produced, self.missing[target])

    def wait(self) -> None:
        """Wait until every job is built (or the build has failed)."""
        if self._thread.is_alive():
            self._thread.join()

    def stop(self) -> None:
        """Take no further jobs and wait for the offices' current ones."""
        self._queue.stopped = True
        if self._thread.is_alive():
            self._thread.join()


_OFFICES: dict[int, LibreOfficeSession] = {}


def shared_office(index: int) -> LibreOfficeSession:
    """The ``index``-th office of this process, started on first use and stopped at exit."""
    if index not in _OFFICES:
        _OFFICES[index] = LibreOfficeSession()
        atexit.register(_OFFICES[index].close)
    return _OFFICES[index]


ProgressSink = Callable[[str], None]


def _to_stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


_SINK: list[ProgressSink] = [_to_stderr]


_LINES: queue.SimpleQueue[str] = queue.SimpleQueue()


def set_progress_sink(sink: ProgressSink) -> None:
    """Where progress lines of workbook building go (the pytest plugin sends them to the terminal)."""
    _SINK[0] = sink


def flush_progress() -> None:
    """Show the progress lines said so far; only the main thread writes (the terminal is pytest's)."""
    if threading.current_thread() is threading.main_thread():
        while not _LINES.empty():
            _SINK[0](_LINES.get_nowait())


def job_weight(spec: Mapping[str, Any]) -> float:
    """Rough cost of a job in stored files: a variant's recalculation costs a tenth of a save."""
    return 1.0 + 0.1 * len(spec.get("variants", ()))


class Progress:
    """A line per ~10 % or 15 s, never a flood: "workbooks: 37/250 built, ..., about 4m10s left".

    The time left is weighed by ``job_weight``: the jobs with variants, built first, take longest.
    """

    EVERY_SECONDS = 15.0

    def __init__(self, weights: Mapping[str, float], workers: int) -> None:
        self.total, self.workers, self.done = len(weights), workers, 0
        self._weights, self._weight_done = dict(weights), 0.0
        self.started = self._said_at = time.monotonic()
        self._said_done = 0
        self._lock = threading.Lock()
        self._quiet = self.total < 4
        if not self._quiet:
            self._say(f"building {self.total} workbooks in LibreOffice ({workers} processes)")

    def tick(self, report_line: str = "") -> None:
        """One job finished (``report_line`` is its line from ``lo_fill.py``)."""
        with self._lock:
            self.done += 1
            self._weight_done += self._weights.get(_reported_out(report_line), 1.0)
            now = time.monotonic()
            step = self.done - self._said_done >= max(1, self.total // 10)
            if self.done < self.total and (step or now - self._said_at >= self.EVERY_SECONDS):
                self._said_at, self._said_done = now, self.done
                self._say(self.line(now))

    def line(self, now: float) -> str:
        elapsed = now - self.started
        remaining = max(0.0, sum(self._weights.values()) - self._weight_done)
        left = elapsed / self._weight_done * remaining if self._weight_done else 0.0
        return f"{self.done}/{self.total} built, {_clock(elapsed)} so far, about {_clock(left)} left"

    def finish(self) -> None:
        if not self._quiet:
            elapsed = time.monotonic() - self.started
            self._say(f"{self.done}/{self.total} built in {_clock(elapsed)}")

    def _say(self, text: str) -> None:
        _LINES.put(f"workbooks: {text}")
        flush_progress()


def _reported_out(line: str) -> str:
    try:
        report = json.loads(line)
    except ValueError:
        return ""
    return str(report.get("out", "")) if isinstance(report, dict) else ""


def _clock(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}m{rest:02d}s" if minutes else f"{rest}s"


def fill_with_libreoffice(
    template: Path,
    cells: Mapping[str, CellValue],
    out: Path,
    smelter_rows: Sequence[SmelterEntry] = (),
    *,
    session: LibreOfficeSession | None = None,
) -> Path:
    """Fill one template in LibreOffice (recalculated, cached values present) and copy it to ``out``."""
    job = FillJob(template=Path(template), cells=dict(cells), smelters=tuple(smelter_rows))
    (produced,) = fill_many([job], session=session)
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(produced, out)
    return out
