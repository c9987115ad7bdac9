"""Every language's catalogue says everything English says, with the same placeholders, in its own words.

A key missing from a catalogue would fall back to an English sentence in a Korean mail; a placeholder
dropped by a translator would lose the cell address; a sentence left in English would read as if
nobody translated it. These tests fail on each of them, for every catalogue in ``rmi.messages``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from rmi.intake.vocabulary import IntakeCode
from rmi.messages import LANGUAGES, catalogue
from rmi.messages.forms import Plural
from tests.support.english_leak import english_left_in, forms, placeholders

OTHERS = [code for code in LANGUAGES if code != "en"]
# Languages whose nouns change after a number ("1 Zeile", "2 Zeilen"): a counted text needs both forms.
NUMBER_INFLECTING = {"en", "fr", "pt", "de", "es", "it"}


def all_texts(code: str) -> Iterator[tuple[str, str]]:
    local = catalogue(code)
    for key, text in local.messages.items():
        for number, form in enumerate(forms(text)):
            yield f"messages:{key}#{number}", form
    for name, section in local.mail.items():
        for key, text in section.items():
            yield f"mail:{name}.{key}", text
    for key, text in local.intake.items():
        yield f"intake:{key}", text
    for key, text in local.terms.items():
        yield f"terms:{key}", text


@pytest.mark.parametrize("code", OTHERS)
def test_every_finding_message_exists_with_the_same_placeholders(code: str) -> None:
    english, local = catalogue("en").messages, catalogue(code).messages
    assert sorted(local) == sorted(english)
    for key, text in english.items():
        wanted = placeholders(forms(text)[-1])
        for form in forms(local[key]):
            assert placeholders(form) == wanted, f"{code} {key}: {form}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_counted_texts_have_a_singular_and_a_plural_where_the_language_inflects(code: str) -> None:
    for key, text in catalogue(code).messages.items():
        english = catalogue("en").messages[key]
        if isinstance(english, Plural) and code in NUMBER_INFLECTING:
            assert isinstance(text, Plural) and {"one", "other"} <= set(text.forms), f"{code} {key}"
        if isinstance(text, Plural):
            assert isinstance(english, Plural) and text.param == english.param, f"{code} {key}"


@pytest.mark.parametrize("code", OTHERS)
def test_every_mail_word_exists_with_the_same_placeholders(code: str) -> None:
    english, local = catalogue("en").mail, catalogue(code).mail
    assert sorted(local) == sorted(english)
    for name, words in english.items():
        assert sorted(local[name]) == sorted(words), f"{code} {name}"
        for key, text in words.items():
            assert placeholders(local[name][key]) == placeholders(text), f"{code} {name}.{key}"


@pytest.mark.parametrize("code", OTHERS)
def test_every_file_refusal_and_name_is_translated(code: str) -> None:
    local = catalogue(code)
    assert sorted(local.intake) == sorted(item.value for item in IntakeCode)
    for key, text in local.intake.items():
        assert placeholders(text) <= {"file"}, f"{code} {key}"
    assert set(catalogue("en").terms) <= set(local.terms)
    assert set(catalogue("zh").terms) <= set(local.terms), "every mineral name"
    assert placeholders(local.label_quote) == {"label"}


@pytest.mark.parametrize("code", OTHERS)
def test_no_english_is_left_in_a_translated_catalogue(code: str) -> None:
    leaks = {
        where: sorted(found) for where, text in all_texts(code) if (found := english_left_in(text, code))
    }
    assert leaks == {}


def test_the_leak_check_finds_an_untranslated_sentence() -> None:
    assert english_left_in("Bitte prüfen Sie {sheet}!{cell}. Please correct the file.", "de") == {
        "please",
        "correct",
        "file",
    }
    assert english_left_in("Bitte wählen Sie in {sheet}!{cell} eine Antwort aus.", "de") == set()
