"""The README's first command works: the offline demo runs the real bot end to end and shows the result."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from surveybot.cli import main
from tests.conftest import _require_dovecot

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo_output() -> str:
    """What a user sees from ``surveybot demo``: the real command in its own process."""
    _require_dovecot()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "surveybot.cli", "demo"]
    run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.endswith("\ndemo finished: every mail was handled\n")
    assert "Traceback" not in run.stderr
    return run.stdout


def _section(text: str, title: str) -> str:
    match = re.search(rf"== {re.escape(title)} ==\n(.*?)(?=\n== |\Z)", text, re.S)
    assert match, f"section {title!r} missing"
    return match.group(1)


def test_demo_says_what_happened_to_each_mail_in_words_a_procurement_person_reads(demo_output: str) -> None:
    outcomes = _section(demo_output, "outcomes").strip().splitlines()
    told = "checked and not accepted; the supplier was told what to fix"
    assert [line.split(" → ") for line in outcomes] == [
        [
            "- ACME Metals (Outlook): a complete CMRT 6.5",
            "checked and accepted; the supplier got a confirmation",
        ],
        ["- Huacai Electronics (Foxmail): a CMRT in Chinese with mistakes", told],
        ["- Nippon Precision: a PDF renamed to .xlsx", told],
        [
            "- Andes Wire (Gmail): forgot the attachment",
            "no file attached; the supplier was asked for the template",
        ],
        [
            "- Baltic Components: out-of-office auto-reply",
            "an automatic reply; not answered, so no mail loop starts",
        ],
        [
            "- mailer-daemon: an invitation bounced",
            "a bounce; the address is marked undeliverable and staff are told",
        ],
        [
            "- unknown sender with a template",
            "an unknown sender; not answered, staff can link the sender to a supplier",
        ],
    ]
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", "\n".join(outcomes))  # no internal outcome codes


def test_every_mail_outcome_has_words_for_staff() -> None:
    from handlers.inbound_context import Outcome
    from surveybot.demo import OUTCOME_WORDS

    assert set(OUTCOME_WORDS) == set(Outcome)
    assert all("_" not in words for words in OUTCOME_WORDS.values())


def test_demo_prints_each_reply_header_on_its_own_line(demo_output: str) -> None:
    reply = _section(demo_output, "reply to anna.schmidt@acme-metals.example").splitlines()
    assert reply[0].startswith("Subject: Re: [RMI 2026-H2] CMRT for ACME Metals GmbH")
    assert reply[1].startswith("In-Reply-To: <") and reply[1].endswith("@acme-metals.example>")
    assert reply[2] == "Auto-Submitted: auto-replied"


def test_demo_leaves_no_data_folder_behind_unless_asked(demo_output: str) -> None:
    shown = re.search(r"^data +(\S+) \(temporary; --data-dir DIR keeps it\)$", demo_output, re.M)
    assert shown and not Path(shown.group(1)).exists()


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


def test_demo_shows_the_slack_notices_as_a_person_sees_them_in_the_channel(demo_output: str) -> None:
    slack = _section(demo_output, "what the Slack channel shows (5 notices)")
    assert "  深圳华彩电子有限公司 sent 华彩_CMRT.xlsx (CMRT 6.5): ❌ rejected (3 errors)\n" in slack
    assert "  ❌ Declaration!D18 Authorizer in Declaration!D18 is 'Same'" in slack
    assert "  ❔ Mail from an unknown sender\n" in slack
    assert "  [Link to supplier…]  [Mark handled]\n" in slack
    for source in ("*", "`", ":x:", ":warning:", "&lt;", "&amp;", "\u200b"):
        assert source not in slack, f"Slack source text {source!r} shown instead of what Slack shows"
    status = _section(demo_output, "/minerals status")
    assert "  Acceptance rate 14.3% (1 accepted)\n" in status
    assert "*" not in status


def test_demo_command_says_how_to_install_dovecot_when_missing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("surveybot.localservers.dovecot_binary", lambda: None)
    assert main(["demo"]) == 1
    assert "dovecot-imapd" in capsys.readouterr().err


def test_demo_script_installs_dovecot_and_runs_the_demo() -> None:
    script = (ROOT / "scripts" / "demo").read_text(encoding="utf-8")
    assert "dovecot-imapd" in script
    assert script.rstrip().endswith('exec .venv/bin/surveybot demo "$@"')
