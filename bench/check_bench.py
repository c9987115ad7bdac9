"""How fast ``surveybot check`` judges returned templates, against naive openpyxl, measured in one run.

* 100 mixed files: every revision's valid declaration and its typical mistakes, filled and saved by
  LibreOffice through the test workbook factory (cached on disk; a cold cache starts soffice once).
  ``surveybot check --json`` runs them as a user would (one process, files spread over every core);
  the baseline opens the same 100 files with ``openpyxl.load_workbook(data_only=True)`` on the same
  number of worker processes, doing nothing else. Both are printed per file, with the ratio.
* One file, whole process: ``surveybot check FILE`` from a fresh interpreter, median of ``--runs``,
  on one of those files and on an Excel-like CMRT 6.5 with 240 smelter rows (``read_bench``'s
  patched files), against the 150 ms target (issue 18) and beside a bare ``python -c pass``.

Run: ``.venv/bin/python bench/check_bench.py [--files 100] [--runs 15]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.read_bench import filled_template
from tests.rmi.rules.scenarios import SCENARIOS
from tests.support.fixtures import FACTORY_TODAY
from tests.support.workbooks import LibreOfficeSession, WorkbookFactory

SURVEYBOT = str(Path(sys.executable).with_name("surveybot"))
TARGET_ONE_FILE = 0.15
LARGE_ROWS = 240


def mixed_files(count: int) -> list[Path]:
    """``count`` LibreOffice-filled scenarios, spread evenly over every revision and mistake."""
    step = max(1, len(SCENARIOS) // count)
    chosen = SCENARIOS[::step][:count]
    with LibreOfficeSession() as session:
        factory = WorkbookFactory(FACTORY_TODAY, Path("/tmp/surveybot-check-bench"), session)
        return factory.libreoffice_many([scenario.answers for scenario in chosen])


def run_check(paths: list[Path]) -> tuple[float, int]:
    command = [SURVEYBOT, "check", "--json", "--today", FACTORY_TODAY.isoformat(), *map(str, paths)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"surveybot check failed: {done.stderr.decode()[-2000:]}")
    return elapsed, done.stdout.count(b'"verdict": "reject"')


def openpyxl_load(path: str) -> int:
    from openpyxl import load_workbook

    book = load_workbook(path, data_only=True)
    count = len(book.sheetnames)
    book.close()
    return count


def run_openpyxl(paths: list[Path]) -> float:
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(openpyxl_load, map(str, paths)))
    return time.perf_counter() - started


def whole_process(command: list[str], runs: int) -> list[float]:
    """Wall times of fresh processes, with compiled modules kept as an installed package has them
    (a warm-up run writes the .pyc files even where PYTHONDONTWRITEBYTECODE is set)."""
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, capture_output=True, check=False, env=env)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=False, env=env)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    paths = mixed_files(args.files)
    cores = os.cpu_count() or 1
    print(f"{len(paths)} LibreOffice-filled files, {len({p.parent for p in paths})} folder(s), {cores} cores")

    check_seconds, rejected = run_check(paths)
    baseline_seconds = run_openpyxl(paths)
    per_check, per_baseline = check_seconds / len(paths), baseline_seconds / len(paths)
    accepted = len(paths) - rejected
    report(f"surveybot check --json, {len(paths)} files", f"{check_seconds:7.2f} s", per_check)
    print(f"{'':41}({rejected} rejected, {accepted} accepted)")
    report("openpyxl.load_workbook only, same files", f"{baseline_seconds:7.2f} s", per_baseline)
    print(f"{'ratio openpyxl / surveybot check':40}: {per_baseline / per_check:7.1f}x")

    large = Path(tempfile.mkdtemp(prefix="check-bench-")) / f"CMRT65_{LARGE_ROWS}_rows.xlsx"
    large.write_bytes(filled_template("CMRT/6.5", LARGE_ROWS))
    for label, path in (("one LibreOffice file", paths[0]), (f"CMRT 6.5, {LARGE_ROWS} rows", large)):
        one = [SURVEYBOT, "check", "--today", FACTORY_TODAY.isoformat(), str(path)]
        times = whole_process(one, args.runs)
        median, best = statistics.median(times), min(times)
        verdict = "meets" if median <= TARGET_ONE_FILE else "MISSES"
        name = f"whole process, {label} ({args.runs} runs)"
        print(f"{name:40}: median {median * 1000:6.1f} ms, best {best * 1000:6.1f} ms")
        print(f"{'':41}-> {verdict} the {TARGET_ONE_FILE * 1000:.0f} ms target")
    bare = statistics.median(whole_process([sys.executable, "-c", "pass"], args.runs)) * 1000
    print(f"{f'bare python -c pass ({args.runs} runs)':40}: median {bare:6.1f} ms")
    print(f"{'load average during the run':40}: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def report(label: str, total: str, per_file: float) -> None:
    print(f"{label:40}: {total}  = {per_file * 1000:7.1f} ms/file")


if __name__ == "__main__":
    main()
