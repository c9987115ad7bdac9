"""How fast ``rmi.read.read_workbook`` reads a returned template, against naive openpyxl, same run.

Inputs are CMRT 6.5 and EMRT 2.1 with 0, 300 and 1,000 Smelter List rows, made "Excel-like" by
patching the real templates' XML (``xlsx_patch.py``): user text in the shared strings, formulas kept,
cached results where a spreadsheet application computes them. Each file is read by

* the surveybot reader (median of ``--runs`` reads after a warm-up),
* ``openpyxl.load_workbook(data_only=True)`` plus reading the Smelter List rows (the naive way),
* python-calamine scanning every needed sheet in full (the baseline's "best full scan"),
* the inflate floor: zlib-decompressing the parts the reader needs (shared strings and the read
  sheets), nothing else,

and the ratios openpyxl / reader and reader / floor are printed (CPU), with the targets at 1,000 rows
(issue 18: ≤ 60 ms CPU, ≤ 4× the floor, ≥ 30× faster than openpyxl). "first" is the first read of
the file in a fresh process, before the per-revision Look-up index is kept.
Usage: ``.venv/bin/python bench/read_bench.py [--runs 9]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import re
import statistics
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from importlib.metadata import version
from pathlib import Path

import openpyxl
import python_calamine

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.xlsx_patch import Cached, Value, patch_workbook
from rmi.layouts import Layout, layout
from rmi.model import TemplateModel
from rmi.read import READ_SHEETS, read_workbook

TEMPLATES = Path(__file__).resolve().parents[1] / "rmi" / "data" / "templates"
KEYS = ("CMRT/6.5", "EMRT/2.1")
SIZES = (0, 300, 1000)
EXCEL_EPOCH = dt.date(1899, 12, 30)


def lookup_rows(path: Path, spec: Layout) -> list[list[object]]:
    """The template's own Smelter Look-up rows (metal, alias, standard name, country, CID, source)."""
    assert spec.smelter_lookup is not None
    sheet = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(spec.smelter_lookup.sheet)
    rows = sheet.to_python(skip_empty_area=False)[spec.smelter_lookup.first_row - 1 :]
    return [row[:6] for row in rows if row and str(row[4]).startswith("CID")]


def declaration_cells(spec: Layout) -> Iterator[tuple[str, Value]]:
    yield spec.language_cell.ref, "English"
    for key, field in spec.company_fields.items():
        if key == "effective_date":
            yield field.cell.ref, float((dt.date(2026, 10, 31) - EXCEL_EPOCH).days)
        elif field.allowed:
            yield field.cell.ref, field.allowed[0]
        else:
            yield field.cell.ref, f"Bench {key.replace('_', ' ')}"
    rows = [row for question in spec.questions for row in question.rows]
    rows += [row for question in spec.company_questions for row in question.per_mineral]
    for row in rows:
        if not row.hidden and row.allowed:
            yield row.answer.ref, row.allowed[0]
            yield row.comment.ref, f"Comment on row {row.row}"
    for question in spec.company_questions:
        if question.answer is not None and question.allowed:
            yield question.answer.ref, question.allowed[0]


def smelter_cells(spec: Layout, pool: list[list[object]], count: int) -> Iterator[tuple[str, Value]]:
    """Dropdown picks in B/C (a typed CID in A every tenth row) with the auto-fill results cached."""
    sheet, columns = spec.smelter_list.sheet, spec.smelter_list.columns
    for index in range(count):
        metal, alias, standard, country, cid, source = (str(value) for value in pool[index % len(pool)])
        row = spec.smelter_list.first_row + index
        cell = {key: f"{sheet}!{letter}{row}" for key, letter in columns.items()}
        if index % 10 == 9:
            yield cell["smelter_id_input"], cid
            yield cell["metal"], Cached(metal)
            yield cell["smelter_lookup"], Cached(standard)
        else:
            yield cell["metal"], metal
            yield cell["smelter_lookup"], alias
        yield cell["smelter_country"], Cached(country)
        yield cell["smelter_id"], Cached(cid)
        yield cell["smelter_id_source"], Cached(source)
        yield cell["smelter_contact_name"], f"Contact {index + 1}"
        yield cell["smelter_contact_email"], f"smelter{index + 1}@example.com"
        yield cell["comments"], f"Reported by tier-2 supplier #{index % 37 + 1}"


def list_cells(spec: Layout, count: int) -> Iterator[tuple[str, Value]]:
    products = spec.product_list
    for index in range(20):
        row = products.first_row + index
        yield f"{products.sheet}!{products.columns['product_number']}{row}", f"PN-{1000 + index}"
        yield f"{products.sheet}!{products.columns['product_name']}{row}", f"Bench product {index}"
    mines = spec.mine_list
    if mines is None:
        return
    for index in range(count // 10):
        row = mines.first_row + index
        for key, text in (
            ("metal", "Cobalt"),
            ("smelter_names", "Bench smelter"),
            ("mine_name", f"Mine {index}"),
        ):
            yield f"{mines.sheet}!{mines.columns[key]}{row}", text
        yield f"{mines.sheet}!{mines.columns['mine_country']}{row}", "CANADA"


def filled_template(key: str, count: int) -> bytes:
    spec = layout(key)
    path = TEMPLATES / f"RMI_{key.replace('/', '_')}.xlsx"
    cells = dict(declaration_cells(spec))
    cells.update(smelter_cells(spec, lookup_rows(path, spec), count))
    cells.update(list_cells(spec, count))
    return patch_workbook(path.read_bytes(), cells)


def naive_openpyxl(data: bytes) -> int:
    workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    sheet = workbook["Smelter List"]
    return sum(1 for row in sheet.iter_rows(min_row=5, max_col=17, values_only=True) if any(row))


def calamine_full_scan(data: bytes) -> int:
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    return sum(
        len(book.get_sheet_by_name(name).to_python()) for name in READ_SHEETS if name in book.sheet_names
    )


def inflate_floor(data: bytes) -> int:
    """Decompress the parts the reader needs, and nothing else (sheets found by name, as it does)."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    paths = _sheet_paths(archive)
    parts = ["xl/sharedStrings.xml", *(paths[name] for name in READ_SHEETS if name in paths)]
    return sum(len(archive.read(part)) for part in parts)


def _sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    names = re.findall(rb'<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"', archive.read("xl/workbook.xml"))
    rels = re.findall(rb'Id="([^"]+)"[^>]*Target="([^"]+)"', archive.read("xl/_rels/workbook.xml.rels"))
    targets = {key.decode(): target.decode().lstrip("/").removeprefix("xl/") for key, target in rels}
    return {name.decode(): f"xl/{targets[key.decode()]}" for name, key in names}


def first_read_cpu(data: bytes) -> float:
    """CPU ms of reading ``data`` in a fresh interpreter (nothing kept from an earlier read)."""
    code = (
        "import sys, time; from rmi.read import read_workbook; data = sys.stdin.buffer.read();"
        "start = time.process_time(); read_workbook(data); print(time.process_time() - start)"
    )
    done = subprocess.run([sys.executable, "-c", code], input=data, capture_output=True, check=True)
    return float(done.stdout) * 1000


def timed(action: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall and CPU time in ms of ``runs`` calls after one warm-up call.

    CPU time is printed too because the machine may be shared: waiting for a core inflates the
    wall time of both readers, not the work they do.
    """
    action()
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000


HEADER = (
    f"{'template':<9} {'rows':>5} │ {'reader ms':>9} {'(cpu)':>7} {'first':>6} │ {'floor':>6} {'x':>5} │"
    f" {'openpyxl ms':>11} {'(cpu)':>7} │ {'ratio':>6} {'(cpu)':>7} │ {'calamine':>8}"
)
TARGET_CPU_MS, TARGET_FLOOR_RATIO, TARGET_OPENPYXL_RATIO = 60.0, 4.0, 30.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="timed reads per file (openpyxl: a third)")
    args = parser.parse_args()
    print(
        f"python-calamine {version('python-calamine')}, openpyxl {openpyxl.__version__},"
        f" {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start"
    )
    print(HEADER)
    verdicts = []
    for key in KEYS:
        for count in SIZES:
            data = filled_template(key, count)
            model = read_workbook(data)
            assert isinstance(model, TemplateModel) and len(model.smelters) == count, model
            first = first_read_cpu(data)
            reader = timed(lambda data=data: read_workbook(data), args.runs)
            floor = timed(lambda data=data: inflate_floor(data), args.runs)
            naive = timed(lambda data=data: naive_openpyxl(data), max(args.runs // 3, 1))
            full = timed(lambda data=data: calamine_full_scan(data), args.runs)
            ratio = (naive[0] / reader[0], naive[1] / reader[1])
            over_floor = reader[1] / floor[1]
            print(
                f"{key:<9} {count:>5} │ {reader[0]:>9.1f} {reader[1]:>7.1f} {first:>6.1f}"
                f" │ {floor[1]:>6.1f} {over_floor:>4.1f}x"
                f" │ {naive[0]:>11.1f} {naive[1]:>7.1f}"
                f" │ {ratio[0]:>5.1f}x {ratio[1]:>6.1f}x │ {full[0]:>8.1f}"
            )
            if count == max(SIZES):
                verdicts.append(_verdict(key, reader[1], over_floor, ratio[1]))
    print("\n".join(verdicts))
    print(f"load average {os.getloadavg()[0]:.2f} at end")
    return 0


def _verdict(key: str, cpu: float, over_floor: float, over_openpyxl: float) -> str:
    checks = (
        (cpu <= TARGET_CPU_MS, f"{cpu:.1f} ms CPU (≤ {TARGET_CPU_MS:.0f})"),
        (over_floor <= TARGET_FLOOR_RATIO, f"{over_floor:.1f}x the floor (≤ {TARGET_FLOOR_RATIO:.0f}x)"),
        (over_openpyxl >= TARGET_OPENPYXL_RATIO, f"{over_openpyxl:.1f}x faster than openpyxl (≥ 30x)"),
    )
    said = ", ".join(f"{text} {'meets' if ok else 'MISSES'}" for ok, text in checks)
    return f"{key} at {max(SIZES)} rows: {said}"


if __name__ == "__main__":
    raise SystemExit(main())
