"""The campaign policy: revision numbers, minimum versions and the date window."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from rmi.model import Family
from rmi.policy import Policy, parse_minimum, release_number


def test_rmi_revision_numbers_sort_as_decimals() -> None:
    ordered = ["6.01", "6.1", "6.22", "6.31", "6.4", "6.5"]
    assert sorted(ordered, key=lambda v: release_number(v) or Decimal(0)) == ordered
    assert release_number("2.0a") is None


def test_minimum_versions_parse_from_the_command_line_form() -> None:
    assert parse_minimum("cmrt=6.4") == (Family.CMRT, "6.4")
    for bad in ("CMRT", "XYZ=1.0", "EMRT=2.0a"):
        with pytest.raises(ValueError):
            parse_minimum(bad)


def test_the_oldest_acceptable_date_is_twelve_months_back_even_at_month_ends() -> None:
    assert Policy(today=dt.date(2026, 11, 25)).oldest_acceptable_date() == dt.date(2025, 11, 25)
    assert Policy(today=dt.date(2024, 2, 29)).oldest_acceptable_date() == dt.date(2023, 2, 28)
    assert Policy(today=dt.date(2026, 3, 31), max_date_age_months=1).oldest_acceptable_date() == dt.date(
        2026, 2, 28
    )
