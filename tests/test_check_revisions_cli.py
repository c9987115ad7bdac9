"""``surveybot check --json`` names template and revision of every file it could identify, rejected old
ones included, and judges "the newest revision" as of ``--today`` (the real console script)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support.answers import AnswerSet, valid_answers
from tests.support.fixtures import FACTORY_TODAY, workbook_factory
from tests.support.revisions import relabelled, saved_as_xls, with_requester_columns
from tests.support.workbooks import WorkbookFactory

__all__ = ["workbook_factory"]

SURVEYBOT = str(Path(sys.executable).with_name("surveybot"))


def check_json(today: str, *paths: Path) -> list[dict[str, Any]]:
    command = [SURVEYBOT, "check", "--json", "--today", today, *map(str, paths)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert run.returncode in (0, 1), run.stderr
    loaded: list[dict[str, Any]] = json.loads(run.stdout)
    return loaded


def workbook_jobs() -> list[AnswerSet]:
    """Built up front with every other module's workbooks (tests/support/prebuild.py)."""
    return [valid_answers(key, today=FACTORY_TODAY) for key in ("CMRT/6.5", "CMRT/6.01")]


@pytest.fixture(scope="module")
def files(workbook_factory: WorkbookFactory, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    keys = ("CMRT/6.5", "CMRT/6.01")
    current, oldest = (
        p.read_bytes() for p in workbook_factory.libreoffice_many([workbook_factory.answers(k) for k in keys])
    )
    retired = relabelled(oldest, "CMRT", "5.12", date="May 1, 2019")
    made = {
        "RMI_CMRT_6.5.xlsx": current,
        "CMRT_6.6.1.xlsx": with_requester_columns(relabelled(current, "CMRT", "6.6.1")),
        "CMRT_2019.xlsx": retired,
        "CMRT_2019.xls": saved_as_xls(retired, protect_structure=True),
    }
    folder = tmp_path_factory.mktemp("revisions")
    for name, data in made.items():
        (folder / name).write_bytes(data)
    return {name: folder / name for name in made}


def test_json_names_template_and_revision_of_retired_files_as_xlsx_and_as_xls(files: dict[str, Path]) -> None:
    results = check_json("2026-11-25", files["CMRT_2019.xlsx"], files["CMRT_2019.xls"])
    for item in results:
        assert (item["template"], item["version"], item["verdict"]) == ("CMRT", "5.12", "reject")
        assert [f["code"] for f in item["findings"]] == ["TEMPLATE-RETIRED"]
        assert "current revision is CMRT 6.6" in item["findings"][0]["message"]


def test_the_newest_revision_follows_the_today_option(files: dict[str, Path]) -> None:
    before, after = (check_json(day, files["RMI_CMRT_6.5.xlsx"])[0] for day in ("2026-01-10", "2026-11-25"))
    assert "TEMPLATE-OUTDATED" not in {f["code"] for f in before["findings"]}
    assert "TEMPLATE-OUTDATED" in {f["code"] for f in after["findings"] if f["severity"] == "warning"}
    assert after["verdict"] == "accept"  # one behind is a warning, not an error


def test_a_logo_free_copy_is_accepted_with_its_own_revision_and_read_as_compatible(
    files: dict[str, Path],
) -> None:
    [item] = check_json("2026-11-25", files["CMRT_6.6.1.xlsx"])
    assert (item["template"], item["version"], item["verdict"]) == ("CMRT", "6.6.1", "accept")
    [note] = [f for f in item["findings"] if f["code"] == "TEMPLATE-READ-AS-COMPATIBLE"]
    assert "read as 6.5-compatible" in note["message"]
