"""Logs keep tracebacks for engineers but never a secret, a token or a full supplier address."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from surveybot.logs import setup_logging
from surveybot.settings import LoggingSettings


def _read_after_logging(tmp_path: Path, json_lines: bool) -> str:
    log_file = tmp_path / "surveybot.log"
    setup_logging(LoggingSettings(level="INFO", file=str(log_file), json=json_lines), secrets=["hunter2-pw"])
    log = logging.getLogger("surveybot.test")
    try:
        raise RuntimeError("login failed for anna.schmidt@supplier.de with hunter2-pw")
    except RuntimeError:
        log.error("imap login failed, token xoxb-1234567890-abcdef", exc_info=True)
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    logging.getLogger().handlers.clear()
    return text


def test_log_file_masks_secrets_tokens_and_addresses_but_keeps_the_traceback(tmp_path: Path) -> None:
    text = _read_after_logging(tmp_path, json_lines=False)
    assert "hunter2-pw" not in text
    assert "xoxb-1234567890" not in text
    assert "anna.schmidt@" not in text and "a***@supplier.de" in text
    assert "Traceback" in text and "RuntimeError" in text


def test_json_log_lines_are_parseable_and_redacted(tmp_path: Path) -> None:
    line = _read_after_logging(tmp_path, json_lines=True).strip().splitlines()[-1]
    record = json.loads(line)
    assert record["level"] == "ERROR"
    assert "***" in record["message"] and "RuntimeError" in record["exception"]
    assert "hunter2-pw" not in line
