"""The Slack supplier upload inside a real ``surveybot run``: signed HTTP requests to its Slack
endpoint, the file on the loopback fake Slack, and the CLI (a second process) seeing the result.

This is the whole path a team lead takes, through the same process that holds the data folder, so
the import lands in the one store the mailbox and the control socket use.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from surveybot.localservers import free_port
from tests.bot import slack_requests as req
from tests.bot.conftest import buttons, post
from tests.bot.fake_slack import BOT_TOKEN, FakeSlack
from tests.support.mailservers import wait_until

SURVEYBOT = [sys.executable, "-m", "surveybot.cli"]
LEAD = "U0LEAD"
LIST = b"Supplier Code,Name,Contact Email\nGAMMA-7,Gamma Mining,info@gamma.example\n"


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    with FakeSlack() as fake:
        yield fake


def _config(tmp_path: Path, fake: FakeSlack, port: int) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f"""
[storage]
data_dir = "{tmp_path / "data"}"
[slack]
enabled = true
mode = "http"
http_port = {port}
api_base_url = "{fake.base_url}"
channel = "{req.CHANNEL}"
team_id = "{req.TEAM}"
app_id = "{req.APP}"
[roles]
team_lead_users = ["{LEAD}"]
""",
        encoding="utf-8",
    )
    return path


def _signed(url: str, body: str) -> int:
    status, _, _ = post(url, body, req.signed_headers(body))
    return status


def test_a_lead_uploads_a_supplier_list_to_the_running_service_and_the_cli_sees_it(
    tmp_path: Path, fake_slack: FakeSlack
) -> None:
    port = free_port()
    env = {
        **os.environ,
        "SURVEYBOT_CONFIG": str(_config(tmp_path, fake_slack, port)),
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": req.SIGNING_SECRET,
    }
    env.pop("SURVEYBOT_DATA_DIR", None)
    url = f"http://127.0.0.1:{port}/slack/events"
    service = subprocess.Popen([*SURVEYBOT, "run"], env=env, stderr=subprocess.PIPE, text=True)
    try:
        command = req.command_body("suppliers import", user=LEAD, response_url="", trigger_id="t1")
        wait_until(lambda: _reachable(url, command), 60, "the service's Slack endpoint")
        view = fake_slack.wait_for("views.open")[0]["params"]["view"]
        file_id = fake_slack.share_file("gamma.csv", LIST)
        values = {"supplier_file": {"file": {"type": "file_input", "files": [{"id": file_id}]}}}
        body = req.view_body(
            view["callback_id"], values, view["private_metadata"], user=LEAD, trigger_id="t2"
        )
        assert _signed(url, body) == 200
        preview = fake_slack.wait_for("chat.postEphemeral", timeout=30)[0]["params"]
        assert preview["text"] == "gamma.csv: 1 added, 0 updated, 0 unchanged - confirm to import"
        value = buttons(preview)["suppliers_import_confirm"]["value"]
        click = req.action_body(
            "suppliers_import_confirm",
            value,
            user=LEAD,
            response_url=fake_slack.response_url("ok"),
            trigger_id="t3",
        )
        assert _signed(url, click) == 200
        done = fake_slack.wait_for("response:ok", timeout=30)[0]["params"]
        listed = subprocess.run(
            [*SURVEYBOT, "suppliers", "list"], env=env, capture_output=True, text=True, timeout=60
        )
    finally:
        service.send_signal(signal.SIGTERM)
        _, stderr = service.communicate(timeout=60)
    assert done["text"] == f"<@{LEAD}> imported gamma.csv: 1 added, 0 updated, 0 unchanged."
    assert "GAMMA-7" in listed.stdout and "info@gamma.example" in listed.stdout
    assert service.returncode == 0, stderr
    audit = (tmp_path / "data" / "audit.jsonl").read_text(encoding="utf-8").splitlines()
    imports = [json.loads(line) for line in audit if '"slack.suppliers_import"' in line]
    assert [(e["actor"], e["details"]["added"]) for e in imports] == [(["staff", LEAD], 1)]


def _reachable(url: str, command: str) -> bool:
    """Send the slash command once the endpoint answers (a refused connection means not yet)."""
    try:
        return _signed(url, command) == 200
    except OSError:
        return False
