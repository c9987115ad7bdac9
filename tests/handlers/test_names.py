"""Company names: the spellings one company uses are the same company; another company is not."""

from __future__ import annotations

import pytest

from handlers.names import normalise_company, same_company


@pytest.mark.parametrize(
    ("in_file", "on_record"),
    [
        ("Kestrel Precision Components GmbH", "Kestrel Precision Components"),
        ("KESTREL PRECISION COMPONENTS, GMBH", "Kestrel Precision Components"),
        ("Acme Metals Co., Ltd.", "ACME METALS"),
        ("Acme Metals Company Limited", "Acme Metals Co. Ltd"),
        ("ＡＣＭＥ　Metals Inc.", "Acme Metals"),  # full-width letters and space, as CJK keyboards type them
        ("Acme", "Acme Metals"),  # a shorter form of the registered name
        ("苏州精工电子有限公司", "苏州精工电子"),
        ("株式会社東洋精密部品", "東洋精密部品"),
        ("东莞华锐五金制品股份有限公司", "东莞华锐五金制品有限公司"),
        ("", "Acme Metals"),  # a blank name is a finding of its own, not a mismatch
    ],
)
def test_spellings_of_the_same_company_match(in_file: str, on_record: str) -> None:
    assert same_company(in_file, on_record)


@pytest.mark.parametrize(
    ("in_file", "on_record"),
    [
        ("Falcon Metals Trading Co., Ltd.", "Kestrel Precision Components"),
        ("Acme Plastics", "Acme Metals"),
        ("苏州精工电子有限公司", "东莞华锐五金制品有限公司"),
        ("Tinco Ltd", "Tin Co"),
    ],
)
def test_a_different_company_does_not_match(in_file: str, on_record: str) -> None:
    assert not same_company(in_file, on_record)


def test_normalising_removes_case_punctuation_and_legal_forms() -> None:
    assert normalise_company("The Acme-Metals Co., Ltd.") == "acme metals"
    assert normalise_company("Hanse Zink Hütte GmbH & Co. KG") == "hanse zink hütte"
