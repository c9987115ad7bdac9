"""Findings and verdicts: the product of judging a returned template.

A finding carries a stable code (``CMRT-DECL-COMPANY-NAME``), a severity, the cell it is about and a
message key with parameters. Rendering to a language happens late (``rmi.messages``), so the same
finding can be shown in the supplier's language in a mail and in English in Slack.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a rule found: stable code, severity, message key and the cell to fix."""

    code: str
    severity: Severity
    message_key: str
    params: Mapping[str, str | int] = field(default_factory=dict)
    sheet: str | None = None
    cell: str | None = None
    checker_row: int | None = None
    # Checker rows that only count as incomplete because of this finding's cell (a blank Q2 makes
    # the Checker flag Q3..Q8 of that metal too); the supplier fixes them all by fixing this one.
    covers_checker_rows: tuple[int, ...] = ()
    # The cells those covered rows test ("Declaration!D34", …), in Checker order.
    covers_cells: tuple[str, ...] = ()

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def checker_rows(self) -> tuple[int, ...]:
        """Every row of RMI's Checker sheet this finding stands for: its own and those it covers."""
        own = () if self.checker_row is None else (self.checker_row,)
        return tuple(sorted({*own, *self.covers_checker_rows}))


@dataclass(frozen=True, slots=True)
class Verdict:
    """All findings on one file; it rejects the file when any finding is an error."""

    findings: tuple[Finding, ...]

    @property
    def accepted(self) -> bool:
        return not any(f.is_error for f in self.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.is_error)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if not f.is_error)
