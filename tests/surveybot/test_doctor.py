"""``surveybot doctor`` against real servers: Dovecot, aiosmtpd and the loopback fake Slack Web API.

Each test writes a config file, runs the real command line and reads what an operator would read:
the printed lines, the exit code, and that no secret value ever shows up.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mail.heartbeat import HeartbeatFile
from storage import MailDraft, open_store
from surveybot.cli import main
from surveybot.doctor import CheckResult, Probe, run_checks
from surveybot.localservers import LocalSmtp
from tests.bot.fake_slack import FakeSlack
from tests.support.mailservers import (
    PASSWORD,
    SMTP_PASSWORD,
    SMTP_USER,
    CollectingHandler,
    Dovecot,
    FakeIdentityProvider,
    TlsCert,
    TokenIntrospection,
    free_port,
)

Section = dict[str, str | int | bool]
BOT_TOKEN = "xoxb-doctor-bot-token-7f3a"
APP_TOKEN = "xapp-doctor-app-token-91c2"
CHANNEL = "C0SURVEY"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only what a test sets: no stray config, data folder or secret from the developer's shell."""
    for name in (
        "SURVEYBOT_CONFIG", "SURVEYBOT_DATA_DIR", "SURVEYBOT_IMAP_PASSWORD", "SURVEYBOT_SMTP_PASSWORD",
        "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET", "SSL_CERT_FILE",
    ):  # fmt: skip
        monkeypatch.delenv(name, raising=False)


def toml_value(value: str | int | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if isinstance(value, int) else json.dumps(value)


def write_config(path: Path, **sections: Section) -> Path:
    lines = []
    for name, keys in sections.items():
        lines.append(f"[{name}]")
        lines.extend(f"{key} = {toml_value(value)}" for key, value in keys.items())
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def doctor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], *extra: str, **sections: Section
) -> tuple[int, str]:
    """Run ``surveybot doctor`` with a config of ``sections``; returns (exit code, stdout + stderr)."""
    config = write_config(tmp_path / "config.toml", **sections)
    code = main(["doctor", "-c", str(config), "--data-dir", str(tmp_path / "data"), *extra])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def line(output: str, status: str, name: str) -> str:
    """The report line of check ``name``; fails when it is missing or has another status."""
    for text in output.splitlines():
        if text[:6] == f"{status:<4}  " and text[6:].startswith(f"{name}  "):
            return text
    raise AssertionError(f"no '{status} {name}' line in:\n{output}")


def fix_after(output: str, name: str) -> str:
    """The ``fix:`` line printed under check ``name``."""
    lines = output.splitlines()
    start = next(i for i, text in enumerate(lines) if text[6:].startswith(f"{name}  "))
    return lines[start + 1].split("fix: ", 1)[1]


def assert_no_secret(output: str, *secrets: str) -> None:
    for secret in secrets:
        assert secret not in output
    assert "Traceback" not in output


def imap(server: Dovecot, user: str, **overrides: str | int) -> Section:
    return {"host": "127.0.0.1", "port": server.port, "security": "plain", "username": user, **overrides}


# ------------------------------------------------------------------ config, data folder, store


def test_every_config_problem_is_listed_and_nothing_is_contacted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = doctor(tmp_path, capsys, mailbox={"host": "127.0.0.1", "security": "tls", "colour": "blue"})
    assert code == 1
    assert "4 problems" in line(out, "FAIL", "config")
    assert "IMAP password: set the environment variable SURVEYBOT_IMAP_PASSWORD" in out
    assert "unknown key 'mailbox.colour'" in out
    assert "'mailbox.security' must be one of ssl, starttls, plain (got 'tls')" in out
    assert "'mailbox.username' is required when 'mailbox.host' is set" in out
    assert "fix the configuration first" in line(out, "skip", "everything else")
    assert "imap" not in out


def test_a_corrupt_data_file_is_named_with_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "suppliers.json").write_bytes(b'{"half a file')
    code, out = doctor(tmp_path, capsys)
    assert code == 1
    assert "suppliers.json cannot be read" in line(out, "FAIL", "store")
    assert "restore it from a backup or move it aside" in fix_after(out, "store")
    assert_no_secret(out)


def test_a_data_folder_that_is_a_file_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "data").write_text("not a folder")
    code, out = doctor(tmp_path, capsys)
    assert code == 1
    assert "is not a folder" in line(out, "FAIL", "data folder")


def test_failed_outbox_mails_are_a_warning_not_a_failure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(tmp_path / "data") as store:
        for key in ("a", "b"):
            store.outbox.enqueue(MailDraft(("q@acme.example",), "Your CMRT", "Dear supplier", key))
        store.outbox.claim(1)
        store.outbox.mark_failed(1, "550 mailbox unknown")
    code, out = doctor(tmp_path, capsys)
    assert code == 0
    assert "opens read-only: 0 suppliers, 0 campaigns" in line(out, "ok", "store")
    assert "1 queued, 1 failed; the oldest due mail has waited" in line(out, "warn", "outbox")
    assert "could not be sent for good" in fix_after(out, "outbox")
    assert "all required checks passed (1 warning(s))" in out


def test_uncertain_outbox_mails_are_counted_with_what_to_look_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(tmp_path / "data") as store:
        item = store.outbox.enqueue(MailDraft(("q@acme.example",), "Re: CMRT", "Accepted", "reply:<m1@acme>"))
        store.outbox.claim(item.id)
        store.outbox.mark_uncertain(item.id, "interrupted twice while sending; not sent again")
    code, out = doctor(tmp_path, capsys)
    assert code == 0
    assert "0 queued, 0 failed, 1 uncertain" in line(out, "warn", "outbox")
    assert "interrupted twice while sending" in fix_after(out, "outbox")


# ------------------------------------------------------------------ heartbeat (--offline)


def beat(tmp_path: Path, age: dt.timedelta) -> None:
    HeartbeatFile.in_data_dir(tmp_path / "data").beat(dt.datetime.now(dt.UTC) - age)


def offline_mailbox() -> Section:
    # A closed port: if --offline contacted the mailbox, the IMAP line would fail.
    return {"host": "127.0.0.1", "port": free_port(), "security": "plain", "username": "u"}


def test_offline_health_check_passes_on_a_fresh_heartbeat_without_network(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SURVEYBOT_IMAP_PASSWORD", "offline-pass-123")
    beat(tmp_path, dt.timedelta(seconds=30))
    code, out = doctor(tmp_path, capsys, "--offline", mailbox=offline_mailbox())
    assert code == 0
    assert "last mailbox cycle 30 s ago" in line(out, "ok", "heartbeat")
    assert [text.split()[1] for text in out.splitlines()[1:-1]] == ["config", "data", "heartbeat"]
    assert_no_secret(out, "offline-pass-123")


def test_offline_health_check_fails_when_the_heartbeat_is_stale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SURVEYBOT_IMAP_PASSWORD", "offline-pass-123")
    beat(tmp_path, dt.timedelta(hours=2, seconds=5))
    code, out = doctor(tmp_path, capsys, "--offline", mailbox=offline_mailbox())
    assert code == 1
    # idle_seconds 540 by default: three missed IDLE periods make it stale
    assert "last mailbox cycle 2 h 0 min ago (stale after 27 min)" in line(out, "FAIL", "heartbeat")
    assert "surveybot run" in fix_after(out, "heartbeat")


def test_offline_health_check_fails_before_the_first_mailbox_cycle(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SURVEYBOT_IMAP_PASSWORD", "offline-pass-123")
    code, out = doctor(tmp_path, capsys, "--offline", "--json", mailbox=offline_mailbox())
    assert code == 1
    report = json.loads(out)
    heartbeat = next(check for check in report["checks"] if check["name"] == "heartbeat")
    assert report["ok"] is False
    assert heartbeat["status"] == "fail" and "does not exist yet" in heartbeat["detail"]


# ------------------------------------------------------------------ IMAP


def test_imap_login_works_and_folders_and_features_are_reported(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    dovecot: Dovecot,
    mailbox_user: str,
) -> None:
    monkeypatch.setenv("SURVEYBOT_IMAP_PASSWORD", PASSWORD)
    code, out = doctor(tmp_path, capsys, mailbox=imap(dovecot, mailbox_user))
    assert code == 0, out
    where = f"127.0.0.1:{dovecot.port} (plain)"
    assert f"logged in to {where} as {mailbox_user}" in line(out, "ok", "imap")
    folders = line(out, "ok", "imap folders")
    assert "'INBOX' holds 0 messages" in folders
    assert "'Processed' will be created on first use; 'Quarantine' will be created on first use" in folders
    assert folders.endswith("copies of sent mail go to 'Sent' (created on first use)")
    assert "IDLE yes (new mail is noticed at once); MOVE yes" in line(out, "ok", "imap features")
    # not running yet: reported, but only the --offline health check fails on it
    assert "does not exist yet" in line(out, "warn", "heartbeat")
    assert_no_secret(out, PASSWORD)


def test_a_wrong_imap_password_names_the_setting_to_fix(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    dovecot: Dovecot,
    mailbox_user: str,
) -> None:
    monkeypatch.setenv("SURVEYBOT_IMAP_PASSWORD", "wrong-imap-password-5521")
    code, out = doctor(tmp_path, capsys, mailbox=imap(dovecot, mailbox_user))
    assert code == 1
    assert f"IMAP login refused for user {mailbox_user}" in line(out, "FAIL", "imap")
    assert fix_after(out, "imap") == "check SURVEYBOT_IMAP_PASSWORD or mailbox.username"
    assert "no IMAP session" in line(out, "skip", "imap folders")
    assert_no_secret(out, "wrong-imap-password-5521")


def test_verbose_logs_keep_the_traceback_and_never_the_password(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    dovecot: Dovecot,
    mailbox_user: str,
) -> None:
    monkeypatch.setenv("SURVEYBOT_IMAP_PASSWORD", "wrong-imap-password-5521")
    caplog.set_level("DEBUG")
    config = write_config(tmp_path / "config.toml", mailbox=imap(dovecot, mailbox_user))
    assert main(["-v", "doctor", "-c", str(config), "--data-dir", str(tmp_path / "data")]) == 1
    assert "IMAP check: no session" in caplog.text and "LoginError" in caplog.text
    assert_no_secret(capsys.readouterr().out, "wrong-imap-password-5521")
    assert "wrong-imap-password-5521" not in caplog.text


def test_an_unreachable_imap_port_says_nothing_listens_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SURVEYBOT_IMAP_PASSWORD", "pw-unused-8812")
    port = free_port()
    mailbox: Section = {"host": "127.0.0.1", "port": port, "security": "plain", "username": "u"}
    code, out = doctor(tmp_path, capsys, mailbox=mailbox)
    assert code == 1
    assert f"connection to 127.0.0.1:{port} (plain) refused" in line(out, "FAIL", "imap")
    assert fix_after(out, "imap").startswith("check mailbox.host and mailbox.port")


def test_implicit_tls_imap_needs_a_trusted_certificate(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    dovecot: Dovecot,
    mailbox_user: str,
) -> None:
    monkeypatch.setenv("SURVEYBOT_IMAP_PASSWORD", PASSWORD)
    mailbox = imap(dovecot, mailbox_user, security="ssl", port=dovecot.ssl_port)
    code, out = doctor(tmp_path, capsys, mailbox=mailbox)
    assert code == 1
    assert "TLS certificate of 127.0.0.1" in line(out, "FAIL", "imap")
    assert "not trusted" in out and "mailbox.ca_file" in fix_after(out, "imap")

    trusted = {**mailbox, "ca_file": dovecot.cert.certfile}  # the fix the line suggests: a private CA
    code, out = doctor(tmp_path, capsys, mailbox=trusted)
    assert code == 0, out
    assert f"(ssl) as {mailbox_user}" in line(out, "ok", "imap")


def test_a_missing_inbox_folder_lists_the_folders_there_are(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    dovecot: Dovecot,
    mailbox_user: str,
) -> None:
    monkeypatch.setenv("SURVEYBOT_IMAP_PASSWORD", PASSWORD)
    code, out = doctor(tmp_path, capsys, mailbox=imap(dovecot, mailbox_user, inbox_folder="Incoming"))
    assert code == 1
    assert "the inbox folder 'Incoming' does not exist" in line(out, "FAIL", "imap folders")
    assert fix_after(out, "imap folders") == "set mailbox.inbox_folder to one of: INBOX"


def test_a_server_without_idle_or_move_is_reported_as_polled(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    legacy_dovecot: Dovecot,
) -> None:
    monkeypatch.setenv("SURVEYBOT_IMAP_PASSWORD", PASSWORD)
    mailbox = imap(legacy_dovecot, legacy_dovecot.add_user(), poll_seconds=45)
    code, out = doctor(tmp_path, capsys, mailbox=mailbox)
    assert code == 0, out
    features = line(out, "ok", "imap features")
    assert "IDLE no (the inbox is polled every 45 s); MOVE no (moved by copy + delete)" in features


def test_an_oauth2_mailbox_logs_in_with_a_token_and_a_refused_token_is_explained(
    tmp_path: Path, dovecot: Dovecot, mailbox_user: str, token_service: TokenIntrospection
) -> None:
    token_service.tokens["m365-doctor-token"] = mailbox_user
    mailbox = imap(dovecot, mailbox_user, auth="oauth2-microsoft")
    oauth: Section = {"tenant_id": "contoso", "client_id": "app-1"}
    config = write_config(tmp_path / "config.toml", mailbox=mailbox, **{"mailbox.oauth2": oauth})
    env = {"SURVEYBOT_OAUTH_CLIENT_SECRET": "client-secret-doctor"}

    def imap_result(token: str) -> CheckResult:
        probe = Probe(env=env, http_client=FakeIdentityProvider(token=token))
        results = run_checks(config, data_dir_for=lambda _settings: tmp_path / "data", probe=probe)
        return next(result for result in results if result.name == "imap")

    assert imap_result("m365-doctor-token").ok is True
    refused = imap_result("never-issued")
    assert refused.ok is False
    assert refused.detail.startswith(f"IMAP login refused for user {mailbox_user}")
    assert (
        refused.fix == "check mailbox.oauth2 and that the app registration was granted access to this mailbox"
    )


# ------------------------------------------------------------------ SMTP


def test_smtp_without_auth_holds_a_session_and_sends_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with LocalSmtp() as server:
        smtp: Section = {"host": server.host, "port": server.port, "security": "plain"}
        code, out = doctor(tmp_path, capsys, smtp=smtp)
        assert server.messages == []
    assert code == 0, out
    expected = f"127.0.0.1:{server.port} (plain): connected, EHLO, NOOP, QUIT; no mail sent"
    assert expected in line(out, "ok", "smtp")


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_smtp_over_tls_with_auth_logs_in_and_sends_nothing(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tls_cert: TlsCert,
    request: pytest.FixtureRequest,
    security: str,
) -> None:
    server: CollectingHandler = request.getfixturevalue(
        "smtp_server" if security == "starttls" else "smtps_server"
    )
    monkeypatch.setenv("SSL_CERT_FILE", tls_cert.certfile)
    monkeypatch.setenv("SURVEYBOT_SMTP_PASSWORD", SMTP_PASSWORD)
    smtp: Section = {"host": "localhost", "port": server.port, "security": security, "username": SMTP_USER}
    code, out = doctor(tmp_path, capsys, smtp=smtp)
    assert code == 0, out
    steps = "STARTTLS, AUTH as bot" if security == "starttls" else "TLS, EHLO, AUTH as bot"
    assert steps in line(out, "ok", "smtp")
    assert server.snapshot() == []
    assert_no_secret(out, SMTP_PASSWORD)


def test_a_refused_smtp_login_names_the_setting_to_fix(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tls_cert: TlsCert,
    smtp_server: CollectingHandler,
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", tls_cert.certfile)
    monkeypatch.setenv("SURVEYBOT_SMTP_PASSWORD", "wrong-smtp-password-3390")
    smtp: Section = {"host": "localhost", "port": smtp_server.port, "username": SMTP_USER}
    code, out = doctor(tmp_path, capsys, smtp=smtp)
    assert code == 1
    assert f"SMTP login refused for user bot at localhost:{smtp_server.port} (starttls) (535)" in line(
        out, "FAIL", "smtp"
    )
    assert fix_after(out, "smtp") == "check SURVEYBOT_SMTP_PASSWORD or smtp.username"
    assert_no_secret(out, "wrong-smtp-password-3390")


def test_starttls_asked_of_a_server_without_it_says_which_mode_to_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with LocalSmtp() as server:
        code, out = doctor(tmp_path, capsys, smtp={"host": server.host, "port": server.port})
    assert code == 1
    assert "the server does not offer STARTTLS" in line(out, "FAIL", "smtp")
    assert 'smtp.security = "ssl"' in fix_after(out, "smtp")


def test_an_unreachable_smtp_port_says_nothing_listens_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    port = free_port()
    code, out = doctor(tmp_path, capsys, smtp={"host": "127.0.0.1", "port": port, "security": "plain"})
    assert code == 1
    assert f"connection to 127.0.0.1:{port} (plain) refused" in line(out, "FAIL", "smtp")


# ------------------------------------------------------------------ Slack


class ChannelSlack(FakeSlack):
    """The loopback fake Slack, also answering ``conversations.info`` for the channels it knows."""

    def __init__(self, channels: dict[str, tuple[str, bool]]) -> None:
        super().__init__(bot_token=BOT_TOKEN)
        self.channels = channels  # id -> (name, bot is a member)

    def _answer_authorized(self, method: str, p: dict[str, Any]) -> dict[str, Any]:
        if method != "conversations.info":
            return super()._answer_authorized(method, p)
        if p.get("channel") == "CNOSCOPE":
            return {"ok": False, "error": "missing_scope", "needed": "channels:read"}
        known = self.channels.get(str(p.get("channel")))
        if known is None:
            return {"ok": False, "error": "channel_not_found"}
        return {"ok": True, "channel": {"id": p["channel"], "name": known[0], "is_member": known[1]}}


@pytest.fixture
def slack() -> Iterator[ChannelSlack]:
    fake = ChannelSlack({CHANNEL: ("rmi-survey", True), "C0OTHER": ("general", False)})
    with fake:
        yield fake


def slack_config(fake: FakeSlack, channel: str = CHANNEL, mode: str = "socket") -> Section:
    return {"enabled": True, "mode": mode, "channel": channel, "api_base_url": fake.base_url}


def test_slack_tokens_and_channel_membership_are_confirmed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, slack: ChannelSlack
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_APP_TOKEN", APP_TOKEN)
    code, out = doctor(tmp_path, capsys, slack=slack_config(slack))
    assert code == 0, out
    assert "the bot token works (bot user U0BOT in team T111)" in line(out, "ok", "slack")
    assert "may open Socket Mode connections" in line(out, "ok", "slack socket mode")
    assert f"the bot is a member of #rmi-survey ({CHANNEL})" in line(out, "ok", "slack channel")
    assert slack.methods() == ["auth.test", "apps.connections.open", "conversations.info"]
    assert_no_secret(out, BOT_TOKEN, APP_TOKEN)


def test_a_bot_token_slack_refuses_names_the_variable_to_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, slack: ChannelSlack
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-revoked-token-0000")
    monkeypatch.setenv("SLACK_APP_TOKEN", APP_TOKEN)
    code, out = doctor(tmp_path, capsys, slack=slack_config(slack))
    assert code == 1
    assert "auth.test: Slack answered invalid_auth" in line(out, "FAIL", "slack")
    assert fix_after(out, "slack").startswith("check SLACK_BOT_TOKEN holds this app's bot token")
    assert "the bot token does not work" in line(out, "skip", "slack channel")
    assert_no_secret(out, "xoxb-revoked-token-0000", APP_TOKEN)


def test_a_wrong_app_level_token_fails_socket_mode_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, slack: ChannelSlack
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_APP_TOKEN", BOT_TOKEN)  # a common mistake: the bot token pasted twice
    code, out = doctor(tmp_path, capsys, slack=slack_config(slack))
    assert code == 1
    assert "Slack answered not_allowed_token_type" in line(out, "FAIL", "slack socket mode")
    assert "connections:write" in fix_after(out, "slack socket mode")
    assert_no_secret(out, BOT_TOKEN)


@pytest.mark.parametrize(
    ("channel", "status", "said", "fix"),
    [
        ("C0OTHER", "FAIL", "the bot is not a member of #general (C0OTHER)", "invite it: /invite @surveybot"),
        ("C0GONE", "FAIL", "C0GONE: Slack answered channel_not_found", "check slack.channel"),
        ("CNOSCOPE", "warn", "CNOSCOPE: the app lacks the channels:read scope", "add channels:read"),
    ],
)  # fmt: skip
def test_channel_problems_say_how_to_fix_them(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    slack: ChannelSlack,
    channel: str,
    status: str,
    said: str,
    fix: str,
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "signing-secret-4471")
    code, out = doctor(tmp_path, capsys, slack=slack_config(slack, channel, mode="http"))
    assert code == (1 if status == "FAIL" else 0)
    assert said in line(out, status, "slack channel")
    assert fix_after(out, "slack channel").startswith(fix)
    assert "HTTP mode" in line(out, "skip", "slack socket mode")
    assert_no_secret(out, BOT_TOKEN, "signing-secret-4471")


def test_an_unreachable_slack_api_says_which_url_failed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_APP_TOKEN", APP_TOKEN)
    base_url = f"http://127.0.0.1:{free_port()}/api/"
    slack: Section = {"enabled": True, "channel": CHANNEL, "api_base_url": base_url}
    code, out = doctor(tmp_path, capsys, slack=slack)
    assert code == 1
    assert f"auth.test: cannot reach {base_url}" in line(out, "FAIL", "slack")
    assert "Connection refused" in line(out, "FAIL", "slack")
    assert_no_secret(out, BOT_TOKEN, APP_TOKEN)
