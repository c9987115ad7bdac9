"""Logging setup with redaction, shared by ``surveybot run`` and the demo.

Logs are where tracebacks go (never Slack or mail), so they must not become the place where secrets
leak: known secret values (as ``surveybot.masking`` finds them) and Slack/OAuth token shapes are
masked in every record, and supplier mail
addresses are shortened (``j***@example.com``) so logs can be shared with support.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable

from surveybot.masking import MASK, secret_pattern
from surveybot.settings import LoggingSettings

_TOKEN_SHAPES = re.compile(
    r"\b(xox[abposr]-[0-9A-Za-z-]{6,}|xapp-[0-9A-Za-z-]{6,}|eyJ[0-9A-Za-z_-]{20,}\.[0-9A-Za-z_.-]+)"
)
_EMAIL = re.compile(r"\b([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})\b")


class RedactingFilter(logging.Filter):
    """Masks secrets, token shapes and e-mail local parts in the final message and traceback."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets = secret_pattern(secrets)

    def redact(self, text: str) -> str:
        if self._secrets:
            text = self._secrets.sub(MASK, text)
        text = _TOKEN_SHAPES.sub(MASK, text)
        return _EMAIL.sub(r"\1***@\2", text)

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = self.redact(record.getMessage())
        record.args = None
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = self.redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_text:
            payload["exception"] = record.exc_text
        return json.dumps(payload, ensure_ascii=False)


def setup_logging(settings: LoggingSettings, secrets: Iterable[str] = ()) -> None:
    """Route the root logger to stderr or a file, redacted, text or JSON lines."""
    handler: logging.Handler
    handler = (
        logging.FileHandler(settings.file, encoding="utf-8")
        if settings.file
        else logging.StreamHandler(sys.stderr)
    )
    handler.addFilter(RedactingFilter(secrets))
    handler.setFormatter(
        JsonFormatter()
        if settings.json
        else logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(settings.level)
