"""Roll-up, conformance and report for 1,000 accepted declarations of about 300 smelters each.

Measures, each in a fresh child process (so its peak RSS is its own), on synthetic declarations
shaped like the reader's (``rmi.analysis.declaration``: CIDs drawn from a pool of 600 smelters,
about the 3TG smelters RMI knows, with about 5 % unidentified rows, every answer with its cell) and
a 300-row RMI facility list (half the pool listed, as on RMI's lists) in the SpreadsheetML export:

  * ours: facility list parsed, ``analyse`` (roll-up, conformance verdicts, scorecards, risk flags,
    year over year for a third of the suppliers), the report workbook (openpyxl write-only) and
    the three PNG charts;
  * baseline, same run: the naive shape - roll-up by scanning a list of seen smelters for each row,
    verdicts by scanning the facility rows for each smelter, and the workbook written in openpyxl's
    ordinary (cell object) mode.

Reading the 1,000 files back from the store is not part of it: ``bench/read_bench.py`` measures
the reader (about 30 ms per file of 300 rows, so ~30 s on one core for 1,000 files).
Targets (issue 15): ≤ 15 s and ≤ 600 MB peak on 2 cores.  Run: ``.venv/bin/python bench/analysis_bench.py``
"""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from multiprocessing import get_context

from rmi.analysis.conformance import Conformance, Standing
from rmi.analysis.declaration import Answer, Declaration, ListedSmelter
from rmi.analysis.facility_files import facility_list, read_facility_list
from rmi.analysis.report import FindingRow, ReportFacts, SupplierRow, analyse
from rmi.analysis.scorecard import Cooperation

N_DECLARATIONS = 1_000
SMELTERS_EACH = 300
POOL = 600  # about the 3TG smelters RMI's Look-up knows
LISTED = 300  # conformant + active: about half of them, as on RMI's lists
TODAY = dt.date(2026, 12, 3)
METALS = ("Tantalum", "Tin", "Gold", "Tungsten")
QUESTIONS = (
    ("Q1", "Is any 3TG intentionally added or used in the product(s) or in the production process?"),
    ("Q3", "Do any of the smelters in your supply chain source the 3TG from the covered countries?"),
    ("Q7", "Have you identified all of the smelters supplying the 3TG to your supply chain?"),
)
COMPANY = (
    ("A", "Have you established a responsible minerals sourcing policy?"),
    ("B", "Is your responsible minerals sourcing policy publicly available on your website?"),
    ("C", "Do you require your direct suppliers to source the 3TG from smelters whose due diligence ..."),
    ("D", "Have you implemented due diligence measures for responsible sourcing?"),
    ("G", "Does your review process include corrective action management?"),
)


def cid(n: int) -> str:
    return f"CID{n:06d}"


def declaration(n: int, rng: random.Random, received: dt.datetime, submission_id: int) -> Declaration:
    picks = rng.sample(range(POOL), SMELTERS_EACH)
    smelters = tuple(
        ListedSmelter(
            5 + row,
            f"Smelter List!A{5 + row}",
            METALS[p % 4],
            "" if p % 20 == 0 else cid(p),
            f"Smelter {p}",
            "CHINA",
            f"Smelter {p} alias {n % 3}",
            p % 20 == 0,
        )
        for row, p in enumerate(picks)
    )
    answers = [
        Answer(key, text, rng.choice(("Yes", "No", "No", "No")), f"Declaration!D{30 + i * 5 + m}", "", metal)
        for i, (key, text) in enumerate(QUESTIONS)
        for m, metal in enumerate(METALS)
    ]
    answers += [
        Answer(
            k,
            t,
            "Yes",
            f"Declaration!D{75 + 2 * i}",
            "https://example.com/policy",
            None,
            f"Declaration!G{75 + 2 * i}",
        )
        for i, (k, t) in enumerate(COMPANY)
    ]
    return Declaration(
        submission_id,
        n,
        1,
        received,
        "CMRT",
        "6.5",
        f"Supplier {n}",
        TODAY - dt.timedelta(days=n % 500),
        "Declaration!D22",
        METALS,
        tuple(answers),
        smelters,
    )


def facility_xml(rng: random.Random) -> bytes:
    rows = []
    for p in rng.sample(range(POOL), LISTED):
        status = "Active" if p % 7 == 0 else "Conformant"
        audit = TODAY - dt.timedelta(days=rng.randrange(0, 500))
        cells = (
            cid(p),
            f"Smelter {p}",
            METALS[p % 4],
            "CHINA",
            audit.isoformat() + "T00:00:00.000",
            "1 Year",
            "No",
            status,
            "LBMA" if p % 11 == 0 else "RMAP",
        )
        rows.append(
            "<Row>" + "".join(f'<Cell><Data ss:Type="String">{c}</Data></Cell>' for c in cells) + "</Row>"
        )
    header = (
        "Smelter ID",
        "Standard Smelter Name",
        "Metal",
        "Country",
        "Last Audit Date",
        "Audit Cycle",
        "Re-Audit In Progress",
        "Status",
        "Assessment Program",
    )
    head = "<Row>" + "".join(f'<Cell><Data ss:Type="String">{h}</Data></Cell>' for h in header) + "</Row>"
    return (
        '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="List"><Table>'
        + head
        + "".join(rows)
        + "</Table></Worksheet></Workbook>"
    ).encode()


def facts(conformance: Conformance | None) -> ReportFacts:
    rng = random.Random(15)
    start = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)
    current = tuple(
        declaration(n, rng, start + dt.timedelta(hours=n), n + 10_000) for n in range(N_DECLARATIONS)
    )
    previous = {
        n: declaration(n, rng, start - dt.timedelta(days=365), n) for n in range(0, N_DECLARATIONS, 3)
    }
    suppliers = tuple(
        SupplierRow(n, f"S{n:05d}", f"Supplier {n}", "accepted", 2, "cmrt.xlsx", "accepted", 0, 1, 1)
        for n in range(N_DECLARATIONS)
    )
    findings = tuple(
        FindingRow(f"S{n:05d}", "cmrt.xlsx", TODAY, "CMRT-X", "warning", "Declaration!D22", "late")
        for n in range(N_DECLARATIONS)
    )
    days = tuple(d.received_at.date() for d in current)
    coop = {
        n: Cooperation(dt.date(2026, 12, 15), current[n].received_at, 1, 1) for n in range(N_DECLARATIONS)
    }
    return ReportFacts(
        "Bench 2026",
        "CMRT",
        dt.date(2026, 12, 15),
        TODAY,
        suppliers,
        findings,
        days,
        days,
        current,
        coop,
        previous,
        conformance,
        TODAY - dt.timedelta(days=365),
    )


def ours() -> dict[str, float]:
    from surveybot.writers.report_charts import report_charts
    from surveybot.writers.report_xlsx import report_workbook

    data = facility_xml(random.Random(7))
    base = facts(None)  # building the inputs is not timed
    timings: dict[str, float] = {}
    start = time.perf_counter()
    index = Conformance([facility_list(data, read_facility_list(data, "list.xml", None), "list.xml", TODAY)])
    report = analyse(replace(base, conformance=index))
    timings["facility list + roll-up + conformance + scorecards + flags + changes"] = (
        time.perf_counter() - start
    )
    mark = time.perf_counter()
    workbook = report_workbook(report)
    timings["report workbook"] = time.perf_counter() - mark
    mark = time.perf_counter()
    charts = report_charts(report)
    timings["three charts"] = time.perf_counter() - mark
    timings["total"] = time.perf_counter() - start
    timings["smelters rolled up"] = len(report.rollup.identified) + len(report.rollup.unidentified)
    timings["workbook MB"] = len(workbook) / 1e6
    timings["chart bytes"] = sum(len(c.png) for c in charts)
    return timings


def naive() -> dict[str, float]:
    from openpyxl import Workbook

    data = facility_xml(random.Random(7))
    base = facts(None)
    start = time.perf_counter()
    rows = read_facility_list(data, "list.xml", None).facilities
    seen: list[tuple[str, list[int]]] = []
    for d in base.declarations:
        for s in d.smelters:
            key = s.cid or s.typed_name
            match = next((entry for entry in seen if entry[0] == key), None)
            if match is None:
                seen.append((key, [d.supplier_id]))
            else:
                match[1].append(d.supplier_id)
    standings = {
        key: next((f.listed_as for f in rows if f.cid == key), Standing.NOT_LISTED) for key, _ in seen
    }
    book = Workbook()
    sheet = book.active
    for key, suppliers in seen:
        sheet.append([key, standings[key].value, len(suppliers), ", ".join(map(str, sorted(set(suppliers))))])
    for d in base.declarations:
        for s in d.smelters:
            sheet.append(
                [d.supplier_id, s.cid, s.metal, s.name, standings.get(s.cid or s.typed_name, "").__str__()]
            )
    book.save(io.BytesIO())
    return {"total": time.perf_counter() - start}


def _child(name: str, queue: object) -> None:
    fn: Callable[[], dict[str, float]] = {"ours": ours, "naive": naive}[name]
    result = fn()
    result["peak RSS MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put(result)  # type: ignore[attr-defined]


def measure(name: str) -> dict[str, float]:
    context = get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_child, args=(name, queue))
    process.start()
    result: dict[str, float] = queue.get()
    process.join()
    return result


def main() -> int:
    cores = len(os.sched_getaffinity(0))
    print(
        f"analysis bench: {N_DECLARATIONS:,} accepted declarations × {SMELTERS_EACH} smelters "
        f"(pool {POOL:,}, ~5 % unidentified), facility list of {LISTED} rows, {cores} cores"
    )
    baseline = measure("naive")
    result = measure("ours")
    for key, value in result.items():
        unit = "" if "MB" in key or "smelters" in key or "bytes" in key else " s"
        print(f"  {key:<72} {value:>10,.2f}{unit}")
    print(
        f"  baseline (naive list scans, openpyxl cell mode): {baseline['total']:.2f} s, "
        f"peak RSS {baseline['peak RSS MB']:.0f} MB"
    )
    print(f"  ratio: {baseline['total'] / result['total']:.1f}× faster than the baseline")
    ok = result["total"] <= 15 and result["peak RSS MB"] <= 600
    print(f"  targets ≤ 15 s and ≤ 600 MB: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
