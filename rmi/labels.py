"""The label a supplier sees next to a cell, in their language, from the template's own translations.

RMI templates translate every label through their hidden ``L`` sheet; ``tools/build_labels.py`` copies
those texts from the shipped blanks into ``rmi/data/labels.json`` (why at build time: see that script).
Which label belongs to a cell follows the templates' layout: on the Declaration the label of a row
is in column B (a per-mineral answer row is named by its question, the row above the mineral rows);
on the list sheets it is the column's header above the first data row.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path

_CELL = re.compile(r"^([A-Z]{1,3})(\d+)$")
_QUESTION = re.compile(r"^\s*\d+\s*[)）]")
_QUESTION_REACH = 14  # rows between a per-mineral answer and its question (EMRT 2.x: ten minerals)
_HEADER_REACH = 6  # list sheets: the column headers are in the first rows
_ANSWER_LENGTH = 60  # drop-down answers are short; longer labels are instructions


@cache
def _data() -> tuple[tuple[Mapping[str, str], ...], Mapping[str, Mapping[str, int]]]:
    raw = json.loads(Path(__file__).with_name("data").joinpath("labels.json").read_text("utf-8"))
    return tuple(raw["texts"]), raw["layouts"]


def cell_label(layout_key: str | None, sheet: str | None, cell: str | None, language: str) -> str | None:
    """The label of ``sheet!cell`` in ``language`` as the template ``layout_key`` shows it, if it has one.

    ``language`` is a catalogue code; Traditional Chinese suppliers see the template's Chinese labels.
    """
    match = _CELL.match(cell or "")
    if not (layout_key and sheet and match):
        return None
    texts, layouts = _data()
    keys = layouts.get(layout_key)
    if keys is None:
        return None
    column, row = match[1], int(match[2])
    if sheet == "Declaration":
        index = _declaration_label(keys, texts, row)
    else:
        index = _header(keys, sheet, column, row)
    if index is None:
        return None
    found = texts[index]
    return found.get(language) or found.get(language.split("-")[0])


def _declaration_label(keys: Mapping[str, int], texts: tuple[Mapping[str, str], ...], row: int) -> int | None:
    own = keys.get(f"declarationb{row}")
    if own is not None and not _is_mineral_row(keys, texts, row):
        return own
    for above in range(row - 1, max(row - _QUESTION_REACH, 0), -1):
        index = keys.get(f"declarationb{above}")
        if index is not None and _QUESTION.match(texts[index].get("en", "")):
            return index
    return own


def _is_mineral_row(keys: Mapping[str, int], texts: tuple[Mapping[str, str], ...], row: int) -> bool:
    """A row of a per-mineral question block: its own label is only the mineral's name."""
    for above in range(row - 1, max(row - _QUESTION_REACH, 0), -1):
        index = keys.get(f"declarationb{above}")
        if index is None:
            continue
        if _QUESTION.match(texts[index].get("en", "")):
            return True
        if len(texts[index].get("en", "")) > 20:  # a longer label that is not a mineral name ends the block
            return False
    return False


def _header(keys: Mapping[str, int], sheet: str, column: str, row: int) -> int | None:
    prefix = f"{sheet}{column}".casefold()
    for above in range(min(row - 1, _HEADER_REACH), 0, -1):
        index = keys.get(f"{prefix}{above}")
        if index is not None:
            return index
    return None


def answer_text(layout_key: str | None, english: str, language: str) -> str | None:
    """A drop-down answer ("Yes", "Greater than 75%") as the template lists it in ``language``.

    The answer lists are L-translated like every label, so a German supplier picks "Ja", not "Yes".
    """
    if not layout_key:
        return None
    found = _answers(layout_key).get(english.strip().casefold())
    return (found.get(language) or found.get(language.split("-")[0])) if found else None


@cache
def _answers(layout_key: str) -> Mapping[str, Mapping[str, str]]:
    """English text → translations of short labels: the answer lists the drop-downs show."""
    texts, layouts = _data()
    found: dict[str, Mapping[str, str]] = {}
    for index in layouts.get(layout_key, {}).values():
        english, translated = texts[index].get("en", ""), texts[index]
        known = found.get(english.casefold())
        if len(english) <= _ANSWER_LENGTH and (known is None or _translated(translated) > _translated(known)):
            found[english.casefold()] = translated  # some lists keep an English "No" in a language
    return found


def _translated(texts: Mapping[str, str]) -> int:
    return sum(text != texts.get("en") for text in texts.values())
