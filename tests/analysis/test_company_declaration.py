"""``surveybot declaration``: the company's CMRT written into RMI's blank, reopened and checked."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from rmi.check import check_bytes
from rmi.layouts import layout
from rmi.model import TemplateModel
from rmi.policy import Policy
from rmi.read.template import read_workbook
from storage import ManualClock, open_store
from surveybot.cli import main
from tests.analysis.campaign_fixture import seed_campaign
from tests.analysis.filled import answer_cell, company_cell
from tests.support.jobs import FillJob
from tests.support.workbooks import WorkbookFactory, read_cells

KEY = "CMRT/6.5"
CONFIG = """
[company]
name = "Kestrel Components GmbH"
address = "Hafenstraße 1, Hamburg"
contact_name = "Jana Weber"
contact_email = "jana.weber@kestrel.example"
contact_phone = "+49 40 1234"
authorizer_name = "Tom Berg"
authorizer_title = "Head of Procurement"
authorizer_email = "tom.berg@kestrel.example"
policy_url = "https://kestrel.example/minerals-policy"

[company.policy_answers]
A = "Yes"
B = "Yes"
C = "Yes"
D = "Yes"
F = "Yes"
G = "Yes"
H = "No"
"""


@pytest.fixture
def written(tmp_path: Path, workbook_factory: WorkbookFactory) -> Path:
    data_dir = tmp_path / "data"
    clock = ManualClock(dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    with open_store(data_dir, clock) as store:
        seed_campaign(store, clock, workbook_factory)
    config = tmp_path / "config.toml"
    config.write_text(CONFIG, encoding="utf-8")
    out = tmp_path / "kestrel-cmrt.xlsx"
    code = main(
        ["declaration", "CMRT 2026", "-c", str(config), "--data-dir", str(data_dir), "--out", str(out)]
    )
    assert code == 0
    return out


def test_the_written_declaration_reopens_and_passes_surveybots_own_rules(written: Path) -> None:
    result = check_bytes(written.read_bytes(), written.name, Policy(today=dt.date(2026, 12, 3)))
    assert result.verdict.errors == (), [f.code for f in result.verdict.errors]
    assert result.verdict.accepted
    model = read_workbook(written.read_bytes())
    assert isinstance(model, TemplateModel)
    assert model.company["company_name"].text == "Kestrel Components GmbH"
    assert model.effective_date.date == dt.date(2026, 12, 3)


def test_answers_follow_the_suppliers_and_the_campaigns_numbers(written: Path) -> None:
    model = read_workbook(written.read_bytes())
    assert isinstance(model, TemplateModel)
    values = {a.answer.ref: a.answer.text for a in (*model.mineral_answers, *model.company_answers)}
    assert values[answer_cell(KEY, 3, "Tin")] == "Yes"  # BRAVO sources Tin from covered countries
    assert values[answer_cell(KEY, 3, "Gold")] == "No"
    assert values[answer_cell(KEY, 6, "Tin")] == "Greater than 50%"  # 3 accepted of 5 relevant
    assert values[answer_cell(KEY, 7, "Tin")] == "No"  # not everyone answered, and one is unidentified
    assert values[company_cell(KEY, "E")] == "Yes, in conformance with IPC1755 (e.g., CMRT)"
    assert values[company_cell(KEY, "H")] == "No"
    names = {(s.metal.text, s.smelter_lookup.text, s.smelter_name.text) for s in model.smelters}
    assert ("Tin", "Smelter not listed", "=Pulau Kecil Timah") in names
    cids = [s.derived_cid for s in model.smelters if s.derived_cid]
    assert len(cids) == len(set(cids)) and cids  # the roll-up: each smelter once, found by the Look-up


def test_rmi_checker_counts_nothing_missing_after_libreoffice_recalculates_it(
    written: Path, workbook_factory: WorkbookFactory
) -> None:
    recalculated = workbook_factory.libreoffice(FillJob(template=written))
    total = f"Checker!{layout(KEY).checker_total_cell}"
    assert read_cells(recalculated, [total])[total] == 0


def test_a_config_without_the_company_is_refused_with_what_to_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    with open_store(data_dir) as store:
        store.campaigns.create("CMRT 2026", "CMRT", "6.31", dt.date(2026, 12, 15))
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    assert main(["declaration", "CMRT 2026", "-c", str(config), "--data-dir", str(data_dir)]) == 1
    assert "[company] name" in capsys.readouterr().err


def test_everything_but_the_cells_written_is_rmis_template_byte_for_byte(written: Path) -> None:
    import zipfile

    from rmi.blanks import blank_template

    blank_info = blank_template("CMRT")
    assert blank_info is not None
    blank = zipfile.ZipFile(io.BytesIO(blank_info.read_bytes()))
    ours = zipfile.ZipFile(written)
    assert ours.namelist() == blank.namelist()
    changed = {name for name in blank.namelist() if blank.read(name) != ours.read(name)}
    assert changed <= {
        "xl/sharedStrings.xml",
        "xl/workbook.xml",
        *_sheet_parts(blank, "Declaration", "Smelter List"),
    }
    for name in changed - {"xl/sharedStrings.xml", "xl/workbook.xml"}:
        before, after = blank.read(name), ours.read(name)
        # validations, conditional formats, protection and extensions follow the cell data
        assert before.split(b"</sheetData>")[1] == after.split(b"</sheetData>")[1], name
        assert before.split(b"<sheetData")[0] == after.split(b"<sheetData")[0], name
    assert b'fullCalcOnLoad="1"' in ours.read("xl/workbook.xml")


def _sheet_parts(archive: object, *names: str) -> set[str]:
    from surveybot.writers.xlsx_cells import sheet_parts

    parts = sheet_parts(archive)  # type: ignore[arg-type]
    return {parts[name] for name in names}


@pytest.mark.parametrize(("family", "key"), [("CRT", "CRT/2.21"), ("EMRT", "EMRT/2.1")])
def test_crt_and_emrt_campaigns_get_declarations_that_pass_both_checks(
    tmp_path: Path, workbook_factory: WorkbookFactory, family: str, key: str
) -> None:
    from handlers.company_declaration import plan_company_declaration
    from storage import memory_store
    from surveybot.settings import CompanySettings
    from surveybot.writers.company_declaration import declaration_workbook
    from tests.analysis.stored import accept, add_supplier, open_campaign

    store = memory_store(ManualClock(dt.datetime(2026, 11, 26, tzinfo=dt.UTC)))
    campaign = open_campaign(store, f"{family} 2026", family)
    accept(store, add_supplier(store, "SUP", "Supplier Parts"), campaign, workbook_factory.valid(key))
    company = CompanySettings(
        name="Kestrel Components GmbH",
        contact_name="Jana Weber",
        contact_email="jana@kestrel.example",
        contact_phone="+49 40 1234",
        authorizer_name="Tom Berg",
        authorizer_email="tom@kestrel.example",
        policy_url="https://kestrel.example/policy",
        policy_answers=dict.fromkeys("ABCDEFGHI", "Yes"),  # the survey question is ours
    )
    plan = plan_company_declaration(store, campaign, company)
    path = tmp_path / f"kestrel-{family}.xlsx"
    path.write_bytes(declaration_workbook(plan.blank.read_bytes(), plan.spec, plan.declaration))

    verdict = check_bytes(path.read_bytes(), path.name, Policy(today=dt.date(2026, 11, 26))).verdict
    assert verdict.accepted and verdict.errors == (), [f.code for f in verdict.errors]
    assert plan.declaration.response_share == 1.0
    recalculated = workbook_factory.libreoffice(FillJob(template=path))
    total = f"Checker!{plan.spec.checker_total_cell}"
    assert read_cells(recalculated, [total])[total] == 0
