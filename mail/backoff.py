"""Exponential backoff with jitter, shared by the IMAP reconnect loop and the SMTP retry schedule.

Why jitter: after an outage every client that failed at the same moment would otherwise retry at the
same moment. Why a floor of half the step: "full jitter" can pick ~0 s, and a loop that reconnects at
once against a server that drops it at once is the dead loop the watcher must never become.
"""

from __future__ import annotations

import random
from collections.abc import Callable


def backoff_delay(attempt: int, base: float, cap: float, rand: Callable[[], float] = random.random) -> float:
    """Seconds to wait before retry number ``attempt`` (0-based): in [step/2, step], step = base·2ⁿ ≤ cap."""
    step = min(cap, base * 2.0 ** min(attempt, 32))
    return step / 2 + rand() * step / 2


class Backoff:
    """Counts consecutive failures; ``reset()`` after a success."""

    def __init__(
        self, base: float = 1.0, cap: float = 300.0, rand: Callable[[], float] = random.random
    ) -> None:
        self.base = base
        self.cap = cap
        self.failures = 0
        self._rand = rand

    def next_delay(self) -> float:
        delay = backoff_delay(self.failures, self.base, self.cap, self._rand)
        self.failures += 1
        return delay

    def reset(self) -> None:
        self.failures = 0
