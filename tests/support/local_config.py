"""The config file of a surveybot that runs for real against the local Dovecot and SMTP server.

Tests that start ``surveybot run`` as a process (the service, the control socket) share it, so a
new setting they all need is added in one place.
"""

from __future__ import annotations

from pathlib import Path

from surveybot.localservers import LocalDovecot, LocalSmtp


def local_config(tmp_path: Path, dovecot: LocalDovecot, smtp: LocalSmtp, user: str) -> Path:
    """``tmp_path/config.toml``: data in ``tmp_path/data``, mailbox ``user``, plain local transports."""
    path = tmp_path / "config.toml"
    path.write_text(
        f"""
[storage]
data_dir = "{tmp_path / "data"}"
[mailbox]
host = "127.0.0.1"
port = {dovecot.port}
security = "plain"
username = "{user}"
poll_seconds = 1
[smtp]
host = "127.0.0.1"
port = {smtp.port}
security = "plain"
from_address = "rmi-survey@buyer.example"
""",
        encoding="utf-8",
    )
    return path
