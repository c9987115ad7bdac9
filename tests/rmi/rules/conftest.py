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
    """Every parity scenario's workbook, filled and recalculated by one LibreOffice (cached on disk)."""
    from tests.rmi.rules.scenarios import SCENARIOS

    filled: dict[str, Path] = {}
    for key in dict.fromkeys(scenario.key for scenario in SCENARIOS):
        # One office process for everything; a batch per revision so a cold cache fills in steps.
        batch = [scenario for scenario in SCENARIOS if scenario.key == key]
        paths = workbook_factory.libreoffice_many([scenario.answers for scenario in batch])
        filled.update((scenario.id, path) for scenario, path in zip(batch, paths, strict=True))
    return filled
