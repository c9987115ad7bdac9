"""Mail threads: which conversation a mail belongs to, and how a reply stays in it.

Two readers depend on this. The supplier's mail program (Outlook, Gmail, Foxmail) shows our answer in
the same conversation only when ``In-Reply-To``/``References`` point at their mail and the subject
is theirs: Gmail starts a new conversation when the subject changes beyond a reply prefix, so a reply
is ``Re: `` + their subject exactly (or their subject alone when it already starts with a reply
prefix in any language), never re-tagged; the campaign goes in ``X-Surveybot-Campaign`` instead. And
the per-thread rate limit needs one stable key per conversation however many "Re:", "AW:" or "回复："
prefixes the two sides have stacked up. The thread key is the normalised
subject because loops keep the subject while mail programs disagree about References; a mail with no
usable subject falls back to the root of its References chain.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence

# Reply and forward prefixes as mail programs write them in the languages our suppliers use.
_PREFIX = re.compile(
    r"^\s*(?:(?:re|fw|fwd|aw|wg|sv|vs|antw|tr|rif|enc|res|odp|ref|回复|回覆|答复|答覆|转发|轉寄|轉發|返信|転送)"
    r"\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*)",
    re.IGNORECASE,
)
# Reply prefixes only (a forwarded "Fwd: …" still gets its "Re: "), with Outlook's "RE[2]:" counters.
_REPLY_PREFIX = re.compile(
    r"^\s*(?:re|aw|antw|antwort|sv|vs|odp|res|rif|r|ynt|回复|回覆|答复|答覆|返信)"
    r"\s*(?:\[\d+\]|\(\d+\))?\s*[:：]",
    re.IGNORECASE,
)
_CONTROL_RUN = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_TAG = re.compile(r"\[[^\[\]]{0,60}\]\s*")
_MAX_REFERENCES = 20


def clean_header_text(value: str) -> str:
    """One line of printable text: control characters and line breaks become single spaces."""
    printable = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in value)
    return " ".join(printable.split())


def subject_core(subject: str, tag: str = "") -> str:
    """The subject without reply/forward prefixes and without our own campaign tag."""
    text = clean_header_text(subject)
    if tag:
        text = " ".join(re.sub(re.escape(tag), " ", text, flags=re.IGNORECASE).split())
    while True:
        stripped = _PREFIX.sub("", text, count=1)
        if stripped == text:
            return text
        text = stripped


def reply_subject(original: str) -> str:
    """``Re: `` + the supplier's subject exactly; unchanged when it already starts with a reply prefix.

    Only control characters (a folded or hostile header) become spaces: anything more, a tag, a
    second prefix or collapsed spacing, and Gmail files the answer as a new conversation.
    """
    subject = header_text(original)
    if not subject:
        return "Re:"
    return subject if _REPLY_PREFIX.match(subject) else f"Re: {subject}"


def header_text(value: str) -> str:
    """``value`` safe for one header line: each run of control characters (a line break) becomes one
    space; everything else, spacing included, is kept."""
    return _CONTROL_RUN.sub(" ", value).strip()


def thread_key(subject: str, references: Sequence[str], in_reply_to: str, message_id: str) -> str:
    """A stable, short key for the conversation this mail belongs to (see module docstring)."""
    core = _TAG.sub("", subject_core(subject)).casefold()
    core = subject_core(core).strip()
    if core:
        basis = f"subject:{core}"
    else:
        root = next(iter(references), "") or in_reply_to or message_id
        basis = f"root:{root.strip().lower()}"
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:24]


def reply_references(references: Sequence[str], message_id: str) -> tuple[str, ...]:
    """The References of our reply: theirs plus their Message-ID, trimmed as RFC 5322 §3.6.4 allows.

    Long chains keep the first id (the thread root, which Gmail and Outlook match on) and the
    most recent ones, so the header never grows without bound in a long exchange.
    """
    chain = [ref for ref in references if ref]
    if message_id and message_id not in chain:
        chain.append(message_id)
    if len(chain) > _MAX_REFERENCES:
        chain = [chain[0], *chain[-(_MAX_REFERENCES - 1) :]]
    return tuple(chain)


AUTO_REPLIED = "auto-replied"
AUTO_GENERATED = "auto-generated"


CAMPAIGN_HEADER = "X-Surveybot-Campaign"


def reply_headers(
    message_id: str, references: Sequence[str], language: str, campaign_tag: str = ""
) -> dict[str, str]:
    """Headers that thread our answer under the supplier's mail and mark it as automatic (RFC 3834).

    ``Auto-Submitted: auto-replied`` tells well-behaved responders (and our own intake, should the
    mail come back) not to answer it; ``X-Auto-Response-Suppress`` does the same for Exchange. The
    campaign tag rides in ``X-Surveybot-Campaign`` because the subject must stay the supplier's.
    """
    headers = {
        "Auto-Submitted": AUTO_REPLIED,
        "X-Auto-Response-Suppress": "All",
        "Content-Language": language,
    }
    if campaign_tag:
        headers[CAMPAIGN_HEADER] = campaign_tag
    own_id = bracketed(message_id)
    if own_id:
        headers["In-Reply-To"] = own_id
    chain = reply_references([bracketed(ref) for ref in references], own_id)
    if chain:
        headers["References"] = " ".join(chain)
    return headers


def bracketed(message_id: str) -> str:
    """A Message-ID in the ``<local@domain>`` form headers need, whatever form the parser kept."""
    text = clean_header_text(message_id).replace(" ", "")
    if not text:
        return ""
    return text if text.startswith("<") and text.endswith(">") else f"<{text.strip('<>')}>"
