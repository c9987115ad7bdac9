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
    """Every parity scenario's own recalculated workbook (cached on disk)."""
    from tests.rmi.rules.scenarios import placements

    return placements(workbook_factory)
