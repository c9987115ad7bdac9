"""``surveybot report``: the workbook reopened and checked, the charts produced and looked at."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image

from handlers.campaign_report import campaign_report
from storage import SYSTEM, Contact, Evidence, ManualClock, SupplierDraft, open_store
from surveybot.cli import main
from surveybot.writers.report_charts import CONFORMANCE, STATUS, TIMELINE
from tests.analysis.campaign_fixture import seed_campaign
from tests.analysis.facility_files import EXPECTED
from tests.analysis.filled import answer_cell
from tests.support.workbooks import WorkbookFactory


@pytest.fixture
def data_dir(tmp_path: Path, workbook_factory: WorkbookFactory) -> Path:
    folder = tmp_path / "data"
    clock = ManualClock(dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    with open_store(folder, clock) as store:
        seed_campaign(store, clock, workbook_factory)
    return folder


def _rows(sheet: object) -> list[tuple[object, ...]]:
    return [tuple(row) for row in sheet.iter_rows(values_only=True)]  # type: ignore[attr-defined]


def test_report_workbook_has_every_sheet_with_frozen_headers_filters_and_traced_values(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["report", "CMRT 2026", "--out", str(out), "--data-dir", str(data_dir)]) == 0
    written = sorted(p.name for p in out.iterdir())
    stem = "report-CMRT-2026-" + dt.date.today().isoformat()
    assert written == sorted(
        f"{stem}{suffix}" for suffix in (".xlsx", "-timeline.png", "-status.png", "-conformance.png")
    )
    assert capsys.readouterr().out.count(str(out)) == 4

    book = load_workbook(out / f"{stem}.xlsx")
    assert book.sheetnames == [
        "Suppliers",
        "Findings",
        "Scorecard",
        "Risk flags",
        "Smelters",
        "Changes",
        "Lists used",
    ]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"

    suppliers = {row[0]: row for row in _rows(book["Suppliers"])[1:]}
    assert {code: row[2] for code, row in suppliers.items()} == {
        "ALPHA": "accepted",
        "BRAVO": "accepted",
        "CHARLIE": "rejected",
        "DELTA": "invited",
        "ECHO": "accepted",
    }
    assert suppliers["BRAVO"][1] == "=Bravo <Alloys>"  # a supplier's "formula" stays text
    assert book["Suppliers"]["B3"].data_type == "s"
    (finding,) = _rows(book["Findings"])[1:]
    assert finding[:6] == (
        "CHARLIE",
        "charlie CMRT.xlsx",
        dt.datetime(2026, 11, 10),
        "CMRT-DECL-COMPANY",
        "error",
        "Declaration!D8",
    )

    tin_q3 = answer_cell("CMRT/6.5", 3, "Tin")
    flags = _rows(book["Risk flags"])[1:]
    assert ("BRAVO", "FLAG-COVERED-COUNTRIES", "Tin", None, tin_q3) in [f[:5] for f in flags]
    assert any(f[1] == "FLAG-SMELTER-NOT-LISTED" and "=Pulau Kecil Timah" in f[5] for f in flags)
    score = [r for r in _rows(book["Scorecard"])[1:] if r[0] == "BRAVO" and r[6] == tin_q3]
    assert score and score[0][2] == "not met" and score[0][5] == "Tin: Yes"

    smelters = _rows(book["Smelters"])
    assert smelters[0][:5] == ("CID", "Metal", "Smelter", "Country", "Conformance")
    body = smelters[1:]
    assert len({r[0] for r in body if r[0]}) == len([r for r in body if r[0]])  # each CID once
    assert {"not listed", "unidentified"} <= {r[4] for r in body}
    on_list = [r for r in body if r[0] in EXPECTED]
    assert on_list and all((r[4], r[5]) == EXPECTED[r[0]][:2] for r in on_list)  # verdict and scheme
    unlisted = next(r for r in body if r[4] == "unidentified")
    assert (unlisted[2], unlisted[8], unlisted[9]) == ("=Pulau Kecil Timah", 1, "BRAVO")

    changes = _rows(book["Changes"])[1:]
    assert [r[:2] for r in changes] == [("ECHO", "smelter dropped")]
    (used,) = _rows(book["Lists used"])[1:]
    assert used[:2] == ("rmi-facilities.xls", dt.datetime(2026, 11, 20))


def test_charts_are_pngs_with_their_titles_and_pictures_in_them(data_dir: Path) -> None:
    from surveybot.writers.report_charts import report_charts

    with open_store(data_dir, read_only=True) as store:
        report = campaign_report(store, store.campaigns.by_name("CMRT 2026"))  # type: ignore[arg-type]
    charts = {chart.title: chart for chart in report_charts(report)}
    assert set(charts) == {TIMELINE, STATUS, CONFORMANCE}
    assert report.status_breakdown() == {"accepted": 3, "rejected": 1, "invited": 1}
    for title, chart in charts.items():
        image = Image.open(io.BytesIO(chart.png))
        assert (image.format, image.size) == ("PNG", (800, 450))
        assert image.info["Title"] == f"{title} - CMRT 2026"
        colours = image.convert("RGB").getcolors(maxcolors=100_000)
        assert colours is not None and len(colours) > 20  # drawn, not a blank canvas


def test_a_campaign_with_no_file_yet_still_gets_a_readable_report_and_charts(tmp_path: Path) -> None:
    from PIL import Image

    data_dir = tmp_path / "data"
    with open_store(data_dir) as store:
        campaign = store.campaigns.create("Empty 2026", "CMRT", "6.31", dt.date(2026, 12, 15))
        supplier = store.suppliers.add(SupplierDraft("LATE", "Late Ltd", (Contact("late@example.com"),)))
        store.assignments.invite(campaign.id, [supplier.id])
    out = tmp_path / "out"
    assert main(["report", "Empty 2026", "--out", str(out), "--data-dir", str(data_dir)]) == 0
    workbook = next(out.glob("*.xlsx"))
    book = load_workbook(workbook)
    assert _rows(book["Suppliers"])[1][:3] == ("LATE", "Late Ltd", "invited")
    assert book["Smelters"].max_row == 1
    for png in out.glob("*.png"):
        assert Image.open(png).size == (800, 450)


def test_as_of_a_past_day_the_report_uses_the_facility_list_of_that_day(
    data_dir: Path, tmp_path: Path
) -> None:
    from handlers.facilities import import_facility_list
    from storage import SYSTEM
    from tests.analysis.facility_files import ROWS, spreadsheetml

    def report(as_of: str) -> tuple[list[object], dict[object, object]]:
        out = tmp_path / as_of
        argv = ["report", "CMRT 2026", "--out", str(out), "--data-dir", str(data_dir), "--as-of", as_of]
        assert main(argv) == 0
        book = load_workbook(next(out.glob("*.xlsx")))
        lists = [row[0] for row in _rows(book["Lists used"])[1:]]
        return lists, {row[0]: row[4] for row in _rows(book["Smelters"])[1:]}

    _, before = report("2026-11-25")
    named = next(cid for cid, standing in before.items() if standing == "conformant")
    newer = tuple(row for row in ROWS if row.cid != named)  # it left the list on 1 December
    with open_store(data_dir) as store:
        import_facility_list(
            store, "december.xls", spreadsheetml(newer), SYSTEM, list_date=dt.date(2026, 12, 1)
        )

    assert report("2026-11-26") == (["rmi-facilities.xls"], before)  # the state on that day, again
    lists, after = report("2026-12-02")
    assert lists == ["december.xls"]
    assert after[named] == "not listed"


def test_the_report_scorecard_shows_who_agreed_to_the_policy_with_evidence_and_who_did_not(
    data_dir: Path, tmp_path: Path
) -> None:
    sentence = "We agree to the Responsible Minerals Procurement Policy, version 2026-1."
    with open_store(data_dir, ManualClock(dt.datetime(2026, 11, 20, 9, tzinfo=dt.UTC))) as store:
        alpha = store.suppliers.by_code("ALPHA")
        assert alpha is not None
        store.agreements.add(
            alpha.id, "2026-1", Evidence.REPLY, SYSTEM, message_id="<a@alpha>", quoted=sentence
        )
    out = tmp_path / "out"
    args = [
        "report",
        "CMRT 2026",
        "--out",
        str(out),
        "--data-dir",
        str(data_dir),
        "--policy-version",
        "2026-1",
    ]
    assert main(args) == 0
    rows = _rows(load_workbook(next(out.glob("*.xlsx")))["Scorecard"])
    agreed = {r[0]: r[2:6] for r in rows[1:] if r[1] == "Agreed to our responsible-minerals policy"}
    assert agreed["ALPHA"] == (
        "met",
        "agreed to policy version 2026-1 on 2026-11-20",
        "Agreement to our policy, version 2026-1",
        f'reply <a@alpha>: "{sentence}"',
    )
    assert agreed["BRAVO"] == ("not met", "has not agreed to policy version 2026-1", None, None)
