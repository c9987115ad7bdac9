"""The report's files together, named for the campaign and the day: one workbook and three charts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rmi.analysis.report import CampaignReport
from surveybot.writers.report_charts import report_charts
from surveybot.writers.report_xlsx import report_workbook


@dataclass(frozen=True, slots=True)
class ReportFile:
    file_name: str
    title: str
    data: bytes


def report_files(report: CampaignReport) -> tuple[ReportFile, ...]:
    stem = f"report-{safe_name(report.facts.campaign)}-{report.facts.today.isoformat()}"
    workbook = ReportFile(f"{stem}.xlsx", f"Report {report.facts.campaign}", report_workbook(report))
    charts = tuple(
        ReportFile(f"{stem}-{chart.file_name}", chart.title, chart.png) for chart in report_charts(report)
    )
    return (workbook, *charts)


def safe_name(text: str) -> str:
    """A campaign name as a file name part: letters, digits, dots and dashes only."""
    return re.sub(r"[^A-Za-z0-9.-]+", "-", text).strip("-.") or "campaign"
