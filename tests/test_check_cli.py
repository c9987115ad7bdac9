"""``surveybot check`` as a user runs it: the real console script in a subprocess, on real files.

The templates are filled by LibreOffice through the workbook factory (like a supplier's spreadsheet
application would), plus files that are not templates at all.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from surveybot.cli import COMMAND_MODULES
from tests.support.answers import AnswerSet, valid_answers
from tests.support.fixtures import FACTORY_TODAY, workbook_factory
from tests.support.mistakes import mistake_variants
from tests.support.workbooks import WorkbookFactory

__all__ = ["workbook_factory"]

SURVEYBOT = str(Path(sys.executable).with_name("surveybot"))
TODAY = FACTORY_TODAY.isoformat()


def surveybot_check(*args: str | Path, **locale: str) -> subprocess.CompletedProcess[str]:
    """The console script as a user runs it, in an English terminal unless ``locale`` says otherwise."""
    command = [SURVEYBOT, "check", "--today", TODAY, *map(str, args)]
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    env.update({"LANG": "C.UTF-8", **locale})
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False, env=env)


def workbook_jobs() -> list[AnswerSet]:
    """Built up front with every other module's workbooks (tests/support/prebuild.py)."""
    valid = valid_answers("CMRT/6.5", today=FACTORY_TODAY)
    chinese = valid_answers("EMRT/2.1", today=FACTORY_TODAY, language="Chinese")
    older = valid_answers("CMRT/6.4", today=FACTORY_TODAY)
    blank_q2 = mistake_variants(valid)["blank_q2"].answers
    stale = mistake_variants(valid)["effective_date_too_old"].answers
    return [valid, blank_q2, chinese, older, stale]


@pytest.fixture(scope="module")
def files(workbook_factory: WorkbookFactory, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    paths = workbook_factory.libreoffice_many(workbook_jobs())
    folder = tmp_path_factory.mktemp("not-templates")
    pdf = folder / "declaration.xlsx"
    pdf.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")
    notes = folder / "notes.xlsx"
    _write_plain_workbook(notes)
    names = ("valid", "blank_q2", "chinese", "older", "stale")
    return {**dict(zip(names, paths, strict=True)), "pdf": pdf, "plain": notes}


def _write_plain_workbook(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "Part number"
    book.save(path)


def test_a_valid_file_is_accepted_with_exit_status_0(files: dict[str, Path]) -> None:
    run = surveybot_check(files["valid"])
    assert run.returncode == 0, run.stderr
    first = run.stdout.splitlines()[0]
    assert first.startswith(f"{files['valid']}: CMRT 6.5 (en): ACCEPTED")
    assert run.stderr == ""


def test_a_rejected_file_exits_1_and_names_the_root_cause_cell(files: dict[str, Path]) -> None:
    run = surveybot_check(files["blank_q2"])
    assert run.returncode == 1
    assert "REJECTED, 1 error(s)" in run.stdout
    assert "Declaration!D32" in run.stdout and "CMRT-Q2-MISSING" in run.stdout
    assert "D38" not in run.stdout  # the Q3..Q8 cascade is not listed separately


def test_json_output_is_one_object_per_file_in_input_order_with_exactly_the_documented_keys(
    files: dict[str, Path],
) -> None:
    order = ["plain", "valid", "pdf", "blank_q2", "chinese"]
    run = surveybot_check("--json", *(files[name] for name in order))
    assert run.returncode == 1
    results: list[dict[str, Any]] = json.loads(run.stdout)
    assert [item["file"] for item in results] == [str(files[name]) for name in order]
    for item in results:
        assert list(item) == ["file", "template", "version", "language", "verdict", "findings"]
        assert item["verdict"] in ("accept", "reject")
        for finding in item["findings"]:
            assert list(finding) == ["code", "severity", "sheet", "cell", "message", "checker_rows", "covers"]
            assert finding["severity"] in ("error", "warning") and finding["message"]
    plain, valid, pdf, blank_q2, chinese = results
    assert (plain["template"], plain["verdict"], plain["findings"][0]["code"]) == (
        None,
        "reject",
        "FILE-NOT-A-TEMPLATE",
    )
    assert (pdf["verdict"], pdf["findings"][0]["code"]) == ("reject", "FILE-PDF")
    assert (valid["template"], valid["version"], valid["language"], valid["verdict"]) == (
        "CMRT",
        "6.5",
        "en",
        "accept",
    )
    [error] = [f for f in blank_q2["findings"] if f["severity"] == "error"]
    assert (error["code"], error["sheet"], error["cell"]) == ("CMRT-Q2-MISSING", "Declaration", "D32")
    assert (chinese["template"], chinese["language"], chinese["verdict"]) == ("EMRT", "zh", "accept")
    assert run.stderr == ""  # no progress line when stderr is not a terminal


def test_json_findings_name_the_checker_rows_they_stand_for_and_the_cells_a_root_cause_covers(
    files: dict[str, Path],
) -> None:
    """A blank question 2 is one error standing for its own Checker row and those of Q3..Q8."""
    from rmi.layouts import layout

    run = surveybot_check("--json", files["blank_q2"])
    [error] = [f for f in json.loads(run.stdout)[0]["findings"] if f["severity"] == "error"]
    tested = {row.row: row.checks for row in layout("CMRT/6.5").checker_rows}
    own, *covered = error["checker_rows"]
    assert tested[own] == "Declaration!D32"
    assert error["covers"] == [tested[row] for row in covered]
    assert error["covers"][0] == "Declaration!D38" and len(error["covers"]) == 6
    accepted = json.loads(surveybot_check("--json", files["valid"]).stdout)[0]
    assert all(f["checker_rows"] == [] and f["covers"] == [] for f in accepted["findings"])


def test_messages_are_in_the_lang_option_whatever_the_templates_language(files: dict[str, Path]) -> None:
    mistake = surveybot_check("--json", "--lang", "ja", files["blank_q2"], LANG="zh_CN.UTF-8")
    [error] = [f for f in json.loads(mistake.stdout)[0]["findings"] if f["severity"] == "error"]
    assert "Declaration!D32" in error["message"] and "質問 2" in error["message"]
    assert mistake.stderr == ""


def test_messages_are_in_the_terminals_locale_not_the_templates_language(files: dict[str, Path]) -> None:
    """The person at the terminal is staff: a Chinese template is explained to them in their language."""
    english = json.loads(surveybot_check("--json", files["chinese"], LANG="C.UTF-8").stdout)[0]
    assert english["language"] == "zh"
    assert any("smelter" in finding["message"] for finding in english["findings"])
    assert not any("冶炼厂" in finding["message"] for finding in english["findings"])
    chinese = json.loads(surveybot_check("--json", files["chinese"], LANG="zh_CN.UTF-8").stdout)[0]
    assert any("冶炼厂" in finding["message"] for finding in chinese["findings"])
    japanese = surveybot_check(files["blank_q2"], LANG="en_US.UTF-8", LC_ALL="ja_JP.UTF-8")
    assert "質問 2" in japanese.stdout  # LC_ALL wins over LANG, as for every POSIX program


def test_a_language_surveybot_does_not_have_is_named_and_english_is_used(files: dict[str, Path]) -> None:
    run = surveybot_check("--lang", "tlh", files["blank_q2"], LANG="ja_JP.UTF-8")
    assert run.returncode == 1
    assert run.stderr.startswith("surveybot check: language 'tlh' is not available (")
    assert "messages are in English" in run.stderr
    assert "Question 2 for" in run.stdout
    as_json = surveybot_check("--json", "--lang", "tlh", files["blank_q2"])
    assert json.loads(as_json.stdout)[0]["verdict"] == "reject"  # the note stays off the JSON on stdout
    assert "'tlh' is not available" in as_json.stderr


def test_a_minimum_version_turns_an_older_revision_into_a_rejection(files: dict[str, Path]) -> None:
    assert surveybot_check(files["older"]).returncode == 0
    run = surveybot_check("--min-version", "CMRT=6.5", files["older"])
    assert run.returncode == 1
    assert "TEMPLATE-BELOW-MINIMUM" in run.stdout


def test_a_stale_date_is_accepted_with_a_warning_unless_the_campaign_options_say_otherwise(
    files: dict[str, Path],
) -> None:
    lenient = surveybot_check(files["stale"])
    assert lenient.returncode == 0 and "DATE-STALE" in lenient.stdout
    assert surveybot_check("--stale-effective-date", "error", files["stale"]).returncode == 1
    assert surveybot_check("--max-effective-date-age-days", "730", files["stale"]).returncode == 0
    dated_from = surveybot_check("--declarations-dated-from", "2026-11-01", files["valid"])
    assert dated_from.returncode == 1 and "DATE-BEFORE-CAMPAIGN" in dated_from.stdout


def test_check_help_shows_the_campaign_policy_defaults() -> None:
    run = subprocess.run(
        [SURVEYBOT, "check", "--help"], capture_output=True, text=True, timeout=60, check=False
    )
    text = " ".join(run.stdout.split())
    assert (
        "--stale-effective-date {warning,error} severity of a stale effective date (default: warning)" in text
    )
    assert "(default: 365)" in text and "--declarations-dated-from" in text
    assert "--smelters-for-metal-answered-no" in text and "Checker accepts them (default: warning)" in text


@pytest.mark.parametrize(
    "args",
    [
        ("does-not-exist.xlsx",),
        ("--min-version", "CMRT", "x.xlsx"),
        ("--min-version", "XYZ=1.0", "x.xlsx"),
        (),
    ],
    ids=["missing file", "no version", "unknown family", "no file"],
)
def test_usage_errors_exit_2_with_a_message(args: tuple[str, ...]) -> None:
    run = surveybot_check(*args)
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.strip()


# Runs the console script's own ``main`` and then reports which modules the process ended up holding.
_MODULES_PROBE = """
import json, sys
from surveybot.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""
_NOT_FOR_CHECKING = {"slack_bolt", "slack_sdk", "imapclient", "aiosmtpd", "jinja2", "tinydb", "openpyxl"}
_OUR_OTHER_PARTS = {"mail", "bot", "storage", "handlers"}


def test_a_check_process_loads_no_slack_mail_storage_jinja_or_other_commands(files: dict[str, Path]) -> None:
    command = [sys.executable, "-c", _MODULES_PROBE, "check", "--today", TODAY, str(files["valid"])]
    run = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    report = json.loads(run.stdout.splitlines()[-1])
    assert report["code"] == 0, run.stdout  # the file was really checked (and accepted)
    modules = set(report["modules"])
    assert "rmi.check" in modules
    roots = {name.split(".")[0] for name in modules}
    assert not roots & (_NOT_FOR_CHECKING | _OUR_OTHER_PARTS)
    commands = {f"surveybot.commands.{name}" for name in COMMAND_MODULES}
    assert modules & commands == {"surveybot.commands.check"}
    assert "surveybot.settings" not in modules
