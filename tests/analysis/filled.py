"""Declarations read from templates filled by LibreOffice, as the store's accepted files would give them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rmi.analysis.declaration import Declaration, from_model
from rmi.layouts import layout
from rmi.model import TemplateModel
from rmi.read.template import read_workbook
from tests.support.answers import LookupRow, lookup_rows

RECEIVED = dt.datetime(2026, 11, 2, 9, 30, tzinfo=dt.UTC)


def read(path: Path) -> TemplateModel:
    model = read_workbook(path.read_bytes())
    assert isinstance(model, TemplateModel), model
    return model


def declaration(
    path: Path, supplier_id: int = 1, submission_id: int = 1, received: dt.datetime = RECEIVED
) -> Declaration:
    return from_model(
        read(path), submission_id=submission_id, supplier_id=supplier_id, campaign_id=7, received_at=received
    )


def answer_cell(key: str, question: int, mineral: str) -> str:
    spec = next(q for q in layout(key).questions if q.number == question)
    return next(r.answer.ref for r in spec.rows if r.mineral == mineral)


def company_cell(key: str, letter: str) -> str:
    spec = next(q for q in layout(key).company_questions if q.key == letter)
    assert spec.answer is not None
    return spec.answer.ref


def smelter_with_two_aliases(key: str, metal: str) -> tuple[LookupRow, LookupRow]:
    """Two Look-up rows of one CID under different names: two suppliers naming one smelter differently."""
    rows = [r for r in lookup_rows(key) if r.metal == metal and r.cid.startswith("CID")]
    for row in rows:
        other = next((r for r in rows if r.cid == row.cid and r.alias != row.alias), None)
        if other is not None:
            return row, other
    raise AssertionError(f"no smelter with two aliases for {metal} in {key}")
