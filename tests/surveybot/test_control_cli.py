"""Staff commands while ``surveybot run`` runs: the real service and the real CLI, both as processes.

The service holds the data folder's writer lock the whole time, so a command that succeeds can only
have gone through its control socket (and a refusal such as an unknown campaign comes from it).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pty
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from surveybot.control.protocol import socket_path
from surveybot.localservers import LocalDovecot, LocalSmtp
from tests.conftest import _require_dovecot
from tests.support.local_config import local_config
from tests.support.mailservers import wait_until

ROOT = Path(__file__).resolve().parents[2]
SUPPLIERS = ROOT / "surveybot" / "demo_data" / "suppliers.csv"
SURVEYBOT = [sys.executable, "-m", "surveybot.cli"]


@dataclass
class Deployment:
    data: Path
    env: dict[str, str]
    smtp: LocalSmtp

    def cli(self, *words: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*SURVEYBOT, *words], env=self.env, capture_output=True, text=True, timeout=120)

    def start(self) -> subprocess.Popen[str]:
        service = subprocess.Popen([*SURVEYBOT, "run"], env=self.env, stderr=subprocess.PIPE, text=True)
        wait_until(lambda: _answers(socket_path(self.data)) or service.poll() is not None, 60, "the socket")
        assert service.poll() is None, service.communicate()[1]
        return service

    def audit(self) -> list[dict[str, object]]:
        lines = (self.data / "audit.jsonl").read_text(encoding="utf-8").splitlines()
        return [entry for entry in map(json.loads, lines) if "action" in entry]


@pytest.fixture
def deployment(tmp_path: Path) -> Iterator[Deployment]:
    _require_dovecot()
    with LocalDovecot() as dovecot, LocalSmtp() as smtp:
        user = dovecot.new_user()
        config = local_config(tmp_path, dovecot, smtp, user)
        env = {**os.environ, "SURVEYBOT_IMAP_PASSWORD": dovecot.password, "SURVEYBOT_CONFIG": str(config)}
        env.pop("SURVEYBOT_DATA_DIR", None)
        yield Deployment(tmp_path / "data", env, smtp)


def _answers(path: Path) -> bool:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        try:
            probe.connect(str(path))
        except OSError:
            return False
    return True


def _stop(service: subprocess.Popen[str]) -> str:
    service.send_signal(signal.SIGTERM)
    _, stderr = service.communicate(timeout=60)
    assert service.returncode == 0, stderr
    return stderr


def test_import_and_campaign_close_go_to_the_running_service_while_it_holds_the_data_folder(
    deployment: Deployment,
) -> None:
    service = deployment.start()
    try:
        imported = deployment.cli("suppliers", "import", str(SUPPLIERS))
        closed = deployment.cli("campaign", "close", "no such campaign")
        listed = deployment.cli("suppliers", "list")
        assert service.poll() is None  # the mailbox never stopped
    finally:
        stderr = _stop(service)
    assert imported.returncode == 0, imported.stderr
    assert "suppliers.csv: 7 added, 0 updated, 0 unchanged (imported)" in imported.stdout
    assert (closed.returncode, closed.stderr) == (1, "surveybot: no campaign named 'no such campaign'\n")
    assert "7 of 7 supplier(s) shown" in listed.stdout
    assert "Traceback" not in stderr
    audit = deployment.audit()
    actions = [(e["action"], e["details"]) for e in audit if str(e["action"]).startswith("control.")]
    assert actions == [("control.suppliers.import", {"via": "control socket", "exit": 0})]
    assert not socket_path(deployment.data).exists()  # a clean stop takes its socket along


def test_a_refused_import_through_the_service_reports_every_bad_row_and_changes_nothing(
    deployment: Deployment, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Supplier Code,Name,Email\nA-1,Acme,sales@acme.com\nB-2,Bolt,not-an-address\n")
    service = deployment.start()
    try:
        result = deployment.cli("suppliers", "import", str(bad))
        listed = deployment.cli("suppliers", "list")  # read-only: straight from the files
    finally:
        _stop(service)
    assert result.returncode == 1
    assert "row      3  B-2              refused: bad email 'not-an-address'" in result.stdout
    assert "bad.csv: 1 row(s) refused, 1 valid - nothing imported" in result.stdout
    assert "0 of 0 supplier(s) shown" in listed.stdout


def test_status_shows_the_running_services_heartbeat_outbox_and_campaign_counts(
    deployment: Deployment,
) -> None:
    assert deployment.cli("suppliers", "import", str(SUPPLIERS)).returncode == 0  # no service: direct
    due = dt.date.today() + dt.timedelta(days=30)
    opened = deployment.cli("campaign", "open", "CMRT 2026", "--family", "CMRT", "--due", due.isoformat())
    assert opened.returncode == 0, opened.stderr
    offline = deployment.cli("status")
    assert offline.returncode == 0, offline.stderr
    assert "service: not running" in offline.stdout
    assert "outbox depth:        7 (7 queued, 0 sending, 0 failed)" in offline.stdout
    assert f"CMRT 2026 (CMRT) due {due.isoformat()}" in offline.stdout
    assert "invited 7" in offline.stdout
    service = deployment.start()
    try:
        wait_until(lambda: len(deployment.smtp.messages) == 7, 30, "the queued invitations to go out")
        wait_until(lambda: "(0 queued" in deployment.cli("status").stdout, 30, "an empty outbox")
        wait_until(lambda: "last mailbox cycle:  never" not in deployment.cli("status").stdout, 30, "a cycle")
        online = deployment.cli("status")
    finally:
        _stop(service)
    assert online.returncode == 0, online.stderr
    assert f"service: running (pid {service.pid}, since" in online.stdout
    assert "last Slack event:    off" in online.stdout  # Slack is not configured here
    first_reminders = (due - dt.timedelta(days=14)).isoformat()  # the default cadence: 14 and 3 days
    assert (
        f"next scheduled wave: CMRT 2026 on {first_reminders}: 7 supplier(s) would be reminded"
        in online.stdout
    )
    assert "outbox depth:        0 (0 queued, 0 sending, 0 failed)" in online.stdout
    assert "invited 7" in online.stdout


def test_a_socket_left_by_a_killed_service_does_not_block_commands_or_the_next_start(
    deployment: Deployment,
) -> None:
    service = deployment.start()
    service.kill()  # no clean-up: the socket file stays behind
    service.communicate(timeout=30)
    assert socket_path(deployment.data).exists()
    imported = deployment.cli("suppliers", "import", str(SUPPLIERS))
    assert imported.returncode == 0, imported.stderr
    assert "7 added" in imported.stdout
    assert "service: not running" in deployment.cli("status").stdout
    restarted = deployment.start()
    try:
        status = deployment.cli("status")
        closed = deployment.cli("campaign", "close", "no such campaign")
    finally:
        _stop(restarted)
    assert f"service: running (pid {restarted.pid}" in status.stdout
    assert closed.returncode == 1
    assert "surveybot: no campaign named 'no such campaign'" in closed.stderr


def test_campaign_open_previews_then_opens_through_the_running_service_which_sends_the_invitations(
    deployment: Deployment, tmp_path: Path
) -> None:
    codes = tmp_path / "chosen.txt"
    codes.write_text("code\nS-1001\nS-1002\n", encoding="utf-8")
    due = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    opening = ("campaign", "open", "CMRT 2027", "--family", "CMRT", "--due", due, "--list", str(codes))
    service = deployment.start()
    try:
        assert deployment.cli("suppliers", "import", str(SUPPLIERS)).returncode == 0
        looked = deployment.cli(*opening, "--dry-run")
        unopened = deployment.cli("campaign", "list").stdout
        opened = deployment.cli(*opening, "--yes")
        wait_until(lambda: len(deployment.smtp.messages) == 2, 30, "the two invitations to go out")
        status = deployment.cli("status").stdout
    finally:
        _stop(service)
    assert looked.returncode == 0, looked.stderr
    assert "  would invite 2 suppliers: S-1001, S-1002" in looked.stdout
    assert "no campaigns yet" in unopened  # the preview wrote nothing
    assert opened.returncode == 0, opened.stderr
    assert "  would invite 2 suppliers: S-1001, S-1002" in opened.stdout  # preview first, then open
    assert (
        "campaign CMRT 2027 (CMRT) is active\n  invited 2 suppliers, queued 2 invitation mails"
        in opened.stdout
    )
    assert "invited 2" in status
    actions = [
        (e["action"], e["details"]) for e in deployment.audit() if str(e["action"]).startswith("control.")
    ]
    assert ("control.campaign.open", {"via": "control socket", "exit": 0}) in actions
    assert not [a for a, _ in actions if a == "control.campaign.preview"]  # read-only, not audited


def test_a_campaign_open_the_running_service_refuses_is_reported_and_opens_nothing(
    deployment: Deployment, tmp_path: Path
) -> None:
    codes = tmp_path / "chosen.txt"
    codes.write_text("S-1001\nS-9999\n", encoding="utf-8")
    service = deployment.start()
    try:
        assert deployment.cli("suppliers", "import", str(SUPPLIERS)).returncode == 0
        refused = deployment.cli(
            "campaign",
            "open",
            "CMRT 2027",
            "--family",
            "CMRT",
            "--due",
            "2027-06-30",
            "--list",
            str(codes),
            "--yes",
        )
        listed = deployment.cli("campaign", "list").stdout
    finally:
        _stop(service)
    assert (refused.returncode, refused.stderr) == (1, "surveybot: no supplier with code S-9999\n")
    assert refused.stdout == ""
    assert "no campaigns yet" in listed
    assert deployment.smtp.messages == []


def test_policy_agree_is_recorded_by_the_running_service_and_a_refusal_changes_nothing(
    deployment: Deployment,
) -> None:
    service = deployment.start()
    try:
        assert deployment.cli("suppliers", "import", str(SUPPLIERS)).returncode == 0
        unknown = deployment.cli("policy", "agree", "S-9999", "--note", "letter", "--version", "2026-1")
        blank = deployment.cli("policy", "agree", "S-1001", "--note", "  ", "--version", "2026-1")
        agreed = deployment.cli("policy", "agree", "S-1001", "--note", "signed letter", "--version", "2026-1")
        again = deployment.cli("policy", "agree", "S-1001", "--note", "signed letter", "--version", "2026-1")
        assert service.poll() is None
    finally:
        _stop(service)
    assert (unknown.returncode, unknown.stderr) == (1, "surveybot: no supplier with code 'S-9999'\n")
    assert blank.returncode == 1 and "say where the agreement came from" in blank.stderr
    assert agreed.returncode == 0, agreed.stderr
    assert agreed.stdout.startswith("recorded: S-1001 agreed to policy version 2026-1")
    assert again.stdout == "S-1001 had already agreed to policy version 2026-1; nothing changed\n"
    actions = [
        (e["action"], e["details"])
        for e in deployment.audit()
        if str(e["action"]).startswith("control.policy")
    ]
    assert actions == [("control.policy.agree", {"via": "control socket", "exit": 0})] * 2


def _answering(deployment: Deployment, answer: str, *words: str) -> subprocess.CompletedProcess[str]:
    """The CLI with a terminal as its input (so it asks), typing ``answer`` to the question."""
    controller, terminal = pty.openpty()
    try:
        os.write(controller, answer.encode() + b"\n")
        return subprocess.run(
            [*SURVEYBOT, *words],
            env=deployment.env,
            stdin=terminal,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        os.close(terminal)
        os.close(controller)


def test_in_a_terminal_the_lead_confirms_between_the_services_preview_and_the_open(
    deployment: Deployment,
) -> None:
    due = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    opening = ("campaign", "open", "CMRT 2027", "--family", "CMRT", "--due", due, "--tag", "none-yet")
    service = deployment.start()
    try:
        declined = _answering(deployment, "n", *opening)
        after_no = deployment.cli("campaign", "list").stdout
        accepted = _answering(deployment, "y", *opening)
        after_yes = deployment.cli("campaign", "list").stdout
    finally:
        _stop(service)
    assert declined.returncode == 0, declined.stderr
    assert "would invite 0 suppliers" in declined.stdout
    assert "Open it and send the invitations shown above? [y/N] not opened" in declined.stdout
    assert "no campaigns yet" in after_no
    assert accepted.returncode == 0, accepted.stderr
    assert "campaign CMRT 2027 (CMRT) is active" in accepted.stdout
    assert "warning: no supplier in the selection 'tag:none-yet' is in this campaign" in accepted.stderr
    assert "CMRT 2027" in after_yes
