"""``rmi.check.check_bytes``: the one call the mail handler and the CLI share (intake → read → judge)."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from rmi.check import check_bytes
from rmi.policy import Policy
from tests.support.fixtures import FACTORY_TODAY, workbook_factory
from tests.support.workbooks import WorkbookFactory

__all__ = ["workbook_factory"]

POLICY = Policy(today=FACTORY_TODAY)


def plain_workbook() -> bytes:
    book = Workbook()
    book.active["A1"] = "Quarterly figures"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "code"),
    [(b"", "FILE-EMPTY"), (b"%PDF-1.4\n%%EOF\n", "FILE-PDF"), (plain_workbook(), "FILE-NOT-A-TEMPLATE")],
    ids=["empty", "pdf", "other workbook"],
)
def test_files_that_are_not_templates_become_rejections_with_one_finding(data: bytes, code: str) -> None:
    result = check_bytes(data, "CMRT.xlsx", POLICY)
    assert not result.accepted and result.identity is None
    [finding] = result.verdict.findings
    assert (finding.code, finding.is_error) == (code, True)
    shaped = result.to_dict("en")
    assert (shaped["template"], shaped["verdict"]) == (None, "reject")
    assert shaped["findings"][0]["message"]


def test_a_filled_template_is_read_and_judged(workbook_factory: WorkbookFactory) -> None:
    path = workbook_factory.valid("CRT/2.21", language="Japanese")
    result = check_bytes(path.read_bytes(), path.name, POLICY)
    assert result.accepted and result.identity is not None
    assert (result.identity.family.value, result.identity.version, result.identity.language) == (
        "CRT",
        "2.21",
        "ja",
    )
    assert result.model is not None and result.model.smelters
    assert result.message_language() == "ja"


def test_intake_rejections_are_worded_in_chinese_and_japanese_without_english_sentences() -> None:
    import re

    from rmi.intake.vocabulary import IntakeCode
    from rmi.messages import ja, render, zh

    for catalogue in (zh.INTAKE, ja.INTAKE):
        assert set(catalogue) == {code.value for code in IntakeCode}
    result = check_bytes(b"%PDF-1.7\n" + b"0" * 512, "CMRT.xlsx", Policy.default())
    (finding,) = result.verdict.findings
    chinese, japanese = render(finding, "zh"), render(finding, "ja")
    assert "“CMRT.xlsx”是 PDF" in chinese and "「CMRT.xlsx」は PDF" in japanese
    for text in (chinese, japanese):
        assert not re.search(r"[a-z]{4,} [a-z]{4,}", text), text
    assert "is a PDF" in render(finding, "en")
