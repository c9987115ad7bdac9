"""Run fill jobs through a real headless LibreOffice and cache the produced workbooks on disk.

Starting soffice costs seconds, so jobs go in batches to one office process (a
``LibreOfficeSession`` can even stay up for a whole pytest session), and every produced file is kept
under ``$SURVEYBOT_TEST_CACHE`` (default ``~/.cache/surveybot-tests``) keyed by the template bytes, the
job and the ``lo_fill.py`` source, so a repeated run does not start LibreOffice at all.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from tests.support.jobs import CellValue, FillJob, SmelterEntry

SYSTEM_PYTHON = "/usr/bin/python3"
LO_FILL = Path(__file__).with_name("lo_fill.py")
ENGINE = "libreoffice"
_PR_SET_PDEATHSIG = 1
STALE_AFTER_SECONDS = 24 * 3600


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

    def start(self) -> None:
        if self._process is not None:
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

    def run(self, jobs: Sequence[Mapping[str, Any]]) -> None:
        self.start()
        run_lo_fill(jobs, pipe=self.pipe, workdir=self._workdir)

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
    """In the child before exec: own process group, and SIGTERM if the test process dies first.

    Without this a killed test run (timeout, Ctrl-C twice) leaves soffice running forever.
    """
    os.setsid()
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def run_lo_fill(jobs: Sequence[Mapping[str, Any]], *, pipe: str | None, workdir: Path) -> None:
    """Run ``lo_fill.py`` under the system python for one batch; raise if any job failed."""
    job_file = workdir / f"jobs-{uuid.uuid4().hex[:8]}.json"
    spec = {"pipe": pipe, "profile": str(workdir / "own-profile"), "jobs": list(jobs)}
    job_file.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    try:
        result = subprocess.run(
            [SYSTEM_PYTHON, str(LO_FILL), str(job_file)],
            capture_output=True,
            text=True,
            timeout=120 + 60 * len(jobs),
            check=False,
        )
    finally:
        job_file.unlink(missing_ok=True)
    errors = [line for line in result.stdout.splitlines() if '"error"' in line]
    if result.returncode != 0 or errors:
        detail = "\n".join(errors) or result.stderr[-2000:]
        raise LibreOfficeError(f"lo_fill.py failed (exit {result.returncode}):\n{detail}")


def fill_many(
    jobs: Sequence[FillJob], *, session: LibreOfficeSession | None = None, cache: Path | None = None
) -> list[Path]:
    """Produce (or reuse from the cache) one LibreOffice-saved workbook per job, in one office run.

    Returns the cached paths in job order; treat them as read-only and copy before changing them.
    """
    source = LO_FILL.read_bytes()
    folder = generation_folder(ENGINE, source, cache)
    targets = [folder / f"{job.cache_key(ENGINE, source)}.xlsx" for job in jobs]
    missing: dict[Path, FillJob] = {t: j for t, j in zip(targets, jobs, strict=True) if not t.exists()}
    if missing:
        _produce(missing, session)
    return targets


def _produce(missing: Mapping[Path, FillJob], session: LibreOfficeSession | None) -> None:
    temporary = {target: target.with_suffix(f".{uuid.uuid4().hex[:8]}.tmp.xlsx") for target in missing}
    specs = [
        {"template": str(job.template), "out": str(temporary[target]), "cells": job.to_json()}
        for target, job in missing.items()
    ]
    try:
        _run_in_parallel(specs, session)
        for target, produced in temporary.items():
            os.replace(produced, target)
    finally:
        for produced in temporary.values():
            produced.unlink(missing_ok=True)


PARALLEL_FROM = 8
"""Batches at least this big are split over two office processes: a cold cache builds twice as fast."""


def _run_in_parallel(specs: list[dict[str, Any]], session: LibreOfficeSession | None) -> None:
    if len(specs) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        _run_specs(specs, session)
        return
    half = len(specs) // 2
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="second-office") as pool:
        second = pool.submit(_run_specs, specs[half:], None)
        _run_specs(specs[:half], session)
        second.result()


def _run_specs(specs: list[dict[str, Any]], session: LibreOfficeSession | None) -> None:
    if session is not None:
        session.run(specs)
        return
    with tempfile.TemporaryDirectory(prefix="surveybot-lo-") as workdir:
        run_lo_fill(specs, pipe=None, workdir=Path(workdir))


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
