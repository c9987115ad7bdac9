"""Every language's catalogue says everything English says, with the same placeholders, in its own words.

A key missing from a catalogue would fall back to an English sentence in a Korean mail; a placeholder
dropped by a translator would lose the cell address; a sentence left in English would read as if
nobody translated it. These tests fail on each of them, for every catalogue in ``rmi.messages``.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterator

import pytest

from rmi.intake_messages import _TEMPLATES as ENGLISH_INTAKE
from rmi.intake_types import IntakeCode
from rmi.messages import LANGUAGES, catalogue
from rmi.messages.forms import Plural, Text

OTHERS = [code for code in LANGUAGES if code != "en"]
# Languages whose nouns change after a number ("1 Zeile", "2 Zeilen"): a counted text needs both forms.
NUMBER_INFLECTING = {"en", "fr", "pt", "de", "es", "it"}

# Words that are not English in a translated text: names of products, programmes and formats, the
# template's own English sheet tabs and look-up values, and web addresses.
PROPER = {
    "rmi", "cmrt", "emrt", "crt", "amrt", "excel", "libreoffice", "opendocument", "office", "outlook",
    "winmail", "oecd", "html", "xml", "csv", "pdf", "zip", "rar", "xlsx", "xlsb", "xlsm", "ods", "xls",
    "smelter", "list", "product", "declaration", "mine", "checker", "listed", "other",
    "https", "www", "responsiblemineralsinitiative", "org", "reporting", "templates", "company", "com",
    "policy", "name", "surveybot", "look",
}  # fmt: skip
# English-looking words that are ordinary words of the language itself.
NATIVE = {
    "fr": {"date", "question", "description", "format", "contact", "information", "informations",
           "questions", "formule", "formules", "cellule", "nom", "pays", "type", "programme", "revision",
           "sections", "options", "article", "service", "message", "identification", "version",
           "compatible", "macros", "archive", "document"},
    "de": {"name", "format", "formate", "formats", "land", "hand", "ende", "team", "datum", "fall", "bild",
           "scan", "text", "link", "programm", "revision", "status", "spalte", "web", "webadresse", "mail",
           "mineral", "website", "also", "rich"},
    "es": {"formato", "final", "mineral", "metal", "describe", "complete", "real", "compatible", "macros"},
    "it": {"formato", "data", "file", "mail", "formula", "team", "password", "macro"},
    "pt": {"formato", "data", "final", "mail", "mineral", "metal", "real", "macros"},
    "tr": {"format", "program", "metal", "size"},
}  # fmt: skip


def forms(text: Text) -> list[str]:
    return list(text.forms.values()) if isinstance(text, Plural) else [text]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def english_vocabulary() -> set[str]:
    texts: list[str] = []
    english = catalogue("en")
    for text in english.messages.values():
        texts += forms(text)
    texts += [word for section in english.mail.values() for word in section.values()]
    texts += list(ENGLISH_INTAKE.values()) + list(english.terms.values())
    return {word.casefold() for text in texts for word in re.findall(r"[^\W\d_]{4,}", text) if word.isascii()}


ENGLISH_WORDS = english_vocabulary() - PROPER


def english_left_in(text: str, language: str) -> set[str]:
    """English words of our own texts found in ``text`` (placeholders, addresses and names removed)."""
    bare = re.sub(r"\{[a-z_]+\}|https?://\S+|\S+@\S+|\.[a-z]{3,4}\b", " ", text)
    words = {word.casefold() for word in re.findall(r"[^\W\d_]{4,}", bare) if word.isascii()}
    return (words & ENGLISH_WORDS) - NATIVE.get(language, set())


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
