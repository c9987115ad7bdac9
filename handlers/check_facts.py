"""The checker's answer on one file, reduced to what a reply and a notice need, and the policy it ran under.

The route table calls an injected ``checker`` (``rmi.check.check_bytes`` in production); this module
is the one place that knows the shape of its result, so the rest of the routing code deals only in
``FileFacts``: what the file is, the verdict, and the summary a supplier sees on acceptance (company,
scope, metals in scope, number of smelters).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Protocol

from mail.model import Attachment
from rmi import releases
from rmi.findings import Finding, Severity, Verdict
from rmi.intake.messages import describe
from rmi.intake.vocabulary import IntakeCode, megabytes
from rmi.model import Family, TemplateIdentity, TemplateModel
from rmi.policy import Policy, months_of_days, release_number
from storage import Campaign
from surveybot.settings import CampaignPolicy, CampaignSettings

_YES = frozenset({"yes", "是", "はい"})


class CheckedFile(Protocol):
    """What the route table reads from a checker result."""

    @property
    def identity(self) -> TemplateIdentity | None: ...

    @property
    def verdict(self) -> Verdict: ...

    @property
    def model(self) -> TemplateModel | None: ...


Checker = Callable[[bytes, str, Policy], CheckedFile]


@dataclass(frozen=True, slots=True)
class FileFacts:
    identity: TemplateIdentity | None  # None: not a readable RMI template (the verdict says why)
    verdict: Verdict
    company_name: str = ""
    scope: str = ""
    metals: tuple[str, ...] = ()
    smelter_count: int = 0


def checked_facts(checker: Checker, attachment: Attachment, policy: Policy, limit_mb: int) -> FileFacts:
    """The checker's verdict on ``attachment``, reduced to ``FileFacts``.

    A file the parser left undecoded because it is too large is refused here with its size: its
    (empty) bytes would otherwise read as "the file is empty".
    """
    if attachment.oversized:
        return too_large(attachment, limit_mb)
    result = checker(attachment.data, attachment.filename, policy)
    model = result.model
    if model is None:
        return FileFacts(identity=result.identity, verdict=result.verdict)
    return FileFacts(
        identity=result.identity or model.identity,
        verdict=result.verdict,
        company_name=_text(model.company, "company_name"),
        scope=_text(model.company, "declaration_scope"),
        metals=metals_in_scope(model),
        smelter_count=len(model.smelters),
    )


def too_large(attachment: Attachment, limit_mb: int) -> FileFacts:
    params: dict[str, str | int] = {"size_mb": megabytes(attachment.size), "limit_mb": limit_mb}
    reason = describe(IntakeCode.TOO_LARGE, params, attachment.filename)
    finding = Finding(IntakeCode.TOO_LARGE.value, Severity.ERROR, "file.rejected", {"reason": reason})
    return FileFacts(identity=None, verdict=Verdict((finding,)))


def metals_in_scope(model: TemplateModel) -> tuple[str, ...]:
    """Selected minerals (EMRT 2.x, AMRT), else those whose question 1 is answered "Yes"."""
    if model.minerals_in_scope:
        return tuple(dict.fromkeys(s.mineral for s in model.minerals_in_scope))
    used = (a.mineral for a in model.mineral_answers if a.question == 1 and a.answer.text.casefold() in _YES)
    return tuple(dict.fromkeys(used))


def policy_for(settings: CampaignSettings, campaigns: Iterable[Campaign], today: dt.date) -> Policy:
    """Today's policy for a supplier in ``campaigns`` (the open ones it is invited to).

    Each campaign judges by ``[campaign]``, with the keys its own ``[campaign.policies."NAME"]`` sets
    in their place; a supplier in a strict and a lenient survey is judged by the stricter of the two.
    Configured minimum versions are raised to each campaign's own minimum.
    """
    campaigns = tuple(campaigns)
    rules = [_effective(settings, settings.policies.get(c.name)) for c in campaigns] or [settings]
    dated_from = [day for day in (_day_or_none(r.declarations_dated_from) for r in rules) if day]
    return Policy(
        today=today,
        minimum_versions=_minimums(settings, campaigns),
        max_date_age_months=months_of_days(min(r.max_effective_date_age_days for r in rules)),
        stale_date_severity=_strictest(r.stale_effective_date for r in rules),
        declarations_dated_from=max(dated_from, default=None),
        smelters_for_metal_answered_no=_strictest(r.smelters_for_metal_answered_no for r in rules),
    )


def _effective(defaults: CampaignSettings, own: CampaignPolicy | None) -> CampaignSettings:
    """``defaults`` with the keys one campaign sets for itself put in their place."""
    if own is None:
        return defaults
    return replace(
        defaults,
        max_effective_date_age_days=own.max_effective_date_age_days or defaults.max_effective_date_age_days,
        stale_effective_date=own.stale_effective_date or defaults.stale_effective_date,
        declarations_dated_from=own.declarations_dated_from or defaults.declarations_dated_from,
        smelters_for_metal_answered_no=(
            own.smelters_for_metal_answered_no or defaults.smelters_for_metal_answered_no
        ),
    )


def _strictest(values: Iterable[str]) -> Severity:
    return Severity.ERROR if Severity.ERROR in {Severity(v) for v in values} else Severity.WARNING


def _minimums(settings: CampaignSettings, campaigns: Iterable[Campaign]) -> dict[Family, str]:
    minimums: dict[Family, str] = dict(_valid_minimums(settings.minimum_versions))
    for campaign in campaigns:
        for family, version in _valid_minimums({campaign.family: campaign.min_version}):
            current = minimums.get(family)
            if current is None or releases.is_newer(version, current):
                minimums[family] = version
    return minimums


def _day_or_none(text: str) -> dt.date | None:
    """The configured day; ``config check`` reports a malformed one, so here it just means none."""
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _valid_minimums(pairs: Mapping[str, str]) -> Iterable[tuple[Family, str]]:
    for name, version in pairs.items():
        try:
            family = Family(name.strip().upper())
        except ValueError:
            continue
        if release_number(version) is not None:
            yield family, version.strip()


def _text(cells: Mapping[str, object], key: str) -> str:
    cell = cells.get(key)
    text = getattr(cell, "text", "")
    return text if isinstance(text, str) else ""
