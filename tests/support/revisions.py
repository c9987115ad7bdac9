"""Files in revisions we hold no blank of: newer (CMRT 6.6, EMRT 2.11, AMRT 1.31), older (CMRT 5.12),
as legacy .xls and encrypted, all made at test time from real filled templates.

* **Newer**: a LibreOffice-filled CMRT 6.5 / EMRT 2.1 / AMRT 1.3 with its revision cells relabelled
  the way the next revision reads ("Revision 6.6", RMI's pattern; the logo-free ".1" copies may read
  "Revision 6.6.1"). CMRT 6.6 also gets the two Product List columns RMI added ("Requester Product
  Number", "Requester Product Name" in front of Comments), in the header cells *and* in the hidden
  ``L`` label sheet the header formulas read, as a real 6.6 has them.
* **Older**: CMRT before 6.x kept the English title "Conflict Minerals Reporting Template" and
  "Revision 5.12" in the Declaration header and on the list sheets; a filled 6.01 relabelled so.
* **.xls**: LibreOffice saves the file as "MS Excel 97" (``lo_save_as.py``); with the workbook
  structure protected it writes what Excel writes, an .xls RC4-encrypted with the default key
  ``VelvetSweatshop``; with a password, a really protected one.
* **Encrypted .xlsx**: msoffcrypto-tool's ``OOXMLFile.encrypt`` (agile encryption, as Excel 2010+).

Relabelling patches the sheet XML in place (``bench.xlsx_patch``): everything LibreOffice wrote,
cached formula results included, stays as it was.
"""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from msoffcrypto.format.ooxml import OOXMLFile
from python_calamine import CalamineWorkbook

from bench.xlsx_patch import Cached, Value, patch_workbook
from tests.support.libreoffice import SYSTEM_PYTHON, LibreOfficeError, cache_root, shared_office

LO_SAVE_AS = Path(__file__).with_name("lo_save_as.py")
REVISION_CELLS = {
    "CMRT": ("Declaration!J3", "Smelter List!Q3"),
    "EMRT": ("Declaration!J3", "Smelter List!Q3", "Mine List!M3"),
    "AMRT": ("Declaration!J3", "Smelter List!Q3", "Mine List!M3"),
}
REQUESTER_HEADERS = ("Requester Product Number", "Requester Product Name", "Comments")


def relabelled(data: bytes, family: str, version: str, date: str = "April 17, 2026") -> bytes:
    """``data`` with every revision cell of ``family`` saying ``Revision <version>``."""
    text = f"Revision {version}\n{date}"
    return patch_workbook(data, dict.fromkeys(REVISION_CELLS[family], text))


def with_requester_columns(data: bytes) -> bytes:
    """A CMRT 6.5 Product List turned into 6.6's: requester columns D and E, Comments moved to F."""
    rows = _label_rows(data)
    free = max(rows.values()) + 1
    cells: dict[str, Value] = {"Product List!D5": Cached(REQUESTER_HEADERS[0])}
    for offset, (column, text) in enumerate(zip("DEF", REQUESTER_HEADERS, strict=True)):
        if column != "D":
            cells[f"Product List!{column}5"] = text
        row = rows.get(("Product List", f"{column}5"), free + offset)
        cells |= {f"L!B{row}": "Product List", f"L!C{row}": f"{column}5", f"L!D{row}": text}
    return patch_workbook(data, cells)


def with_label(data: bytes, sheet: str, cell: str, english: str) -> bytes:
    """``data`` with the ``L`` sheet's English label of ``sheet!cell`` replaced (a moved question)."""
    row = _label_rows(data)[(sheet, cell)]
    return patch_workbook(data, {f"L!D{row}": english})


def _label_rows(data: bytes) -> dict[tuple[str, str], int]:
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("L").to_python()
    return {(str(r[1]), str(r[2])): number for number, r in enumerate(rows, start=1) if len(r) > 2 and r[1]}


def encrypted_xlsx(data: bytes, password: str) -> bytes:
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt(password, out)
    return out.getvalue()


def saved_as_xls(data: bytes, *, protect_structure: bool = False, password: str | None = None) -> bytes:
    """``data`` saved by LibreOffice as .xls (cached by content and options, like filled workbooks)."""
    options = json.dumps({"protect": protect_structure, "password": password}).encode()
    key = hashlib.sha256(data + options + LO_SAVE_AS.read_bytes()).hexdigest()[:32]
    target = cache_root() / "xls" / f"{key}.xls"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        _run_save_as(data, target, protect_structure, password)
    return target.read_bytes()


def _run_save_as(data: bytes, target: Path, protect: bool, password: str | None) -> None:
    with tempfile.TemporaryDirectory(prefix="surveybot-xls-") as work:
        source, produced = Path(work) / "in.xlsx", Path(work) / "out.xls"
        source.write_bytes(data)
        job = {"src": str(source), "out": str(produced), "protect_structure": protect, "password": password}
        spec = Path(work) / "job.json"
        office = shared_office(0)
        office.start()
        spec.write_text(json.dumps({"pipe": office.pipe, "jobs": [job]}), encoding="utf-8")
        result = subprocess.run(
            [SYSTEM_PYTHON, str(LO_SAVE_AS), str(spec)],
            capture_output=True,
            text=True,
            timeout=240,
            check=False,
        )
        if result.returncode != 0 or not produced.exists():
            raise LibreOfficeError(f"lo_save_as.py failed: {result.stdout[-1000:]} {result.stderr[-1000:]}")
        produced.replace(target)


def newer_revisions() -> Mapping[str, tuple[str, str, str]]:
    """File name → (layout the file is built from, family, revision it is labelled)."""
    return {
        "RMI_CMRT_6.6.xlsx": ("CMRT/6.5", "CMRT", "6.6"),
        "CMRT_6.6.1.xlsx": ("CMRT/6.5", "CMRT", "6.6.1"),
        "RMI_EMRT_2.11.xlsx": ("EMRT/2.1", "EMRT", "2.11"),
        "EMRT_2.11.1.xlsx": ("EMRT/2.1", "EMRT", "2.11.1"),
        "RMI_AMRT_1.31.xlsx": ("AMRT/1.3", "AMRT", "1.31"),
        "AMRT_1.31.1.xlsx": ("AMRT/1.3", "AMRT", "1.31.1"),
    }
