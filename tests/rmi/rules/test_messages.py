"""Every message exists in English, Chinese and Japanese, with the same placeholders, and renders."""

from __future__ import annotations

import string

import pytest

from rmi.findings import Finding, Severity
from rmi.messages import SUPPORTED_LANGUAGES, en, ja, language_code, render, render_key, zh


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("catalogue", [zh, ja], ids=["zh", "ja"])
def test_every_english_key_is_translated_with_the_same_placeholders(catalogue: object) -> None:
    messages = catalogue.MESSAGES  # type: ignore[attr-defined]
    assert set(messages) == set(en.MESSAGES)
    for key, text in en.MESSAGES.items():
        assert placeholders(messages[key]) == placeholders(text), key
    assert set(en.TERMS) <= set(catalogue.TERMS)  # type: ignore[attr-defined]


def test_messages_that_point_at_a_cell_name_it() -> None:
    for key, text in en.MESSAGES.items():
        if key.startswith(("field.", "answer.", "company.", "cid.", "date.")):
            assert "{cell}" in text or "{answer_cell}" in text, key


def test_a_finding_renders_in_the_suppliers_language_with_translated_names() -> None:
    finding = Finding("CMRT-Q2-MISSING", Severity.ERROR, "answer.missing", {"question": 2, "mineral": "Tin"},
                      sheet="Declaration", cell="D33")  # fmt: skip
    assert render(finding, "en") == "Question 2 for Tin is not answered. Choose an answer in Declaration!D33."
    assert render(finding, "zh") == "锡的问题 2 未回答。请在 Declaration!D33 中选择答案。"
    assert render(finding, "ja") == "スズの質問 2 が未回答です。Declaration!D33 で回答を選択してください。"


def test_unknown_languages_fall_back_to_english() -> None:
    assert render_key(
        "field.missing", {"field": "company_name", "sheet": "Declaration", "cell": "D8"}, "ko"
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
        ("Deutsch", "en"),
        (None, "en"),
    ],
)
def test_language_names_and_tags_choose_a_catalogue(text: str | None, code: str) -> None:
    assert language_code(text) == code
    assert code in SUPPORTED_LANGUAGES
