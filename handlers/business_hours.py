"""When a reminder may reach a supplier: within its business hours, where its country is known.

A reminder that lands at 3 a.m. sits under the morning's mail and reads as spam; one that lands at
10 a.m. local time gets read. The supplier list carries an ISO country code; each country maps to
the time zone where most of its suppliers' offices are (one zone per country: good enough for "not
at night", which is all this is for). Unknown or empty countries are not held back.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

COUNTRY_ZONES: dict[str, str] = {
    "AE": "Asia/Dubai", "AR": "America/Argentina/Buenos_Aires", "AT": "Europe/Vienna",
    "AU": "Australia/Sydney", "BE": "Europe/Brussels", "BR": "America/Sao_Paulo", "CA": "America/Toronto",
    "CH": "Europe/Zurich", "CL": "America/Santiago", "CN": "Asia/Shanghai", "CZ": "Europe/Prague",
    "DE": "Europe/Berlin", "DK": "Europe/Copenhagen", "ES": "Europe/Madrid", "FI": "Europe/Helsinki",
    "FR": "Europe/Paris", "GB": "Europe/London", "HK": "Asia/Hong_Kong", "HU": "Europe/Budapest",
    "ID": "Asia/Jakarta", "IE": "Europe/Dublin", "IL": "Asia/Jerusalem", "IN": "Asia/Kolkata",
    "IT": "Europe/Rome", "JP": "Asia/Tokyo", "KR": "Asia/Seoul", "MX": "America/Mexico_City",
    "MY": "Asia/Kuala_Lumpur", "NL": "Europe/Amsterdam", "NO": "Europe/Oslo", "PH": "Asia/Manila",
    "PL": "Europe/Warsaw", "PT": "Europe/Lisbon", "RO": "Europe/Bucharest", "SE": "Europe/Stockholm",
    "SG": "Asia/Singapore", "SK": "Europe/Bratislava", "TH": "Asia/Bangkok", "TR": "Europe/Istanbul",
    "TW": "Asia/Taipei", "US": "America/Chicago", "VN": "Asia/Ho_Chi_Minh", "ZA": "Africa/Johannesburg",
}  # fmt: skip
WEEKEND = (5, 6)


def next_business_moment(now: dt.datetime, country: str, hours: tuple[int, int]) -> dt.datetime | None:
    """The first moment from ``now`` inside ``hours`` (local [start, end)) on a weekday in ``country``;
    None when the country is unknown (send at once) or ``now`` is already inside them."""
    zone_name = COUNTRY_ZONES.get(country.strip().upper())
    if zone_name is None:
        return None
    start, end = hours
    local = now.astimezone(ZoneInfo(zone_name))
    if local.weekday() not in WEEKEND and start <= local.hour < end:
        return None
    day = local.date() if local.hour < start else local.date() + dt.timedelta(days=1)
    while day.weekday() in WEEKEND:
        day += dt.timedelta(days=1)
    opening = dt.datetime.combine(day, dt.time(start), tzinfo=local.tzinfo)
    return opening.astimezone(dt.UTC)
