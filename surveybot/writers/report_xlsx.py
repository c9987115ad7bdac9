"""The campaign report as an XLSX workbook: one sheet per subject, frozen headers, filters on.

Laid out here, written by ``surveybot.writers.xlsx_stream`` (rows streamed as XML text: a report of
a million cells in seconds; supplier text stays text, never a formula).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from rmi.analysis.report import CampaignReport
from surveybot.writers.xlsx_stream import Sheet, write_workbook

Row = Sequence[Any]


def report_workbook(report: CampaignReport) -> bytes:
    suppliers = {row.supplier_id: row for row in report.facts.suppliers}
    return write_workbook(
        (
            Sheet("Suppliers", _supplier_header(), _supplier_rows(report)),
            Sheet(
                "Findings",
                ("Supplier", "File", "Received", "Code", "Severity", "Cell", "Message"),
                (
                    (f.supplier_code, f.file_name, f.received, f.code, f.severity, f.cell, f.message)
                    for f in report.facts.findings
                ),
            ),
            Sheet(
                "Scorecard",
                ("Supplier", "Item", "Status", "Reason", "Question", "Answer", "Cell"),
                _score_rows(report, suppliers),
            ),
            Sheet(
                "Risk flags",
                ("Supplier", "Flag", "Mineral", "CID", "Cell", "What"),
                (
                    (_code(suppliers, f.supplier_id), f.code, f.mineral or "", f.cid, f.cell, f.message)
                    for f in report.flags
                ),
            ),
            Sheet("Smelters", _smelter_header(), _smelter_rows(report, suppliers)),
            Sheet(
                "Changes",
                ("Supplier", "Change", "What", "Before", "After", "Cell"),
                _change_rows(report, suppliers),
            ),
            Sheet(
                "Lists used",
                ("List", "Date", "SHA-256"),
                ((r.name, r.list_date, r.sha256) for r in report.lists),
            ),
        )
    )


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
