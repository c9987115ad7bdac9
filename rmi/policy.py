"""Campaign policy: the few knobs that make the same template facts stricter or laxer.

Rules never read the clock or the settings file; they get a ``Policy``. That keeps every rule a pure
function of (template, policy), so a test can pin "today" and a campaign can demand a minimum
template revision without touching rule code.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

from rmi.blanks import revision_order
from rmi.findings import Severity
from rmi.model import Family

_RELEASE_VERSION = re.compile(r"^\d+\.\d+(?:\.\d+)*$")


def release_number(version: str) -> tuple[Decimal, ...] | None:
    """The comparable key of a released revision ("6.01" < "6.1" < "6.22" < "6.6" < "6.6.1").

    RMI numbers revisions as decimals, so 6.01 → 6.1 → 6.22 → 6.31 → 6.4 → 6.5 sorts correctly as
    decimals and wrongly as version tuples; the logo-free copies of 2026 add a third part ("6.6.1",
    see ``rmi.blanks.revision_order``). Letter-suffixed EMRT drafts ("2.0a") are not releases: None.
    """
    text = version.strip()
    if not _RELEASE_VERSION.match(text):
        return None
    return revision_order(text)


@dataclass(frozen=True, slots=True)
class Policy:
    """What a campaign accepts.

    ``today`` anchors every date rule. ``minimum_versions`` turns "an older revision" from a warning
    into an error for the listed families. ``max_date_age_months`` is how old an effective date may
    be before the declaration counts as stale; a stale date is ``stale_date_severity`` (a warning by
    default: the content may well still be true). A campaign that needs declarations made for it
    sets ``declarations_dated_from``: an effective date before that day is an error.
    ``smelters_for_metal_answered_no`` is the severity of smelters listed for a metal answered "No" (a
    warning by default, as RMI's own Checker accepts such a file).
    """

    today: dt.date
    minimum_versions: Mapping[Family, str] = field(default_factory=dict)
    max_date_age_months: int = 12
    stale_date_severity: Severity = Severity.WARNING
    declarations_dated_from: dt.date | None = None
    smelters_for_metal_answered_no: Severity = Severity.WARNING

    @classmethod
    def default(cls, today: dt.date | None = None) -> Policy:
        return cls(today=today or dt.date.today())

    def with_minimum(self, family: Family, version: str) -> Policy:
        if release_number(version) is None:
            raise ValueError(f"{version!r} is not a released revision number like 6.5")
        return replace(self, minimum_versions={**self.minimum_versions, family: version})

    def oldest_acceptable_date(self) -> dt.date:
        """The earliest effective date that is not stale: ``today`` minus the allowed months."""
        months = self.today.year * 12 + self.today.month - 1 - self.max_date_age_months
        year, month = divmod(months, 12)
        last_day = _days_in_month(year, month + 1)
        return dt.date(year, month + 1, min(self.today.day, last_day))


def months_of_days(days: int) -> int:
    """A configured age in days as whole months (365 → 12), at least one."""
    return max(1, round(days / 30.4375))


def parse_minimum(text: str) -> tuple[Family, str]:
    """Parse a ``FAMILY=VERSION`` option such as ``CMRT=6.4``; raises ValueError with a usable message."""
    name, sep, version = text.partition("=")
    if not sep:
        raise ValueError(f"expected FAMILY=VERSION (like CMRT=6.5), got {text!r}")
    try:
        family = Family(name.strip().upper())
    except ValueError:
        known = ", ".join(f.value for f in Family)
        raise ValueError(f"unknown template family {name.strip()!r} (known: {known})") from None
    if release_number(version) is None:
        raise ValueError(f"{version.strip()!r} is not a revision number like 6.5")
    return family, version.strip()


def _days_in_month(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day
