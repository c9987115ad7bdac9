"""RMI's release table: which revision of each template family came out when.

"The newest revision" is a fact about a date, not about the layouts surveybot happens to know: on
2026-01-10 CMRT 6.5 was the newest, from 17 April 2026 it is 6.6, and a supplier who answered in
6.5 a month later is one step behind (a warning), not wrong. Rules therefore ask this table with
the check date (``Policy.today``), never a hard-coded newest version. A new RMI release is one line
here; until its layout is added, files in it are read with the nearest older layout (``rmi.read.detect``).

Logo-free copies ("6.6.1", file names without the ``RMI_`` prefix) are the same release as their
base revision ("6.6"): same structure, same rules, never "newer" or "older" than it.

Dates come from each blank's Revision sheet; the 2026 ones from rmi-revisions-2026.md. Where RMI's
date is not known (EMRT 2.11, AMRT 1.31 and the ".1" copies) the table uses the CMRT 6.6 date, the
earliest they can have appeared; a file in such a revision proves that it was released anyway.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rmi.blanks import revision_order
from rmi.model import Family


@dataclass(frozen=True, slots=True)
class Release:
    """When RMI published one revision of a template family."""

    family: Family
    version: str
    released: dt.date
    copy_of: str | None = None
    """Set for RMI's logo-free copies: the revision this file is identical to."""

    @property
    def base(self) -> str:
        return self.copy_of or self.version


_D = dt.date
_CMRT_66 = _D(2026, 4, 17)

RELEASES: tuple[Release, ...] = (
    Release(Family.CMRT, "6.01", _D(2020, 5, 19)),
    Release(Family.CMRT, "6.1", _D(2021, 4, 28)),
    Release(Family.CMRT, "6.22", _D(2022, 5, 11)),
    Release(Family.CMRT, "6.31", _D(2023, 5, 26)),
    Release(Family.CMRT, "6.4", _D(2024, 4, 26)),
    Release(Family.CMRT, "6.5", _D(2025, 4, 25)),
    Release(Family.CMRT, "6.6", _CMRT_66),
    Release(Family.CMRT, "6.6.1", _CMRT_66, copy_of="6.6"),
    Release(Family.EMRT, "1.1", _D(2022, 10, 14)),
    Release(Family.EMRT, "1.11", _D(2022, 11, 4)),
    Release(Family.EMRT, "1.2", _D(2023, 5, 12)),
    Release(Family.EMRT, "1.3", _D(2024, 4, 26)),
    Release(Family.EMRT, "2.0", _D(2025, 4, 25)),
    Release(Family.EMRT, "2.1", _D(2025, 10, 17)),
    Release(Family.EMRT, "2.11", _CMRT_66),
    Release(Family.EMRT, "2.11.1", _CMRT_66, copy_of="2.11"),
    # CRT 2.21 files say "Revision 2.2" everywhere (see rmi.read.detect), so a "2.2" may well be a 2.21:
    # one release for the rules, never called outdated against each other.
    Release(Family.CRT, "2.2", _D(2020, 10, 28), copy_of="2.21"),
    Release(Family.CRT, "2.21", _D(2020, 10, 28)),
    Release(Family.AMRT, "1.2", _D(2024, 10, 4)),
    Release(Family.AMRT, "1.21", _D(2025, 5, 16)),
    Release(Family.AMRT, "1.3", _D(2025, 10, 17)),
    Release(Family.AMRT, "1.31", _CMRT_66),
    Release(Family.AMRT, "1.31.1", _CMRT_66, copy_of="1.31"),
)


def release(family: Family, version: str) -> Release | None:
    return next((r for r in RELEASES if r.family is family and r.version == version), None)


def base_version(family: Family, version: str) -> str:
    """The revision a logo-free copy is identical to ("6.6.1" → "6.6"); others unchanged."""
    found = release(family, version)
    return found.base if found else version


def newest(family: Family, today: dt.date) -> str | None:
    """The newest revision of ``family`` released on or before ``today`` (copies never count)."""
    out = [r for r in RELEASES if r.family is family and r.copy_of is None and r.released <= today]
    return max(out, key=lambda r: revision_order(r.version)).version if out else None


def is_newer(version: str, than: str) -> bool:
    """Decimal revision order (6.31 < 6.5 < 6.6 < 6.6.1), see ``rmi.blanks.revision_order``."""
    return revision_order(version) > revision_order(than)
