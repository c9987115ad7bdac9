"""Cells are named with the label the supplier's template shows next to them, in the supplier's language.

The labels are copied from the blanks' hidden ``L`` sheets at build time (``tools/build_labels.py``);
the first test proves the shipped copy still says what the blank says.
"""

from __future__ import annotations

import json
from importlib import resources

import pytest

from rmi.blanks import blank_template
from rmi.labels import answer_text, cell_label
from tools.build_labels import TEMPLATES, template_labels


def test_the_shipped_labels_are_the_ones_in_the_blank_templates_l_sheet() -> None:
    shipped = json.loads(resources.files("rmi").joinpath("data", "labels.json").read_text("utf-8"))
    blank = blank_template("CMRT", "6.5")
    fresh = template_labels(TEMPLATES / blank.filename)
    stored = shipped["layouts"]["CMRT/6.5"]
    assert sorted(stored) == sorted(fresh), "re-run tools/build_labels.py"
    assert all(shipped["texts"][index] == fresh[key] for key, index in stored.items())


@pytest.mark.parametrize(
    ("layout", "sheet", "cell", "language", "label"),
    [
        ("CMRT/6.5", "Declaration", "D16", "zh", "电子邮件 - 联系人"),  # company information: column B
        ("CMRT/6.5", "Declaration", "D8", "ko", "기업명"),  # without the "(*)" of a required field
        ("CMRT/6.5", "Declaration", "D22", "de", "Datum"),
        ("CMRT/6.5", "Declaration", "G75", "ko", "A. 책임있는 광물 조달 정책을 수립 했습니까?"),  # a comment
        ("CMRT/6.5", "Smelter List", "E12", "es", "País del fundidor"),  # a list sheet: the column header
        ("CMRT/6.5", "Product List", "B6", "tr", "Yanıtlayıcısı ürün referansı"),
        ("CRT/2.2", "Declaration", "D8", "zh", "公司名称"),  # full-width "（*）" removed too
        ("CMRT/6.5", "Declaration", "D16", "zh-Hant", "电子邮件 - 联系人"),  # the template's only Chinese
    ],
)  # fmt: skip
def test_a_cell_is_named_with_its_label_in_the_suppliers_language(
    layout: str, sheet: str, cell: str, language: str, label: str
) -> None:
    assert cell_label(layout, sheet, cell, language) == label


def test_a_per_mineral_answer_is_named_by_its_question_not_by_the_minerals_name() -> None:
    assert (
        cell_label("CMRT/6.5", "Declaration", "D27", "ja")
        == "1）製品自体や製造過程で、3TGが意図的に添加又は使用されていますか？"
    )
    emrt = cell_label("EMRT/2.1", "Declaration", "D31", "en")
    assert emrt is not None and emrt.startswith("1) Is any of the specified mineral/metal intentionally")


def test_no_label_is_invented_where_the_template_has_none() -> None:
    assert cell_label("CMRT/6.5", "Checker", "B5", "en") is None  # a sheet without input labels
    assert cell_label("EMRT/2.1", "Mine List", "C9", "it") is None  # EMRT is not translated into Italian
    assert cell_label("CMRT/9.9", "Declaration", "D16", "en") is None  # a layout we do not ship
    assert cell_label("CMRT/6.5", "Declaration", None, "en") is None


def test_drop_down_answers_are_the_words_of_the_language_even_where_a_list_kept_english() -> None:
    assert answer_text("CMRT/6.5", "No", "ko") == "아니오"  # one CMRT list keeps " No" in Korean
    assert answer_text("CMRT/6.5", "Greater than 75%", "de") == "Größer als 75 %"
    assert answer_text("AMRT/1.3", "Yes", "fr") == "Oui"
    assert answer_text("CMRT/6.5", "Perhaps", "de") is None
