"""Rule tests judge hand-built models under a pinned day; parity tests share one batch of filled files."""

from __future__ import annotations

from pathlib import Path

import pytest

from rmi.policy import Policy
from tests.rmi.rules.models import TODAY
from tests.support.fixtures import workbook_factory
from tests.support.workbooks import WorkbookFactory

__all__ = ["workbook_factory"]


@pytest.fixture
def policy() -> Policy:
    return Policy(today=TODAY)


@pytest.fixture(scope="session")
def filled(workbook_factory: WorkbookFactory) -> dict[str, Path]:
    """Every parity scenario's workbook, filled and recalculated in ONE LibreOffice batch (cached)."""
    from tests.rmi.rules.scenarios import SCENARIOS

    paths = workbook_factory.libreoffice_many([scenario.answers for scenario in SCENARIOS])
    return {scenario.id: path for scenario, path in zip(SCENARIOS, paths, strict=True)}
