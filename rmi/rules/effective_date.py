"""The effective date must be a real date, not in the future and not older than the policy allows.

The Checker only asks for "something" in the date cell. A date typed as text that names one day
("02-May-2024", "2024/05/02", "2024年5月2日") is judged by that day and only warned about, with the
day it was read as; a text that reads differently in different countries ("03/04/2024") or is no
date at all is an error. A future date declares something that is not yet true. A date older than
the campaign's window usually means last year's declaration sent again: a warning by default, an
error where the campaign says so, and always an error before the campaign's own start date.
"""

from __future__ import annotations

from collections.abc import Iterator

from rmi.findings import Finding, Severity
from rmi.model import EffectiveDate, TemplateModel
from rmi.policy import Policy
from rmi.rules.base import finding_at
from rmi.text_dates import date_readings


class EffectiveDateRule:
    """Effective date typed as text, in the future, stale or before the campaign's start."""

    code = "DATE"

    def check(self, model: TemplateModel, policy: Policy) -> Iterator[Finding]:
        effective = model.effective_date
        if effective.raw_text:
            yield _text_finding(effective)
        date = effective.date
        if date is None:
            return
        cell = effective.cell
        dated_from = policy.declarations_dated_from
        if date > policy.today:
            yield finding_at("DATE-FUTURE", "date.future", cell, date=date.isoformat())
        elif dated_from is not None and date < dated_from:
            yield finding_at(
                "DATE-BEFORE-CAMPAIGN",
                "date.before_campaign",
                cell,
                date=date.isoformat(),
                dated_from=dated_from.isoformat(),
            )
        elif date < policy.oldest_acceptable_date():
            months = policy.max_date_age_months
            severity = policy.stale_date_severity
            yield finding_at(
                "DATE-STALE", "date.stale", cell, severity=severity, date=date.isoformat(), months=months
            )


def _text_finding(effective: EffectiveDate) -> Finding:
    text = effective.raw_text or ""
    cell = effective.cell
    if effective.date is not None:
        understood = effective.date.isoformat()
        return finding_at(
            "DATE-AS-TEXT",
            "date.text_understood",
            cell,
            severity=Severity.WARNING,
            value=text,
            date=understood,
        )
    readings = date_readings(text)
    if len(readings) == 2:
        first, second = (day.isoformat() for day in readings)
        return finding_at("DATE-AMBIGUOUS", "date.ambiguous", cell, value=text, first=first, second=second)
    return finding_at("DATE-AS-TEXT", "date.text", cell, value=text)


RULE = EffectiveDateRule()
