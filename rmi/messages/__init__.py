"""Everything a supplier reads, in their language: one catalogue module per language.

``rmi/messages/<code>.py`` (``zh_hant.py`` for ``zh-Hant``) is the whole catalogue of a language:

- ``MESSAGES``: one text per finding message key (findings carry a key and parameters, never prose,
  so one verdict is told to a Korean supplier in Korean and to the buyer's team in English);
- ``TERMS``: translations of parameters that are names (``field.contact_email``, ``mineral.Tin``);
- ``INTAKE``: the file refusals by intake code (English words them in ``rmi.intake.messages``);
- ``MAIL``: the words of every mail (``verdict``, ``ask``, ``reminder``, ``own_declaration`` …),
  used by the language-neutral templates in ``mail/templates``;
- ``LABEL_QUOTE``: how a template label is quoted next to a cell address.

``en.py`` is the reference: ``tests/rmi/test_catalogues.py`` fails when another catalogue lacks a
key, changes a placeholder, or leaves English in a text. A text that depends on a number is a
``forms.plural``; ISO dates in parameters are written the language's way (``forms.long_date``).
At run time a key missing from a catalogue falls back to English instead of losing the finding.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from rmi.findings import Finding
from rmi.labels import answer_text, cell_label
from rmi.messages.forms import Text, long_date, text_for

LANGUAGES = ("en", "zh", "zh-Hant", "ja", "ko", "fr", "pt", "de", "es", "it", "tr")
SUPPORTED_LANGUAGES = LANGUAGES
DEFAULT_LANGUAGE = "en"

# Params whose values are names with a translation under "<param-kind>.<value>" in TERMS.
_TERM_PARAMS = {"field": "field", "mineral": "mineral", "metal": "mineral", "cid_metal": "mineral"}
# Params that carry a day as an ISO string.
DATE_PARAMS = frozenset({"date", "dated_from", "first", "second", "due"})

_TRADITIONAL = frozenset({"hant", "tw", "hk", "mo"})
_LANGUAGE_WORDS = {
    "english": "en",
    "chinese": "zh",
    "中文": "zh",
    "简体中文": "zh",
    "繁體中文": "zh-Hant",
    "繁体中文": "zh-Hant",
    "正體中文": "zh-Hant",
    "japanese": "ja",
    "日本語": "ja",
    "korean": "ko",
    "한국어": "ko",
    "french": "fr",
    "français": "fr",
    "portuguese": "pt",
    "português": "pt",
    "german": "de",
    "deutsch": "de",
    "spanish": "es",
    "español": "es",
    "italian": "it",
    "italiano": "it",
    "turkish": "tr",
    "türkçe": "tr",
}


def language_code(text: str | None) -> str:
    """The catalogue for a tag or name ("zh-TW", "中文 Chinese", "Deutsch", "ko"); English if unknown."""
    return known_language(text) or DEFAULT_LANGUAGE


def known_language(text: str | None) -> str:
    """Like ``language_code`` but ``""`` for blank or unknown text (so a caller can try the next one)."""
    lowered = (text or "").strip().casefold()
    if not lowered:
        return ""
    parts = re.split(r"[-_\s]+", lowered)
    if parts[0] == "zh" and _TRADITIONAL & set(parts[1:]):
        return "zh-Hant"
    if parts[0] in LANGUAGES:
        return parts[0]
    if "traditional" in parts and "chinese" in parts:
        return "zh-Hant"
    return next((_LANGUAGE_WORDS[word] for word in lowered.split() if word in _LANGUAGE_WORDS), "")


@dataclass(frozen=True, slots=True)
class Catalogue:
    code: str
    messages: Mapping[str, Text]
    terms: Mapping[str, str]
    intake: Mapping[str, str]
    mail: Mapping[str, Mapping[str, str]]
    label_quote: str


def module_name(code: str) -> str:
    return "rmi.messages." + code.replace("-", "_").lower()


@cache
def catalogue(code: str) -> Catalogue:
    """The catalogue of a language code from ``LANGUAGES``."""
    module: Any = importlib.import_module(module_name(code))
    return Catalogue(
        code, module.MESSAGES, module.TERMS, getattr(module, "INTAKE", {}), module.MAIL, module.LABEL_QUOTE
    )


def mail_words(language: str) -> dict[str, dict[str, str]]:
    """The ``MAIL`` sections of ``language``, each word falling back to English when missing."""
    english, local = catalogue(DEFAULT_LANGUAGE).mail, catalogue(language_code(language)).mail
    return {name: {**words, **local.get(name, {})} for name, words in english.items()}


def render_key(
    key: str, params: Mapping[str, str | int], lang: str | None = None, *, label: str | None = None
) -> str:
    """The message for ``key`` in ``lang`` (English fallback) with ``params`` filled in.

    ``label``: the template's label of the finding's cell, quoted after its first ``{sheet}!{cell}``.
    """
    code = language_code(lang)
    local = catalogue(code)
    text = local.messages.get(key) or catalogue(DEFAULT_LANGUAGE).messages.get(key)
    if text is None:
        return f"{key} {dict(params)}"
    template = text_for(text, params, code)
    if label:
        quoted = local.label_quote.format(label=label).replace("{", "{{").replace("}", "}}")
        template = template.replace("{sheet}!{cell}", "{sheet}!{cell} " + quoted, 1)
    values = _SafeParams({name: _value(local, name, value) for name, value in params.items()})
    return str(template.format_map(values))


# Mail wordings that point at the mail itself ("the blank template attached to this mail"): read
# anywhere else (``surveybot check``, staff notices in Slack) they must not promise an attachment
# that is not there.
_OUTSIDE_MAIL = {"template.retired": "template.retired.outside_mail"}


def outside_mail(key: str) -> str:
    """The message key to use for ``key`` in text that is not the reply mail to the supplier."""
    return _OUTSIDE_MAIL.get(key, key)


def render(
    finding: Finding, lang: str | None = None, *, in_mail: bool = True, layout: str | None = None
) -> str:
    """The finding as one sentence for the supplier, in ``lang`` when we have that catalogue.

    ``in_mail=False``: for text read anywhere but the reply mail, the only place a blank is attached.
    ``layout``: the template's layout key, to quote the label of the finding's cell as the template
    shows it in that language.
    """
    key = finding.message_key if in_mail else outside_mail(finding.message_key)
    params: dict[str, str | int] = {"sheet": finding.sheet or "", "cell": finding.cell or ""}
    params.update(finding.params)
    code = language_code(lang)
    local_reason = _intake_reason(finding.code, params, code)
    if local_reason:
        params["reason"] = local_reason
    label = cell_label(layout, finding.sheet, finding.cell, code) if layout else None
    if layout and isinstance(params.get("allowed"), str):
        params["allowed"] = _answers_as_listed(str(params["allowed"]), layout, code)
    return render_key(key, params, code, label=label)


def _answers_as_listed(allowed: str, layout: str, lang: str) -> str:
    """The drop-down's answers ("Yes / No") as the supplier's template lists them ("Ja / Nein")."""
    return " / ".join(answer_text(layout, item, lang) or item for item in allowed.split(" / "))


def _intake_reason(code: str, params: Mapping[str, str | int], lang: str) -> str | None:
    """The intake refusal in the supplier's language; None keeps intake's own English sentence."""
    if lang == DEFAULT_LANGUAGE or not code.startswith("FILE-"):
        return None
    template = catalogue(lang).intake.get(code)
    return template.replace("{file}", str(params.get("file") or "")) if template else None


def _value(local: Catalogue, name: str, value: str | int) -> str | int:
    if name in DATE_PARAMS and isinstance(value, str):
        return long_date(value, local.code)
    kind = _TERM_PARAMS.get(name)
    if kind is None or not isinstance(value, str):
        return value
    return local.terms.get(f"{kind}.{value}", value)


class _SafeParams(dict[str, str | int]):
    """Leaves an unknown placeholder visible instead of raising, so a typo never loses a finding."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
