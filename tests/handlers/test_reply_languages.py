"""The same faulty CMRT, filled in each of the template's ten languages, is answered in that language.

Each file is a real CMRT 6.5 filled and saved by LibreOffice with its language selector
(Declaration!D3) set, carrying the same four faults: a contact e-mail without "@", question 1 for
tin left blank, an effective date in the future, and gold answered "No" while two gold smelters
stay listed. The reply goes through the real route table; its text must equal the reviewed golden
file in ``golden/replies/verdict.<language>.txt`` (the date, the plural, the template's own label
of each cell in the supplier's language) and must not carry English outside names and addresses.

After a deliberate change of wording, regenerate the files and review the diff before committing::

    SURVEYBOT_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/handlers/test_reply_languages.py
    git diff tests/handlers/golden/
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from pathlib import Path

import pytest

from handlers.inbound_context import Outcome
from rmi.messages import catalogue
from tests.handlers.conftest import XLSX, Mailroom, build_mail
from tests.support.answers import AnswerSet, valid_answers
from tests.support.english_leak import english_left_in
from tests.support.fixtures import FACTORY_TODAY
from tests.support.jobs import FillJob
from tests.support.mistakes import field_cell, question_cell
from tests.support.scenario_changes import variant_files, variant_jobs
from tests.support.workbooks import WorkbookFactory

GOLDEN = Path(__file__).parent / "golden" / "replies"
FILE_NAME = "Kestrel_CMRT_2026.xlsx"
# Catalogue code → the language's name in the template's selector (Declaration!D3).
SELECTOR = {
    "en": "English",
    "zh": "Chinese",
    "ja": "Japanese",
    "ko": "Korean",
    "fr": "Français",
    "pt": "Português",
    "de": "Deutsch",
    "es": "Español",
    "it": "Italiano",
    "tr": "Türkçe",
}
# Texts in a reply that are the supplier's or ours, not words of the catalogue.
NAMES = ("Kestrel Precision Components", "Responsible Minerals Survey", "[RMI 2026-H1]", FILE_NAME, "CID")


def faulty_answers() -> dict[str, AnswerSet]:
    """One faulty CMRT 6.5 per language code."""
    jobs = {}
    for code, name in SELECTOR.items():
        valid = valid_answers("CMRT/6.5", today=FACTORY_TODAY, language=name)
        gold_q1 = question_cell(valid, 1, valid.minerals.index("Gold"))
        jobs[code] = valid.with_cells(
            {
                field_cell(valid, "company_name"): "Kestrel Precision Components GmbH",
                field_cell(valid, "contact_email"): "jane.miller at kestrel",
                question_cell(valid, 1, valid.minerals.index("Tin")): "",
                field_cell(valid, "effective_date"): dt.date(2027, 3, 15),
                gold_q1: "No",
            }
        )
    return jobs


@pytest.fixture(scope="module")
def faulty(workbook_factory: WorkbookFactory) -> Mapping[str, bytes]:
    """One faulty CMRT 6.5 per language, recalculated by LibreOffice (``FillJob.variants``)."""
    files = variant_files(workbook_factory, faulty_answers())
    return {code: files[code].read_bytes() for code in SELECTOR}


def workbook_jobs() -> list[FillJob]:
    """Built up front (tests/support/prebuild.py): the faulty files as variants of the valid one."""
    return variant_jobs(faulty_answers())


def reply_to(mailroom: Mailroom, data: bytes) -> tuple[str, Mapping[str, str]]:
    raw = build_mail(attachments=[(FILE_NAME, data, XLSX)])
    assert mailroom.receive(raw, "7:1") is Outcome.JUDGED
    [item] = mailroom.outbox()
    assert item.draft.subject == "Re: CMRT 2026"  # a protocol word, never translated
    return item.draft.text, item.draft.headers


def without_names(text: str, code: str) -> str:
    """The reply without the supplier's names, our signature and the template's quoted labels."""
    for name in NAMES:
        text = text.replace(name, " ")
    opening, _, closing = catalogue(code).label_quote.partition("{label}")
    return re.sub(re.escape(opening) + ".*?" + re.escape(closing), " ", text)


def assert_golden(text: str, code: str) -> None:
    golden = GOLDEN / f"verdict.{code}.txt"
    if os.environ.get("SURVEYBOT_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"reply differs from {golden.name}"
    if code != "en":
        assert english_left_in(without_names(text, code), code) == set()


@pytest.mark.parametrize("code", list(SELECTOR))
def test_a_faulty_template_is_answered_in_the_language_chosen_in_it(
    mailroom: Mailroom, faulty: Mapping[str, bytes], code: str
) -> None:
    text, headers = reply_to(mailroom, faulty[code])
    assert_golden(text, code)
    assert headers["Content-Language"] == code


def test_a_supplier_stored_as_traditional_chinese_gets_traditional_for_the_chinese_template(
    mailroom: Mailroom, faulty: Mapping[str, bytes]
) -> None:
    mailroom.store.suppliers.update(mailroom.supplier.id, language="zh-TW")
    text, headers = reply_to(mailroom, faulty["zh"])
    assert_golden(text, "zh-Hant")
    assert headers["Content-Language"] == "zh-Hant"
    assert "聯絡人電子郵件" in text and "「电子邮件 - 联系人」" in text  # our words; the template's label


def test_each_cell_is_named_with_the_templates_own_label_in_the_suppliers_language(
    mailroom: Mailroom, faulty: Mapping[str, bytes]
) -> None:
    german, _ = reply_to(mailroom, faulty["de"])
    assert "Declaration!D16 „E-Mail-Adresse des Ansprechpartners“" in german
    [item] = mailroom.outbox()
    assert "Declaration!D16 „E-Mail-Adresse des Ansprechpartners“" in item.draft.html


def test_the_effective_date_and_counts_are_written_the_languages_way(
    mailroom: Mailroom, faulty: Mapping[str, bytes]
) -> None:
    korean, _ = reply_to(mailroom, faulty["ko"])
    assert "2027년 3월 15일" in korean
    assert "2027-03-15" not in korean
