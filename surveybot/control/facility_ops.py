"""The ``facilities.import`` operation: an RMI facility list's bytes in, what was kept out.

Like the supplier import, the CLI sends the file's content, so the running service imports exactly
the file the user named without needing access to where it lies.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from surveybot.control.args import text_arg
from surveybot.control.protocol import Reply
from surveybot.errors import UserFacingError

if TYPE_CHECKING:
    from surveybot.control.operations import OpContext

STANDINGS = ("conformant", "active")


def import_args(
    file_name: str, data: bytes, *, listed_as: str | None, list_date: dt.date | None
) -> dict[str, Any]:
    return {
        "file_name": file_name,
        "content_base64": base64.b64encode(data).decode("ascii"),
        "listed_as": listed_as or "",
        "list_date": list_date.isoformat() if list_date else "",
    }


def import_(ctx: OpContext, args: Mapping[str, Any]) -> Reply:
    from handlers.facilities import import_facility_list
    from rmi.analysis.conformance import Standing

    try:
        data = base64.b64decode(text_arg(args, "content_base64", required=True), validate=True)
    except binascii.Error:
        raise UserFacingError("content_base64 is not base64") from None
    listed_as = text_arg(args, "listed_as")
    if listed_as and listed_as not in STANDINGS:
        raise UserFacingError(f"listed_as must be one of {', '.join(STANDINGS)}")
    result = import_facility_list(
        ctx.store,
        text_arg(args, "file_name", required=True),
        data,
        ctx.actor,
        listed_as=Standing(listed_as) if listed_as else None,
        list_date=_day(text_arg(args, "list_date")),
    )
    return Reply(0, tuple(_lines(result)))


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        raise UserFacingError("list_date must be a date like 2026-12-31") from None


def _lines(result: Any) -> list[str]:
    record = result.record
    standings = ", ".join(f"{n} {name}" for name, n in sorted(result.standings.items()))
    schemes = ", ".join(f"{name} {n}" for name, n in sorted(result.schemes.items()))
    lines = [
        f"{record.file_name}: list of {record.list_date.isoformat()}, sha256 {record.sha256[:12]}…",
        f"  {record.rows} facilities: {standings}"
        + (f" (conformant by scheme: {schemes})" if schemes else ""),
    ]
    if result.parsed.skipped_rows:
        shown = ", ".join(str(n) for n in result.parsed.skipped_rows[:10])
        lines.append(
            f"  {len(result.parsed.skipped_rows)} row(s) skipped (no Smelter ID or status): rows {shown}"
        )
    return lines
