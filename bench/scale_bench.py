"""A survey at full size: 10,000 suppliers, one campaign, 1,000 stored submissions, as processes.

* Read-only commands as a user runs them, whole process (median of ``--runs``, with ``python -c
  pass`` beside them): ``surveybot suppliers list`` and ``surveybot campaign list``. Target (issue
  18): ≤ 300 ms each.
* ``surveybot run`` on that data directory against a local Dovecot and SMTP server: its peak
  resident memory (VmHWM, its look-ahead workers added) once it has opened the store and started
  watching the mailbox. Target: ≤ 200 MB.

``--code DIR`` runs the child processes on another checkout (e.g. a worktree at main, for a
before figure measured in the same session). Usage: ``.venv/bin/python bench/scale_bench.py``.
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.storage_bench import build_ours, burst_ours
from surveybot.localservers import LocalDovecot, LocalSmtp

SUBMISSIONS = 1_000
SETTLE_SECONDS = 8.0  # the service opens the store, then watches the mailbox
TARGET_COMMAND_MS, TARGET_RUN_MB = 300.0, 200.0


def build(data_dir: Path) -> None:
    store, campaign_id = build_ours(data_dir)
    burst_ours(store, campaign_id, range(SUBMISSIONS), per_batch=100)
    store.close()


def median_ms(command: list[str], env: dict[str, str], runs: int) -> float:
    subprocess.run(command, env=env, capture_output=True, check=True)  # warm the .pyc files
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, env=env, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def peak_rss_mb(pid: int) -> float:
    """VmHWM of ``pid`` and its children, in MB."""
    total = 0
    for each in (pid, *_children(pid)):
        try:
            status = Path(f"/proc/{each}/status").read_text()
        except OSError:
            continue
        total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM"))
    return total / 1024


def _children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(each) for each in found.read_text().split()] if found.exists() else []


def run_memory(data_dir: Path, env: dict[str, str], work: Path) -> float:
    with LocalDovecot() as dovecot, LocalSmtp() as smtp:
        config = work / "config.toml"
        config.write_text(_config(data_dir, dovecot.port, dovecot.new_user(), smtp.port), encoding="utf-8")
        child_env = {**env, "SURVEYBOT_IMAP_PASSWORD": dovecot.password, "SURVEYBOT_CONFIG": str(config)}
        command = [sys.executable, "-m", "surveybot.cli", "run"]
        service = subprocess.Popen(command, env=child_env, stderr=subprocess.PIPE, text=True)
        try:
            time.sleep(SETTLE_SECONDS)
            if service.poll() is not None:
                raise SystemExit(f"surveybot run ended early: {service.communicate()[1][-2000:]}")
            return peak_rss_mb(service.pid)
        finally:
            service.send_signal(signal.SIGTERM)
            service.communicate(timeout=60)


def _config(data_dir: Path, imap_port: int, user: str, smtp_port: int) -> str:
    return f"""
[storage]
data_dir = "{data_dir}"
[mailbox]
host = "127.0.0.1"
port = {imap_port}
security = "plain"
username = "{user}"
poll_seconds = 1
[smtp]
host = "127.0.0.1"
port = {smtp_port}
security = "plain"
from_address = "rmi-survey@buyer.example"
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--code", type=Path, default=Path(__file__).resolve().parents[1])
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(args.code.resolve())}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    print(f"code: {args.code.resolve()}; load average {os.getloadavg()[0]:.2f} at start")
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        started = time.perf_counter()
        build(data_dir)
        size = sum(path.stat().st_size for path in data_dir.rglob("*") if path.is_file()) / 2**20
        print(f"10,000 suppliers, 1 campaign, {SUBMISSIONS:,} submissions: {size:.0f} MB on disk,"
              f" built in {time.perf_counter() - started:.1f} s")  # fmt: skip
        surveybot = [sys.executable, "-m", "surveybot.cli"]
        for words in (["suppliers", "list", "--limit", "20"], ["campaign", "list"]):
            ms = median_ms([*surveybot, *words, "--data-dir", str(data_dir)], env, args.runs)
            verdict = "meets" if ms <= TARGET_COMMAND_MS else "MISSES"
            print(f"{'surveybot ' + ' '.join(words[:2]):28}: median {ms:6.1f} ms  ({verdict} ≤ 300 ms)")
        bare = median_ms([sys.executable, "-c", "pass"], env, args.runs)
        print(f"{'python -c pass':28}: median {bare:6.1f} ms")
        megabytes = run_memory(data_dir, env, Path(tmp))
        verdict = "meets" if megabytes <= TARGET_RUN_MB else "MISSES"
        print(f"{'surveybot run, peak RSS':28}: {megabytes:6.1f} MB  ({verdict} ≤ 200 MB)")
    print(f"load average {os.getloadavg()[0]:.2f} at end")


if __name__ == "__main__":
    main()
