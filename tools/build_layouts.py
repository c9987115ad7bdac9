"""Build ``rmi/data/layouts.json`` from the shared layout reference ``rmi-layouts.json``.

The reference (1.5 MB) documents everything about the 16 RMI templates: labels, conditional formats,
file facts. Runtime code needs only a small part of it: where to find each value, which answers are
allowed, and what the template's own Checker requires. This script keeps exactly that, in a shape
that ``rmi.layouts`` can load without guessing, and is re-run whenever the reference changes::

    python tools/build_layouts.py [--source PATH] [--out PATH]

Revisions the reference does not document are *derived*: AMRT 1.21 (May 2025) has exactly the cells
of AMRT 1.2 — same sheets, same formula in every cell of the Declaration, Smelter List, Mine List,
Product List and Checker; only the revision texts, a Revision-sheet row, the sample mineral inputs
and translation texts differ. ``DERIVED`` records that; ``verify_derived`` proves it against the two
blanks every time this script runs, so a derived layout can never silently drift from its file.
The tests apply the same ``with_derived`` to their copy of the reference.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO / "tests" / "fixtures" / "rmi-layouts.json"
DEFAULT_OUT = REPO / "rmi" / "data" / "layouts.json"
TEMPLATES = REPO / "rmi" / "data" / "templates"


@dataclass(frozen=True)
class Derived:
    """A revision whose cells are those of ``base``; the facts that differ, read off its blank."""

    base: str
    revision_text: str
    revision_date: str
    revision_row: int
    file: str
    leftover_inputs: tuple[tuple[str, str], ...] = ()
    """Inputs the blank was shipped with (the company that re-saved it left mineral picks behind)."""


DERIVED = {
    "AMRT/1.21": Derived(
        "AMRT/1.2",
        "Revision 1.21\nMay 16, 2025",
        "2025-05-16",
        17,
        "RMI_AMRT_1.21.xlsx",
        tuple(
            (f"Declaration!{cell}", mineral)
            for cell, mineral in zip(
                ("D12", "E12", "G12", "H12", "I12", "D13", "E13", "G13", "H13"),
                (
                    "Titanium",
                    "Iron/ Steel",
                    "Magnesium",
                    "Aluminum",
                    "Silver",
                    "Zinc",
                    "Silicon",
                    "Chromium",
                    "Palladium",
                ),
                strict=True,
            )
        ),
    ),
}
# Sheets whose formulas must be identical for a derived layout to be true.
_COMPARED_SHEETS = ("Declaration", "Smelter List", "Mine List", "Product List", "Checker", "Minerals Scope")

# Columns of the list sheets that hold values a supplier can see; the reader trims every list sheet
# below the last row holding a typed value in these columns (see rmi.read.sheet_xml).
LIST_SHEETS = ("Smelter List", "Mine List", "Product List")
SMELTER_COLUMNS_KEPT = {
    "smelter_id_input",
    "metal",
    "smelter_lookup",
    "smelter_name",
    "smelter_country",
    "smelter_id",
    "smelter_id_source",
    "smelter_street",
    "smelter_city",
    "smelter_state_province",
    "smelter_contact_name",
    "smelter_contact_email",
    "proposed_next_steps",
    "mine_name",
    "mine_country",
    "recycled_scrap_100pct",
    "comments",
    "standard_smelter_name",
    "standard_smelter_name_not_in_use",
    "country_code",
    "state_province_code",
}
LOOKUP_KEYS = {"A": "metal", "B": "alias", "C": "standard_name", "D": "country", "E": "cid", "F": "id_source"}
_SOURCE_RANGE = re.compile(r"^(?P<sheet>[^!]+)!\$?(?P<col>[A-Z]+)\$?(?P<first>\d+):\$?[A-Z]+\$?(?P<last>\d+)")


def hundred_percent(values: Sequence[Any]) -> list[str]:
    """Allowed values as text: the 0%-formatted number 1 of older templates is the answer "100%"."""
    return ["100%" if value == 1 and not isinstance(value, bool) else str(value) for value in values]


def row_entry(row: Mapping[str, Any]) -> dict[str, Any]:
    mineral = row.get("mineral")
    slot = int(mineral[4:]) if isinstance(mineral, str) and mineral.startswith("slot") else None
    allowed = row.get("allowed") or []
    return {
        "mineral": None if slot is not None else mineral,
        "slot": slot,
        "hidden": bool(row.get("hidden_row")),
        "row": row["row"],
        "answer": row["answer_cell"],
        "comment": row["comment_cell"],
        "allowed": hundred_percent(allowed),
        "hundred_percent_is_number": 1 in allowed,
        "checker_row": row.get("checker_row"),
        "required_when": row.get("required_when"),
    }


def questions(layout: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "number": int(number),
            "text": question["text"],
            "rows": [row_entry(row) for row in question["rows"]],
        }
        for number, question in sorted(layout["questions"].items(), key=lambda item: int(item[0]))
    ]


def company_questions(layout: Mapping[str, Any]) -> list[dict[str, Any]]:
    built = []
    for key, question in (layout.get("company_questions") or {}).items():
        per_mineral = [row_entry(row) for row in question.get("per_mineral_rows") or []]
        built.append(
            {
                "key": key,
                "text": question["text"],
                "answer": None if per_mineral else question["answer_cell"],
                "comment": None if per_mineral else question["comment_cell"],
                "allowed": hundred_percent(question.get("allowed") or []),
                "checker_row": question.get("checker_row"),
                "required_when": question.get("required_when"),
                "per_mineral": per_mineral,
            }
        )
    return built


def company_fields(layout: Mapping[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for key, spec in layout["company_fields"].items():
        if key in ("minerals_in_scope", "other_minerals"):
            continue  # many cells each; described under "minerals"
        validation = spec.get("validation") or {}
        fields[key] = {
            "cell": spec["cell"],
            "required": spec["required"],
            "condition": spec.get("condition"),
            "checker_row": spec.get("checker_row"),
            "checker_complete_test": spec.get("checker_complete_test"),
            "allowed": validation.get("values"),
            "date_range": [validation.get("formula1"), validation.get("formula2")]
            if validation.get("type") == "date"
            else None,
        }
    return fields


def minerals(layout: Mapping[str, Any]) -> dict[str, Any]:
    spec = layout["minerals"]
    if spec["mode"] == "fixed":
        return {"mode": "fixed", "list": spec["minerals"]}
    inputs = spec["input_cells"]
    return {
        "mode": "selectable",
        "input_cells": list(inputs),
        "allowed": {
            cell: item["allowed"] if isinstance(item["allowed"], list) else None
            for cell, item in inputs.items()
        },
        "other_cells": {
            cell: item["other_specify_cell"]
            for cell, item in inputs.items()
            if item.get("other_specify_cell")
        },
        "other_value": "Other [specify below]"
        if any(item.get("other_specify_cell") for item in inputs.values())
        else None,
        "sorted_cells": [f"Declaration!AA{row}" for row in range(12, 22)],
    }


def columns(spec: Mapping[str, Any], keep: set[str] | None = None) -> dict[str, Any]:
    kept = {
        letter: column["key"]
        for letter, column in spec["columns"].items()
        if keep is None or column["key"] in keep
    }
    visible = [
        letter for letter, column in spec["columns"].items() if not column.get("hidden") and letter in kept
    ]
    return {"columns": {key: letter for letter, key in kept.items()}, "visible_columns": visible}


def recycled_options(spec: Mapping[str, Any]) -> dict[str, Any] | None:
    """Where the recycled/scrap dropdown takes its texts (language-dependent in AMRT)."""
    for column in spec["columns"].values():
        validation = column.get("validation") or {}
        if column["key"] != "recycled_scrap_100pct" or not validation.get("source"):
            continue
        found = _SOURCE_RANGE.match(validation["source"])
        if not found:
            return None
        first, last = int(found["first"]), int(found["last"])
        cells = [f"{found['col']}{row}" for row in range(first, last + 1)]
        values = list(validation["values"])
        return {"cells": cells[: len(values)], "values": values}  # AMRT 1.3: Z4 is empty
    return None


def list_sheet(spec: Mapping[str, Any] | None, keep: set[str] | None = None) -> dict[str, Any] | None:
    if not spec:
        return None
    built = {
        "sheet": spec["sheet"],
        "header_row": spec["header_row"],
        "first_row": spec["first_row"],
        "last_row": spec["last_row"],
        "revision_cell": spec.get("revision_cell"),
        **columns(spec, keep),
    }
    if keep is SMELTER_COLUMNS_KEPT:
        built["recycled_options"] = recycled_options(spec)
        built["typed_name_lookup"] = typed_name_lookup(spec)
    return built


def typed_name_lookup(spec: Mapping[str, Any]) -> bool:
    """Whether the look-up row formula also tries the typed name (D) of "Smelter not listed" rows
    (``MATCH($B5&$D5, Look-up!J)``, CMRT 6.22 and later)."""
    helpers = [column for column in spec["columns"].values() if column["key"] == "helper_lookup_row"]
    return any(
        "&$D5" in (column.get("formula") or column.get("formula_row_first") or "") for column in helpers
    )


def product_list(spec: Mapping[str, Any]) -> dict[str, Any]:
    keys = {column["key"]: letter for letter, column in spec["columns"].items()}
    return {
        "sheet": spec["sheet"],
        "header_row": spec["header_row"],
        "first_row": spec["first_row"],
        "last_row": spec["last_row"],
        "columns": keys,
        "visible_columns": list(spec["columns"]),
    }


def minerals_scope(spec: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not spec:
        return None
    keys = {column["key"]: letter for letter, column in spec["columns"].items()}
    return {
        "sheet": spec["sheet"],
        "first_row": spec["first_row"],
        "last_row": spec["last_row"],
        "columns": keys,
    }


def smelter_lookup(spec: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if not spec:
        return None
    return {
        "sheet": spec["sheet"],
        "first_row": spec["first_row"],
        "last_row": spec["last_row"],
        "columns": {key: letter for letter, key in LOOKUP_KEYS.items()},
    }


def checker(spec: Mapping[str, Any]) -> dict[str, Any]:
    rows = [
        {
            "row": row["row"],
            "item": row.get("item"),
            "checks": row.get("checks"),
            "value_formula": row.get("value_formula"),
            "necessary": row.get("necessary_formula"),
            "meaning": row.get("necessary_human"),
            "complete": row.get("complete_formula"),
            "note": row.get("note_en"),
        }
        for row in spec["rows"]
    ]
    return {"total_cell": spec["total_cell"], "total_formula": spec.get("total_formula"), "rows": rows}


def detection(layout: Mapping[str, Any]) -> dict[str, Any]:
    spec = layout["detection"]
    literal = spec["literal_cells"]
    revision = spec["revision_sheet"]
    return {
        "sheets": spec["sheet_names"],
        "title_cell": "Revision!B3",
        "title": literal["Revision!B3"],
        "version_cells": [cell for cell in literal if cell != "Revision!B3"],
        "revision_first_row": revision["header_row"] + 1,
        "revision_last_row": revision["last_entry_row"],
    }


def template(layout: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "family": layout["template"],
        "version": layout["version"],
        "detection": detection(layout),
        "language": {"cell": layout["language"]["cell"], "allowed": layout["language"]["allowed"]},
        "company_fields": company_fields(layout),
        "minerals": minerals(layout),
        "questions": questions(layout),
        "company_questions": company_questions(layout),
        "comment_requirements": layout.get("comment_requirements") or [],
        "smelter_list": list_sheet(layout["smelter_list"], SMELTER_COLUMNS_KEPT),
        "mine_list": list_sheet(layout.get("mine_list")),
        "product_list": product_list(layout["product_list"]),
        "minerals_scope": minerals_scope(layout.get("minerals_scope")),
        "smelter_lookup": smelter_lookup(layout.get("smelter_lookup")),
        "checker": checker(layout["checker"]),
    }


def last_visible_column(built: Mapping[str, Any], sheet_key: str) -> str:
    letters = [
        letter
        for layout in built.values()
        if isinstance(layout, Mapping) and layout.get(sheet_key)
        for letter in layout[sheet_key]["visible_columns"]
    ]
    return max(letters, key=lambda letter: (len(letter), letter))


def derived_entry(reference: Mapping[str, Any], key: str) -> dict[str, Any]:
    """The reference entry of a derived revision: its base's, with the revision facts replaced."""
    spec = DERIVED[key]
    entry = copy.deepcopy(dict(reference[spec.base]))
    entry["version"] = key.split("/")[1]
    entry["notes"] = [f"Derived from {spec.base} by tools/build_layouts.py (same cells).", *entry["notes"]]
    detection = entry["detection"]
    for cell, text in detection["literal_cells"].items():
        if text.startswith("Revision "):
            detection["literal_cells"][cell] = spec.revision_text
    revision = detection["revision_sheet"]
    revision["last_entry_row"] = spec.revision_row
    revision["last_entry_version"] = float(entry["version"])
    revision["last_entry_date"] = spec.revision_date
    revision["all_versions"] = [*revision["all_versions"], float(entry["version"])]
    revision["copyright_formula_row"] = spec.revision_row + 1
    entry["file"] = {**entry["file"], "file": spec.file}
    entry["supplied_file_leftover_inputs"] = [
        {"cell": cell, "value": value, "hidden_row": False} for cell, value in spec.leftover_inputs
    ]
    return entry


def with_derived(reference: Mapping[str, Any]) -> dict[str, Any]:
    """The reference plus every derived revision, each placed right after its base."""
    extended: dict[str, Any] = {}
    for key, value in reference.items():
        extended[key] = value
        for derived, spec in DERIVED.items():
            if spec.base == key:
                extended[derived] = derived_entry(reference, derived)
    return extended


def verify_derived(key: str) -> None:
    """Raise unless the blank of ``key`` has its base's sheets and the same formula in every cell."""
    spec = DERIVED[key]
    base_family, base_version = spec.base.split("/")
    base = _formulas(TEMPLATES / f"RMI_{base_family}_{base_version}.xlsx")
    derived = _formulas(TEMPLATES / spec.file)
    if base != derived:
        different = sorted(set(base.items()) ^ set(derived.items()))[:5]
        raise SystemExit(f"{key} is not cell-for-cell {spec.base}; first differences: {different}")


def _formulas(path: Path) -> dict[tuple[str, str], str]:
    import openpyxl  # tool-time only: slow, but exact about formulas

    book = openpyxl.load_workbook(path)
    found: dict[tuple[str, str], str] = {("sheets", ""): "|".join(sorted(book.sheetnames))}
    for name in _COMPARED_SHEETS:
        if name not in book.sheetnames:
            continue
        for row in book[name].iter_rows():
            for cell in row:
                value = cell.value
                text = getattr(value, "text", value)
                if isinstance(text, str) and text.startswith("="):
                    found[(name, cell.coordinate)] = text
    return found


def build(source: Path) -> dict[str, Any]:
    raw = source.read_bytes()
    for key in DERIVED:
        verify_derived(key)
    reference = with_derived(json.loads(raw))
    built: dict[str, Any] = {
        key: template(value) for key, value in reference.items() if not key.startswith("_")
    }
    meta = {
        "generated_by": "tools/build_layouts.py",
        "source": "shared/docs/rmi-layouts.json",
        "source_sha1": hashlib.sha1(raw).hexdigest(),  # noqa: S324 - identifies the input, not security
        "trim_last_columns": {
            sheet: last_visible_column(built, key)
            for sheet, key in zip(LIST_SHEETS, ("smelter_list", "mine_list", "product_list"), strict=True)
        },
    }
    return {"_meta": meta, **built}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    built = build(args.source.resolve())
    args.out.write_text(
        json.dumps(built, ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8"
    )
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes, {len(built) - 1} templates)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
