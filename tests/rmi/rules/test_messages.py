"""Findings render in the supplier's language, name their cell, and fall back instead of failing.

Catalogue completeness (every key, placeholder and plural form in every language) is proven by
``tests/rmi/test_catalogues.py``.
"""

from __future__ import annotations

import pytest

from rmi.findings import Finding, Severity
from rmi.messages import SUPPORTED_LANGUAGES, en, language_code, render, render_key
from rmi.messages.forms import Plural


def test_messages_that_point_at_a_cell_name_it() -> None:
    for key, text in en.MESSAGES.items():
        forms = text.forms.values() if isinstance(text, Plural) else [text]
        if key.startswith(("field.", "answer.", "company.", "cid.", "date.")):
            assert all("{cell}" in form or "{answer_cell}" in form for form in forms), key


def test_a_finding_renders_in_the_suppliers_language_with_translated_names() -> None:
    finding = Finding("CMRT-Q2-MISSING", Severity.ERROR, "answer.missing", {"question": 2, "mineral": "Tin"},
                      sheet="Declaration", cell="D33")  # fmt: skip
    assert render(finding, "en") == "Question 2 for Tin is not answered. Choose an answer in Declaration!D33."
    assert render(finding, "zh") == "锡的问题 2 未回答。请在 Declaration!D33 中选择答案。"
    assert render(finding, "ja") == "スズの質問 2 が未回答です。Declaration!D33 で回答を選択してください。"


def test_unknown_languages_fall_back_to_english() -> None:
    assert render_key(
        "field.missing", {"field": "company_name", "sheet": "Declaration", "cell": "D8"}, "nl"
    ) == ("Company name is empty. Enter it in Declaration!D8.")


def test_a_missing_parameter_stays_visible_instead_of_failing() -> None:
    assert "{cell}" in render_key("field.missing", {"field": "company_name", "sheet": "Declaration"}, "en")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("zh-CN", "zh"),
        ("ja_JP", "ja"),
        ("中文 Chinese", "zh"),
        ("日本語 Japanese", "ja"),
        ("Deutsch", "de"),
        ("한국어 Korean", "ko"),
        ("zh-TW", "zh-Hant"),
        ("zh_Hant_HK", "zh-Hant"),
        ("繁體中文", "zh-Hant"),
        ("Nederlands", "en"),
        (None, "en"),
    ],
)
def test_language_names_and_tags_choose_a_catalogue(text: str | None, code: str) -> None:
    assert language_code(text) == code
    assert code in SUPPORTED_LANGUAGES


def test_a_cell_is_named_with_the_templates_label_and_answers_with_its_drop_down_words() -> None:
    params = {"value": "Vielleicht", "allowed": "Yes / No / Unknown"}
    finding = Finding("X", Severity.ERROR, "answer.not_allowed", params, sheet="Declaration", cell="D27")
    german = render(finding, "de", layout="CMRT/6.5")
    assert german.startswith("„Vielleicht“ in Declaration!D27 „1) Wird absichtlich ein 3TG-Mineral")
    assert german.endswith("aus der Dropdown-Liste: Ja / Nein / Nicht bekannt.")
    korean = render(finding, "ko", layout="CMRT/6.5")
    assert "Declaration!D27 “1) 3TG가 제품 또는 생산 공정에서 의도적으로 추가 또는 사용됩니까?”의" in korean
    assert korean.endswith("예 / 아니오 / 파악되지 않음.")
    assert render(finding, "de").endswith("Dropdown-Liste: Yes / No / Unknown.")  # no template: as given


def test_a_cell_without_a_label_in_the_template_is_named_by_its_address_only() -> None:
    finding = Finding(
        "X", Severity.ERROR, "field.missing", {"field": "company_name"}, sheet="Checker", cell="B5"
    )
    assert render(finding, "fr", layout="CMRT/6.5") == (
        "Le nom de l’entreprise n’est pas renseigné. Veuillez le saisir en Checker!B5."
    )
