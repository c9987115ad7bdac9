"""Facility lists as published (SpreadsheetML export, CSV, XLSX) and the conformance they give."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest

from handlers.analysis_source import conformance
from handlers.facilities import import_facility_list
from rmi.analysis.conformance import Conformance, Standing
from rmi.analysis.facility_files import FacilityListError, facility_list, read_facility_list
from storage import SYSTEM, ManualClock, memory_store
from surveybot.cli import main
from tests.analysis.facility_files import AS_OF, EXPECTED, ROWS, as_csv, as_xlsx, spreadsheetml

FORMATS: dict[str, tuple[str, Callable[[], bytes]]] = {
    "spreadsheetml": ("SmelterRefinerList.xls", spreadsheetml),
    "csv": ("conformant.csv", as_csv),
    "xlsx": ("conformant.xlsx", as_xlsx),
}


@pytest.mark.parametrize("kind", sorted(FORMATS))
def test_each_published_format_gives_every_standing_with_its_scheme_and_the_list_it_used(kind: str) -> None:
    name, make = FORMATS[kind]
    data = make()
    parsed = read_facility_list(data, name, None)
    index = Conformance([facility_list(data, parsed, name, dt.date(2026, 11, 20))])

    for cid, (standing, scheme, eu) in EXPECTED.items():
        verdict = index.verdict(cid, AS_OF)
        assert (verdict.standing.value, verdict.scheme or "", verdict.eu_recognised) == (
            standing,
            scheme,
            eu,
        ), cid
        (used,) = verdict.lists
        assert (used.name, used.list_date, used.sha256) == (
            name,
            dt.date(2026, 11, 20),
            hashlib.sha256(data).hexdigest(),
        )
    assert parsed.skipped_rows == ()


def test_audits_falling_due_within_30_days_are_listed_soonest_first() -> None:
    data = spreadsheetml()
    index = Conformance([facility_list(data, read_facility_list(data, "x.xls", None), "x.xls", AS_OF)])
    assert [(e.facility.cid, e.audit_due) for e in index.expiring(AS_OF)] == [
        ("CID001070", dt.date(2026, 12, 20))
    ]


def test_a_list_without_a_status_column_needs_to_be_told_which_list_it_is() -> None:
    data = as_csv(with_status=False)
    with pytest.raises(FacilityListError, match="--list conformant or --list active"):
        read_facility_list(data, "list.csv", None)
    parsed = read_facility_list(data, "list.csv", Standing.ACTIVE)
    assert {f.listed_as for f in parsed.facilities} == {Standing.ACTIVE}


def test_a_newer_list_that_moves_a_facility_to_active_wins_over_an_older_conformant_one() -> None:
    older = spreadsheetml()
    newer = as_csv(with_status=False)
    index = Conformance(
        [
            facility_list(older, read_facility_list(older, "a.xls", None), "a.xls", dt.date(2026, 10, 1)),
            facility_list(
                newer, read_facility_list(newer, "b.csv", Standing.ACTIVE), "b.csv", dt.date(2026, 11, 1)
            ),
        ]
    )
    assert index.verdict("CID001105", AS_OF).standing is Standing.ACTIVE
    assert len(index.verdict("CID001105", AS_OF).lists) == 2


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("notes.txt", b"hello, world\nno smelters here\n"),
        ("broken.xls", b"<Workbook><unclosed>"),
        ("x.pdf", b"%PDF-1.7"),
        (
            "laughs.xls",
            b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
            b'<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table><Row>'
            b"<Cell><Data>&lol2;</Data></Cell></Row></Table></Worksheet></Workbook>",
        ),
    ],
)
def test_files_that_are_not_facility_lists_are_refused_with_what_to_send(name: str, data: bytes) -> None:
    with pytest.raises(FacilityListError):
        read_facility_list(data, name, None)


def test_importing_keeps_the_list_once_and_verdicts_use_the_list_of_the_date_asked() -> None:
    store = memory_store(ManualClock(dt.datetime(2026, 12, 3, 8, tzinfo=dt.UTC)))
    data = spreadsheetml()
    first = import_facility_list(store, "list.xls", data, SYSTEM, list_date=dt.date(2026, 11, 20))
    again = import_facility_list(store, "list.xls", data, SYSTEM, list_date=dt.date(2026, 11, 20))
    assert first.record == again.record
    assert first.standings == {"conformant": 4, "active": 1, "lapsed": 1}
    assert first.schemes == {"RMAP": 4, "LBMA": 1}

    index = conformance(store, AS_OF)
    assert index is not None and index.verdict("CID000211", AS_OF).standing is Standing.LAPSED
    assert conformance(store, dt.date(2026, 11, 1)) is None  # no list existed yet on that day


def test_cli_imports_a_list_and_lists_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "SmelterRefinerList.xls"
    source.write_bytes(spreadsheetml())
    data_dir = tmp_path / "data"
    assert (
        main(["facilities", "import", str(source), "--date", "2026-11-20", "--data-dir", str(data_dir)]) == 0
    )
    out = capsys.readouterr().out
    assert "SmelterRefinerList.xls: list of 2026-11-20" in out
    assert f"{len(ROWS)} facilities" in out and "LBMA 1" in out
    assert main(["facilities", "list", "--data-dir", str(data_dir)]) == 0
    assert "conformant+active" in capsys.readouterr().out

    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"a,b\n1,2\n")
    assert main(["facilities", "import", str(junk), "--data-dir", str(data_dir)]) == 1
    assert "Smelter ID" in capsys.readouterr().err
