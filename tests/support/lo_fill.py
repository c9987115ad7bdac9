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

A *pack* job also has ``"members"`` (lists of cells, each one scenario's change to the job's cells),
``"probes"`` (cells to read) and ``"probes_out"``. Each member is applied ALONE to the filled
workbook, recalculated, its probe values read, and undone (cells put back as the job's own cells or
the template had them, kind ``"template"``); then all members are applied together, recalculated and
stored. ``probes_out`` gets ``{"members": [{ref: value}, ...], "pack": {ref: value}}``: what each
scenario's own file would show, and what the stored file shows, at the price of one stored file.
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


def set_cell(doc: Any, sheet: str, address: str, kind: str, value: Any) -> None:
    try:
        cell = doc.Sheets.getByName(sheet).getCellRangeByName(address)
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
                cell_range = doc.Sheets.getByName(sheet).getCellRangeByName(target)
                cell_range.setDataArray(tuple((value,) for value in values))
            except Exception as error:
                raise RuntimeError(f"cannot set {sheet}!{target}: {type(error).__name__} {error}") from error


CELL_TYPES = ("EMPTY", "VALUE", "TEXT", "FORMULA")


def snapshot(doc: Any, refs: list[list[str]]) -> dict[tuple[str, str], list[Any]]:
    """What the loaded template holds in each cell: [type, content, number format]."""
    taken = {}
    for sheet, address in refs:
        cell = doc.Sheets.getByName(sheet).getCellRangeByName(address)
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


def probe(doc: Any, refs: list[str]) -> dict[str, Any]:
    """Values of ``Sheet!A1`` cells after recalculation; an error value reads ``"#ERR<code>"``."""
    values = {}
    for ref in refs:
        sheet, address = ref.rsplit("!", 1)
        cell = doc.Sheets.getByName(sheet).getCellRangeByName(address)
        if cell.getError():
            values[ref] = f"#ERR{cell.getError()}"
        elif cell.getType().value == "EMPTY":
            values[ref] = ""
        elif cell.getType().value == "TEXT" or (
            cell.getType().value == "FORMULA" and cell.FormulaResultType2 == 2
        ):
            values[ref] = cell.getString()
        else:
            values[ref] = cell.getValue()
    return values


def run_members(doc: Any, job: dict[str, Any]) -> dict[str, Any]:
    """Each member alone (probed, then undone), then all together: see the module docstring."""
    members = job["members"]
    refs = {(sheet, address) for member in members for sheet, address, *_ in member}
    taken = snapshot(doc, [list(ref) for ref in sorted(refs)])
    own = {(sheet, address): [sheet, address, kind, value] for sheet, address, kind, value in job["cells"]}
    write_cells(doc, job["cells"])

    def resolved(cells: list[list[Any]]) -> list[list[Any]]:
        return [
            [sheet, address, "restore", taken[(sheet, address)]]
            if kind == "template"
            else [sheet, address, kind, value]
            for sheet, address, kind, value in cells
        ]

    alone = []
    for member in members:
        write_cells(doc, resolved(member))
        doc.calculateAll()
        alone.append(probe(doc, job["probes"]))
        touched = [(sheet, address) for sheet, address, *_ in member]
        undo = [[sheet, address, "restore", taken[(sheet, address)]] for sheet, address in touched]
        write_cells(doc, undo + [own[ref] for ref in touched if ref in own])
    write_cells(doc, resolved([cell for member in members for cell in member]))
    doc.calculateAll()
    return {"members": alone, "pack": probe(doc, job["probes"])}


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
            probed = None
            if job.get("members"):
                probed = run_members(doc, job)
            else:
                write_cells(doc, job["cells"])
                doc.calculateAll()
            doc.storeToURL(uno.systemPathToFileUrl(job["out"]), (prop("FilterName", XLSX_FILTER),))
            if probed is not None:
                with open(job["probes_out"], "w", encoding="utf-8") as handle:
                    json.dump(probed, handle, ensure_ascii=False)
        finally:
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
