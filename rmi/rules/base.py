"""What every rule is, and the few helpers all rules share.

A rule is a small named object with a stable ``code`` and a ``check(model, policy)`` that yields
findings; it never raises for bad input and never reads anything but the model and the policy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Protocol

from rmi.findings import Finding, Severity
from rmi.model import Cell, Family, TemplateModel
from rmi.policy import Policy


class Rule(Protocol):
    """A named check over one template."""

    @property
    def code(self) -> str:
        """Stable identifier of the rule (findings may carry more specific codes)."""
        ...

    def check(self, model: TemplateModel, policy: Policy) -> Iterable[Finding]:
        """Every problem this rule sees in ``model``; nothing when the template is fine."""
        ...


def family_code(model: TemplateModel, suffix: str) -> str:
    """A code for a family-specific Checker requirement, e.g. ``CMRT-DECL-COMPANY-NAME``."""
    return f"{model.identity.family.value}-{suffix}"


def finding_at(
    code: str,
    key: str,
    cell: Cell | None,
    *,
    severity: Severity = Severity.ERROR,
    checker_row: int | None = None,
    covers: Iterable[int] = (),
    covers_cells: Iterable[str] = (),
    params: Mapping[str, str | int] | None = None,
    **more: str | int,
) -> Finding:
    """A finding pointing at ``cell`` (sheet and address taken from it); params from both arguments."""
    return Finding(
        code=code,
        severity=severity,
        message_key=key,
        params={**(params or {}), **more},
        sheet=cell.sheet if cell else None,
        cell=cell.address if cell else None,
        checker_row=checker_row,
        covers_checker_rows=tuple(sorted(set(covers))),
        covers_cells=tuple(dict.fromkeys(covers_cells)),
    )


def norm(cell: Cell | None) -> str:
    """The value as the Checker compares it: trimmed and case-insensitive ("" when blank)."""
    return cell.text.casefold() if cell is not None else ""


def checker_blank(cell: Cell | None) -> bool:
    """True when the Checker's ``=IF(B=0,1,0)`` test fails: empty, or the number zero."""
    if cell is None or cell.is_blank:
        return True
    value = cell.value
    return isinstance(value, int | float) and not isinstance(value, bool) and value == 0


def is_emrt1(model: TemplateModel) -> bool:
    return model.identity.family is Family.EMRT and model.identity.version.startswith("1.")


def split_address(address: str) -> tuple[str, int]:
    """``"D33"`` → ``("D", 33)``."""
    column = address.rstrip("0123456789")
    return column, int(address[len(column) :] or 0)


def display_value(cell: Cell) -> str:
    """The value as a supplier would recognise it in a message (a date without a time of day)."""
    value = cell.value
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return cell.text
