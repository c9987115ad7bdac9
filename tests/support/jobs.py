"""What to type into a template: cell values, smelter rows and fill jobs, shared by every fill engine.

A job is plain data so the same job can be filled by LibreOffice (cached values, like a supplier's
spreadsheet application) or by openpyxl (no cached values, like a script), and so its JSON form can
key the on-disk cache of produced workbooks.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from tools.build_layouts import with_derived

REPO_ROOT = Path(__file__).resolve().parents[2]
TEMPLATES_DIR = REPO_ROOT / "rmi" / "data" / "templates"
# A copy of the layout reference the reader was built from; the tests compare the reader against it.
LAYOUTS_JSON = REPO_ROOT / "tests" / "fixtures" / "rmi-layouts.json"

TEMPLATE_KEYS: tuple[str, ...] = (
    "CMRT/6.01",
    "CMRT/6.1",
    "CMRT/6.22",
    "CMRT/6.31",
    "CMRT/6.4",
    "CMRT/6.5",
    "EMRT/1.1",
    "EMRT/1.11",
    "EMRT/1.2",
    "EMRT/1.3",
    "EMRT/2.0",
    "EMRT/2.1",
    "CRT/2.2",
    "CRT/2.21",
    "AMRT/1.2",
    "AMRT/1.21",
    "AMRT/1.3",
)

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_REF = re.compile(r"^(?P<sheet>[^!]+)!\$?(?P<col>[A-Z]{1,3})\$?(?P<row>\d+)$")


@dataclass(frozen=True, slots=True)
class AsText:
    """A value the supplier typed as text (e.g. a date typed as "31.03.2025"): stored as a string."""

    text: str


@dataclass(frozen=True, slots=True)
class Formula:
    """A formula to put into a cell (Excel syntax, e.g. ``=1+1``)."""

    formula: str


@dataclass(frozen=True, slots=True)
class FromTemplate:
    """What the blank template has in the cell (a pack member undoing a cell the base job filled)."""


CellValue = str | int | float | bool | dt.date | dt.datetime | AsText | Formula | FromTemplate | None
"""``None`` clears the cell (value and formula), like pressing Delete."""


@dataclass(frozen=True, slots=True)
class SmelterEntry:
    """One Smelter List row as a supplier fills it, by meaning, not by column.

    ``lookup_name`` is the Smelter Look-up dropdown pick (column C); it and ``metal`` overwrite the
    auto-fill formulas the way a dropdown pick does in Excel. ``cid`` is typed into the input
    column A. ``extra`` maps further layout column keys (e.g. ``"smelter_contact_email"``) to values.
    Fields left ``None`` are not touched, so formulas stay in place.
    """

    metal: str | None = None
    lookup_name: str | None = None
    cid: str | None = None
    name: str | None = None
    country: str | None = None
    extra: Mapping[str, CellValue] = field(default_factory=dict)

    def by_key(self) -> dict[str, CellValue]:
        keyed: dict[str, CellValue] = {
            "smelter_id_input": self.cid,
            "metal": self.metal,
            "smelter_lookup": self.lookup_name,
            "smelter_name": self.name,
            "smelter_country": self.country,
        }
        keyed.update(self.extra)
        return {key: value for key, value in keyed.items() if value is not None}


@dataclass(frozen=True, slots=True)
class FillJob:
    """A template plus every cell to set; smelter rows are written from ``first_smelter_row`` down."""

    template: Path
    cells: Mapping[str, CellValue] = field(default_factory=dict)
    smelters: Sequence[SmelterEntry] = ()
    layout_key: str | None = None
    first_smelter_row: int | None = None
    variants: Sequence[Mapping[str, CellValue]] = ()
    """Changes to the job's cells, each giving a file of its own (``tests/support/variant_files.py``)."""

    def with_cells(self, cells: Mapping[str, CellValue]) -> FillJob:
        return replace(self, cells={**self.cells, **cells})

    def resolved_cells(self) -> dict[str, CellValue]:
        """All cell writes in order: plain cells first, then the smelter rows mapped to columns."""
        resolved = dict(self.cells)
        resolved.update(smelter_cells(self))
        return resolved

    def to_json(self) -> list[list[Any]]:
        return cells_json(self.resolved_cells())

    def variants_json(self) -> list[list[list[Any]]]:
        return [cells_json(variant) for variant in self.variants]

    def cache_key(self, engine: str, engine_source: bytes) -> str:
        """The key of the job's own file: the variants do not change it (the same base is stored)."""
        spec: dict[str, Any] = {
            "template": template_digest(self.template),
            "cells": self.to_json(),
            "engine": engine,
        }
        payload = json.dumps(spec, ensure_ascii=False, sort_keys=True).encode()
        return hashlib.sha256(payload + hashlib.sha256(engine_source).digest()).hexdigest()[:32]

    def variant_keys(self, writer_source: bytes) -> list[str]:
        """Each variant's file key: the base's, its own change and the code writing it (so the same
        change to the same base names the same file, whichever job carries it)."""
        base = self.cache_key("variant", writer_source)
        return [
            hashlib.sha256(
                (base + json.dumps(cells, ensure_ascii=False, sort_keys=True)).encode()
            ).hexdigest()[:24]
            for cells in self.variants_json()
        ]


def template_path(key: str) -> Path:
    """The blank RMI template for a layout key such as ``"CMRT/6.5"``."""
    family, version = key.split("/")
    return (TEMPLATES_DIR / f"RMI_{family}_{version}.xlsx").resolve()


@lru_cache(maxsize=1)
def layouts() -> Mapping[str, Any]:
    """The machine-readable layout reference (``rmi-layouts.json``), keyed ``"CMRT/6.5"`` etc.,
    with the revisions ``tools/build_layouts.py`` derives (AMRT 1.21 from AMRT 1.2)."""
    loaded: Mapping[str, Any] = json.loads(LAYOUTS_JSON.read_text(encoding="utf-8"))
    return with_derived(loaded)


def layout_key_for(template: Path) -> str:
    match = re.fullmatch(r"RMI_([A-Z]+)_([0-9.]+)\.xlsx", template.name)
    if not match:
        raise ValueError(f"not an RMI template file name: {template.name}")
    return f"{match.group(1)}/{match.group(2)}"


def smelter_columns(layout_key: str) -> tuple[str, int, dict[str, str]]:
    """Sheet name, first data row and {column key: letter} of the Smelter List of a layout."""
    smelter_list = layouts()[layout_key]["smelter_list"]
    letters = {spec["key"]: letter for letter, spec in smelter_list["columns"].items() if spec.get("key")}
    return smelter_list["sheet"], int(smelter_list["first_row"]), letters


def smelter_cells(job: FillJob) -> Iterator[tuple[str, CellValue]]:
    if not job.smelters:
        return
    sheet, first_row, letters = smelter_columns(job.layout_key or layout_key_for(job.template))
    row = job.first_smelter_row or first_row
    for offset, entry in enumerate(job.smelters):
        for key, value in entry.by_key().items():
            if key not in letters:
                raise KeyError(f"Smelter List of {job.template.name} has no column {key!r}")
            yield f"{sheet}!{letters[key]}{row + offset}", value


def cells_json(cells: Mapping[str, CellValue]) -> list[list[Any]]:
    return [[*split_ref(ref), *encode_value(value)] for ref, value in cells.items()]


def split_ref(ref: str) -> tuple[str, str]:
    match = _REF.match(ref)
    if not match:
        raise ValueError(f"cell reference must look like 'Sheet!A1': {ref!r}")
    return match.group("sheet"), f"{match.group('col')}{match.group('row')}"


def excel_serial(value: dt.date | dt.datetime) -> float:
    """Excel 1900-system serial number of a date (what Excel stores for a date cell)."""
    if isinstance(value, dt.datetime):
        delta = value - dt.datetime.combine(_EXCEL_EPOCH, dt.time())
        return delta.days + delta.seconds / 86400
    return float((value - _EXCEL_EPOCH).days)


def encode_value(value: CellValue) -> tuple[str, Any]:
    """(kind, payload) understood by ``lo_fill.py``: string, number, bool, date, clear, formula."""
    if value is None:
        return ("clear", None)
    if isinstance(value, FromTemplate):
        return ("template", None)
    if isinstance(value, AsText):
        return ("string", value.text)
    if isinstance(value, Formula):
        return ("formula", value.formula)
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, dt.date | dt.datetime):
        return ("date", excel_serial(value))
    if isinstance(value, int | float):
        return ("number", value)
    return ("string", value)


@lru_cache(maxsize=64)
def _digest_of(path: Path, size: int, mtime_ns: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def template_digest(path: Path) -> str:
    stat = path.stat()
    return _digest_of(path.resolve(), stat.st_size, stat.st_mtime_ns)
