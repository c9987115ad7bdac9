"""Regenerate the demo's two returned templates with LibreOffice (like a supplier's spreadsheet app).

Run from the repository root: ``.venv/bin/python tools/make_demo_workbooks.py``. Needs LibreOffice,
python3-uno and the blank RMI templates shipped in ``rmi/data/templates``. The outputs are committed under
``surveybot/demo_data`` so the demo runs on a machine without LibreOffice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.answers import valid_answers  # noqa: E402
from tests.support.workbooks import fill_many  # noqa: E402

OUT = ROOT / "surveybot" / "demo_data"


def main() -> None:
    today = dt.date.today()
    valid = valid_answers("CMRT/6.5", today=today)
    valid = dataclasses.replace(
        valid,
        cells={
            **valid.cells,
            "Declaration!D8": "ACME Metals GmbH",
            "Declaration!D15": "Anna Schmidt",
            "Declaration!D16": "anna.schmidt@acme-metals.example",
        },
    )
    faulty = valid_answers("CMRT/6.5", today=today, language="Chinese")
    faulty_cells = {
        **faulty.cells,
        "Declaration!D8": "深圳华彩电子有限公司",
        "Declaration!D15": "李伟",
        "Declaration!D16": "li.wei@huacai",  # contains "@" but is no address
        "Declaration!D18": "Same",  # authorizer given as "Same"
    }
    faulty_cells.pop("Declaration!D33", None)  # Q2 for Tin left blank
    faulty = dataclasses.replace(faulty, cells=faulty_cells)
    produced = fill_many([valid.job(), faulty.job()])
    shutil.copyfile(produced[0], OUT / "cmrt-6.5-valid.xlsx")
    shutil.copyfile(produced[1], OUT / "cmrt-6.5-faulty-zh.xlsx")
    print("written:", *(p.name for p in sorted(OUT.glob("*.xlsx"))))


if __name__ == "__main__":
    main()
