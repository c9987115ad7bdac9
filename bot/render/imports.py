"""Block Kit for a supplier list uploaded in Slack: the upload form, the dry-run report, the outcome.

Everything from the file - its name, supplier codes, the reasons rows were refused (which quote
cell values) - is outside text and is escaped. The report lists refused rows first (they block the
import) and then what would change, clipped to a screenful with the count of the rest.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from bot.blocks import (
    Block,
    SlackMessage,
    actions,
    button,
    confirm_dialog,
    context,
    escape,
    header,
    line_sections,
    plain,
    section,
)
from handlers.supplier_upload import UploadPreview
from storage.importer import REFUSED, ImportReport

UPLOAD_MODAL = "suppliers_import_upload"
FILE_BLOCK = "supplier_file"
FILE_INPUT = "file"
CONFIRM_ACTION = "suppliers_import_confirm"
CANCEL_ACTION = "suppliers_import_cancel"
REPORT_ROWS = 20
SHOWN_OUTCOMES = (REFUSED, "added", "updated")


def upload_modal(metadata: Mapping[str, str]) -> dict[str, Any]:
    """The form the slash command opens: one CSV or XLSX file; nothing changes until confirmed."""
    return {
        "type": "modal",
        "callback_id": UPLOAD_MODAL,
        "private_metadata": json.dumps(dict(metadata), separators=(",", ":")),
        "title": plain("Import suppliers", 24),
        "submit": plain("Check the file", 24),
        "close": plain("Cancel", 24),
        "blocks": [
            section(
                "Upload procurement's supplier list (CSV or XLSX: supplier code, name, contact email; "
                "country, language, buyer optional). I check every row and show you what would change; "
                "nothing is imported until you confirm."
            ),
            {
                "type": "input",
                "block_id": FILE_BLOCK,
                "label": plain("Supplier list", 2000),
                "element": {
                    "type": "file_input",
                    "action_id": FILE_INPUT,
                    "filetypes": ["csv", "xlsx", "tsv", "txt"],
                    "max_files": 1,
                },
            },
        ],
    }


def preview_message(preview: UploadPreview) -> SlackMessage:
    report = preview.report
    name = escape(preview.file_name)
    blocks: list[Block] = [header(f"Supplier import preview: {preview.file_name}")]
    if not preview.importable:
        text = (
            f"*{len(report.refused):,} row(s) of {name} are refused*, so nothing would be imported. "
            "Fix them in the sheet and upload it again."
        )
        blocks += [section(text), *line_sections(_row_lines(report))]
        return SlackMessage(text=f"{name}: {len(report.refused):,} row(s) refused", blocks=tuple(blocks))
    counts = _counts(report)
    blocks += [
        section(f"{name} (dry run, nothing written yet): {counts}"),
        *line_sections(_row_lines(report)),
    ]
    value = {"h": preview.sha256, "n": preview.file_name[:200], "t": preview.token}
    dialog = confirm_dialog("Import suppliers?", f"Write these changes from {name}?", "Import")
    blocks += actions(
        [
            button("Import", CONFIRM_ACTION, value, style="primary", confirm=dialog),
            button("Cancel", CANCEL_ACTION, {"t": preview.token}),
        ]
    )
    return SlackMessage(text=f"{name}: {counts} - confirm to import", blocks=tuple(blocks))


def imported_message(report: ImportReport, user: str) -> SlackMessage:
    counts = _counts(report)
    text = f"<@{escape(user)}> imported {escape(report.source)}: {counts}."
    return SlackMessage(text=text, blocks=(section(text),))


def cancelled_message(user: str) -> SlackMessage:
    text = f"<@{escape(user)}> cancelled the supplier import; nothing was written."
    return SlackMessage(text=text, blocks=(context(text),))


def _counts(report: ImportReport) -> str:
    return ", ".join(f"{report.count(o):,} {o}" for o in ("added", "updated", "unchanged"))


def _row_lines(report: ImportReport) -> list[str]:
    rows = sorted(
        (r for r in report.rows if r.outcome in SHOWN_OUTCOMES), key=lambda r: (r.outcome != REFUSED, r.line)
    )
    lines = []
    for row in rows[:REPORT_ROWS]:
        reason = f": {escape(row.reason)}" if row.reason else ""
        lines.append(f"row {row.line} `{escape(row.code or '-')}` {row.outcome}{reason}")
    if len(rows) > REPORT_ROWS:
        lines.append(f"…and {len(rows) - REPORT_ROWS:,} more")
    return lines
