"""Turn findings into sentences in the supplier's language.

Findings carry a message key and parameters, never prose, so one verdict can be told to a Chinese
supplier in Chinese and to the buyer's team in English. Every key exists in English; a language
without a catalogue, or a key missing from one, falls back to English instead of failing.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from functools import cache
from types import ModuleType

from rmi.findings import Finding

SUPPORTED_LANGUAGES = ("en", "zh", "ja")
DEFAULT_LANGUAGE = "en"

# Params whose values are names with a translation under "<param-kind>.<value>" in TERMS.
_TERM_PARAMS = {"field": "field", "mineral": "mineral", "metal": "mineral", "cid_metal": "mineral"}

_LANGUAGE_ALIASES = {
    "english": "en",
    "chinese": "zh",
    "中文": "zh",
    "japanese": "ja",
    "日本語": "ja",
}


def language_code(text: str | None) -> str:
    """The catalogue to use for a language name or tag ("zh-CN", "中文 Chinese", "ja"), else English."""
    if not text:
        return DEFAULT_LANGUAGE
    lowered = text.strip().casefold()
    primary = lowered.replace("_", "-").split("-")[0]
    if primary in SUPPORTED_LANGUAGES:
        return primary
    for word in lowered.split():
        if word in _LANGUAGE_ALIASES:
            return _LANGUAGE_ALIASES[word]
    return DEFAULT_LANGUAGE


@cache
def _catalogue(lang: str) -> ModuleType:
    return importlib.import_module(f"rmi.messages.{lang}")


def render_key(key: str, params: Mapping[str, str | int], lang: str | None = None) -> str:
    """The message for ``key`` in ``lang`` (English fallback) with ``params`` filled in."""
    code = language_code(lang)
    english = _catalogue(DEFAULT_LANGUAGE)
    local = _catalogue(code)
    template = local.MESSAGES.get(key) or english.MESSAGES.get(key)
    if template is None:
        return f"{key} {dict(params)}"
    values = _SafeParams({name: _term(local, name, value) for name, value in params.items()})
    return str(template.format_map(values))


# Mail wordings that point at the mail itself ("the blank template attached to this mail"): read
# anywhere else (``surveybot check``, staff notices in Slack) they must not promise an attachment
# that is not there.
_OUTSIDE_MAIL = {"template.retired": "template.retired.outside_mail"}


def outside_mail(key: str) -> str:
    """The message key to use for ``key`` in text that is not the reply mail to the supplier."""
    return _OUTSIDE_MAIL.get(key, key)


def render(finding: Finding, lang: str | None = None, *, in_mail: bool = True) -> str:
    """The finding as one sentence for the supplier, in ``lang`` when we have that catalogue.

    ``in_mail=False``: for text read anywhere but the reply mail, the only place a blank is attached.
    """
    key = finding.message_key if in_mail else outside_mail(finding.message_key)
    params: dict[str, str | int] = {"sheet": finding.sheet or "", "cell": finding.cell or ""}
    params.update(finding.params)
    local_reason = _intake_reason(finding.code, params, lang)
    if local_reason:
        params["reason"] = local_reason
    return render_key(key, params, lang)


_INTAKE_CATALOGUES = {"zh": "rmi.messages.intake_zh", "ja": "rmi.messages.intake_ja"}


def _intake_reason(code: str, params: Mapping[str, str | int], lang: str | None) -> str | None:
    """The intake rejection in the supplier's language; None keeps intake's own English sentence."""
    module = _INTAKE_CATALOGUES.get(language_code(lang))
    if module is None or not code.startswith("FILE-"):
        return None
    template = importlib.import_module(module).INTAKE.get(code)
    return str(template).replace("{file}", str(params.get("file") or "")) if template else None


def _term(catalogue: ModuleType, name: str, value: str | int) -> str | int:
    kind = _TERM_PARAMS.get(name)
    if kind is None or not isinstance(value, str):
        return value
    translated: str = catalogue.TERMS.get(f"{kind}.{value}", value)
    return translated


class _SafeParams(dict[str, str | int]):
    """Leaves an unknown placeholder visible instead of raising, so a typo never loses a finding."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
