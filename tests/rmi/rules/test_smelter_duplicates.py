"""The same smelter twice for a metal with the same details is a warning (also under two names of one
CID); rows that say different things about one smelter are not duplicates."""

from __future__ import annotations

from dataclasses import replace

from rmi.findings import Finding, Severity
from rmi.messages import render
from rmi.model import Cell, TemplateModel
from rmi.policy import Policy
from rmi.rules.smelter_duplicates import RULE
from tests.rmi.rules.models import smelter, valid_model, with_smelters


def findings(model: TemplateModel, policy: Policy) -> list[Finding]:
    return list(RULE.check(model, policy))


def test_different_smelters_are_not_duplicates(policy: Policy) -> None:
    rows = [
        smelter(5, "Tin", "Tin Works Ltd", cid="CID000003"),
        smelter(6, "Tin", "Tin Refinery SA", cid="CID000004"),
    ]
    assert findings(with_smelters(valid_model("CMRT/6.5"), *rows), policy) == []


def test_an_alias_of_the_same_cid_is_a_duplicate_warning_naming_both_rows(policy: Policy) -> None:
    rows = [
        smelter(5, "Tin", "Tin Works Ltd", cid="CID000003"),
        smelter(6, "Tin", "Tin Refinery SA", cid="CID000004"),
        smelter(7, "Tin", "Tin Works (old name)", cid="CID000003"),
    ]
    [found] = findings(with_smelters(valid_model("CMRT/6.5"), *rows), policy)
    assert (found.code, found.severity, found.cell) == ("SMELTER-DUPLICATE", Severity.WARNING, "C7")
    assert (found.params["row"], found.params["first_row"], found.params["cid"]) == (7, 5, "CID000003")


def test_unlisted_smelters_are_compared_by_name(policy: Policy) -> None:
    rows = [
        smelter(5, "Tin", "Smelter not listed", name="Local Tin Works", country="BOLIVIA"),
        smelter(6, "Tin", "Smelter not listed", name="local tin works", country="BOLIVIA"),
    ]
    [found] = findings(with_smelters(valid_model("CMRT/6.5"), *rows), policy)
    assert (found.cell, found.params["first_row"]) == ("D6", 5)


def test_rows_for_one_smelter_with_different_mines_or_comments_are_not_duplicates(policy: Policy) -> None:
    first = smelter(5, "Tin", "Tin Works Ltd", cid="CID000003")
    other_mine = smelter(6, "Tin", "Tin Works Ltd", cid="CID000003")
    other_mine = replace(other_mine, mine_name=Cell("Smelter List", "N6", "Bisie Mine"))
    commented = replace(
        smelter(7, "Tin", "Tin Works Ltd", cid="CID000003"),
        comments=Cell("Smelter List", "Q7", "via distributor"),
    )
    assert findings(with_smelters(valid_model("CMRT/6.5"), first, other_mine, commented), policy) == []


def test_a_repeat_is_reported_against_the_earlier_row_it_equals_in_every_filled_column(
    policy: Policy,
) -> None:
    mine = Cell("Smelter List", "N6", "Bisie Mine")
    rows = [
        smelter(5, "Tin", "Tin Works Ltd", cid="CID000003"),
        replace(smelter(6, "Tin", "Tin Works Ltd", cid="CID000003"), mine_name=mine),
        replace(smelter(7, "Tin", "Tin Works Ltd", cid="CID000003"), mine_name=replace(mine, address="N7")),
    ]
    [found] = findings(with_smelters(valid_model("CMRT/6.5"), *rows), policy)
    assert (found.params["row"], found.params["first_row"]) == (7, 6)
    assert "could be one" in render(found, "en")
