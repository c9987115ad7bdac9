"""``surveybot run`` — the production command — answers a supplier's mail and stops cleanly on SIGTERM."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from pathlib import Path

from imapclient import IMAPClient

from surveybot.demo_mails import with_workbook
from surveybot.localservers import LocalDovecot, LocalSmtp
from tests.conftest import _require_dovecot
from tests.support.local_config import local_config
from tests.support.mailservers import wait_until

ROOT = Path(__file__).resolve().parents[2]


def _inbox_is_empty(client: IMAPClient) -> bool:
    client.noop()
    return not client.search("ALL")


def test_run_answers_a_supplier_mail_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    _require_dovecot()
    surveybot = [sys.executable, "-m", "surveybot.cli"]
    with LocalDovecot() as dovecot, LocalSmtp() as smtp:
        user = dovecot.new_user()
        config = local_config(tmp_path, dovecot, smtp, user)
        env = {**os.environ, "SURVEYBOT_IMAP_PASSWORD": dovecot.password, "SURVEYBOT_CONFIG": str(config)}
        sheet = ROOT / "surveybot" / "demo_data" / "suppliers.csv"
        subprocess.run(
            [*surveybot, "suppliers", "import", str(sheet)], env=env, check=True, capture_output=True
        )
        client = IMAPClient(dovecot.host, port=dovecot.port, ssl=False)
        client.login(user, dovecot.password)
        workbook = (ROOT / "surveybot" / "demo_data" / "cmrt-6.5-valid.xlsx").read_bytes()
        client.append("INBOX", with_workbook(
            "anna.schmidt@acme-metals.example", "Anna Schmidt", "rmi-survey@buyer.example", "CMRT 2026",
            "Our CMRT is attached.", "CMRT.xlsx", workbook, dt.datetime.now(dt.UTC),
        ))  # fmt: skip
        service = subprocess.Popen([*surveybot, "run"], env=env, stderr=subprocess.PIPE, text=True)
        try:
            wait_until(lambda: len(smtp.messages) == 1, 60, "a reply at the SMTP server")
            reply = smtp.messages[0].message
            assert reply["To"] == "anna.schmidt@acme-metals.example"
            assert reply["Auto-Submitted"] == "auto-replied"
            assert "ACCEPTED" in reply.get_body(("plain",)).get_content()  # type: ignore[union-attr]
            client.select_folder("INBOX")
            wait_until(lambda: _inbox_is_empty(client), 30, "the handled mail to leave the inbox")
        finally:
            service.send_signal(signal.SIGTERM)
            _, stderr = service.communicate(timeout=60)
        assert service.returncode == 0, stderr
        assert "stopping: finishing the mail in hand" in stderr
        assert "Traceback" not in stderr
