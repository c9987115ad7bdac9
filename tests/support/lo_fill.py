"""Fill RMI templates inside a real LibreOffice, the way a supplier's spreadsheet application does.

Runs under the SYSTEM python (``/usr/bin/python3``, which has python3-uno); the project venv cannot
import ``uno``. Usage: ``/usr/bin/python3 lo_fill.py JOBFILE``. The JSON job file holds::

    {"pipe": "<name of a running soffice's UNO pipe>" | null, "profile": "/tmp/...",
     "jobs": [{"template": "/abs.xlsx", "out": "/abs.xlsx", "cells": [[sheet, "A1", kind, value]]}]}

Without a pipe the script starts its own headless soffice with a private profile and stops it at the
end. Each job: open the template, set the cells (API writes are not blocked by sheet protection;
writing over a formula replaces it, as a dropdown pick does in Excel), recalculate everything, store
as "Calc MS Excel 2007 XML" so every formula cell carries a cached value. One JSON line per job goes to
stdout: {"out": ..., "seconds": ...} or {"out": ..., "error": ...}; the exit status is 1 if any failed.

A job with ``"variants"`` (lists of cells, each one scenario's change to the job's cells) also has
``"variants_out"`` (a JSON path) and ``"variant_files"`` (one path per variant). Storing is what
costs LibreOffice most, recalculating is cheap: so the filled base is stored once, and each variant
is applied ALONE to it, recalculated, and undone (cells put back as the job's own cells or the
template had them, kind ``"template"``). What a variant's own stored file would hold is recorded
instead of stored: its input cells as LibreOffice took them and every formula result that differs
from the base's. ``variants_out`` gets ``{"variants": [{"cells": [[sheet, address, kind, value],
...]} | {"stored": true}, ...]}`` with kinds ``input-string``, ``input-number``, ``input-clear``,
``input-formula`` (value: [formula in English Excel syntax, result kind, result]), ``result-n``,
``result-str``, ``result-e``; the test side writes each variant's file from the base file and these
cells (``tests/support/variant_files.py``). A variant that changes a cell's number format (a date
typed where no date was) cannot be written that way: LibreOffice stores it to its ``variant_files``
path itself (``{"stored": true}``).
"""

import contextlib
import ctypes
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from typing import Any

import uno  # type: ignore[import-not-found]  # only the system python has python3-uno
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

CLEAR_ALL = 1 | 2 | 4 | 16  # VALUE | DATETIME | STRING | FORMULA
DATE_TYPE = 2  # com.sun.star.util.NumberFormat.DATE
DEFAULT_DATE_FORMAT = "DD-MMM-YYYY"
XLSX_FILTER = "Calc MS Excel 2007 XML"
PR_SET_PDEATHSIG = 1


def prop(name: str, value: Any) -> Any:
    item = PropertyValue()
    item.Name = name
    item.Value = value
    return item


def connect(pipe: str, deadline: float) -> Any:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def die_with_parent() -> None:
    """In the child before exec: own process group, and SIGTERM when the starting process dies."""
    os.setsid()
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def start_office(pipe: str, profile: str) -> subprocess.Popen[bytes]:
    args = [
        "soffice",
        "--headless",
        "--invisible",
        "--norestore",
        "--nologo",
        "--nodefault",
        "--nolockcheck",
        f"-env:UserInstallation={uno.systemPathToFileUrl(profile)}",
        f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
    ]
    quiet = subprocess.DEVNULL
    return subprocess.Popen(args, stdout=quiet, stderr=quiet, preexec_fn=die_with_parent)


def ensure_date_format(doc: Any, cell: Any) -> None:
    formats = doc.NumberFormats
    current = formats.getByKey(cell.NumberFormat)
    if current.Type & DATE_TYPE:
        return
    locale = current.Locale
    key = formats.queryKey(DEFAULT_DATE_FORMAT, locale, False)
    if key == -1:
        key = formats.addNew(DEFAULT_DATE_FORMAT, locale)
    cell.NumberFormat = key


def excel_formula_parser(doc: Any) -> Any:
    """A parser for formulas written as in English Excel (A1 references, ``Sheet!A1``, commas)."""
    language = uno.getConstantByName("com.sun.star.sheet.FormulaLanguage.XL_ENGLISH")
    mapper = doc.createInstance("com.sun.star.sheet.FormulaOpCodeMapper")
    parser = doc.createInstance("com.sun.star.sheet.FormulaParser")
    parser.FormulaConvention = uno.getConstantByName("com.sun.star.sheet.AddressConvention.XL_A1")
    parser.CompileEnglish = True
    special = uno.getConstantByName("com.sun.star.sheet.FormulaMapGroup.SPECIAL")
    every_other = uno.getConstantByName("com.sun.star.sheet.FormulaMapGroup.ALL_EXCEPT_SPECIAL")
    parser.OpCodeMap = tuple(mapper.getAvailableMappings(language, special)) + tuple(
        mapper.getAvailableMappings(language, every_other)
    )
    return parser


_CELLS: dict[tuple[int, str, str], Any] = {}
"""The open document's cell objects by address: a variant touches the same cells five times over, and
every lookup is a round trip to the office process."""


def cell_at(doc: Any, sheet: str, address: str) -> Any:
    key = (id(doc), sheet, address)
    if key not in _CELLS:
        _CELLS[key] = doc.Sheets.getByName(sheet).getCellRangeByName(address)
    return _CELLS[key]


def set_cell(doc: Any, sheet: str, address: str, kind: str, value: Any) -> None:
    try:
        cell = cell_at(doc, sheet, address)
        write_cell(doc, cell, kind, value)
    except Exception as error:
        raise RuntimeError(
            f"cannot set {sheet}!{address} ({kind}): {type(error).__name__} {error}"
        ) from error


def write_cell(doc: Any, cell: Any, kind: str, value: Any) -> None:
    if kind == "restore":  # value: the template's own content, as ``snapshot`` took it
        restore_cell(cell, value)
    elif kind == "clear":
        cell.clearContents(CLEAR_ALL)
    elif kind == "string":
        cell.setString(value)
    elif kind == "number":
        cell.setValue(value)
    elif kind == "bool":
        cell.setFormula("=TRUE()" if value else "=FALSE()")
    elif kind == "date":
        cell.setValue(value)
        ensure_date_format(doc, cell)
    elif kind == "formula":
        cell.setTokens(excel_formula_parser(doc).parseFormula(value, cell.CellAddress))
    else:
        raise ValueError(f"unknown cell kind {kind!r}")


def write_cells(doc: Any, cells: list[list[Any]]) -> None:
    """Write every cell; plain strings and numbers go in vertical runs (one UNO call per run).

    A 1,000-row Smelter List would otherwise cost thousands of round trips to the office process.
    """
    plain: dict[tuple[str, str], dict[int, Any]] = {}
    for sheet, address, kind, value in cells:
        column, row = split_address(address)
        if kind in ("string", "number"):
            plain.setdefault((sheet, column), {})[row] = value
        else:
            set_cell(doc, sheet, address, kind, value)
    for (sheet, column), rows in plain.items():
        for first, values in vertical_runs(rows):
            target = f"{column}{first}:{column}{first + len(values) - 1}"
            try:
                cell_range = cell_at(doc, sheet, target)
                cell_range.setDataArray(tuple((value,) for value in values))
            except Exception as error:
                raise RuntimeError(f"cannot set {sheet}!{target}: {type(error).__name__} {error}") from error


def snapshot(doc: Any, refs: list[list[str]]) -> dict[tuple[str, str], list[Any]]:
    """What the loaded template holds in each cell: [type, content, number format]."""
    taken = {}
    for sheet, address in refs:
        cell = cell_at(doc, sheet, address)
        kind = cell.getType().value
        content = {"VALUE": cell.getValue(), "TEXT": cell.getString(), "FORMULA": cell.getFormula()}.get(kind)
        taken[(sheet, address)] = [kind, content, cell.NumberFormat]
    return taken


def restore_cell(cell: Any, taken: list[Any]) -> None:
    kind, content, number_format = taken
    cell.clearContents(CLEAR_ALL)
    if kind == "VALUE":
        cell.setValue(content)
    elif kind == "TEXT":
        cell.setString(content)
    elif kind == "FORMULA":
        cell.setFormula(content)
    cell.NumberFormat = number_format


FORMULA_CELLS = 16  # com.sun.star.sheet.CellFlags.FORMULA
FORMULA_RESULT_STRING = 2  # com.sun.star.sheet.FormulaResult.STRING


def formula_ranges(doc: Any) -> list[tuple[str, int, int, Any]]:
    """Every block of formula cells: (sheet, first row, first column, the range), 0-based."""
    found = []
    for name in doc.Sheets.getElementNames():
        sheet = doc.Sheets.getByName(name)
        for block in sheet.queryContentCells(FORMULA_CELLS).getRangeAddresses():
            cells = sheet.getCellRangeByPosition(
                block.StartColumn, block.StartRow, block.EndColumn, block.EndRow
            )
            found.append((name, block.StartRow, block.StartColumn, cells))
    return found


def harvest(ranges: list[tuple[str, int, int, Any]]) -> dict[tuple[str, int, int], Any]:
    """Every formula's result (one UNO call per block): a number, a string, or None for an error."""
    results = {}
    for name, first_row, first_column, cells in ranges:
        for row, values in enumerate(cells.getDataArray()):
            for column, value in enumerate(values):
                results[(name, first_row + row, first_column + column)] = value
    return results


def column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def changed_results(doc: Any, base: dict, now: dict, inputs: set) -> list[list[Any]]:
    """The formula results that differ from the base's, as the variant's stored file would hold them."""
    changed = []
    for (sheet, row, column), value in now.items():
        if base.get((sheet, row, column), ()) == value:
            continue
        address = f"{column_letters(column)}{row + 1}"
        if (sheet, address) in inputs:
            continue
        if value is None:  # an error: ask the cell for the text its xlsx export writes
            cell = doc.Sheets.getByName(sheet).getCellByPosition(column, row)
            changed.append([sheet, address, *formula_result(cell)])
        else:
            kind = "result-str" if isinstance(value, str) else "result-n"
            changed.append([sheet, address, kind, value])
    return changed


def formula_result(cell: Any) -> list[Any]:
    """A formula cell's result as [kind, value], the way the xlsx export writes it."""
    if cell.getError():
        return ["result-e", cell.getString()]
    if cell.FormulaResultType2 == FORMULA_RESULT_STRING:
        return ["result-str", cell.getString()]
    return ["result-n", cell.getValue()]


def taken_inputs(
    doc: Any, touched: list[tuple[str, str]], formats: dict, parser: Any
) -> list[list[Any]] | None:
    """The variant's input cells as LibreOffice holds them (a formula in English Excel syntax, with
    its result); None if a cell's number format changed (a date typed where no date was)."""
    cells = []
    for sheet, address in touched:
        cell = cell_at(doc, sheet, address)
        kind = cell.getType().value
        if cell.NumberFormat != formats[(sheet, address)]:
            return None
        if kind == "FORMULA":
            text = parser.printFormula(cell.getTokens(), cell.CellAddress)
            cells.append([sheet, address, "input-formula", [text.removeprefix("="), *formula_result(cell)]])
        elif kind == "TEXT":
            cells.append([sheet, address, "input-string", cell.getString()])
        elif kind == "VALUE":
            cells.append([sheet, address, "input-number", cell.getValue()])
        else:
            cells.append([sheet, address, "input-clear", None])
    return cells


def run_variants(doc: Any, job: dict[str, Any]) -> dict[str, Any]:
    """Store the base; then each variant alone, recorded (or stored), and undone (module docstring)."""
    variants = job["variants"]
    refs = {(sheet, address) for variant in variants for sheet, address, *_ in variant}
    taken = snapshot(doc, [list(ref) for ref in sorted(refs)])
    own = {(sheet, address): [sheet, address, kind, value] for sheet, address, kind, value in job["cells"]}
    write_cells(doc, job["cells"])
    doc.calculateAll()
    store(doc, job["out"])
    ranges = formula_ranges(doc)
    base = harvest(ranges)
    parser = excel_formula_parser(doc)
    recorded = []
    for variant, stored_path in zip(variants, job["variant_files"], strict=True):
        touched = list(dict.fromkeys((sheet, address) for sheet, address, *_ in variant))
        formats = {ref: cell_at(doc, *ref).NumberFormat for ref in touched}
        write_cells(doc, [restored(cell, taken) for cell in variant])
        doc.calculateAll()  # not calculate(): EMRT 2.x's mineral selection reaches cells it does not dirty
        inputs = taken_inputs(doc, touched, formats, parser)
        if inputs is None:
            store(doc, stored_path)
            recorded.append({"stored": True})
        else:
            results = changed_results(doc, base, harvest(ranges), set(touched))
            recorded.append({"cells": inputs + results})
        undo = [[sheet, address, "restore", taken[(sheet, address)]] for sheet, address in touched]
        write_cells(doc, undo + [own[ref] for ref in touched if ref in own])
    return {"variants": recorded}


def restored(cell: list[Any], taken: dict[tuple[str, str], list[Any]]) -> list[Any]:
    """A variant's cell; kind ``"template"`` becomes what the blank template held there."""
    sheet, address, kind, _value = cell
    return [sheet, address, "restore", taken[(sheet, address)]] if kind == "template" else cell


def store(doc: Any, path: str) -> None:
    doc.storeToURL(uno.systemPathToFileUrl(path), (prop("FilterName", XLSX_FILTER),))


def split_address(address: str) -> tuple[str, int]:
    letters = address.rstrip("0123456789")
    return letters, int(address[len(letters) :])


def vertical_runs(rows: dict[int, Any]) -> list[tuple[int, list[Any]]]:
    runs: list[tuple[int, list[Any]]] = []
    for row in sorted(rows):
        if runs and runs[-1][0] + len(runs[-1][1]) == row:
            runs[-1][1].append(rows[row])
        else:
            runs.append((row, [rows[row]]))
    return runs


def fill_one(desktop: Any, job: dict[str, Any], scratch: str) -> float:
    started = time.monotonic()
    # Open a private copy: LibreOffice leaves ".~lock.<name>#" beside what it opens, and a lock left
    # by another (or a killed) office makes it refuse the shared template outright.
    private = os.path.join(scratch, f"{os.getpid()}-{time.monotonic_ns()}.xlsx")
    shutil.copyfile(job["template"], private)
    try:
        url = uno.systemPathToFileUrl(private)
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
        if doc is None:
            raise RuntimeError(f"LibreOffice could not open {job['template']}")
        try:
            doc.lockControllers()
            doc.enableAutomaticCalculation(False)
            if job.get("variants"):
                recorded = run_variants(doc, job)
                with open(job["variants_out"], "w", encoding="utf-8") as handle:
                    json.dump(recorded, handle, ensure_ascii=False)
            else:
                write_cells(doc, job["cells"])
                doc.calculateAll()
                store(doc, job["out"])
        finally:
            _CELLS.clear()
            doc.close(True)
    finally:
        os.unlink(private)
    return round(time.monotonic() - started, 3)


def run_jobs(desktop: Any, jobs: list[dict[str, Any]]) -> int:
    failed = 0
    with tempfile.TemporaryDirectory(prefix="lo_fill-") as scratch:
        for job in jobs:
            try:
                report = {"out": job["out"], "seconds": fill_one(desktop, job, scratch)}
            except Exception as error:  # report per job and carry on with the batch
                failed += 1
                report = {"out": job["out"], "error": f"{type(error).__name__}: {error}"}
            print(json.dumps(report), flush=True)
    return failed


def main(job_file: str) -> int:
    with open(job_file, encoding="utf-8") as handle:
        spec = json.load(handle)
    own_office = None
    pipe = spec.get("pipe")
    if not pipe:
        pipe = f"surveybot_lo_fill_{os.getpid()}"
        own_office = start_office(pipe, spec["profile"])
    try:
        context = connect(pipe, time.monotonic() + float(spec.get("connect_timeout", 60)))
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        failed = run_jobs(desktop, spec["jobs"])
        if own_office is not None:
            # the bridge may drop while the office shuts down
            with contextlib.suppress(Exception):
                desktop.terminate()
    finally:
        if own_office is not None:
            try:
                own_office.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(own_office.pid, 9)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
