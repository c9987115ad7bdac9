"""Anchor cells: may a newer revision be read with the nearest older layout?

RMI ships a new minor revision every year and usually keeps every cell where it was. Before a file
in a revision we have no layout for is read with the nearest older one, its anchors are compared
with that layout's blank template: the label of every company field and question row of the
Declaration and every Smelter List header. Labels are formulas that look their text up in the hidden
``L`` sheet under a key made of sheet and address ("DeclarationB14"), so the English text stored
under each anchor's key says what the cell means whatever language the supplier picked. One moved
or reworded question and the file is held for a person instead of being read wrongly.

The Product List is matched by meaning instead: CMRT 6.6 gains the requester product columns
EMRT 2.1 and AMRT 1.3 already have, in front of Comments. Its header texts are looked up among the
Product List headers of every shipped blank, so a known column in a new place is read from there.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Callable, Mapping
from functools import cache

from rmi.blanks import blank_template
from rmi.layouts import Layout, ListSheet, all_layouts
from rmi.read.sheet_xml import column_letters
from rmi.read.workbook import Workbook, WorkbookError

log = logging.getLogger(__name__)

LabelTexts = Mapping[tuple[str, str], str]
_ADDRESS = re.compile(r"^([A-Z]{1,3})(\d+)$")
_SPACES = re.compile(r"\s+")


@dataclasses.dataclass(frozen=True, slots=True)
class AnchorCheck:
    """The outcome: ``layout`` to read with (Product List columns adapted), or why not."""

    layout: Layout | None
    mismatch: str = ""


def label_texts(workbook: Workbook) -> LabelTexts:
    """{(sheet, cell): English label} from a workbook's ``L`` sheet (empty when it has none)."""
    if not workbook.has_sheet("L"):
        return {}
    sheet = workbook.sheet("L")
    texts: dict[tuple[str, str], str] = {}
    for sheet_name, cell, english in sheet.texts(2, (2, 3, 4)):
        if sheet_name and cell:
            texts[(sheet_name, cell.replace("$", ""))] = _normal(english)
    return texts


@cache
def blank_labels(layout_key: str) -> LabelTexts:
    """The ``L`` labels of the shipped blank of ``layout_key`` (read once per process)."""
    family, version = layout_key.split("/")
    blank = blank_template(family, version)
    if blank is None:
        return {}
    return label_texts(Workbook.open(blank.read_bytes(), ("L",)))


def check_anchors(layout: Layout, file_labels: LabelTexts) -> AnchorCheck:
    """Compare the file's labels with ``layout``'s blank; the layout to read with, or the mismatch."""
    expected = blank_labels(layout.key)
    if not expected or not file_labels:
        return AnchorCheck(None, "no label sheet (L) to compare")
    for key in _anchor_keys(layout, expected):
        if file_labels.get(key) != expected[key]:
            return AnchorCheck(None, f"{key[0]}!{key[1]} is labelled differently")
    return _adapt_product_list(layout, file_labels)


def _anchor_keys(layout: Layout, expected: LabelTexts) -> list[tuple[str, str]]:
    rows = {_row(field.cell.address) for field in layout.company_fields.values()}
    rows |= {row.row for question in layout.questions for row in question.rows if not row.hidden}
    header = layout.smelter_list.first_row - 1
    keys = [(sheet, cell) for sheet, cell in expected if sheet == "Declaration" and _row(cell) in rows]
    keys += [
        (layout.smelter_list.sheet, f"{letter}{header}") for letter in layout.smelter_list.visible_columns
    ]
    return [key for key in keys if key in expected]


def _adapt_product_list(layout: Layout, file_labels: LabelTexts) -> AnchorCheck:
    products = layout.product_list
    header = products.first_row - 1
    expected = blank_labels(layout.key)
    cells = [(products.sheet, f"{letter}{header}") for letter in products.columns.values()]
    if all(file_labels.get(cell) == expected.get(cell) for cell in cells):
        return AnchorCheck(layout)
    known = product_headers(layout.key)
    found: dict[str, str] = {}
    for column in range(2, 12):
        letter = column_letters(column)
        key = known.get(file_labels.get((products.sheet, f"{letter}{header}"), ""))
        if key and key not in found:
            found[key] = letter
    missing = [key for key in products.columns if key not in found]
    if missing:
        return AnchorCheck(None, f"Product List has no column for {', '.join(missing)}")
    adapted = dataclasses.replace(products, columns=found, visible_columns=tuple(found.values()))
    return AnchorCheck(dataclasses.replace(layout, product_list=adapted))


@cache
def product_headers(base_key: str) -> Mapping[str, str]:
    """{English Product List header: column key} over the family of ``base_key`` (headers get renamed:
    "Manufacturer's" became "Responder's Product Number") and every layout with more columns."""
    base = all_layouts()[base_key]
    headers: dict[str, str] = {}
    for layout in all_layouts().values():
        products: ListSheet = layout.product_list
        more = not set(products.columns) <= set(base.product_list.columns)
        if layout.family is not base.family and not more:
            continue
        labels = blank_labels(layout.key)
        for key, letter in products.columns.items():
            text = labels.get((products.sheet, f"{letter}{products.first_row - 1}"))
            if text:
                headers.setdefault(text, key)
    return headers


def labels_of(reopen: Callable[[], Workbook] | None) -> LabelTexts:
    """The file's labels through ``reopen`` (a second, L-only open of the same bytes)."""
    if reopen is None:
        return {}
    try:
        return label_texts(reopen())
    except WorkbookError:
        log.info("label sheet of a newer revision could not be read", exc_info=True)
        return {}


def _normal(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()


def _row(address: str) -> int:
    match = _ADDRESS.match(address.replace("$", ""))
    return int(match.group(2)) if match else 0
