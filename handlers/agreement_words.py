"""The policy agreement sentence, one per supported language, and how a reply is matched against it.

Why a fixed sentence: an agreement is evidence, so the supplier must say something unambiguous that
names the policy version; "OK" or "thanks" under a quoted invitation is not agreement. The invitation
and the reminders quote the sentence in the supplier's language from this table (the one source of
the sentences), and a reply that contains the sentence of any language, with the current version,
counts. Matching ignores case, quote markers (``>``), line breaks, spacing
and the common full-width punctuation, because mail clients rewrap and requote what they send.

To add a language, add one line to ``SENTENCES``; ``{version}`` is the policy version.
"""

from __future__ import annotations

import re
import unicodedata

from rmi.messages import known_language

SENTENCES: dict[str, str] = {
    "en": "We agree to the Responsible Minerals Procurement Policy, version {version}.",
    "zh": "我们同意负责任矿产采购政策（版本 {version}）。",
    "zh_hant": "我們同意負責任礦產採購政策（版本 {version}）。",
    "ja": "当社は責任ある鉱物調達方針（バージョン {version}）に同意します。",
    "ko": "당사는 책임 있는 광물 조달 정책(버전 {version})에 동의합니다.",
    "fr": "Nous acceptons la politique d'approvisionnement responsable en minerais, version {version}.",
    "pt": "Concordamos com a política de aquisição responsável de minerais, versão {version}.",
    "de": "Wir stimmen der Richtlinie zur verantwortungsvollen Beschaffung von Mineralien, "
    "Version {version}, zu.",
    "es": "Aceptamos la política de abastecimiento responsable de minerales, versión {version}.",
    "it": "Accettiamo la politica di approvvigionamento responsabile dei minerali, versione {version}.",
    "tr": "Sorumlu Maden Tedarik Politikası'nı (sürüm {version}) kabul ediyoruz.",
}
#: The word for "policy" as each sentence above has it: a mail or file name using it refers to the policy
#: (``handlers.agreement_files`` uses it to spot a signed acknowledgement sent as a PDF or a photo).
POLICY_WORDS: dict[str, str] = {
    "en": "policy",
    "zh": "政策",
    "zh_hant": "政策",
    "ja": "方針",
    "ko": "정책",
    "fr": "politique",
    "pt": "política",
    "de": "richtlinie",
    "es": "política",
    "it": "politica",
    "tr": "politika",
}
DEFAULT_LANGUAGE = "en"
_QUOTE_MARKS = re.compile(r"(?m)^[ \t]*(?:>[ \t]*)+")
_NOT_WORD = re.compile(r"[\W_]+")


def sentence(language: str, version: str) -> str:
    """The agreement sentence in ``language`` (a code, tag or name: "ko", "zh-TW", "Deutsch";
    English when unknown) for policy ``version``."""
    code = (known_language(language) or language).replace("-", "_").lower()
    return SENTENCES.get(code, SENTENCES[DEFAULT_LANGUAGE]).format(version=version)


def refers_to_policy(text: str) -> bool:
    """Whether ``text`` names the policy in any of the languages (case and full-width forms ignored)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return any(word in folded for word in POLICY_WORDS.values())


def _normal(text: str) -> str:
    """Text reduced to its words: NFKC (full-width forms), no quote marks, case or punctuation."""
    folded = unicodedata.normalize("NFKC", _QUOTE_MARKS.sub("", text)).casefold()
    return _NOT_WORD.sub(" ", folded).strip()


def agreed_line(body: str, version: str) -> str | None:
    """The language whose agreement sentence for ``version`` is in ``body``, or None.

    Quoted lines count too: a supplier who answers "agreed" above our quoted invitation has not
    written the sentence, so the caller passes only the supplier's own text (``mail.body``'s
    new-text part); here we only normalise what we are given.
    """
    if not version:
        return None
    haystack = f" {_normal(body)} "
    for language, template in SENTENCES.items():
        if f" {_normal(template.format(version=version))} " in haystack:
            return language
    return None
