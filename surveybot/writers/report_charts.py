"""The campaign report's charts as PNG: responses over time, status breakdown, conformance share.

matplotlib with the Agg backend, chosen per figure (``FigureCanvasAgg``), never through pyplot: no
display, no global state shared between threads (the Slack app builds reports in worker threads).
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from matplotlib import dates as mdates
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from rmi.analysis.report import CampaignReport

TIMELINE = "Responses and acceptances over time"
STATUS = "Status breakdown"
CONFORMANCE = "Smelter conformance"
_COLOURS = {
    "conformant": "#2e7d32",
    "active": "#f9a825",
    "lapsed": "#ef6c00",
    "not listed": "#c62828",
    "unknown": "#9e9e9e",
    "unidentified": "#6d4c41",
}


_DATE2NUM: Any = mdates.date2num  # untyped in matplotlib's own annotations


def date2num(days: Any) -> Any:
    return _DATE2NUM(days)


@dataclass(frozen=True, slots=True)
class Chart:
    file_name: str
    title: str
    png: bytes


def report_charts(report: CampaignReport) -> tuple[Chart, ...]:
    facts = report.facts
    return (
        Chart(
            "timeline.png", TIMELINE, _timeline(facts.campaign, facts.responses, facts.acceptances, facts.due)
        ),
        Chart("status.png", STATUS, _bars(f"{STATUS} - {facts.campaign}", report.status_breakdown())),
        Chart(
            "conformance.png",
            CONFORMANCE,
            _share(f"{CONFORMANCE} - {facts.campaign}", report.conformance_share()),
        ),
    )


def _figure() -> Figure:
    figure = Figure(figsize=(8, 4.5), dpi=100)
    FigureCanvasAgg(figure)
    return figure


def _png(figure: Figure, title: str) -> bytes:
    """The PNG, its title also in the file's metadata (what image viewers and tests read)."""
    out = io.BytesIO()
    figure.tight_layout()
    figure.savefig(out, format="png", metadata={"Title": title, "Software": "surveybot"})
    return out.getvalue()


def _cumulative(days: Sequence[dt.date]) -> tuple[list[dt.date], list[int]]:
    counts = Counter(days)
    xs, ys, total = [], [], 0
    for day in sorted(counts):
        total += counts[day]
        xs.append(day)
        ys.append(total)
    return xs, ys


def _timeline(
    campaign: str, responses: Sequence[dt.date], acceptances: Sequence[dt.date], due: dt.date
) -> bytes:
    figure = _figure()
    axes = figure.add_subplot()
    for label, days in (("responded", responses), ("accepted", acceptances)):
        xs, ys = _cumulative(days)
        axes.step(date2num(xs), ys, where="post", label=f"{label} ({len(days)})")
    axes.axvline(float(date2num(due)), color="#c62828", linestyle="--", label=f"due {due.isoformat()}")
    axes.xaxis_date()
    title = f"{TIMELINE} - {campaign}"
    axes.set_title(title)
    axes.set_ylabel("suppliers")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend(loc="upper left")
    figure.autofmt_xdate()
    return _png(figure, title)


def _bars(title: str, counts: dict[str, int]) -> bytes:
    figure = _figure()
    axes = figure.add_subplot()
    names = sorted(counts, key=lambda k: -counts[k])
    axes.bar(names, [counts[n] for n in names], color="#1565c0")
    for x, name in enumerate(names):
        axes.annotate(str(counts[name]), (x, counts[name]), ha="center", va="bottom")
    axes.set_title(title)
    axes.set_ylabel("suppliers")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.margins(y=0.1)
    return _png(figure, title)


def _share(title: str, counts: dict[str, int]) -> bytes:
    figure = _figure()
    axes = figure.add_subplot()
    names = [n for n in _COLOURS if counts.get(n)]
    if names:
        axes.pie(
            [counts[n] for n in names],
            labels=[f"{n} ({counts[n]})" for n in names],
            colors=[_COLOURS[n] for n in names],
            autopct="%1.0f%%",
            startangle=90,
        )
    else:
        axes.text(0.5, 0.5, "no smelters in accepted files yet", ha="center", va="center")
        axes.set_axis_off()
    axes.set_title(title)
    return _png(figure, title)
