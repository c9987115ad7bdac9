"""Template revision: newest expected, campaign minimum enforced, pre-releases refused."""

from __future__ import annotations

import dataclasses
import datetime as dt

from rmi.findings import Finding, Severity
from rmi.messages import render
from rmi.model import Family, TemplateModel
from rmi.policy import Policy, release_number
from rmi.rules.template_version import RULE, newest_version
from tests.rmi.rules.models import valid_model


def findings(model: TemplateModel, policy: Policy) -> list[Finding]:
    return list(RULE.check(model, policy))


BEFORE_2026_RELEASES = Policy(today=dt.date(2026, 1, 10))


def test_the_newest_revision_of_each_family_passes() -> None:
    for key in ("CMRT/6.5", "EMRT/2.1", "CRT/2.21", "AMRT/1.3"):
        assert findings(valid_model(key), BEFORE_2026_RELEASES) == []


def test_the_newest_revision_is_judged_as_of_the_check_date_not_hard_coded() -> None:
    assert [newest_version(family, BEFORE_2026_RELEASES) for family in Family] == [
        "6.5",
        "2.1",
        "2.21",
        "1.3",
    ]
    after = Policy(today=dt.date(2026, 6, 1))
    assert [newest_version(family, after) for family in Family] == ["6.6", "2.11", "2.21", "1.31"]


def test_one_revision_behind_the_newest_of_the_check_date_is_a_warning_not_an_error() -> None:
    assert findings(valid_model("CMRT/6.5"), BEFORE_2026_RELEASES) == []
    [found] = findings(valid_model("CMRT/6.5"), Policy(today=dt.date(2026, 6, 1)))
    assert (found.code, found.severity, found.params["newest"]) == (
        "TEMPLATE-OUTDATED",
        Severity.WARNING,
        "6.6",
    )


def test_a_logo_free_copy_is_the_same_release_as_its_base() -> None:
    model = valid_model("CMRT/6.5")
    for version in ("6.6", "6.6.1"):
        identity = dataclasses.replace(model.identity, version=version)
        assert (
            findings(dataclasses.replace(model, identity=identity), Policy(today=dt.date(2026, 6, 1))) == []
        )


def test_revision_numbers_order_as_decimals_with_a_third_part() -> None:
    ordered = ["6.01", "6.1", "6.22", "6.31", "6.4", "6.5", "6.6", "6.6.1"]
    assert sorted(reversed(ordered), key=lambda v: release_number(v) or ()) == ordered
    assert release_number("6.6.1") is not None and release_number("2.0a") is None


def test_a_file_read_with_an_older_layout_says_so_in_the_verdict() -> None:
    model = valid_model("CMRT/6.5")
    identity = dataclasses.replace(model.identity, version="6.6", read_as="6.5")
    [found] = findings(dataclasses.replace(model, identity=identity), Policy(today=dt.date(2026, 6, 1)))
    assert (found.code, found.severity, found.params["read_as"]) == (
        "TEMPLATE-READ-AS-COMPATIBLE",
        Severity.WARNING,
        "6.5",
    )
    assert "6.5-compatible" in render(found, "en")


def test_an_older_revision_is_a_warning_naming_the_newest(policy: Policy) -> None:
    [found] = findings(valid_model("CMRT/6.22"), policy)
    assert (found.code, found.severity, found.params["newest"]) == (
        "TEMPLATE-OUTDATED",
        Severity.WARNING,
        "6.6",
    )


def test_crt_2_2_is_not_called_outdated_because_files_cannot_tell_it_from_2_21(policy: Policy) -> None:
    assert findings(valid_model("CRT/2.2"), policy) == []


def test_a_campaign_minimum_turns_an_older_revision_into_an_error(policy: Policy) -> None:
    strict = policy.with_minimum(Family.CMRT, "6.31")
    [found] = findings(valid_model("CMRT/6.22"), strict)
    assert (found.code, found.is_error, found.params["minimum"]) == ("TEMPLATE-BELOW-MINIMUM", True, "6.31")
    [found] = findings(valid_model("CMRT/6.4"), strict)
    assert found.code == "TEMPLATE-OUTDATED"
    assert [f.code for f in findings(valid_model("EMRT/2.1"), strict)] == ["TEMPLATE-OUTDATED"]  # 2.11 is out


def test_a_letter_suffixed_pre_release_is_rejected(policy: Policy) -> None:
    model = valid_model("EMRT/2.1")
    model = dataclasses.replace(model, identity=dataclasses.replace(model.identity, version="2.1a"))
    [found] = findings(model, policy)
    assert (found.code, found.is_error, found.cell) == ("TEMPLATE-PRERELEASE", True, "J3")
