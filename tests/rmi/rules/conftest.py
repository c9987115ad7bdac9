"""Rule tests judge hand-built models under a policy pinned to a fixed day."""

from __future__ import annotations

import pytest

from rmi.policy import Policy
from tests.rmi.rules.models import TODAY


@pytest.fixture
def policy() -> Policy:
    return Policy(today=TODAY)
