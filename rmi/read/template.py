"""Read a returned RMI template into a ``TemplateModel`` — the one entry point for every caller.

``read_workbook(data)`` takes bytes that passed ``rmi.intake`` and answers with the model, or with a
typed ``NotATemplate`` for anything else (another workbook, a damaged file, a version surveybot does
not know). Only the sheets that hold answers are parsed; formula results are kept as read, and
everything a rule needs is also derived from the inputs, so files saved by scripts (no cached
results) read the same as files saved by Excel or LibreOffice. What no rule reads right away is read
when first asked for: a Smelter List row's cells, and the Mine List (``_mines``).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Mapping
from typing import Any

from rmi.layouts import Layout, trim_last_columns
from rmi.model import Cell, EffectiveDate, MineRow, NotATemplate, ReadOutcome, TemplateModel
from rmi.read.declaration import read_answers, read_company, read_effective_date
from rmi.read.detect import Detection, detect
from rmi.read.lists import read_mines, read_products, read_smelters
from rmi.read.lookup import SmelterLookup
from rmi.read.minerals import read_minerals
from rmi.read.workbook import Workbook, WorkbookError

logger = logging.getLogger(__name__)

# Every file of one revision carries the same Look-up sheet (about 600 smelters): the mail loop
# indexes it once per revision and content, not once per file. Keyed by a digest of the sheet's XML,
# so an edited look-up is indexed on its own.
_LOOKUPS: dict[tuple[str, bytes], SmelterLookup] = {}
_LOOKUPS_KEPT = 16

# Everything else (Instructions, Definitions, Checker, hidden L/C/SorP) is never parsed.
READ_SHEETS = ("Revision", "Declaration", "Smelter List", "Mine List", "Product List", "Smelter Look-up")


def open_workbook(data: bytes, parts: Mapping[str, bytes] | None = None) -> Workbook:
    """The workbook as the reader sees it (list sheets cut below their last used row)."""
    return Workbook.open(data, READ_SHEETS, trim_last_columns(), parts)


def read_workbook(data: bytes, parts: Mapping[str, bytes] | None = None) -> ReadOutcome:
    """The template model of ``data``, or ``NotATemplate`` saying why there is none.

    ``parts``: the package's parts as intake inflated them (``IntakeResult.parts``), if at hand.
    """
    try:
        workbook = open_workbook(data, parts)
        detection = detect(workbook, lambda: Workbook.open(data, ("L",), parts=parts))
        if isinstance(detection, NotATemplate):
            return detection
        return read_template(workbook, detection)
    except WorkbookError as error:
        logger.info("workbook not readable: %s", error)
        return NotATemplate(error.reason_key, error.detail)


def identify_workbook(data: bytes) -> Detection | NotATemplate | None:
    """What template ``data`` is, from the sheets alone (None when it cannot be opened at all)."""
    try:
        return detect(Workbook.open(data, READ_SHEETS))
    except WorkbookError:
        return None


def read_template(workbook: Workbook, detection: Detection) -> TemplateModel:
    """Build the model of a detected template (raises WorkbookError if a sheet cannot be parsed)."""
    layout = detection.layout
    company = read_company(workbook, layout)
    minerals = read_minerals(workbook, layout)
    answers = read_answers(workbook, layout, minerals.minerals)
    lookup = _lookup(workbook, layout)
    smelters = read_smelters(workbook.sheet(layout.smelter_list.sheet), layout.smelter_list, lookup)
    mines = _mines(workbook, layout)
    products = read_products(workbook.sheet(layout.product_list.sheet), layout.product_list)
    return _ReadModel.of(
        mines,
        identity=detection.identity,
        company=company,
        effective_date=_effective_date(workbook, company),
        minerals=minerals.minerals,
        minerals_in_scope=minerals.selections,
        mineral_answers=answers.minerals,
        company_answers=answers.company,
        smelters=smelters,
        products=products,
        lookup=lookup.entries,
        hidden_answers=answers.hidden,
        reader_notes=minerals.notes,
        uncached_formula_cells=workbook.uncached_cells_read,
    )


def _mines(workbook: Workbook, layout: Layout) -> tuple[MineRow, ...] | Callable[[], tuple[MineRow, ...]]:
    """The Mine List rows, or how to read them when first asked for: no rule reads them, and finding
    the end of a Mine List (a hidden column is typed in every pre-formatted row) scans a megabyte.
    Read now when reading later could fail or add unknown formula results to the model's count."""
    spec = layout.mine_list
    if spec is None:
        return ()
    if not workbook.reads_quietly(spec.sheet):
        return read_mines(workbook.sheet(spec.sheet), spec)
    return lambda: read_mines(workbook.sheet(spec.sheet), spec)


class _ReadModel(TemplateModel):
    """A model as read, its Mine List read when first asked for (see ``_mines``). Compares like any
    read model and pickles as a plain ``TemplateModel``."""

    __slots__ = ("_read_mines",)

    @classmethod
    def of(cls, mines: tuple[MineRow, ...] | Callable[[], tuple[MineRow, ...]], **fields: Any) -> _ReadModel:
        found = object.__new__(cls)
        for name, value in fields.items():
            object.__setattr__(found, name, value)  # what a frozen dataclass's own __init__ does
        object.__setattr__(found, "mines" if isinstance(mines, tuple) else "_read_mines", mines)
        return found

    def __getattr__(self, name: str) -> tuple[MineRow, ...]:
        """Called only for a field not set yet: the Mine List, read now and kept."""
        if name != "mines":
            raise AttributeError(name)
        mines: tuple[MineRow, ...] = object.__getattribute__(self, "_read_mines")()
        object.__setattr__(self, "mines", mines)
        return mines

    def __reduce__(self) -> tuple[type[TemplateModel], tuple[Any, ...]]:
        return TemplateModel, tuple(getattr(self, field.name) for field in dataclasses.fields(TemplateModel))


def _lookup(workbook: Workbook, layout: Layout) -> SmelterLookup:
    spec = layout.smelter_lookup
    if spec is None:
        return SmelterLookup()  # AMRT 1.2 ships without a look-up sheet
    fingerprint = workbook.fingerprint(spec.sheet)
    if fingerprint is None:
        return SmelterLookup.from_sheet(workbook.sheet(spec.sheet), spec)
    key = (layout.key, fingerprint)
    found = _LOOKUPS.pop(key, None) or SmelterLookup.from_sheet(workbook.sheet(spec.sheet), spec)
    _LOOKUPS[key] = found  # most recently used last
    while len(_LOOKUPS) > _LOOKUPS_KEPT:
        del _LOOKUPS[next(iter(_LOOKUPS))]
    return found


def _effective_date(workbook: Workbook, company: dict[str, Cell]) -> EffectiveDate:
    return read_effective_date(company["effective_date"], workbook.date1904)
