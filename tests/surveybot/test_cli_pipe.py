"""A command's output piped into ``head``: the reader leaves early, the command ends quietly.

Real processes and a real pipe, as a shell builds ``surveybot suppliers list --limit 5000 | head -n 3``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from storage import open_store
from tests.support.mailworker import seed_survey

REPO = Path(__file__).resolve().parents[2]


def test_output_piped_into_head_ends_without_a_traceback(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with open_store(data) as store:
        seed_survey(store, 3000)  # ~250 KB of listing: far more than a pipe buffer holds
    env = {**os.environ, "PYTHONPATH": str(REPO), "SURVEYBOT_DATA_DIR": str(data)}
    command = [sys.executable, "-m", "surveybot.cli", "suppliers", "list", "--limit", "5000"]
    writer = subprocess.Popen(command, env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert writer.stdout is not None
    head = subprocess.run(["head", "-n", "3"], stdin=writer.stdout, capture_output=True, check=True)
    writer.stdout.close()  # only head holds the reading end now; it has exited
    _, stderr = writer.communicate(timeout=60)

    assert head.stdout.decode().splitlines()[0].startswith("S0000 ")
    assert len(head.stdout.decode().splitlines()) == 3
    assert stderr.decode() == ""  # no traceback, no "Exception ignored ... BrokenPipeError"
    assert writer.returncode == 141  # as a shell reports a writer ended by SIGPIPE
