"""Fill RMI templates inside a real LibreOffice, the way a supplier's spreadsheet application does.

Runs under the SYSTEM python (``/usr/bin/python3``, which has python3-uno); the project venv cannot
import ``uno``. Usage: ``/usr/bin/python3 lo_fill.py JOBFILE``. The JSON job file holds::

    {"pipe": "<name of a running soffice's UNO pipe>" | null, "profile": "/tmp/...",
     "jobs": [{"template": "/abs.xlsx", "out": "/abs.xlsx", "cells": [[sheet, "A1", kind, value]]}]}

Without a pipe the script starts its own headless soffice with a private profile and stops it at the
end. Each job: open the template, set the cells (API writes are not blocked by sheet protection;
writing over a formula replaces it, as a dropdown pick does in Excel), recalculate everything, store
as "Calc MS Excel 2007 XML" so every formula cell carries a cached value. One JSON line per job goes to
stdout: {"out": ..., "seconds": ..., "reused": bool} or {"out": ..., "error": ...}; the exit status is 1
if any failed. ``"scratch"`` (optional) is a folder where the office keeps its loaded template for
the next job of the same kind, in this run or the next (``Templates``); ``"reused"`` says a job ran on
one that an earlier job had filled and put back.

A *pack* job also has ``"members"`` (lists of cells, each one scenario's change to the job's cells),
``"probes"`` (cells to read) and ``"probes_out"``. Each member is applied ALONE to the filled
workbook, recalculated, its probe values read, and undone (cells put back as the job's own cells or
the template had them, kind ``"template"``); then all members are applied together, recalculated and
stored. ``probes_out`` gets ``{"members": [{ref: value}, ...], "pack": {ref: value}}``: what each
scenario's own file would show, and what the stored file shows, at the price of one stored file.
"""

import contextlib
import ctypes
import hashlib
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
    elif kind == "reset":  # the same, exactly, on a kept template after a job
        restore_cell(cell, value, exact=True)
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
    """What the loaded document holds in each cell: [type, content, number format, format is direct].

    The type is ``"ARRAY"`` for a cell of an array formula, which ``restore_cell`` cannot rebuild.
    """
    taken = {}
    for sheet, address in refs:
        cell = doc.Sheets.getByName(sheet).getCellRangeByName(address)
        kind = cell.getType().value
        content = {"VALUE": cell.getValue(), "TEXT": cell.getString(), "FORMULA": cell.getFormula()}.get(kind)
        if kind == "FORMULA" and content.startswith("{"):
            kind = "ARRAY"
        taken[(sheet, address)] = [kind, content, cell.NumberFormat, is_direct(cell)]
    return taken


def restore_cell(cell: Any, taken: list[Any], exact: bool = False) -> None:
    """Put back what ``snapshot`` took. A pack member's undo sets the number format as it was;
    ``exact`` (a kept template between jobs) also puts back whether it came from the cell's style."""
    kind, content, number_format, direct = taken
    cell.clearContents(CLEAR_ALL)
    if kind == "VALUE":
        cell.setValue(content)
    elif kind == "TEXT":
        cell.setString(content)
    elif kind == "FORMULA":
        cell.setFormula(content)
    if not exact:
        cell.NumberFormat = number_format
    elif direct:
        if cell.NumberFormat != number_format or not is_direct(cell):
            cell.NumberFormat = number_format
    elif is_direct(cell):
        cell.setPropertyToDefault("NumberFormat")


def is_direct(cell: Any) -> bool:
    return bool(cell.getPropertyState("NumberFormat").value == "DIRECT_VALUE")


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


REUSE_AT_MOST = 400
"""Cells a job may touch and still run on a kept template (snapshotting costs a few calls a cell)."""


class Templates:
    """The office's loaded copy of the template last used, kept open between jobs and batches.

    Loading a template costs about as much as filling and recalculating it, so a job runs on the
    kept document when it is of the same template, and afterwards every cell it touched is put back
    as the template had it (``snapshot``/``restore_cell``) and the document is marked unmodified.
    The copy lives at a stable path in ``scratch`` (one per office), so the next ``lo_fill.py`` run
    finds it among the office's components by URL. A kept document still marked modified was left
    half-done by a run that died: it is closed and loaded afresh. A job touching many cells or an
    array formula (which a cell-by-cell restore cannot rebuild) runs on a fresh private copy.
    """

    def __init__(self, desktop: Any, scratch: str) -> None:
        self.desktop, self.scratch = desktop, scratch

    def kept_url(self, template: str, variant: str) -> str:
        key = f"{os.path.abspath(template)}\0{variant}".encode()
        name = hashlib.sha256(key).hexdigest()[:16]
        return uno.systemPathToFileUrl(os.path.join(self.scratch, f"kept-{name}.xlsx"))

    def take(self, template: str, variant: str) -> tuple[Any, bool]:
        """The kept, pristine document of ``template`` and whether it ran a job before; any other
        kept document is closed."""
        wanted = self.kept_url(template, variant)
        found = None
        for doc in self.kept_documents():
            if doc.getURL() == wanted and not doc.isModified():
                found = doc
            else:
                doc.close(True)
        if found is not None:
            return found, True
        shutil.copyfile(template, uno.fileUrlToSystemPath(wanted))
        return load(self.desktop, wanted, template), False

    def kept_documents(self) -> list[Any]:
        prefix = uno.systemPathToFileUrl(self.scratch) + "/kept-"
        documents = self.desktop.getComponents().createEnumeration()
        found = []
        while documents.hasMoreElements():
            doc = documents.nextElement()
            if hasattr(doc, "getURL") and doc.getURL().startswith(prefix):
                found.append(doc)
        return found

    def fresh(self, template: str) -> tuple[Any, str]:
        """A private copy of ``template``, loaded, to close after the job; and the copy's path."""
        # LibreOffice leaves ".~lock.<name>#" beside what it opens, and a lock left by another
        # (or a killed) office makes it refuse the shared template outright: open a private copy.
        private = os.path.join(self.scratch, f"{os.getpid()}-{time.monotonic_ns()}.xlsx")
        shutil.copyfile(template, private)
        return load(self.desktop, uno.systemPathToFileUrl(private), template), private


def load(desktop: Any, url: str, template: str) -> Any:
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
    if doc is None:
        raise RuntimeError(f"LibreOffice could not open {template}")
    doc.lockControllers()
    doc.enableAutomaticCalculation(False)
    return doc


def variant(job: dict[str, Any]) -> str:
    """What a kept document must share with a job besides the template: the very cells written, of
    the same kinds, and the language picked. Anything less leaks from one job into the next file:

    * the number formats a date cell got stay in the document's format pool, and the xlsx export
      writes every pooled cell format, used or not;
    * a row's optimal height is recomputed by LibreOffice when a cell in it changes, and putting
      the cell back leaves LibreOffice's height where a fresh load has the file's;
    * LibreOffice remembers the script (Latin, Asian) of a formula cell's text across a
      recalculation and picks the exported font by it; the language switches every label formula.

    With the same cells written, the next job rewrites exactly what the last one changed. Proof:
    tests/support/test_template_reuse.py.
    """
    written = sorted([sheet, address, kind] for sheet, address, kind, _value in job["cells"])
    language = [value for sheet, address, _kind, value in job["cells"] if (sheet, address) == LANGUAGE_CELL]
    return json.dumps([written, language], ensure_ascii=False)


LANGUAGE_CELL = ("Declaration", "D3")


def touched(job: dict[str, Any]) -> list[list[str]]:
    cells = job["cells"] + [cell for member in job.get("members", ()) for cell in member]
    return [list(ref) for ref in sorted({(sheet, address) for sheet, address, *_ in cells})]


def fill_one(templates: Templates, job: dict[str, Any]) -> dict[str, Any]:
    """Fill and store one job; report its seconds and whether it reused a template a job ran on."""
    started = time.monotonic()
    refs = touched(job)
    taken, reused = None, False
    if not job.get("members") and len(refs) <= REUSE_AT_MOST:
        (doc, reused), private = templates.take(job["template"], variant(job)), None
        taken = snapshot(doc, refs)
        if any(cell[0] == "ARRAY" for cell in taken.values()):
            taken = None
    if taken is None:
        doc, private = templates.fresh(job["template"])
    try:
        fill_and_store(doc, job)
        if taken is None:
            doc.close(True)
        else:
            write_cells(doc, [[sheet, address, "reset", cell] for (sheet, address), cell in taken.items()])
            doc.setModified(False)
    except BaseException:
        doc.close(True)
        raise
    finally:
        if private is not None:
            os.unlink(private)
    return {"seconds": round(time.monotonic() - started, 3), "reused": reused}


def fill_and_store(doc: Any, job: dict[str, Any]) -> None:
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


def run_jobs(desktop: Any, jobs: list[dict[str, Any]], scratch: str | None = None) -> int:
    failed = 0
    with tempfile.TemporaryDirectory(prefix="lo_fill-") as own_scratch:
        templates = Templates(desktop, scratch or own_scratch)
        for job in jobs:
            try:
                report = {"out": job["out"], **fill_one(templates, job)}
            except Exception as error:  # report per job and carry on with the batch
                failed += 1
                report = {"out": job["out"], "error": f"{type(error).__name__}: {error}"}
            print(json.dumps(report), flush=True)
        if scratch is None:  # nobody will come back for them: the folder goes now
            for doc in templates.kept_documents():
                doc.close(True)
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
        failed = run_jobs(desktop, spec["jobs"], spec.get("scratch"))
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
