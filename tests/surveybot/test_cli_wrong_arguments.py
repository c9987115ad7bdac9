"""A new user's wrong arguments end in one line saying what to pass, with a usage exit status, never
a traceback. Real processes, as a shell starts ``surveybot``, each in an empty working folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DEMO_WORKBOOK = REPO / "surveybot" / "demo_data" / "cmrt-6.5-valid.xlsx"


def surveybot(cwd: Path, *args: str | Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(REPO), "LANG": "C.UTF-8", **env}
    for name in ("SURVEYBOT_CONFIG", "SURVEYBOT_DATA_DIR", "LC_ALL", "LC_MESSAGES"):
        if name not in env:
            environment.pop(name, None)
    command = [sys.executable, "-m", "surveybot.cli", *map(str, args)]
    return subprocess.run(
        command, cwd=cwd, env=environment, capture_output=True, text=True, timeout=120, check=False
    )


def _no_traceback(run: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in run.stderr and "Error:" not in run.stderr, run.stderr
    assert "unexpected error" not in run.stderr


@pytest.mark.parametrize("command", [("config", "check"), ("doctor", "--offline")])
def test_a_config_folder_means_the_config_file_in_it(tmp_path: Path, command: tuple[str, ...]) -> None:
    folder = tmp_path / "etc"
    folder.mkdir()
    (folder / "config.toml").write_text('[storage]\ndata_dir = "data"\n', encoding="utf-8")
    run = surveybot(tmp_path, *command, "-c", folder)
    _no_traceback(run)
    assert str(folder / "config.toml") in run.stdout
    if command[0] == "config":
        assert run.returncode == 0 and run.stdout.startswith("configuration OK")


def test_a_folder_of_the_tests_config_name_is_found_too(tmp_path: Path) -> None:
    (tmp_path / "surveybot.toml").write_text("", encoding="utf-8")
    run = surveybot(tmp_path, "config", "check", "-c", tmp_path)
    assert run.returncode == 0 and f"configuration OK: {tmp_path / 'surveybot.toml'}" in run.stdout


def test_config_check_on_a_folder_without_a_config_says_which_file_to_pass(tmp_path: Path) -> None:
    run = surveybot(tmp_path, "config", "check", "-c", tmp_path)
    _no_traceback(run)
    assert run.returncode == 2
    assert f"{tmp_path} is a folder with no config.toml or surveybot.toml in it" in run.stderr
    assert f"-c {tmp_path / 'config.toml'}" in run.stderr


def test_doctor_on_a_folder_without_a_config_fails_the_config_check_with_the_same_advice(
    tmp_path: Path,
) -> None:
    run = surveybot(tmp_path, "doctor", "--offline", "-c", tmp_path)
    _no_traceback(run)
    assert run.returncode == 1  # doctor's contract: a required check failed
    assert f"-c {tmp_path / 'config.toml'}" in run.stdout


def test_the_config_folder_may_come_from_the_environment(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("", encoding="utf-8")
    run = surveybot(tmp_path, "config", "check", SURVEYBOT_CONFIG=str(tmp_path))
    assert run.returncode == 0 and str(tmp_path / "config.toml") in run.stdout


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"[storage\ndata_dir = 1\n", "not valid TOML"),
        (b"\xff\xfe[\x00s\x00", "not a text file in UTF-8"),
    ],
    ids=["broken TOML", "UTF-16 file"],
)
def test_an_unreadable_config_is_one_problem_line_with_exit_2(
    tmp_path: Path, content: bytes, says: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_bytes(content)
    run = surveybot(tmp_path, "config", "check", "-c", config)
    _no_traceback(run)
    assert run.returncode == 2
    assert run.stderr.startswith("configuration problems:\n") and says in run.stderr


def test_check_on_a_folder_checks_the_workbooks_in_it(tmp_path: Path) -> None:
    (tmp_path / "ACME.xlsx").write_bytes(DEMO_WORKBOOK.read_bytes())
    (tmp_path / "Other.XLSX").write_bytes(DEMO_WORKBOOK.read_bytes())
    (tmp_path / "notes.txt").write_text("not a workbook", encoding="utf-8")
    (tmp_path / "~$ACME.xlsx").write_bytes(b"\x04Jane" + b"\x00" * 157)  # Excel's owner file of an open book
    run = surveybot(tmp_path, "check", "--today", "2026-12-03", tmp_path)
    _no_traceback(run)
    assert run.returncode == 0, run.stderr
    verdicts = [line for line in run.stdout.splitlines() if ": CMRT 6.5" in line]
    assert [line.split(":")[0] for line in verdicts] == [
        str(tmp_path / "ACME.xlsx"),
        str(tmp_path / "Other.XLSX"),
    ]
    assert "notes.txt" not in run.stdout


def test_check_on_a_folder_without_workbooks_says_so(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a workbook", encoding="utf-8")
    run = surveybot(tmp_path, "check", tmp_path)
    _no_traceback(run)
    assert run.returncode == 2 and run.stdout == ""
    assert "a folder with no workbooks in it (.xlsx, .xlsm, .xls)" in run.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--today", "tomorrow", "x.xlsx"),
        ("check", "--declarations-dated-from", "31/01/2026", "x.xlsx"),
        ("campaign", "open", "2026-H1", "--family", "CMRT", "--due", "tomorrow"),
        ("campaign", "open", "2026-H1", "--family", "CMRT", "--due", "2026-02-30"),
    ],
    ids=["check --today", "check --declarations-dated-from", "campaign --due word", "campaign --due Feb 30"],
)
def test_a_bad_date_option_says_use_yyyy_mm_dd(tmp_path: Path, args: tuple[str, ...]) -> None:
    run = surveybot(tmp_path, *args)
    _no_traceback(run)
    assert run.returncode == 2
    last = run.stderr.strip().splitlines()[-1]
    assert "is not a date: use YYYY-MM-DD" in last and "fromisoformat" not in last


def test_opening_a_campaign_due_in_the_past_with_no_suppliers_warns_about_both(tmp_path: Path) -> None:
    run = surveybot(
        tmp_path, "campaign", "open", "2026-H1", "--family", "CMRT", "--due", "2020-01-31",
        "--data-dir", tmp_path / "data",
    )  # fmt: skip
    _no_traceback(run)
    assert run.returncode == 0
    warnings = run.stderr.splitlines()
    assert warnings[0].startswith("warning: the due date 2020-01-31 is in the past")
    assert warnings[1].startswith("warning: no supplier with an e-mail address is in this campaign")
    assert "surveybot suppliers import FILE" in warnings[1]


def test_opening_a_campaign_with_suppliers_and_a_future_date_warns_about_nothing(tmp_path: Path) -> None:
    sheet = tmp_path / "suppliers.csv"
    sheet.write_text(
        "Supplier code,Supplier name,Email\nS1,ACME Metals,anna@acme.example\n", encoding="utf-8"
    )
    data = tmp_path / "data"
    assert surveybot(tmp_path, "suppliers", "import", sheet, "--data-dir", data).returncode == 0
    run = surveybot(tmp_path, "campaign", "open", "2026-H1", "--family", "CMRT", "--due", "2099-01-31",
                    "--data-dir", data)  # fmt: skip
    assert run.returncode == 0 and run.stderr == ""
    again = surveybot(tmp_path, "campaign", "open", "2026-H1", "--family", "CMRT", "--due", "2099-01-31",
                      "--data-dir", data)  # fmt: skip
    assert again.stderr == ""  # a re-run invites nobody new, but the campaign is not empty


@pytest.mark.parametrize(
    "args",
    [
        ("campaign", "list"),
        ("suppliers", "list"),
        ("campaign", "close", "2026-H1"),
    ],
)
def test_a_data_dir_that_is_a_file_is_a_one_line_usage_error(tmp_path: Path, args: tuple[str, ...]) -> None:
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("", encoding="utf-8")
    run = surveybot(tmp_path, *args, "--data-dir", not_a_folder)
    _no_traceback(run)
    assert run.returncode == 2
    assert (
        run.stderr.strip()
        == f"surveybot: --data-dir names {not_a_folder}, which is a file: it must be the data folder"
    )


def test_a_data_dir_below_a_file_is_a_one_line_usage_error(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("", encoding="utf-8")
    run = surveybot(tmp_path, "campaign", "list", SURVEYBOT_DATA_DIR=str(tmp_path / "data" / "sub"))
    _no_traceback(run)
    assert run.returncode == 2
    assert run.stderr.strip().endswith("needs a folder, but part of the path is a file")


def test_importing_a_folder_or_a_missing_sheet_is_a_usage_error_that_stores_nothing(tmp_path: Path) -> None:
    folder = surveybot(tmp_path, "suppliers", "import", tmp_path, "--data-dir", tmp_path / "data")
    _no_traceback(folder)
    assert folder.returncode == 2
    assert (
        folder.stderr.strip()
        == f"surveybot: {tmp_path} is a folder: pass the supplier sheet itself (.csv or .xlsx)"
    )
    missing = surveybot(tmp_path, "suppliers", "import", "suppliers.xlsx", "--data-dir", tmp_path / "data")
    assert missing.returncode == 2 and missing.stderr.strip() == "surveybot: suppliers.xlsx: no such file"
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("suppliers", "list", "--limit", "-1"), "argument --limit: -1 is too small: use 1 or more"),
        (("campaign", "open", "X", "--family", "CMRT", "--due", "2099-01-01", "--reminder-days", "a week"),
         "argument --reminder-days: 'a week' is not a whole number"),
        (("campaign", "open", "X", "--family", "CMRT", "--due", "2099-01-01", "--min-version", "latest"),
         "argument --min-version: 'latest' is not a revision number: use one like 6.31"),
        (("check", "--max-effective-date-age-days", "0", "x.xlsx"),
         "argument --max-effective-date-age-days: 0 is too small: use 1 or more"),
    ],
    ids=["negative limit", "reminder days in words", "revision in words", "zero age"],
)  # fmt: skip
def test_a_bad_number_or_revision_is_a_usage_error_naming_what_to_type(
    tmp_path: Path, args: tuple[str, ...], says: str
) -> None:
    run = surveybot(tmp_path, *args, *(["--data-dir", str(tmp_path / "d")] if args[0] != "check" else []))
    _no_traceback(run)
    assert run.returncode == 2
    assert run.stderr.strip().splitlines()[-1].endswith(says)
    assert not (tmp_path / "d").exists()  # nothing was created or stored


def test_a_secret_file_that_is_a_folder_is_named_as_such(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        f'[mailbox]\nhost = "imap.example"\nusername = "rmi"\npassword_file = "{tmp_path}"\n',
        encoding="utf-8",
    )
    run = surveybot(tmp_path, "config", "check", "-c", config)
    _no_traceback(run)
    assert run.returncode == 2
    assert f"IMAP password: secret file {tmp_path} is not a file" in run.stderr


def test_the_demo_refuses_a_data_dir_that_is_a_file_before_starting_anything(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "demo-data"
    not_a_folder.write_text("", encoding="utf-8")
    run = surveybot(tmp_path, "demo", "--data-dir", not_a_folder)
    _no_traceback(run)
    assert run.returncode == 2 and run.stdout == ""
    assert (
        run.stderr.strip()
        == f"surveybot: --data-dir names {not_a_folder}, which is a file: it must be a folder"
    )
