"""Setting a campaign up: which suppliers, which template, which cadence - previewed before it opens.

A survey repeats every year, so ``like`` copies an earlier campaign's family, revisions, selection
and cadence; only the name and the due date are new. The selection is kept on the campaign as text
(``tag:T``, ``owner:U…``, ``codes:A,B``; empty for every supplier) so the next year's campaign can
copy it. ``preview`` writes nothing: it says who would be invited (and who cannot be, for want of
an address) so the team lead confirms what they saw.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from handlers.campaigns import FAMILY_NAMES, CampaignRequest
from storage import Store, Supplier

SELECTION_KINDS = ("tag", "owner", "codes")


@dataclass(frozen=True, slots=True)
class Preview:
    request: CampaignRequest
    invited: tuple[Supplier, ...]  # would get an invitation now
    already: int  # already in the campaign (reopening it invites nobody twice)
    without_contact: tuple[Supplier, ...]
    exists: bool


def selection_text(kind: str, value: str | Sequence[str]) -> str:
    """``tag:metals``, ``owner:U0AB``, ``codes:ACME,BOLT`` (codes upper-cased, de-duplicated)."""
    if kind not in SELECTION_KINDS:
        raise ValueError(f"unknown selection {kind!r}; use one of {', '.join(SELECTION_KINDS)}")
    if kind == "codes":
        codes = [value] if isinstance(value, str) else list(value)
        return "codes:" + ",".join(dict.fromkeys(c.strip().upper() for c in codes if c.strip()))
    return f"{kind}:{str(value).strip()}"


def selected(store: Store, selection: str) -> list[Supplier]:
    """The suppliers a campaign's selection names; unknown codes raise ``LookupError``."""
    kind, _, value = selection.partition(":")
    everyone = store.suppliers.all()
    if not selection:
        return list(everyone)
    if kind == "tag":
        return [s for s in everyone if value in s.tags]
    if kind == "owner":
        return [s for s in everyone if s.owner == value]
    if kind == "codes":
        codes = [code for code in value.split(",") if code]
        unknown = [code for code in codes if store.suppliers.by_code(code) is None]
        if unknown:
            raise LookupError(f"no supplier with code {', '.join(unknown[:10])}")
        return [s for code in codes if (s := store.suppliers.by_code(code)) is not None]
    raise ValueError(f"unknown selection {selection!r}")


def like(store: Store, previous: str, request: CampaignRequest) -> CampaignRequest:
    """``request`` with family, revisions, selection and cadence copied from campaign ``previous``
    (what ``request`` sets explicitly wins)."""
    earlier = store.campaigns.by_name(previous)
    if earlier is None:
        raise LookupError(f"no campaign named {previous!r} to copy")
    return replace(
        request,
        family=request.family or earlier.family,
        min_version=request.min_version or earlier.min_version,
        template_version=request.template_version or earlier.template_version,
        reminder_days=earlier.reminder_days,
        selection=request.selection or earlier.selection,
        reminder_days_before_due=request.reminder_days_before_due or earlier.reminder_days_before_due,
        overdue_reminder_every_days=request.overdue_reminder_every_days
        or earlier.overdue_reminder_every_days,
        escalate_after_reminders=request.escalate_after_reminders or earlier.escalate_after_reminders,
    )


def preview(store: Store, request: CampaignRequest) -> Preview:
    """Who opening ``request`` would invite now; nothing is written."""
    if request.family.upper() not in FAMILY_NAMES:
        raise ValueError(f"unknown template family {request.family!r}; use CMRT, EMRT, CRT or AMRT")
    campaign = store.campaigns.by_name(request.name)
    suppliers = selected(store, request.selection)
    in_it = {a.supplier_id for a in store.assignments.for_campaign(campaign.id)} if campaign else set()
    reachable = [s for s in suppliers if s.emails]
    new = tuple(s for s in reachable if s.id not in in_it)
    missing = tuple(s for s in suppliers if not s.emails)
    return Preview(request, new, len(reachable) - len(new), missing, campaign is not None)
