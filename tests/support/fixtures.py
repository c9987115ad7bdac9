"""pytest fixtures of the workbook factory; import them into a conftest.py to use them.

``from tests.support.fixtures import workbook_factory`` (it is self-contained). LibreOffice-backed
calls skip the test when soffice/python3-uno are missing, or fail it when ``REQUIRE_LIBREOFFICE=1``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.support.answers import AnswerSet
from tests.support.jobs import FillJob
from tests.support.libreoffice import LibreOfficeSession, libreoffice_missing_reason, shared_office
from tests.support.workbooks import WorkbookFactory

FACTORY_TODAY = dt.date(2026, 11, 25)
"""The fixed "today" of factory-made answers, so cached files stay valid from run to run."""


def require_libreoffice() -> None:
    """Skip (or, with REQUIRE_LIBREOFFICE=1, fail) the running test when LibreOffice cannot be used."""
    reason = libreoffice_missing_reason()
    if reason is None:
        return
    if os.environ.get("REQUIRE_LIBREOFFICE") == "1":
        pytest.fail(f"REQUIRE_LIBREOFFICE=1 but {reason}")
    pytest.skip(reason)


class CheckedWorkbookFactory(WorkbookFactory):
    """The factory, checking for LibreOffice before any LibreOffice work."""

    def libreoffice_many(self, jobs: Sequence[FillJob | AnswerSet]) -> list[Path]:
        require_libreoffice()
        return super().libreoffice_many(jobs)

    def large(self, key: str = "CMRT/6.5", rows: int = 1000) -> Path:
        require_libreoffice()
        return super().large(key, rows)


def shared_session() -> LibreOfficeSession:
    """The first of the test process's offices, even when several conftests import the fixture."""
    return shared_office(0)


@pytest.fixture(scope="session")
def workbook_factory(tmp_path_factory: pytest.TempPathFactory) -> WorkbookFactory:
    """Session-wide factory; soffice starts on the first cache miss and stops when the run ends."""
    return CheckedWorkbookFactory(FACTORY_TODAY, tmp_path_factory.mktemp("workbooks"), shared_session())
