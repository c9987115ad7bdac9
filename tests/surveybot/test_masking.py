"""Secrets are hidden where they appear, and only there: a short password does not blank out every
word that happens to contain it ("surve***bot"), and a long one is hidden wherever it is."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from surveybot.logs import RedactingFilter
from surveybot.masking import mask_secrets

REPO = Path(__file__).resolve().parents[2]


def test_a_short_secret_is_masked_as_a_whole_token_only() -> None:
    text = "surveybot logs in as bot with password=bot ('bot'); robots and bot_names stay"
    assert mask_secrets(text, ["bot"]) == (
        "surveybot logs in as *** with password=*** ('***'); robots and bot_names stay"
    )


def test_a_secret_of_eight_characters_or_more_is_masked_wherever_it_appears() -> None:
    text = "imaps://rmi:Tr0ub4dor3x@mail.example, retried with Tr0ub4dor3xTr0ub4dor3x"
    assert mask_secrets(text, ["Tr0ub4dor3x"]) == "imaps://rmi:***@mail.example, retried with ******"


def test_a_secret_that_contains_another_is_masked_whole() -> None:
    text = "token xoxb-long-token-value and pin 1234"
    assert mask_secrets(text, ["1234", "xoxb-long-token-value", "long"]) == "token *** and pin ***"


def test_the_mask_does_not_tell_the_secrets_length_and_empty_secrets_mask_nothing() -> None:
    assert (
        mask_secrets("a hunter2 b correcthorsebattery", ["hunter2", "correcthorsebattery"]) == "a *** b ***"
    )
    assert mask_secrets("nothing to hide", ["", "   "]) == "nothing to hide"


def test_log_records_mask_a_short_secret_without_mangling_the_words_around_it() -> None:
    record = logging.LogRecord(
        "surveybot", logging.ERROR, __file__, 1, "surveybot: login %s refused", ("bot",), None
    )
    RedactingFilter(["bot"]).filter(record)
    assert record.getMessage() == "surveybot: login *** refused"


def test_doctor_with_a_short_password_prints_its_report_unmangled_and_the_password_nowhere(
    tmp_path: Path,
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        '[mailbox]\nhost = "127.0.0.1"\nport = 1\nusername = "bot"\n'
        '[smtp]\nhost = "127.0.0.1"\nport = 1\nusername = "surveybot"\n',
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "SURVEYBOT_IMAP_PASSWORD": "bot",
        "SURVEYBOT_SMTP_PASSWORD": "survey",
    }
    command = [
        sys.executable,
        "-m",
        "surveybot.cli",
        "doctor",
        "-c",
        str(config),
        "--data-dir",
        str(tmp_path / "d"),
    ]
    run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert run.stdout.startswith(f"surveybot doctor: {config}\n")
    assert "`surveybot run` creates it" in run.stdout
    assert "***" not in run.stdout  # neither password appears on its own anywhere in this report


def test_every_secret_the_config_names_is_collected_from_env_or_file(tmp_path: Path) -> None:
    """What ``surveybot run`` and ``doctor`` hand to the masking: each secret set, wherever it comes from."""
    from dataclasses import replace

    from surveybot.masking import configured_secrets
    from surveybot.settings import Settings

    token_file = tmp_path / "bot-token"
    token_file.write_text("xoxb-from-a-file\n", encoding="utf-8")
    defaults = Settings()
    settings = replace(defaults, slack=replace(defaults.slack, bot_token_file=str(token_file)))
    env = {
        "SURVEYBOT_IMAP_PASSWORD": "imap-secret",
        "SURVEYBOT_SMTP_PASSWORD": "smtp-secret",
        "SLACK_SIGNING_SECRET": "signing-secret",
        "SLACK_BOT_TOKEN": "ignored: the file wins",
        "UNRELATED": "not a secret",
    }
    assert sorted(configured_secrets(settings, env)) == [
        "imap-secret",
        "signing-secret",
        "smtp-secret",
        "xoxb-from-a-file",
    ]
