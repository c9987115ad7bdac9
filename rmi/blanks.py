"""The blank RMI templates the project ships, as package data.

Invitations attach a blank template, and a supplier who sends a retired revision gets the newest one
back in the first reply; both need the files at run time on a machine that has nothing but the
installed package. They are read from ``rmi/data/templates`` (``RMI_<FAMILY>_<VERSION>.xlsx``), never
from a path outside the package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

_NAME = re.compile(r"RMI_(?P<family>[A-Z]+)_(?P<version>\d+(?:\.\d+)*)\.xlsx")


@dataclass(frozen=True, slots=True)
class BlankTemplate:
    """One shipped blank template: its family, revision and file name."""

    family: str
    version: str
    filename: str

    def read_bytes(self) -> bytes:
        return _folder().joinpath(self.filename).read_bytes()


def _folder() -> Traversable:
    from importlib import resources  # and tempfile, shutil…: only when a blank is actually read

    return resources.files("rmi").joinpath("data", "templates")


def revision_order(version: str) -> tuple[Decimal, ...]:
    """Sort key for RMI revision numbers, which are decimals: 6.01 < 6.1 < 6.22 < 6.31 < 6.5 < 6.6.1.

    The part after the first dot is a decimal fraction ("6.31" is older than "6.5"); later parts (the
    logo-free ".1" copies of 2026) count as plain integers after it.
    """
    major, _, rest = version.partition(".")
    minor, _, tail = rest.partition(".")
    key = [Decimal(major), Decimal(f"0.{minor or 0}")]
    key.extend(Decimal(part) for part in tail.split(".") if part)
    return tuple(key)


@cache
def shipped_blanks() -> tuple[BlankTemplate, ...]:
    """Every blank template in the package, oldest revision first within each family."""
    found = []
    for entry in _folder().iterdir():
        match = _NAME.fullmatch(entry.name)
        if match:
            found.append(BlankTemplate(match["family"], match["version"], entry.name))
    return tuple(sorted(found, key=lambda b: (b.family, revision_order(b.version))))


def blank_template(family: str, version: str | None = None) -> BlankTemplate | None:
    """The shipped blank of ``family`` at ``version``, or its newest shipped revision when None."""
    candidates = [b for b in shipped_blanks() if b.family == family.upper()]
    if version is not None:
        candidates = [b for b in candidates if b.version == version]
    return candidates[-1] if candidates else None
