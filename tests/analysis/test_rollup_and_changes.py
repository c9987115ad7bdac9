"""The campaign's smelter roll-up across suppliers, and what changed since a supplier's last declaration."""

from __future__ import annotations

import datetime as dt

from rmi.analysis.changes import changes, previous_declaration
from rmi.analysis.rollup import roll_up
from tests.analysis.filled import answer_cell, declaration, smelter_with_two_aliases
from tests.support.jobs import SmelterEntry
from tests.support.workbooks import WorkbookFactory

KEY = "CMRT/6.5"
LOCAL = SmelterEntry(
    metal="Tin", lookup_name="Smelter not listed", name="Pulau Kecil Timah", country="INDONESIA"
)


def test_one_smelter_named_by_three_suppliers_three_ways_is_one_row_with_every_name(
    workbook_factory: WorkbookFactory,
) -> None:
    first, second = smelter_with_two_aliases(KEY, "Tin")
    base = workbook_factory.answers(KEY)
    by_alias = base.with_smelters([*base.smelters, SmelterEntry(metal="Tin", lookup_name=first.alias), LOCAL])
    by_other_alias = base.with_smelters([SmelterEntry(metal="Tin", lookup_name=second.alias), LOCAL])
    by_cid = base.with_smelters([SmelterEntry(cid=first.cid.lower())])
    paths = workbook_factory.libreoffice_many([by_alias, by_other_alias, by_cid])
    declarations = [
        declaration(path, supplier_id=n, submission_id=n) for n, path in enumerate(paths, start=1)
    ]

    rollup = roll_up(declarations)

    (shared,) = [s for s in rollup.identified if s.cid == first.cid]
    assert shared.supplier_ids == (1, 2, 3)
    assert shared.metal == "Tin"
    assert {first.alias, second.alias} <= set(shared.names)
    assert shared.name == first.standard_name
    assert len(rollup.cids) == len(set(rollup.cids))  # every CID once
    (unlisted,) = rollup.unidentified
    assert (unlisted.name, unlisted.country, unlisted.supplier_ids) == (
        "Pulau Kecil Timah",
        "INDONESIA",
        (1, 2),
    )
    assert first.cid not in {s.cid for s in rollup.unidentified}


def test_only_the_latest_accepted_declaration_of_a_supplier_counts(workbook_factory: WorkbookFactory) -> None:
    base = workbook_factory.answers(KEY)
    old = declaration(workbook_factory.valid(KEY), supplier_id=4, submission_id=1)
    newer = declaration(
        workbook_factory.libreoffice(base.with_smelters(base.smelters[:1])),
        supplier_id=4,
        submission_id=2,
        received=old.received_at + dt.timedelta(days=200),
    )
    rollup = roll_up([newer, old])
    assert [s.cid for s in rollup.identified] == [newer.smelters[0].cid]


def test_a_new_declaration_shows_smelters_added_and_dropped_and_answers_changed(
    workbook_factory: WorkbookFactory,
) -> None:
    base = workbook_factory.answers(KEY)
    tin_q3 = answer_cell(KEY, 3, "Tin")
    previous = declaration(workbook_factory.valid(KEY), supplier_id=5, submission_id=10)
    newer_answers = base.with_smelters([*base.smelters[1:], LOCAL]).with_cells({tin_q3: "Unknown"})
    current = declaration(
        workbook_factory.libreoffice(newer_answers),
        supplier_id=5,
        submission_id=11,
        received=previous.received_at + dt.timedelta(days=365),
    )

    assert previous_declaration(current, [current, previous]) == previous
    found = changes(previous, current)
    assert [s.cid for s in found.dropped] == [previous.smelters[0].cid]
    assert [s.typed_name for s in found.added] == ["Pulau Kecil Timah"]
    (answer,) = found.answers
    assert (answer.key, answer.mineral, answer.before, answer.after, answer.cell) == (
        "Q3",
        "Tin",
        "No",
        "Unknown",
        tin_q3,
    )
    assert previous_declaration(previous, [current, previous]) is None
