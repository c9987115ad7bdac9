"""The checker's answer on one file, reduced to what a reply and a notice need, and the policy it ran under.

The route table calls an injected ``checker`` (``rmi.check.check_bytes`` in production); this module
is the one place that knows the shape of its result, so the rest of the routing code deals only in
``FileFacts``: what the file is, the verdict, and the summary a supplier sees on acceptance (company,
scope, metals in scope, number of smelters).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from mail.model import Attachment
from rmi.findings import Finding, Severity, Verdict
from rmi.intake_messages import describe
from rmi.intake_types import IntakeCode, megabytes
from rmi.model import Family, TemplateIdentity, TemplateModel
from rmi.policy import Policy, months_of_days, release_number
from storage import Campaign
from surveybot.settings import CampaignSettings

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
    """Today's policy: the configured campaign severities and date limits, and configured minimum
    versions raised to each open campaign's own minimum."""
    minimums: dict[Family, str] = {}
    for family, version in _valid_minimums(settings.minimum_versions):
        minimums[family] = version
    for campaign in campaigns:
        for family, version in _valid_minimums({campaign.family: campaign.min_version}):
            current = minimums.get(family)
            if current is None or _newer(version, current):
                minimums[family] = version
    return Policy(
        today=today,
        minimum_versions=minimums,
        max_date_age_months=months_of_days(settings.max_effective_date_age_days),
        stale_date_severity=Severity(settings.stale_effective_date),
        declarations_dated_from=_day_or_none(settings.declarations_dated_from),
        smelters_for_metal_answered_no=Severity(settings.smelters_for_metal_answered_no),
    )


def _day_or_none(text: str) -> dt.date | None:
    """The configured day; ``config check`` reports a malformed one, so here it just means none."""
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _newer(version: str, than: str) -> bool:
    new, old = release_number(version), release_number(than)
    return new is not None and (old is None or new > old)


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
