"""Proves the cold-cache machinery without LibreOffice: how scenarios are packed, and what progress says.

That packed scenarios really do not change each other's Checker rows is proven on the recalculated
files themselves, by ``tests/rmi/rules/test_checker_parity.py`` (``assert_packing_held``).
"""

from __future__ import annotations

import pytest

from tests.rmi.rules.scenarios import SCENARIOS, scenario_packs
from tests.support import libreoffice
from tests.support.jobs import FromTemplate, template_path
from tests.support.libreoffice import Progress
from tests.support.packs import EVERY_MINERAL, Pack


def test_every_changed_scenario_is_in_exactly_one_pack_and_far_fewer_files_are_stored() -> None:
    packs = scenario_packs()
    members = [member.id for pack in packs for member in pack.members]
    changed = [scenario.id for scenario in SCENARIOS if scenario.name != "valid"]
    assert sorted(members) == sorted(changed)
    assert len(packs) * 2 < len(changed)


def test_members_of_a_pack_never_set_the_same_cell_or_the_same_minerals_answers() -> None:
    for pack in scenario_packs():
        claimed = [
            claim
            for member in pack.members
            for claim in member.claims
            if claim.startswith(("cell:", "mineral:")) or claim == EVERY_MINERAL
        ]
        assert len(claimed) == len(set(claimed)), pack.base.key
        if EVERY_MINERAL in claimed:
            assert not any(claim.startswith("mineral:") and claim != EVERY_MINERAL for claim in claimed)


def test_rows_a_member_adds_to_the_smelter_list_go_below_the_other_members_rows() -> None:
    for pack in scenario_packs():
        smelter_cells = [
            ref
            for member in pack.members
            for ref, value in member.cells.items()
            if ref.startswith("Smelter List!") and not isinstance(value, FromTemplate)
        ]
        assert len(smelter_cells) == len(set(smelter_cells)), pack.base.key


def test_a_pack_job_fills_the_valid_answers_and_names_every_members_change() -> None:
    pack: Pack = scenario_packs()[0]
    job = pack.job()
    assert job.template == template_path(pack.base.key)
    assert job.resolved_cells() == pack.base.job().resolved_cells()
    assert [dict(cells) for cells in job.members] == [dict(member.cells) for member in pack.members]
    assert "Checker!H4" in job.probes


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    lines: list[str] = []
    monkeypatch.setattr(libreoffice, "_SINK", [lines.append])
    return lines


def test_progress_says_how_many_of_how_many_and_the_time_left_about_every_tenth(said: list[str]) -> None:
    progress = Progress({f"/tmp/{n}.xlsx": 1.0 for n in range(200)}, workers=2)
    for n in range(200):
        progress.tick(f'{{"out": "/tmp/{n}.xlsx", "seconds": 1.0}}')
    progress.finish()
    assert said[0] == "workbooks: building 200 workbooks in LibreOffice (2 processes)"
    assert 10 <= len(said) <= 12
    assert said[1].startswith("workbooks: 20/200 built, ") and said[1].endswith(" left")
    assert said[-1].startswith("workbooks: 200/200 built in ")


def test_progress_weighs_packs_so_the_time_left_is_not_inflated_by_them(said: list[str]) -> None:
    progress = Progress(
        {"/tmp/pack.xlsx": 5.0, "/tmp/a.xlsx": 1.0, "/tmp/b.xlsx": 1.0, "/tmp/c.xlsx": 1.0}, 1
    )
    progress.tick('{"out": "/tmp/pack.xlsx", "seconds": 50.0}')
    # the pack was 5 of 8 parts of the work: 50 s for it leaves about 30 s, not 3 x 50 s
    assert progress.line(progress.started + 50) == "1/4 built, 50s so far, about 30s left"
