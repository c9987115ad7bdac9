"""Scorecards and risk flags of filled templates of every family, each value traced to its cell."""

from __future__ import annotations

import datetime as dt

import pytest

from rmi.analysis.conformance import ListRef, Standing, Verdict
from rmi.analysis.declaration import Declaration
from rmi.analysis.flags import risk_flags
from rmi.analysis.scorecard import Cooperation, PolicyAgreement, Status, scorecard
from tests.analysis.filled import answer_cell, company_cell, declaration
from tests.support.answers import POLICY_URL
from tests.support.jobs import SmelterEntry
from tests.support.workbooks import WorkbookFactory

LIST = ListRef("conformant.xml", dt.date(2026, 11, 20), "ab" * 32)
ON_TIME = Cooperation(dt.date(2026, 12, 15), dt.datetime(2026, 11, 2, tzinfo=dt.UTC), 0, 1)
AGREED = PolicyAgreement("2026-1", dt.date(2026, 11, 3), "reply <a1@kestrel.example>")


def _all(d: Declaration, standing: Standing) -> dict[str, Verdict]:
    return {s.cid: Verdict(s.cid, standing, "RMAP", None, (LIST,)) for s in d.smelters if s.cid}


def test_a_clean_cmrt_meets_every_request_and_each_item_names_its_question_answer_and_cell(
    workbook_factory: WorkbookFactory,
) -> None:
    requires_suppliers = company_cell("CMRT/6.5", "C")  # the shared valid set answers it No
    answers = workbook_factory.answers("CMRT/6.5").with_cells({requires_suppliers: "Yes"})
    d = declaration(workbook_factory.libreoffice(answers))
    card = scorecard(d, ON_TIME, agreed=AGREED, verdicts=_all(d, Standing.CONFORMANT))

    assert {i.code: i.status for i in card.items} == {
        "SCORE-AGREED": Status.MET,
        "SCORE-OWN-POLICY": Status.MET,
        "SCORE-PUBLIC-POLICY": Status.MET,
        "SCORE-MECHANISMS": Status.MET,
        "SCORE-EXCLUSION": Status.MET,
        "SCORE-COOPERATES": Status.MET,
    }
    own = card.item("SCORE-OWN-POLICY").evidence[0]
    assert (own.question, own.answer, own.cell) == (
        "Have you established a responsible minerals sourcing policy?",
        "Yes",
        company_cell("CMRT/6.5", "A"),
    )
    public = card.item("SCORE-PUBLIC-POLICY").evidence
    assert [(e.answer, e.cell) for e in public] == [
        ("Yes", "Declaration!D77"),
        (POLICY_URL, "Declaration!G77"),
    ]
    exclusion = card.item("SCORE-EXCLUSION").evidence
    assert ("Tin: No", answer_cell("CMRT/6.5", 3, "Tin")) in [(e.answer, e.cell) for e in exclusion]
    assert risk_flags(d, verdicts=_all(d, Standing.CONFORMANT)) == ()


def test_without_a_facility_list_or_an_agreement_the_items_stay_unknown_not_failed(
    workbook_factory: WorkbookFactory,
) -> None:
    d = declaration(workbook_factory.valid("CMRT/6.5"))
    card = scorecard(d, ON_TIME)
    assert card.item("SCORE-AGREED").status is Status.UNKNOWN
    assert card.item("SCORE-AGREED").reason == "no policy version configured"
    assert card.item("SCORE-EXCLUSION").status is Status.UNKNOWN
    assert card.item("SCORE-EXCLUSION").reason == "no facility list imported"


def test_covered_countries_yes_fails_exclusion_and_flags_the_mineral_at_its_cell(
    workbook_factory: WorkbookFactory,
) -> None:
    tin_q3 = answer_cell("CMRT/6.5", 3, "Tin")
    answers = workbook_factory.answers("CMRT/6.5").with_cells({tin_q3: "Yes"})
    d = declaration(workbook_factory.libreoffice(answers))

    card = scorecard(d, ON_TIME, verdicts=_all(d, Standing.CONFORMANT))
    assert card.item("SCORE-EXCLUSION").status is Status.NOT_MET
    (flag,) = risk_flags(d)
    assert (flag.code, flag.cell, flag.mineral) == ("FLAG-COVERED-COUNTRIES", tin_q3, "Tin")


def test_a_no_to_requiring_suppliers_to_use_audited_smelters_fails_the_mechanisms_item(
    workbook_factory: WorkbookFactory,
) -> None:
    d = declaration(workbook_factory.valid("CMRT/6.5"))  # question C is answered No there
    item = scorecard(d, ON_TIME).item("SCORE-MECHANISMS")
    assert item.status is Status.NOT_MET
    assert [(e.answer, e.cell) for e in item.evidence] == [
        ("No", company_cell("CMRT/6.5", "C")),
        ("Yes", company_cell("CMRT/6.5", "D")),
        ("Yes", company_cell("CMRT/6.5", "G")),
    ]


def test_non_conformant_and_not_listed_smelters_and_a_stale_date_are_flagged(
    workbook_factory: WorkbookFactory,
) -> None:
    answers = workbook_factory.answers("CMRT/6.5")
    unlisted = SmelterEntry(
        metal="Tin", lookup_name="Smelter not listed", name="Pulau Kecil Timah", country="INDONESIA"
    )
    d = declaration(workbook_factory.libreoffice(answers.with_smelters([*answers.smelters, unlisted])))
    first = next(s for s in d.smelters if s.cid)
    verdicts = {
        **_all(d, Standing.CONFORMANT),
        first.cid: Verdict(first.cid, Standing.LAPSED, "RMAP", None, (LIST,)),
    }
    assert d.effective_date is not None
    flags = risk_flags(d, cutoff=d.effective_date + dt.timedelta(days=1), verdicts=verdicts)

    by_code = {f.code: f for f in flags}
    assert by_code["FLAG-SMELTER-NOT-CONFORMANT"].cell == first.cell
    assert "lapsed" in by_code["FLAG-SMELTER-NOT-CONFORMANT"].message
    assert "Pulau Kecil Timah" in by_code["FLAG-SMELTER-NOT-LISTED"].message
    assert by_code["FLAG-SMELTER-NOT-LISTED"].cell == f"Smelter List!A{d.smelters[-1].row}"
    assert by_code["FLAG-DECLARATION-STALE"].cell == d.effective_date_cell == "Declaration!D22"
    assert scorecard(d, ON_TIME, verdicts=verdicts).item("SCORE-EXCLUSION").status is Status.NOT_MET


@pytest.mark.parametrize(
    ("key", "exclusion_cells"),
    [("EMRT/2.1", True), ("CRT/2.21", True), ("AMRT/1.3", False)],
)
def test_every_family_gets_a_scorecard_from_its_own_questions(
    workbook_factory: WorkbookFactory, key: str, exclusion_cells: bool
) -> None:
    d = declaration(workbook_factory.valid(key))
    card = scorecard(d, ON_TIME, agreed=AGREED, verdicts=_all(d, Standing.CONFORMANT))
    exclusion = card.item("SCORE-EXCLUSION")
    assert bool(exclusion.evidence) is exclusion_cells
    assert all(e.cell.startswith("Declaration!D") for e in exclusion.evidence)
    if key == "AMRT/1.3":  # asks no company questions and nothing about risk areas
        assert card.item("SCORE-OWN-POLICY").status is Status.UNKNOWN
        assert exclusion.status is Status.UNKNOWN
    else:
        assert card.item("SCORE-OWN-POLICY").status is Status.MET
        assert len(card.item("SCORE-MECHANISMS").evidence) == 3  # requirement, due diligence, corrective


def test_late_first_file_and_many_correction_rounds_fail_cooperation() -> None:
    late = Cooperation(dt.date(2026, 12, 15), dt.datetime(2026, 12, 20, tzinfo=dt.UTC), 3, 0)
    d = Declaration(
        1, 1, 7, late.first_response or dt.datetime.now(dt.UTC), "CMRT", "6.5", "ACME", None, "", (), (), ()
    )
    item = scorecard(d, late).item("SCORE-COOPERATES")
    assert item.status is Status.NOT_MET
    assert item.reason == "first file 2026-12-20, due 2026-12-15, 3 reminder(s), 0 correction round(s)"
    fussy = Cooperation(dt.date(2026, 12, 15), dt.datetime(2026, 12, 1, tzinfo=dt.UTC), 0, 3)
    assert scorecard(d, fussy).item("SCORE-COOPERATES").status is Status.NOT_MET
