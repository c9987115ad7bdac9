"""The template revision: the newest is expected, a campaign minimum is enforced, drafts are refused.

RMI publishes a new revision about once a year, with an updated smelter list; an older revision is
still a valid declaration, so it is a warning unless the campaign sets a minimum. Letter-suffixed
EMRT revisions ("2.0a") were pre-releases for testing and are rejected.
"""

from __future__ import annotations

from collections.abc import Iterator

from rmi.findings import Finding, Severity
from rmi.model import Family, TemplateModel
from rmi.policy import Policy, release_number
from rmi.rules.layout_facts import known_versions

# CRT 2.21 only added Smelter List formulas; its files still say "Revision 2.2", so the two cannot
# be told apart and a "2.2" must not be called outdated.
_SAME_RELEASE = {(Family.CRT, "2.2"): "2.21"}


def newest_version(family: Family) -> str | None:
    releases = [v for v in known_versions(family) if release_number(v) is not None]
    return max(releases, key=lambda v: release_number(v) or 0) if releases else None


class TemplateVersionRule:
    """Pre-release, below the campaign minimum, or older than the newest known revision."""

    code = "TEMPLATE-VERSION"

    def check(self, model: TemplateModel, policy: Policy) -> Iterator[Finding]:
        family, version = model.identity.family, model.identity.version
        number = release_number(_SAME_RELEASE.get((family, version), version))
        params: dict[str, str | int] = {"family": family.value, "version": version}
        if number is None:
            yield _finding("TEMPLATE-PRERELEASE", "template.prerelease", Severity.ERROR, params)
            return
        minimum = policy.minimum_versions.get(family)
        if minimum is not None and number < (release_number(minimum) or 0):
            params["minimum"] = minimum
            yield _finding("TEMPLATE-BELOW-MINIMUM", "template.below_minimum", Severity.ERROR, params)
            return
        newest = newest_version(family)
        if newest is not None and number < (release_number(newest) or 0):
            params["newest"] = newest
            yield _finding("TEMPLATE-OUTDATED", "template.outdated", Severity.WARNING, params)


def _finding(code: str, key: str, severity: Severity, params: dict[str, str | int]) -> Finding:
    return Finding(
        code=code, severity=severity, message_key=key, params=params, sheet="Declaration", cell="J3"
    )


RULE = TemplateVersionRule()
