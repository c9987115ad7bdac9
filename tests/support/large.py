"""Big returned templates for benches: a valid declaration with ~1,000 Smelter List rows.

Rows cycle through the template's own Smelter Look-up (dropdown picks, every tenth row a typed CID,
contact details and comments filled), so readers and rules do realistic work on every row.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.support.answers import lookup_rows, valid_answers
from tests.support.jobs import FillJob, SmelterEntry
from tests.support.libreoffice import LibreOfficeSession, fill_many
from tests.support.scripted import openpyxl_cached


def large_smelter_rows(key: str, rows: int) -> tuple[SmelterEntry, ...]:
    """``rows`` Smelter List entries drawn from the template's own Look-up sheet, declared metals only."""
    answers = valid_answers(key, today=dt.date(2026, 1, 1))
    pool = [row for row in lookup_rows(key) if row.metal in answers.minerals and row.cid.startswith("CID")]
    if not pool:
        raise ValueError(f"{key} has no Smelter Look-up rows to draw from")
    entries = []
    for index in range(rows):
        source = pool[index % len(pool)]
        extra = {
            "smelter_contact_name": f"Contact {index + 1}",
            "smelter_contact_email": f"smelter{index + 1}@example.com",
            "comments": f"Reported by tier-2 supplier #{index % 37 + 1}",
        }
        if index % 10 == 9:
            entries.append(SmelterEntry(cid=source.cid, extra=extra))
        else:
            entries.append(SmelterEntry(metal=source.metal, lookup_name=source.alias, extra=extra))
    return tuple(entries)


def build_large_workbook(
    key: str = "CMRT/6.5",
    *,
    rows: int = 1000,
    today: dt.date,
    engine: str = "libreoffice",
    session: LibreOfficeSession | None = None,
) -> Path:
    """A cached, valid, filled template of ``key`` with ``rows`` smelter rows (read-only path)."""
    job = large_job(key, rows=rows, today=today)
    if engine == "openpyxl":
        return openpyxl_cached(job)
    (path,) = fill_many([job], session=session)
    return path


def large_job(key: str = "CMRT/6.5", *, rows: int = 1000, today: dt.date) -> FillJob:
    """The fill job of ``build_large_workbook`` (for planning it with other workbooks)."""
    return valid_answers(key, today=today).with_smelters(large_smelter_rows(key, rows)).job()
