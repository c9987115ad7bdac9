"""Build ``rmi/data/labels.json``: every input label of the blank RMI templates, in each of their languages.

Each template carries its own translations in the hidden sheet ``L`` (one row per label cell, one
column per language; see rmi-layouts.md §1.3). A reply names a cell the way the supplier sees it
("Declaration!D16 „E-Mail-Adresse des Ansprechpartners“"), so the mail needs those texts. They are
read here once, from the blanks shipped in ``rmi/data/templates``, instead of from every returned file
at check time: the ``L`` sheet is the largest sheet of a template after the smelter look-up, nobody edits
it (it is hidden and holds no answers), and its texts are fixed per revision, so the blank's copy is
the supplier's copy and the reader stays as fast as it is. Re-run it when a blank is added::

    python tools/build_labels.py [--out PATH]

The output keeps the label cells of the sheets findings point at, keyed by the ``L`` key (sheet name +
label cell, e.g. ``DeclarationB16``), with each distinct tuple of texts stored once.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import openpyxl

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from rmi.blanks import shipped_blanks  # noqa: E402
from rmi.read.detect import language_code  # noqa: E402

TEMPLATES = REPO / "rmi" / "data" / "templates"
DEFAULT_OUT = REPO / "rmi" / "data" / "labels.json"
SHEETS = ("Declaration", "Smelter List", "Product List", "Mine List", "Minerals Scope")
_MARKERS = re.compile(r"[(（]\s*[*1-9]\s*[)）]")
_SPACES = re.compile(r"\s+")
_MAX = 110


def clean(text: object) -> str:
    """A label as a quote: one line, without "(*)"/"(1)" markers and the trailing colon."""
    if not isinstance(text, str) or text.startswith("="):
        return ""
    flat = _SPACES.sub(" ", _MARKERS.sub("", text.replace("\xa0", " "))).strip()
    for end in ("?", "？"):  # a question label: its first question is the name of the row
        if end in flat:
            flat = flat[: flat.index(end) + 1]
            break
    flat = flat.rstrip(" :：").strip()
    return flat if len(flat) <= _MAX else flat[: _MAX - 1].rstrip() + "…"


def template_labels(path: Path) -> dict[str, dict[str, str]]:
    """``{L key: {language code: label}}`` for the label cells of ``SHEETS`` in one blank."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    rows = book["L"].iter_rows(values_only=True)
    header = next(rows)
    columns = {i: language_code(str(name)) for i, name in enumerate(header) if i >= 3 and name}
    found: dict[str, dict[str, str]] = {}
    for row in rows:
        sheet, cell = (row[1], row[2]) if len(row) > 2 else (None, None)
        if sheet not in SHEETS or not isinstance(cell, str):
            continue
        texts = {code: clean(row[i]) for i, code in columns.items() if i < len(row)}
        texts = {code: text for code, text in texts.items() if text}
        if "en" in texts:
            found[f"{sheet}{cell}".casefold()] = texts
    book.close()
    return found


def build() -> dict[str, object]:
    table: list[dict[str, str]] = []
    index: dict[str, int] = {}
    layouts: dict[str, dict[str, int]] = {}
    for blank in shipped_blanks():
        keyed: dict[str, int] = {}
        for key, texts in sorted(template_labels(TEMPLATES / blank.filename).items()):
            fingerprint = json.dumps(texts, sort_keys=True, ensure_ascii=False)
            if fingerprint not in index:
                index[fingerprint] = len(table)
                table.append(texts)
            keyed[key] = index[fingerprint]
        layouts[f"{blank.family}/{blank.version}"] = keyed
    comment = "built by tools/build_labels.py from rmi/data/templates"
    return {"comment": comment, "texts": table, "layouts": layouts}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    built = build()
    args.out.write_text(json.dumps(built, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n")
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
