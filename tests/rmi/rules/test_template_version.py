"""Template revision: newest expected, campaign minimum enforced, pre-releases refused."""

from __future__ import annotations

import dataclasses

from rmi.findings import Finding, Severity
from rmi.model import Family, TemplateModel
from rmi.policy import Policy
from rmi.rules.template_version import RULE, newest_version
from tests.rmi.rules.models import valid_model


def findings(model: TemplateModel, policy: Policy) -> list[Finding]:
    return list(RULE.check(model, policy))


def test_the_newest_revision_of_each_family_passes(policy: Policy) -> None:
    for key in ("CMRT/6.5", "EMRT/2.1", "CRT/2.21", "AMRT/1.3"):
        assert findings(valid_model(key), policy) == []


def test_newest_versions_compare_as_rmi_numbers_them() -> None:
    assert [newest_version(family) for family in Family] == ["6.5", "2.1", "2.21", "1.3"]


def test_an_older_revision_is_a_warning_naming_the_newest(policy: Policy) -> None:
    [found] = findings(valid_model("CMRT/6.22"), policy)
    assert (found.code, found.severity, found.params["newest"]) == (
        "TEMPLATE-OUTDATED",
        Severity.WARNING,
        "6.5",
    )


def test_crt_2_2_is_not_called_outdated_because_files_cannot_tell_it_from_2_21(policy: Policy) -> None:
    assert findings(valid_model("CRT/2.2"), policy) == []


def test_a_campaign_minimum_turns_an_older_revision_into_an_error(policy: Policy) -> None:
    strict = policy.with_minimum(Family.CMRT, "6.31")
    [found] = findings(valid_model("CMRT/6.22"), strict)
    assert (found.code, found.is_error, found.params["minimum"]) == ("TEMPLATE-BELOW-MINIMUM", True, "6.31")
    [found] = findings(valid_model("CMRT/6.4"), strict)
    assert found.code == "TEMPLATE-OUTDATED"
    assert findings(valid_model("EMRT/2.1"), strict) == []


def test_a_letter_suffixed_pre_release_is_rejected(policy: Policy) -> None:
    model = valid_model("EMRT/2.1")
    model = dataclasses.replace(model, identity=dataclasses.replace(model.identity, version="2.1a"))
    [found] = findings(model, policy)
    assert (found.code, found.is_error, found.cell) == ("TEMPLATE-PRERELEASE", True, "J3")
