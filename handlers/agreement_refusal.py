"""Staff say a held file is not the supplier's signed policy agreement: the supplier is told why.

Without an answer the supplier believes they have agreed, and the next reminder reads as if their
file was lost. So the refusal is a reply in the thread of the mail that brought the file, in the
supplier's language: the file could not be taken as agreement to the policy (its version), staff's
reason if they gave one, and exactly what to send instead - the agreement sentence the invitation
quotes (``handlers.agreement_words``, so what we ask for is what the mail loop recognises) or a
signed acknowledgement.

Once per (supplier, file): the first decision claims a dedupe key in the same store batch as its
mail and audit record, so a double click or two colleagues on one notice answer the supplier once,
and the later one is told who decided. A file already recorded as the agreement cannot be refused
afterwards (the supplier was thanked for it). The thread (reply address, subject, References) was
kept when the file was held (``handlers.agreement_files.hold_for_staff``); a notice from before that
is answered in a new mail to the supplier's first address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.agreement_words import sentence
from handlers.answering import open_campaigns, queue_reply
from handlers.auth import Caller, audit_privileged, authorize
from handlers.inbound_context import InboundContext, InboundDeps
from handlers.replies import FileOutcome, FileReply, Reply, ReplyKind, reply_language
from mail.model import AuthVerdict, InboundMail
from rmi.messages import language_code, mail_words
from storage import RecordNotFound, Store, Supplier
from storage.records import AuditEntry, JsonScalar
from surveybot.errors import UserFacingError

ACTION = "agreement_file"  # the role check: the same as recording the file
REFUSED = "agreement_file_refused"  # the audit action (``slack.`` + it) and the dedupe kind
HELD_RECORD = "agreement_file.held"  # the audit record of the held file's thread
MAX_REASON = 1000
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class Refusal:
    supplier: Supplier
    file_name: str
    decided_by: str  # the Slack user who decided (an earlier one when ``repeated``)
    reason: str = ""
    mailed: bool = False  # False: the supplier has no address to answer
    repeated: bool = False  # decided before this click; nothing was done now


def held_subject(sha256: str) -> str:
    """The audit subject under which a held acknowledgement file's thread is kept."""
    return f"agreement_file:{sha256}"


def refuse_file(
    deps: InboundDeps, caller: Caller, supplier_id: int, sha256: str, file_name: str, reason: str = ""
) -> Refusal:
    """Staff say the file is not an agreement: answer the supplier once (see the module docstring)."""
    store = deps.store
    authorize(store.audit, caller, ACTION, f"supplier:{supplier_id}")
    version = deps.settings.invitations.policy_version
    if not version:
        raise UserFacingError("No policy version is configured (`invitations.policy_version`).")
    if not _SHA256.fullmatch(sha256) or not store.blobs.exists(sha256):
        raise UserFacingError("That button does not name a file kept here.")
    supplier = _supplier(store, supplier_id)
    reason = reason.strip()[:MAX_REASON]
    key = f"supplier:{supplier.id}:{sha256}"
    with store.batch():
        if any(a.file_sha256 == sha256 for a in store.agreements.for_supplier(supplier.id)):
            raise UserFacingError("This file was already recorded as {}'s agreement.", supplier.name)
        if not store.dedupe.mark(REFUSED, key):  # atomic: two clicks at once decide once
            return _repeated(store, supplier, file_name, key)
        mailed = _answer(deps, supplier, sha256, file_name, version, reason)
        details: dict[str, JsonScalar] = {
            "sha256": sha256,
            "file": file_name[:200],
            "reason": reason,
            "mailed": mailed,
        }
        audit_privileged(store.audit, caller, REFUSED, key, details)
    return Refusal(supplier, file_name, caller.user_id, reason, mailed)


def _repeated(store: Store, supplier: Supplier, file_name: str, key: str) -> Refusal:
    earlier = [e for e in store.audit.entries(subject=key) if e.action == f"slack.{REFUSED}"]
    if not earlier:
        raise UserFacingError(
            "A colleague is deciding on this file right now (or an earlier attempt failed; see the log)."
        )
    first = earlier[0]
    reason, mailed = str(first.details.get("reason") or ""), bool(first.details.get("mailed"))
    return Refusal(supplier, file_name, first.actor.id, reason, mailed, repeated=True)


def _answer(
    deps: InboundDeps, supplier: Supplier, sha256: str, file_name: str, version: str, reason: str
) -> bool:
    """Queue the reply in the file's thread; False when the supplier has no address to answer."""
    mail = _thread_mail(deps.store, supplier, sha256)
    if mail is None:
        return False
    c = InboundContext(mail, None, deps, known_supplier=supplier)
    language = reply_language(None, supplier.language, deps.settings.replies.default_language)
    reply = Reply(
        ReplyKind.AGREEMENT_REFUSED,
        language,
        supplier.name,
        files=(FileReply(file_name, FileOutcome.REJECTED),),
        policy_version=version,
        policy_sentence=sentence(language, version),
        staff_note=reason,
    )
    campaigns = open_campaigns(c, supplier)
    queue_reply(
        c, reply, campaigns[0] if campaigns else None, (f"agreement-refused-{sha256}",), fresh_files=True
    )
    return True


def _thread_mail(store: Store, supplier: Supplier, sha256: str) -> InboundMail | None:
    """The held file's mail as far as a reply needs it (ids, subject, reply address)."""
    kept = [e for e in store.audit.entries(subject=held_subject(sha256)) if _for(e, supplier)]
    if kept:
        details = kept[-1].details
        message_id, subject = str(details["message_id"]), str(details.get("thread_subject") or "")
        reply_to = tuple(a for a in str(details.get("thread_to") or "").split(",") if a)
        in_reply_to = str(details.get("thread_in_reply_to") or "") or None
        references = tuple(str(details.get("thread_references") or "").split())
    elif supplier.emails:  # held before threads were kept: a new mail to the supplier
        message_id, subject, reply_to = f"<agreement-file-{sha256[:16]}@surveybot>", "", supplier.emails[:1]
        subject = mail_words(language_code(supplier.language))["agreement_refused"]["title"]
        in_reply_to, references = None, ()
    else:
        return None
    return InboundMail(
        message_id=message_id, in_reply_to=in_reply_to, references=references, subject=subject,
        from_address=reply_to[0] if reply_to else supplier.emails[0], from_name="", reply_to=reply_to,
        to=(), cc=(), date=store.clock.now(), text="", attachments=(), automated=None,
        automated_evidence=None, bounce=None, auth=AuthVerdict(),
    )  # fmt: skip


def _for(entry: AuditEntry, supplier: Supplier) -> bool:
    return entry.action == HELD_RECORD and entry.details.get("supplier_id") == supplier.id


def _supplier(store: Store, supplier_id: int) -> Supplier:
    try:
        return store.suppliers.get(supplier_id)
    except RecordNotFound:
        raise UserFacingError("That supplier is no longer here.") from None
