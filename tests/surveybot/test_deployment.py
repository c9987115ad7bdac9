"""The deployment files a new install copies are valid and agree with the code's defaults."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from surveybot.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def test_slack_manifest_declares_the_command_scopes_and_socket_mode() -> None:
    manifest = yaml.safe_load((ROOT / "slack-app-manifest.yml").read_text(encoding="utf-8"))
    commands = [c["command"] for c in manifest["features"]["slash_commands"]]
    assert commands == [Settings().slack.command]
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"commands", "chat:write", "app_mentions:read", "files:write", "im:write"} <= scopes
    assert manifest["settings"]["socket_mode_enabled"] is True
    assert "app_mention" in manifest["settings"]["event_subscriptions"]["bot_events"]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
def test_systemd_unit_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    unit = (ROOT / "deploy" / "surveybot.service").read_text(encoding="utf-8")
    # verify insists that ExecStart binaries exist; point them at this interpreter.
    unit = unit.replace("/opt/surveybot/.venv/bin/surveybot", sys.executable)
    target = tmp_path / "surveybot.service"
    target.write_text(unit, encoding="utf-8")
    result = subprocess.run(
        ["systemd-analyze", "verify", str(target)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_systemd_unit_runs_config_check_before_start_and_restarts_on_failure() -> None:
    unit = (ROOT / "deploy" / "surveybot.service").read_text(encoding="utf-8")
    assert re.search(r"^ExecStartPre=.*surveybot config check$", unit, re.M)
    assert re.search(r"^ExecStart=.*surveybot run$", unit, re.M)
    assert "Restart=on-failure" in unit


def test_containerfile_copies_every_package_and_runs_as_non_root() -> None:
    text = (ROOT / "Containerfile").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert lines[0].startswith("FROM python:3.11")
    known = {"FROM", "RUN", "WORKDIR", "COPY", "USER", "ENV", "VOLUME", "HEALTHCHECK", "ENTRYPOINT", "CMD"}
    assert all(line.split()[0] in known for line in lines), "unknown instruction"
    for package in ("surveybot", "rmi", "handlers", "storage", "mail", "bot"):
        assert f"COPY {package} ./{package}" in text
    assert "USER surveybot" in text
