"""The ``suppliers.import`` operation: the supplier list's bytes in, the per-row report out.

The CLI sends the file's content, not its path: the service may run in another folder (or
container) than the shell that names the file, and what is imported must be what the user chose.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from surveybot.control.args import flag_arg, text_arg
from surveybot.control.protocol import Reply
from surveybot.errors import UserFacingError

if TYPE_CHECKING:
    from surveybot.control.operations import OpContext


def import_args(file_name: str, data: bytes, *, dry_run: bool, summary: bool) -> dict[str, Any]:
    return {
        "file_name": file_name,
        "content_base64": base64.b64encode(data).decode("ascii"),
        "dry_run": dry_run,
        "summary": summary,
    }


def import_(ctx: OpContext, args: Mapping[str, Any]) -> Reply:
    from handlers.supplier_import import MAX_SUPPLIER_FILE, import_supplier_bytes, report_lines

    try:
        data = base64.b64decode(text_arg(args, "content_base64", required=True), validate=True)
    except binascii.Error:
        raise UserFacingError("content_base64 is not base64") from None
    if len(data) > MAX_SUPPLIER_FILE:
        raise UserFacingError(f"the supplier list is larger than {MAX_SUPPLIER_FILE // 2**20} MB")
    dry_run = flag_arg(args, "dry_run") or ctx.store.read_only
    name = text_arg(args, "file_name", required=True)
    report = import_supplier_bytes(ctx.store, name, data, ctx.actor, dry_run=dry_run)
    lines = report_lines(report, summary_only=flag_arg(args, "summary"))
    return Reply(1 if report.refused else 0, tuple(lines))
