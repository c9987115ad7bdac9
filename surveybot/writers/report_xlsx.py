"""The campaign report as an XLSX workbook: one sheet per subject, frozen headers, filters on.

Written in openpyxl's write-only mode (rows streamed, not held as cell objects) so a campaign of
thousands of suppliers and smelters stays fast and small in memory. Cell text from suppliers is
written as text: openpyxl would store a string starting with "=" as a formula, so such a value is
written as a typed text cell and no spreadsheet application ever evaluates it.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

from rmi.analysis.report import CampaignReport

Row = Sequence[Any]


def report_workbook(report: CampaignReport) -> bytes:
    book = Workbook(write_only=True)
    suppliers = {row.supplier_id: row for row in report.facts.suppliers}
    _sheet(book, "Suppliers", _supplier_header(), _supplier_rows(report))
    _sheet(
        book,
        "Findings",
        ("Supplier", "File", "Received", "Code", "Severity", "Cell", "Message"),
        (
            (f.supplier_code, f.file_name, f.received, f.code, f.severity, f.cell, f.message)
            for f in report.facts.findings
        ),
    )
    _sheet(
        book,
        "Scorecard",
        ("Supplier", "Item", "Status", "Reason", "Question", "Answer", "Cell"),
        _score_rows(report, suppliers),
    )
    _sheet(
        book,
        "Risk flags",
        ("Supplier", "Flag", "Mineral", "CID", "Cell", "What"),
        (
            (_code(suppliers, f.supplier_id), f.code, f.mineral or "", f.cid, f.cell, f.message)
            for f in report.flags
        ),
    )
    _sheet(book, "Smelters", _smelter_header(), _smelter_rows(report, suppliers))
    _sheet(
        book,
        "Changes",
        ("Supplier", "Change", "What", "Before", "After", "Cell"),
        _change_rows(report, suppliers),
    )
    _sheet(
        book,
        "Lists used",
        ("List", "Date", "SHA-256"),
        ((ref.name, ref.list_date, ref.sha256) for ref in report.lists),
    )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet(book: Workbook, title: str, header: Row, rows: Iterable[Row]) -> None:
    sheet = book.create_sheet(title)
    sheet.freeze_panes = "A2"
    materialised = [[_safe(sheet, v) for v in row] for row in rows]
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(materialised) + 1}"
    for index, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(60, len(name) + 4))
    sheet.append(list(header))
    for row in materialised:
        sheet.append(row)


def _safe(sheet: Any, value: Any) -> Any:
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"
        return cell
    return value


def _supplier_header() -> Row:
    return (
        "Code",
        "Supplier",
        "Status",
        "Files",
        "Last file",
        "Last verdict",
        "Errors",
        "Warnings",
        "Reminders",
    )


def _supplier_rows(report: CampaignReport) -> Iterable[Row]:
    for r in report.facts.suppliers:
        yield (
            r.code,
            r.name,
            r.state,
            r.files,
            r.last_file,
            r.last_verdict,
            r.errors,
            r.warnings,
            r.reminders,
        )


def _code(suppliers: dict[int, Any], supplier_id: int) -> str:
    row = suppliers.get(supplier_id)
    return row.code if row else str(supplier_id)


def _score_rows(report: CampaignReport, suppliers: dict[int, Any]) -> Iterable[Row]:
    for card in report.scorecards:
        code = _code(suppliers, card.supplier_id)
        for item in card.items:
            if not item.evidence:
                yield (code, item.title, item.status.value, item.reason, "", "", "")
            for e in item.evidence:
                yield (code, item.title, item.status.value, item.reason, e.question, e.answer, e.cell)


def _smelter_header() -> Row:
    return (
        "CID",
        "Metal",
        "Smelter",
        "Country",
        "Conformance",
        "Scheme",
        "EU-recognised",
        "Audit due",
        "Suppliers",
        "Named by",
        "Other names",
    )


def _smelter_rows(report: CampaignReport, suppliers: dict[int, Any]) -> Iterable[Row]:
    for s in (*report.rollup.identified, *report.rollup.unidentified):
        verdict = report.verdicts.get(s.cid) if s.cid else None
        standing = verdict.standing.value if verdict else ("unidentified" if not s.cid else "unknown")
        yield (
            s.cid,
            s.metal,
            s.name,
            s.country,
            standing,
            verdict.scheme if verdict else "",
            "yes" if verdict and verdict.eu_recognised else "no",
            verdict.audit_due if verdict else None,
            s.supplier_count,
            ", ".join(_code(suppliers, i) for i in s.supplier_ids),
            "; ".join(s.names[1:]),
        )


def _change_rows(report: CampaignReport, suppliers: dict[int, Any]) -> Iterable[Row]:
    for c in report.changes:
        code = _code(suppliers, c.supplier_id)
        for s in c.added:
            yield (
                code,
                "smelter added",
                f"{s.cid or '(no CID)'} {s.name or s.typed_name} ({s.metal})",
                "",
                "",
                s.cell,
            )
        for s in c.dropped:
            yield (
                code,
                "smelter dropped",
                f"{s.cid or '(no CID)'} {s.name or s.typed_name} ({s.metal})",
                "",
                "",
                s.cell,
            )
        for a in c.answers:
            what = f"{a.key} {a.mineral}" if a.mineral else a.key
            yield (code, "answer changed", what, a.before, a.after, a.cell)
