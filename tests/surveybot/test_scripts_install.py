"""``scripts/demo`` and ``scripts/test`` install into .venv only when that could change something.

The real ``scripts/lib/venv.sh`` runs in real bash against a real venv built without pip: when the
stamp says the install is current nothing runs (any install attempt would fail loudly there), and
when pyproject.toml changed, or only the runtime was installed and the tests need the dev group, it
sets the venv up again.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """A repository root with pyproject.toml, the helper and a venv that has surveybot's console script."""
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "scripts" / "lib").mkdir(parents=True)
    shutil.copy(REPO / "scripts" / "lib" / "venv.sh", tmp_path / "scripts" / "lib" / "venv.sh")
    venv.create(tmp_path / ".venv", with_pip=False)
    console_script = tmp_path / ".venv" / "bin" / "surveybot"
    console_script.write_text("#!/bin/sh\n", encoding="utf-8")
    console_script.chmod(0o755)
    return tmp_path


def ensure_venv(root: Path, what: str) -> subprocess.CompletedProcess[str]:
    script = f'set -euo pipefail; PY="{sys.executable}"; . scripts/lib/venv.sh; ensure_venv {what}'
    return subprocess.run(
        ["bash", "-c", script], cwd=root, capture_output=True, text=True, timeout=60, check=False
    )


def stamp(root: Path, what: str) -> None:
    digest = hashlib.sha256((root / "pyproject.toml").read_bytes()).hexdigest()
    (root / ".venv" / ".surveybot-installed").write_text(f"{digest} {what}\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("installed", "wanted"), [("runtime", "runtime"), ("dev", "dev"), ("dev", "runtime")]
)
def test_a_current_install_is_not_repeated(checkout: Path, installed: str, wanted: str) -> None:
    stamp(checkout, installed)
    run = ensure_venv(checkout, wanted)
    assert (run.returncode, run.stdout, run.stderr) == (0, "", "")


def test_a_changed_pyproject_sets_the_venv_up_again(checkout: Path) -> None:
    stamp(checkout, "dev")
    with (checkout / "pyproject.toml").open("a", encoding="utf-8") as pyproject:
        pyproject.write("\n# a new dependency would go here\n")
    run = ensure_venv(checkout, "runtime")
    assert run.stderr.startswith("setting up .venv (runtime): first run, or pyproject.toml changed")
    assert run.returncode != 0  # this venv has no pip: the install was really attempted


def test_the_tests_need_the_dev_group_even_after_a_demo_install(checkout: Path) -> None:
    stamp(checkout, "runtime")
    run = ensure_venv(checkout, "dev")
    assert run.stderr.startswith("setting up .venv (dev)")


def test_a_venv_without_a_stamp_is_set_up_and_stamped_only_after_success(checkout: Path) -> None:
    run = ensure_venv(checkout, "runtime")
    assert run.stderr.startswith("setting up .venv (runtime)") and run.returncode != 0
    assert not (checkout / ".venv" / ".surveybot-installed").exists()


def test_both_scripts_use_the_shared_install_step() -> None:
    for name in ("demo", "test"):
        script = (REPO / "scripts" / name).read_text(encoding="utf-8")
        assert ". scripts/lib/venv.sh" in script
        assert "pip install" not in script  # only through ensure_venv, which skips a current install
    assert "ensure_venv dev" in (REPO / "scripts" / "test").read_text(encoding="utf-8")
