"""Do two company names mean the same company? (the file's Declaration!D8 against our supplier record)

Suppliers type their name the way their own paperwork spells it: "ACME Metals Co., Ltd.",
"Acme Metals", "ＡＣＭＥ金属有限公司". A strict comparison would flag nearly every file, so names are
normalised first (Unicode width, case, punctuation, legal forms such as Ltd/GmbH/Co./有限公司/株式会社)
and one name may be a shorter form of the other. What remains as a mismatch is worth a person's look:
typically a supplier forwarding its own sub-supplier's declaration instead of its own.
"""

from __future__ import annotations

import re
import unicodedata

# Legal forms, longest first so "co ltd" goes before "co"; matched as whole words after punctuation
# has become spaces.
_LEGAL_WORDS = (
    "company limited",
    "co ltd",
    "pte ltd",
    "pty ltd",
    "sdn bhd",
    "limited",
    "ltd",
    "llc",
    "llp",
    "inc",
    "incorporated",
    "corporation",
    "corp",
    "company",
    "co",
    "gmbh",
    "ag",
    "kg",
    "se",
    "sa",
    "sas",
    "sarl",
    "srl",
    "spa",
    "bv",
    "nv",
    "plc",
    "oy",
    "ab",
    "kk",
    "the",
)
_LEGAL_CJK = (
    "股份有限公司",
    "有限责任公司",
    "有限責任公司",
    "有限公司",
    "株式会社",
    "有限会社",
    "合同会社",
    "(株)",
    "㈱",
)
_WORDS = re.compile(r"\b(?:" + "|".join(w.replace(" ", r"\s+") for w in _LEGAL_WORDS) + r")\b")
_NOT_WORD = re.compile(r"[^\w]+")


def normalise_company(name: str) -> str:
    """Lower-case words without punctuation or legal form: "ACME Metals Co., Ltd." → "acme metals"."""
    text = unicodedata.normalize("NFKC", name).casefold()
    for form in _LEGAL_CJK:
        text = text.replace(form, " ")
    text = _NOT_WORD.sub(" ", text).replace("_", " ")
    text = _WORDS.sub(" ", text)
    return " ".join(text.split())


def same_company(in_file: str, on_record: str) -> bool:
    """True when the names agree after normalising, or one is a shorter form of the other.

    A blank name is never a mismatch here: a missing company name is a finding of its own.
    """
    a, b = normalise_company(in_file), normalise_company(on_record)
    if not a or not b or a == b:
        return True
    short, long = sorted((a, b), key=len)
    if short.isascii() and long.isascii():
        return set(short.split()) <= set(long.split())
    return len(short.replace(" ", "")) >= 2 and short.replace(" ", "") in long.replace(" ", "")


# Dedupe kind: "<supplier id>:<normalised company>" for a company staff accepted for that supplier.
ACCEPTED_COMPANY = "company_accepted"


def accepted_company_key(supplier_id: int, company: str) -> str:
    """The key under which staff's "accept for this supplier" is remembered for ``company``.

    Normalised, so "Falcon Metals Co., Ltd." accepted once also covers "FALCON METALS LTD".
    """
    return f"{supplier_id}:{normalise_company(company)}"
