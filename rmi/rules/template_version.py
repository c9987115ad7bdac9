"""The template revision: the newest is expected, a campaign minimum is enforced, drafts are refused.

RMI publishes a new revision about once a year, with an updated smelter list; an older revision is
still a valid declaration (RMI's FAQ: a buyer need not re-survey because a new revision came out),
so it is a warning unless the campaign sets a minimum. Which revision is "the newest" is asked of
the release table (``rmi.releases``) as of the check date, ``Policy.today``: CMRT 6.5 is the newest
on 2026-01-10 and one behind on 2026-06-01. Letter-suffixed EMRT revisions ("2.0a") were
pre-releases for testing and are rejected.

A file in a revision newer than every layout surveybot knows was read with the nearest older layout
after its anchor cells matched (``rmi.read.detect``); the verdict says so ("read as 6.5-compatible"), as
a warning that blocks nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from rmi import releases
from rmi.findings import Finding, Severity
from rmi.model import Family, TemplateModel
from rmi.policy import Policy, release_number


def newest_version(family: Family, policy: Policy) -> str | None:
    """The newest revision of ``family`` released by ``policy.today``."""
    return releases.newest(family, policy.today)


class TemplateVersionRule:
    """Pre-release, below the campaign minimum, older than the newest release, or read as compatible."""

    code = "TEMPLATE-VERSION"

    def check(self, model: TemplateModel, policy: Policy) -> Iterator[Finding]:
        identity = model.identity
        family, version = identity.family, identity.version
        params: dict[str, str | int] = {"family": family.value, "version": version}
        base = releases.base_version(family, version)
        if release_number(base) is None:
            yield _finding("TEMPLATE-PRERELEASE", "template.prerelease", Severity.ERROR, params)
            return
        yield from _compatible_read(model, params)
        minimum = policy.minimum_versions.get(family)
        if minimum is not None and releases.is_newer(minimum, base):
            params["minimum"] = minimum
            yield _finding("TEMPLATE-BELOW-MINIMUM", "template.below_minimum", Severity.ERROR, params)
            return
        newest = newest_version(family, policy)
        if newest is not None and releases.is_newer(newest, base):
            params["newest"] = newest
            yield _finding("TEMPLATE-OUTDATED", "template.outdated", Severity.WARNING, params)


def _compatible_read(model: TemplateModel, params: dict[str, str | int]) -> Iterator[Finding]:
    read_as = model.identity.read_as
    if read_as:
        compatible = {**params, "read_as": read_as}
        yield _finding("TEMPLATE-READ-AS-COMPATIBLE", "template.read_as", Severity.WARNING, compatible)


def _finding(code: str, key: str, severity: Severity, params: dict[str, str | int]) -> Finding:
    return Finding(
        code=code, severity=severity, message_key=key, params=params, sheet="Declaration", cell="J3"
    )


RULE = TemplateVersionRule()
