"""Importing RMI facility lists, and what staff should hear about them (audits falling due).

The list file is kept whole in the store (``storage.facility_lists``) so each verdict can name the
list it used and be shown again as it was on that date. A file that is not a facility list, or a
list without a status column and no ``listed_as``, is refused with what to send instead; nothing is
stored then.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from handlers.analysis_source import campaign_declarations, conformance
from rmi.analysis.conformance import Conformance, Expiring, Standing, standing_of
from rmi.analysis.facility_files import FacilityListError, ParsedList, read_facility_list
from rmi.analysis.rollup import roll_up
from storage import Actor, Campaign, Store
from storage.facility_lists import FacilityListRecord
from surveybot.errors import UserFacingError


@dataclass(frozen=True, slots=True)
class FacilityImport:
    record: FacilityListRecord
    parsed: ParsedList
    standings: dict[str, int]  # "conformant"/"active"/"lapsed" as of the list date
    schemes: dict[str, int]  # conformant facilities per scheme


def import_facility_list(
    store: Store,
    file_name: str,
    data: bytes,
    actor: Actor,
    *,
    listed_as: Standing | None = None,
    list_date: dt.date | None = None,
) -> FacilityImport:
    try:
        parsed = read_facility_list(data, file_name, listed_as)
    except FacilityListError as exc:
        raise UserFacingError("{}: {}", file_name, str(exc)) from exc
    day = list_date or store.clock.now().date()
    kind = "" if parsed.has_status else (listed_as.value if listed_as else "")
    with store.batch():
        record = store.facility_lists.add(
            file_name, data, list_date=day, listed_as=kind, rows=len(parsed.facilities), at=store.clock.now()
        )
        store.audit.record(
            actor,
            "facilities.import",
            f"facility-list:{record.id}",
            file=file_name,
            sha256=record.sha256,
            list_date=day.isoformat(),
            rows=record.rows,
        )
    return FacilityImport(record, parsed, *_counts(parsed, day))


def _counts(parsed: ParsedList, day: dt.date) -> tuple[dict[str, int], dict[str, int]]:
    standings = Counter(standing_of(f, day).value for f in parsed.facilities)
    schemes = Counter(f.scheme for f in parsed.facilities if f.listed_as is Standing.CONFORMANT)
    return dict(standings), dict(schemes)


def expiring_in_campaign(store: Store, campaign: Campaign, days: int = 30) -> tuple[Expiring, ...]:
    """Audits of smelters named in the campaign's accepted files that fall due within ``days``."""
    today = store.clock.now().date()
    index: Conformance | None = conformance(store, today)
    due = index.expiring(today, days) if index is not None else ()
    if not due:
        return ()  # the accepted files are read only when some audit falls due
    named = set(roll_up(campaign_declarations(store, campaign)).cids)
    return tuple(e for e in due if e.facility.cid in named)
