"""The effective date must be a real date, not in the future and not older than the policy allows.

The Checker only asks for "something" in the date cell. A date typed as text ("03/04/2025") reads
differently in different countries, a future date declares something that is not yet true, and a
date older than the campaign's window means the supplier sent last year's declaration again.
"""

from __future__ import annotations

from collections.abc import Iterator

from rmi.findings import Finding
from rmi.model import TemplateModel
from rmi.policy import Policy
from rmi.rules.base import finding_at


class EffectiveDateRule:
    """Effective date typed as text, in the future, or stale."""

    code = "DATE"

    def check(self, model: TemplateModel, policy: Policy) -> Iterator[Finding]:
        effective = model.effective_date
        cell = effective.cell
        if effective.raw_text:
            yield finding_at("DATE-AS-TEXT", "date.text", cell, value=effective.raw_text)
        date = effective.date
        if date is None:
            return
        if date > policy.today:
            yield finding_at("DATE-FUTURE", "date.future", cell, date=date.isoformat())
        elif date < policy.oldest_acceptable_date():
            yield finding_at(
                "DATE-STALE", "date.stale", cell, date=date.isoformat(), months=policy.max_date_age_months
            )


RULE = EffectiveDateRule()
