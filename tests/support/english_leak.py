"""English left in a translated text: the words of our own English texts, found where they do not belong.

Used on every catalogue (``tests/rmi/test_catalogues.py``) and on the rendered golden replies
(``tests/handlers/test_reply_languages.py``). Placeholders, web and mail addresses and file extensions
are not words; ``PROPER`` lists the names that stay English in every language (products, formats, the
template's own English sheet tabs and look-up values) and ``NATIVE`` the English-looking words that
are ordinary words of a language ("format" in German, "date" in French, "size" in Turkish).
"""

from __future__ import annotations

import re
import string

from rmi.intake.messages import _TEMPLATES as ENGLISH_INTAKE
from rmi.messages import catalogue
from rmi.messages.forms import Plural, Text

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
           "mineral", "website", "also", "rich", "version"},
    "es": {"formato", "final", "mineral", "metal", "describe", "complete", "real", "compatible", "macros"},
    "it": {"formato", "data", "file", "mail", "formula", "team", "password", "macro"},
    "pt": {"formato", "data", "final", "mail", "mineral", "metal", "real", "macros"},
    "tr": {"format", "program", "metal", "size"},
}  # fmt: skip


def forms(text: Text) -> list[str]:
    return list(text.forms.values()) if isinstance(text, Plural) else [text]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _english_vocabulary() -> set[str]:
    texts: list[str] = []
    english = catalogue("en")
    for text in english.messages.values():
        texts += forms(text)
    texts += [word for section in english.mail.values() for word in section.values()]
    texts += list(ENGLISH_INTAKE.values()) + list(english.terms.values())
    return {word.casefold() for text in texts for word in re.findall(r"[^\W\d_]{4,}", text) if word.isascii()}


ENGLISH_WORDS = _english_vocabulary() - PROPER


def english_left_in(text: str, language: str) -> set[str]:
    """English words of our own texts found in ``text`` (placeholders, addresses and names removed)."""
    bare = re.sub(r"\{[a-z_]+\}|https?://\S+|\S+@\S+|\.[a-z]{3,4}\b", " ", text)
    words = {word.casefold() for word in re.findall(r"[^\W\d_]{4,}", bare) if word.isascii()}
    return (words & ENGLISH_WORDS) - NATIVE.get(language, set())
