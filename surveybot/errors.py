"""The error tree shared by every entry point.

``UserFacingError`` carries a message that is safe to show a supplier or a Slack user.
``ConfigError`` is fatal at start and lists every problem at once. ``TransientError`` means
"try again later" (network, SMTP 4xx). Anything else is a bug, logged with its traceback at the
single error boundary of its entry point and shown to people only as a reference id.
"""

from __future__ import annotations

from collections.abc import Callable


class SurveybotError(Exception):
    """Base of surveybot's own errors."""


class UserFacingError(SurveybotError):
    """An expected problem whose message may be shown to the person who caused it.

    Outside text the message quotes (what the user typed, a supplier's name) is passed separately,
    as ``values`` for the ``{}`` places of ``message``, so each entry point can escape it for where
    it is shown (``render``; Slack escapes and shortens it) while ``str()`` stays the plain sentence.
    """

    def __init__(self, message: str, *values: str) -> None:
        super().__init__(message.format(*values) if values else message)
        self.template = message
        self.values = values

    def render(self, quote: Callable[[str], str], literal: Callable[[str], str] = str) -> str:
        """The message with our own words through ``literal`` and each quoted value through ``quote``."""
        if not self.values:
            return literal(self.template)
        return literal(self.template).format(*(quote(v) for v in self.values))


class UsageError(UserFacingError):
    """The command line names something that cannot be used (a file for a folder, a missing file):
    said in one line with exit status 2, like the usage errors argparse reports."""


class ConfigError(SurveybotError):
    """The configuration cannot work; ``problems`` lists every issue found, not just the first."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class TransientError(SurveybotError):
    """A temporary failure (network, server busy); the operation should be retried with backoff."""
