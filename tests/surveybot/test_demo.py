"""The README's first command works: the offline demo runs the real bot end to end and shows the result."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from surveybot.cli import main
from tests.conftest import _require_dovecot


@pytest.fixture(scope="module")
def demo_output(tmp_path_factory: pytest.TempPathFactory) -> str:
    _require_dovecot()
    from surveybot.demo import run_demo

    out = io.StringIO()
    assert run_demo(out, tmp_path_factory.mktemp("demo-data"), timeout=120)
    return out.getvalue()


def _section(text: str, title: str) -> str:
    match = re.search(rf"== {re.escape(title)} ==\n(.*?)(?=\n== |\Z)", text, re.S)
    assert match, f"section {title!r} missing"
    return match.group(1)


def test_demo_ends_every_supplier_mail_in_the_expected_outcome(demo_output: str) -> None:
    outcomes = _section(demo_output, "outcomes")
    assert "a complete CMRT 6.5: judged" in outcomes
    assert "a CMRT in Chinese with mistakes: judged" in outcomes
    assert "a PDF renamed to .xlsx: judged" in outcomes
    assert "forgot the attachment: asked_for_attachment" in outcomes
    assert "out-of-office auto-reply: ignored_automated" in outcomes
    assert "an invitation bounced: bounce_recorded" in outcomes
    assert "unknown sender with a template: triage_unknown" in outcomes


def test_demo_accepts_the_valid_template_in_english(demo_output: str) -> None:
    reply = _section(demo_output, "reply to anna.schmidt@acme-metals.example")
    assert "ACCEPTED: CMRT revision 6.5" in reply
    assert "Auto-Submitted: auto-replied" in reply


def test_demo_answers_the_chinese_template_in_chinese_with_the_cells_to_fix(demo_output: str) -> None:
    reply = _section(demo_output, "reply to li.wei@huacai.example")
    assert "暂未接受" in reply
    for cell in ("Declaration!D16", "Declaration!D18", "Declaration!D33"):
        assert cell in reply


def test_demo_gets_no_reply_to_machines_or_strangers(demo_output: str) -> None:
    recipients = re.findall(r"== reply to (\S+) ==", demo_output)
    assert sorted(recipients) == [
        "anna.schmidt@acme-metals.example",
        "carlos@andeswire.example",
        "li.wei@huacai.example",
        "tanaka@nippon-precision.example",
    ]


def test_demo_shows_what_slack_would_show(demo_output: str) -> None:
    slack = _section(demo_output, "what the Slack channel shows (5 notices)")
    assert "rejected (3 errors)" in slack
    assert "Mail from an unknown sender" in slack
    assert "[Link to supplier…]" in slack
    status = _section(demo_output, "/minerals status")
    assert "Acceptance rate* 14.3% (1 accepted)" in status


def test_demo_command_says_how_to_install_dovecot_when_missing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("surveybot.localservers.dovecot_binary", lambda: None)
    assert main(["demo"]) == 1
    assert "dovecot-imapd" in capsys.readouterr().err


def test_demo_script_installs_dovecot_and_runs_the_demo() -> None:
    script = (Path(__file__).resolve().parents[2] / "scripts" / "demo").read_text(encoding="utf-8")
    assert "dovecot-imapd" in script
    assert script.rstrip().endswith('exec .venv/bin/surveybot demo "$@"')
