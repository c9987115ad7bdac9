"""The supplier import: validate every row, report on each, and write all of them or none.

Rules a procurement file must meet: every row has a supplier code, a name and at least one valid
contact email (several separated by ``;`` or ``,``; ``Name <mail@x>`` is understood); no code
appears twice in the file; the language is a known name or a two-letter code; a domain column
("Domain", "Email domain", "Sender domains") holds mail domains (``acme.com``; ``@acme.com`` and
``https://www.acme.com`` are understood): they let mail from other addresses of that domain through,
so a value that is not a domain refuses the row instead of being dropped. A refused row makes
the whole import refused, so the store never holds half of a list; ``dry_run`` reports what would
happen and writes nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from storage.records import Actor, Contact, SupplierDraft
from storage.store import Store
from storage.supplier_file import SourceRow, read_supplier_file
from storage.suppliers import code_key

REFUSED = "refused"
VALID = "valid"  # a good row in an import that was refused as a whole
_EMAIL = re.compile(r"^[^\s@<>(),;:\"\[\]]+@(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}$")
_DOMAIN = re.compile(r"^(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}$")
_NAMED = re.compile(r"^\s*\"?([^\"<]*?)\"?\s*<([^>]+)>\s*$")
_LANGUAGE_NAMES = {
    "english": "en", "chinese": "zh", "中文": "zh", "japanese": "ja", "日本語": "ja", "german": "de",
    "deutsch": "de", "french": "fr", "français": "fr", "spanish": "es", "español": "es", "korean": "ko",
    "한국어": "ko", "portuguese": "pt", "italian": "it", "dutch": "nl", "thai": "th", "vietnamese": "vi",
    "português": "pt", "italiano": "it", "turkish": "tr", "türkçe": "tr", "traditional chinese": "zh-Hant",
    "繁體中文": "zh-Hant", "繁体中文": "zh-Hant", "正體中文": "zh-Hant", "简体中文": "zh",
}  # fmt: skip
# Regions and the script subtag that mean Traditional Chinese: zh-TW, zh-HK, zh-MO, zh-Hant(-TW).
_TRADITIONAL = re.compile(r"zh[-_](?:hant|tw|hk|mo)(?:[-_][a-z]{2,4})?")


@dataclass(frozen=True, slots=True)
class RowReport:
    """What happened (or would happen) to one row of an imported supplier file."""

    line: int
    code: str
    outcome: str  # an UpsertOutcome value, REFUSED or VALID
    reason: str = ""


@dataclass(frozen=True, slots=True)
class ImportReport:
    """The outcome of one supplier import, row by row."""

    source: str
    rows: tuple[RowReport, ...]
    applied: bool
    dry_run: bool

    def count(self, outcome: str) -> int:
        return sum(r.outcome == outcome for r in self.rows)

    @property
    def refused(self) -> tuple[RowReport, ...]:
        return tuple(r for r in self.rows if r.outcome == REFUSED)


def import_suppliers(store: Store, path: Path, actor: Actor, *, dry_run: bool = False) -> ImportReport:
    """Read, validate and (unless refused or ``dry_run``) apply ``path`` in one atomic write."""
    rows = read_supplier_file(path)
    drafts, refusals = parse_rows(rows)
    if refusals:
        reports = [*refusals, *(RowReport(line, d.code, VALID) for line, d in drafts)]
        return ImportReport(path.name, tuple(sorted(reports, key=lambda r: r.line)), False, dry_run)
    only_drafts = [draft for _, draft in drafts]
    if dry_run:
        plans = store.suppliers.plan_upserts(only_drafts)
    else:
        plans = store.suppliers.upsert_many(only_drafts, actor, path.name)
    reports = [
        RowReport(line, p.supplier.code, p.outcome.value) for (line, _), p in zip(drafts, plans, strict=True)
    ]
    return ImportReport(path.name, tuple(reports), not dry_run, dry_run)


def parse_rows(rows: list[SourceRow]) -> tuple[list[tuple[int, SupplierDraft]], list[RowReport]]:
    """Valid drafts with their line numbers, and refusals (bad rows and every duplicate code)."""
    drafts: list[tuple[int, SupplierDraft]] = []
    refusals: list[RowReport] = []
    for row in rows:
        draft, reason = _draft(row)
        if draft is None:
            refusals.append(RowReport(row.line, row.values.get("code", ""), REFUSED, reason))
        else:
            drafts.append((row.line, draft))
    lines_by_code: defaultdict[str, list[int]] = defaultdict(list)
    for row in rows:
        if row.values.get("code"):
            lines_by_code[code_key(row.values["code"])].append(row.line)
    kept = []
    for line, draft in drafts:
        others = [n for n in lines_by_code[code_key(draft.code)] if n != line]
        if others:
            where = ", ".join(str(n) for n in others)
            refusals.append(RowReport(line, draft.code, REFUSED, f"duplicate code: also on row {where}"))
        else:
            kept.append((line, draft))
    return kept, sorted(refusals, key=lambda r: r.line)


def _draft(row: SourceRow) -> tuple[SupplierDraft | None, str]:
    v = row.values
    code, name = v.get("code", ""), v.get("name", "")
    if not code:
        return None, "no supplier code"
    if not name:
        return None, "no supplier name"
    contacts, bad = _contacts(v.get("emails", ""), v.get("contact_name", ""))
    if bad:
        return None, f"bad email {', '.join(repr(b) for b in bad)}"
    if not contacts:
        return None, "no contact email"
    domains, bad_domains = _domains(v.get("sender_domains", ""))
    if bad_domains:
        return None, f"bad domain {', '.join(repr(b) for b in bad_domains)} (write it like acme.com)"
    language = _language(v.get("language", ""))
    if language is None:
        return None, f"unknown language {v['language']!r} (use a code such as en, zh, ja, de)"
    draft = SupplierDraft(
        code=code,
        name=name,
        contacts=contacts,
        sender_domains=domains,
        language=language,
        country=v.get("country", ""),
        owner=v.get("owner", ""),
        tags=tuple(_split(v.get("tags", ""))),
    )
    return draft, ""


def _split(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;,\n]", text) if part.strip()]


def _contacts(text: str, first_name: str) -> tuple[tuple[Contact, ...], list[str]]:
    contacts: list[Contact] = []
    bad: list[str] = []
    seen: set[str] = set()
    for part in _split(text):
        named = _NAMED.match(part)
        name, email = (named.group(1).strip(), named.group(2).strip()) if named else ("", part)
        email = email.removeprefix("mailto:")
        if not _EMAIL.match(email) or ".." in email:
            bad.append(part)
        elif email.casefold() not in seen:
            seen.add(email.casefold())
            contacts.append(Contact(email, name or (first_name if not contacts else "")))
    return tuple(contacts), bad


def _domains(text: str) -> tuple[tuple[str, ...], list[str]]:
    """Mail domains, lower case (``@acme.com``, ``https://www.acme.com/`` → ``acme.com``), and bad parts."""
    domains: list[str] = []
    bad: list[str] = []
    for part in _split(text):
        domain = re.sub(r"^(?:https?://)?(?:www\.)?", "", part.casefold()).lstrip("@").rstrip("/")
        if not _DOMAIN.match(domain):
            bad.append(part)
        elif domain not in domains:
            domains.append(domain)
    return tuple(domains), bad


def _language(text: str) -> str | None:
    """A lower-case language code, "" if not given, ``None`` if not understood."""
    word = text.strip().casefold()
    if not word:
        return ""
    if word in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[word]
    if _TRADITIONAL.fullmatch(word):
        return "zh-Hant"  # its own catalogue: replies in Traditional characters
    if re.fullmatch(r"[a-z]{2}(?:[-_][a-z]{2,4}){0,2}", word):
        return word[:2]
    return None
