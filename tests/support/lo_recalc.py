"""Open workbooks in a real LibreOffice, recalculate everything, and report what survived.

Runs under the SYSTEM python (python3-uno), like ``lo_fill.py``, whose office start-up it reuses.
Usage: ``/usr/bin/python3 lo_recalc.py JOBFILE`` with ``{"profile": "/tmp/...", "jobs": [{"src": ...,
"validated": ["Declaration!D12", ...], "values": ["Checker!H4", ...], "out": ".../saved.xlsx"}]}``.
Prints one JSON line per job: the sheet names, the number of formula cells per sheet, the validation
type of each ``validated`` cell, the value (string or number) of each ``values`` cell after
``calculateAll``, and the file saved back as .xlsx by LibreOffice (``out``), so the caller can read
it with surveybot's own reader.
"""

import contextlib
import json
import os
import subprocess
import sys
import time

import uno  # type: ignore[import-not-found]
from lo_fill import connect, prop, start_office  # type: ignore[import-not-found]

FORMULA = 16  # com.sun.star.sheet.CellFlags.FORMULA
XLSX_FILTER = "Calc MS Excel 2007 XML"


def _cell(doc, ref):  # type: ignore[no-untyped-def]
    sheet, address = ref.split("!")
    return doc.Sheets.getByName(sheet).getCellRangeByName(address)


def _formula_cells(sheet):  # type: ignore[no-untyped-def]
    ranges = sheet.queryContentCells(FORMULA)
    total = 0
    for address in ranges.getRangeAddresses():
        total += (address.EndColumn - address.StartColumn + 1) * (address.EndRow - address.StartRow + 1)
    return total


def _value(cell):  # type: ignore[no-untyped-def]
    return cell.getString() if cell.getType().value == "TEXT" or cell.getFormula() == "" else cell.getValue()


def facts(desktop, job):  # type: ignore[no-untyped-def]
    url = uno.systemPathToFileUrl(job["src"])
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
    if doc is None:
        raise RuntimeError(f"LibreOffice could not open {job['src']}")
    try:
        doc.calculateAll()
        names = list(doc.Sheets.getElementNames())
        result = {
            "sheets": names,
            "formulas": {name: _formula_cells(doc.Sheets.getByName(name)) for name in names},
            "validations": {ref: _cell(doc, ref).Validation.Type.value for ref in job.get("validated", [])},
            "values": {ref: _value(_cell(doc, ref)) for ref in job.get("values", [])},
        }
        if job.get("out"):
            doc.storeToURL(uno.systemPathToFileUrl(job["out"]), (prop("FilterName", XLSX_FILTER),))
        return result
    finally:
        doc.close(True)


def main(job_file):  # type: ignore[no-untyped-def]
    with open(job_file, encoding="utf-8") as handle:
        spec = json.load(handle)
    pipe = f"surveybot_lo_recalc_{os.getpid()}"
    office = start_office(pipe, spec["profile"])
    failed = 0
    try:
        context = connect(pipe, time.monotonic() + 60)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        for job in spec["jobs"]:
            try:
                print(json.dumps({"src": job["src"], **facts(desktop, job)}), flush=True)
            except Exception as error:
                failed += 1
                problem = f"{type(error).__name__}: {error}"
                print(json.dumps({"src": job["src"], "error": problem}), flush=True)
        with contextlib.suppress(Exception):
            desktop.terminate()
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(office.pid, 9)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
