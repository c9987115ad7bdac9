"""Which campaign a command means: the words typed, or the one active campaign when none are.

People type campaign names loosely (``cmrt 2026``, ``#3``, ``2026``), so the rules are: an id
(``3`` or ``#3``), then the exact name ignoring case, then a fragment that matches one name only.
Anything ambiguous is answered with the candidates rather than a guess, because acting on the wrong
campaign (a reminder wave!) is worse than asking again.
"""

from __future__ import annotations

from storage import Campaign, Store
from surveybot.errors import UserFacingError


def active_campaigns(store: Store) -> tuple[Campaign, ...]:
    return store.campaigns.active()


def resolve_campaign(store: Store, text: str, *, example: str) -> Campaign:
    """The campaign ``text`` names; blank means the only active one. ``example`` shows the command."""
    wanted = text.strip()
    if not wanted:
        return _only_active(store, example)
    if wanted.lstrip("#").isdigit():
        return store.campaigns.get(int(wanted.lstrip("#")))
    exact = store.campaigns.by_name(wanted)
    if exact is not None:
        return exact
    needle = wanted.casefold()
    matches = [c for c in store.campaigns.all() if needle in c.name.casefold()]
    if len(matches) == 1:
        return matches[0]
    known = _names(matches or list(store.campaigns.all()))
    if matches:
        raise UserFacingError("`{}` matches several campaigns: {}. Which one?", wanted, known)
    raise UserFacingError("I know no campaign called `{}`. Campaigns: {}.", wanted, known or "none yet")


def _only_active(store: Store, example: str) -> Campaign:
    active = active_campaigns(store)
    if len(active) == 1:
        return active[0]
    if not active:
        raise UserFacingError(
            "There is no active campaign. Start one with `surveybot campaign open`, "
            f"or name a campaign, e.g. `{example} <campaign>`."
        )
    first = active[0].name
    raise UserFacingError(
        f"There are {len(active)} active campaigns ({{}}); say which one, e.g. `{example} {{}}`.",
        _names(list(active)),
        first,
    )


def _names(campaigns: list[Campaign], limit: int = 10) -> str:
    shown = ", ".join(f"{c.name} (#{c.id})" for c in campaigns[:limit])
    return shown + (f" and {len(campaigns) - limit} more" if len(campaigns) > limit else "")
