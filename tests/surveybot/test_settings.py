"""The example config and the settings object stay in step, and bad configs are reported in full."""

from __future__ import annotations

import dataclasses
import tomllib
import typing
from pathlib import Path
from typing import Any

import pytest

from surveybot.cli import main
from surveybot.errors import ConfigError
from surveybot.settings import Settings, load_settings, resolve_secret

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "config.example.toml"


def _settings_keys(cls: type[Any], prefix: str = "") -> set[str]:
    keys: set[str] = set()
    hints = typing.get_type_hints(cls)
    for item in dataclasses.fields(cls):
        hint = hints[item.name]
        if dataclasses.is_dataclass(hint):
            keys |= _settings_keys(typing.cast(type[Any], hint), f"{prefix}{item.name}.")
        elif typing.get_origin(hint) in (typing.Mapping, dict) or "Mapping" in str(hint):
            keys.add(f"{prefix}{item.name}")
        else:
            keys.add(f"{prefix}{item.name}")
    return keys


def _example_keys(table: dict[str, Any], prefix: str = "") -> set[str]:
    keys: set[str] = set()
    for key, value in table.items():
        if isinstance(value, dict) and f"{prefix}{key}" not in (
            "campaign.minimum_versions",
            "campaign.blank_templates",
            "campaign.policies",
            "company.policy_answers",
        ):
            keys |= _example_keys(value, f"{prefix}{key}.")
        else:
            keys.add(f"{prefix}{key}")
    return keys


def test_example_config_documents_every_setting_and_nothing_else() -> None:
    example = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    assert _example_keys(example) == _settings_keys(Settings)


def test_example_config_values_equal_the_built_in_defaults() -> None:
    assert load_settings(EXAMPLE, env={}) == Settings()


def test_example_config_holds_no_secret_values() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("#") or "=" not in line:
            continue
        key, _value = (part.strip() for part in line.split("=", 1))
        if any(word in key for word in ("password", "secret", "token")):
            assert key.endswith(("_env", "_file")), key


def test_every_problem_in_a_bad_config_is_reported_at_once(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        '[smtp]\nport = "587"\ncolour = "blue"\n[slack]\nenabled = true\nmode = "websocket"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_settings(path, env={})
    problems = "\n".join(caught.value.problems)
    assert "unknown key 'smtp.colour'" in problems
    assert "'smtp.port' must be int" in problems
    assert "'slack.mode' must be one of socket, http" in problems
    assert "'slack.channel' is required" in problems
    assert "SLACK_BOT_TOKEN" in problems


def test_secret_is_read_from_file_before_env_and_never_shown(tmp_path: Path) -> None:
    secret_file = tmp_path / "imap.secret"
    secret_file.write_text("s3cr3t-from-file\n", encoding="utf-8")
    secret = resolve_secret("IMAP_PW", str(secret_file), env={"IMAP_PW": "from-env"})
    assert secret.reveal() == "s3cr3t-from-file"
    assert "s3cr3t" not in repr(secret) and "s3cr3t" not in str(secret)
    assert resolve_secret("IMAP_PW", "", env={"IMAP_PW": "from-env"}).reveal() == "from-env"


def test_config_check_command_lists_problems_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[mailbox]\nhost = "imap.example.com"\n', encoding="utf-8")
    assert main(["config", "check", "-c", str(path)]) == 2
    err = capsys.readouterr().err
    assert "'mailbox.username' is required" in err
    assert "SURVEYBOT_IMAP_PASSWORD" in err


def test_config_check_command_accepts_the_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["config", "check", "-c", str(EXAMPLE)]) == 0
    assert "configuration OK" in capsys.readouterr().out


def test_a_campaign_blank_template_must_name_a_family_and_a_readable_file(tmp_path: Path) -> None:
    blank = tmp_path / "CMRT_6.6.1.xlsx"
    blank.write_bytes(b"PK")
    good = tmp_path / "good.toml"
    good.write_text(f'[campaign.blank_templates]\nCMRT = "{blank}"\n', encoding="utf-8")
    assert load_settings(good, env={}).campaign.blank_templates == {"CMRT": str(blank)}
    bad = tmp_path / "bad.toml"
    bad.write_text(
        f'[campaign.blank_templates]\nXMRT = "{blank}"\nEMRT = "{tmp_path}/gone.xlsx"\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError) as caught:
        load_settings(bad, env={})
    problems = "\n".join(caught.value.problems)
    assert "'campaign.blank_templates.XMRT' is not a template family" in problems
    assert "'campaign.blank_templates.EMRT' names" in problems and "not a readable file" in problems


def test_a_staff_address_must_be_one_address_other_than_the_mailbox_and_smtp_oauth_needs_the_secret(
    tmp_path: Path,
) -> None:
    path = tmp_path / "mail.toml"
    path.write_text(
        '[mailbox]\naddress = "rmi@contoso.example"\n[smtp]\nhost = "smtp.office365.com"\n'
        'auth = "oauth2-microsoft"\n[notices]\nstaff_address = "RMI@contoso.example"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_settings(path, env={})
    assert caught.value.problems == [
        "'notices.staff_address' must not be the survey mailbox itself (a mail loop)",
        "OAuth2 client secret: set the environment variable SURVEYBOT_OAUTH_CLIENT_SECRET (or the matching "
        "*_file key)",
    ]
    path.write_text('[notices]\nstaff_address = "a@x.example, b@x.example"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="must be one e-mail address"):
        load_settings(path, env={})


def test_a_malformed_campaign_start_date_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(
        '[campaign]\ndeclarations_dated_from = "1 May 2026"\nstale_effective_date = "fatal"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_settings(path, env={})
    problems = "\n".join(caught.value.problems)
    assert "'campaign.declarations_dated_from' must be a date like 2026-01-01" in problems
    assert "'campaign.stale_effective_date' must be one of warning, error" in problems


def test_surveybot_check_offers_the_campaign_policy_with_the_configs_defaults() -> None:
    from surveybot.commands import check
    from surveybot.settings import CampaignSettings

    defaults = CampaignSettings()
    assert defaults.max_effective_date_age_days == check.DEFAULT_MAX_AGE_DAYS
    assert defaults.stale_effective_date == check.DEFAULT_STALE_EFFECTIVE_DATE
    assert defaults.smelters_for_metal_answered_no == check.DEFAULT_SMELTERS_FOR_METAL_ANSWERED_NO
    assert defaults.declarations_dated_from == ""


def test_config_check_warns_when_slack_does_not_pin_its_workspace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-1")
    path = tmp_path / "config.toml"
    path.write_text('[slack]\nenabled = true\nchannel = "C0123"\n', encoding="utf-8")

    assert main(["config", "check", "-c", str(path)]) == 0
    out = capsys.readouterr().out
    assert "warning: slack.team_id and slack.enterprise_id are not set: privileged Slack commands" in out
    assert "warning: slack.app_id is not set" in out

    path.write_text(
        '[slack]\nenabled = true\nchannel = "C0123"\nteam_id = "T1"\napp_id = "A1"\n', encoding="utf-8"
    )
    assert main(["config", "check", "-c", str(path)]) == 0
    assert "warning" not in capsys.readouterr().out


def test_a_campaigns_own_policy_is_read_from_its_named_table_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "policies.toml"
    path.write_text(
        '[campaign.policies."2026-H2"]\nstale_effective_date = "error"\n'
        'declarations_dated_from = "2026-07-01"\n',
        encoding="utf-8",
    )
    policy = load_settings(path, env={}).campaign.policies["2026-H2"]
    assert (policy.stale_effective_date, policy.declarations_dated_from) == ("error", "2026-07-01")
    assert (policy.max_effective_date_age_days, policy.smelters_for_metal_answered_no) == (0, "")

    path.write_text(
        '[campaign.policies."2026-H2"]\ndeclarations_dated_from = "July 2026"\nstale_date = "error"\n',
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_settings(path, env={})
    assert caught.value.problems == [
        "unknown key 'campaign.policies.2026-H2.stale_date'",
        "'campaign.policies.\"2026-H2\".declarations_dated_from' must be a date like 2026-01-01 or empty "
        "(got 'July 2026')",
    ]
