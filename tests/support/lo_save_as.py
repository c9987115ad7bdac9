"""Save workbooks as legacy Excel 97-2003 (.xls) inside a real LibreOffice, as an old office suite does.

Runs under the SYSTEM python (python3-uno), like ``lo_fill.py``, whose office start-up it reuses; kept
apart from it because ``lo_fill.py``'s source keys the shared cache of filled workbooks. Usage:
``/usr/bin/python3 lo_save_as.py JOBFILE`` with ``{"profile": "/tmp/...", "jobs": [{"src": ..., "out":
..., "protect_structure": bool, "password": str | null}]}``.

``protect_structure`` locks the workbook structure (Tools > Protect Spreadsheet Structure) without a
password. Excel and LibreOffice write such an .xls RC4-encrypted with the default key
``VelvetSweatshop`` (a BIFF8 file cannot store the protection otherwise), and both open it without a
prompt: the very file suppliers send that earlier versions of surveybot called "password-protected".
``password`` sets a real file password instead ("Save with password").

With ``"pipe"`` in the job file it uses that running office (the test session's) instead of starting
one: starting soffice costs more than the save.
"""

import contextlib
import json
import os
import subprocess
import sys
import time

import uno  # type: ignore[import-not-found]
from lo_fill import connect, prop, start_office  # type: ignore[import-not-found]

XLS_FILTER = "MS Excel 97"


def save_one(desktop, job):  # type: ignore[no-untyped-def]
    url = uno.systemPathToFileUrl(job["src"])
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
    if doc is None:
        raise RuntimeError(f"LibreOffice could not open {job['src']}")
    try:
        if job.get("protect_structure") and not doc.isProtected():
            doc.protect("")
        if not job.get("protect_structure") and doc.isProtected():
            doc.unprotect("")
        props = [prop("FilterName", XLS_FILTER)]
        if job.get("password"):
            props.append(prop("Password", job["password"]))
        doc.storeToURL(uno.systemPathToFileUrl(job["out"]), tuple(props))
    finally:
        doc.close(True)


def main(job_file):  # type: ignore[no-untyped-def]
    with open(job_file, encoding="utf-8") as handle:
        spec = json.load(handle)
    if spec.get("pipe"):  # an office the test session keeps running: use it, leave it running
        return save_all(connect(spec["pipe"], time.monotonic() + 60), spec["jobs"])
    pipe = f"surveybot_lo_xls_{os.getpid()}"
    office = start_office(pipe, spec["profile"])
    failed = 0
    try:
        context = connect(pipe, time.monotonic() + 60)
        desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        for job in spec["jobs"]:
            try:
                save_one(desktop, job)
                print(json.dumps({"out": job["out"]}), flush=True)
            except Exception as error:
                failed += 1
                print(
                    json.dumps({"out": job["out"], "error": f"{type(error).__name__}: {error}"}), flush=True
                )
        with contextlib.suppress(Exception):
            desktop.terminate()
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(office.pid, 9)
    return 1 if failed else 0


def save_all(context, jobs):  # type: ignore[no-untyped-def]
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    failed = 0
    for job in jobs:
        try:
            save_one(desktop, job)
            print(json.dumps({"out": job["out"]}), flush=True)
        except Exception as error:
            failed += 1
            print(json.dumps({"out": job["out"], "error": f"{type(error).__name__}: {error}"}), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
