"""A signed policy acknowledgement sent as a file: held for staff, recorded with one click.

Why staff decide: a PDF or a photo cannot be read for a signature, and an agreement is evidence, so
a person looks at it. The mail loop only recognises the case - a known supplier who has not agreed
to the current policy version sends a PDF or an image (no workbook) and the mail's subject, the
supplier's own words or a file name names the policy in one of the ten languages
(``handlers.agreement_words``) - keeps the file in the store's blobs and posts a triage notice with
*Record agreement* / *Not an agreement*. Recording keeps the policy version, the day and the
evidence (file SHA-256, file name, the staff member), and the supplier gets a short confirmation in
their language, queued once (its dedupe key) however often the button is clicked. *Not an agreement*
answers the supplier in the file's thread (``handlers.agreement_refusal``), which is kept for it here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from handlers.agreement_refusal import HELD_RECORD, held_subject
from handlers.agreement_words import refers_to_policy
from handlers.agreements import own_text
from handlers.answering import thread_details
from handlers.attachments import candidate_files
from handlers.auth import Caller, authorize
from handlers.inbound_context import InboundContext, Outcome
from handlers.notices import TriageKind
from mail.model import Attachment
from rmi.messages import language_code, mail_words
from storage import SYSTEM, Actor, ActorKind, Agreement, Evidence, MailDraft, Store, Supplier
from storage.errors import RecordNotFound
from storage.records import JsonScalar
from surveybot.errors import UserFacingError

ACTION = "agreement_file"
_SHA256 = re.compile(r"[0-9a-f]{64}")
_IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".heic", ".webp"})


@dataclass(frozen=True, slots=True)
class FileDecision:
    supplier: Supplier
    agreement: Agreement | None  # None: the supplier had already agreed to this version
    file_name: str


def acknowledgement_files(c: InboundContext) -> tuple[Attachment, ...]:
    """The mail's PDFs and images, when it looks like a signed acknowledgement of the current policy."""
    version = c.deps.settings.invitations.policy_version
    supplier = c.supplier
    if not version or supplier is None or candidate_files(c.mail).judged:
        return ()
    if supplier.id in c.store.agreements.agreed(version):
        return ()
    named = refers_to_policy(" ".join([c.mail.subject, *(a.filename for a in c.mail.attachments)]))
    in_words = named or refers_to_policy(own_text(c.mail.text))
    # an image counts only when the subject or a file name names the policy: signature logos are images
    pdfs = tuple(a for a in c.mail.attachments if _is_pdf(a) and a.data and in_words)
    images = tuple(a for a in c.mail.attachments if _is_image(a) and a.data and named)
    return pdfs + images


def looks_like_acknowledgement(c: InboundContext) -> bool:
    return bool(acknowledgement_files(c))


def hold_for_staff(c: InboundContext) -> Outcome:
    """Route: keep the files and ask staff whether they are the supplier's signed agreement."""
    supplier = c.supplier
    assert supplier is not None
    version = c.deps.settings.invitations.policy_version
    for attachment in acknowledgement_files(c):
        sha256 = c.store.blobs.put(attachment.data)
        _keep_thread(c, supplier, sha256)
        c.triage(
            TriageKind.AGREEMENT_FILE,
            f"{supplier.name} ({supplier.code}) sent {attachment.filename or 'a file'}, which may be their "
            f"signed agreement to the policy, version {version}. Look at it and record it or not.",
            supplier,
            details=(f"file: {attachment.filename or '(unnamed)'}", f"SHA-256: {sha256}"),
            agreement_file=(sha256, attachment.filename),
        )
    return c.finish(Outcome.AGREEMENT_FILE_HELD, version=version)


def _keep_thread(c: InboundContext, supplier: Supplier, sha256: str) -> None:
    """Where a later "not an agreement" answers (``handlers.agreement_refusal``): the mail has long
    left the inbox by then."""
    details: dict[str, JsonScalar] = {
        "message_id": c.mail.message_id,
        "supplier_id": supplier.id,
        **thread_details(c),
    }
    c.store.audit.record(SYSTEM, HELD_RECORD, held_subject(sha256), **details)


def record_file(
    store: Store, caller: Caller, supplier_id: int, sha256: str, file_name: str, version: str
) -> FileDecision:
    """Staff confirm the file is the signed agreement: record it and queue the supplier's confirmation."""
    authorize(store.audit, caller, ACTION, f"supplier:{supplier_id}")
    if not version:
        raise UserFacingError("No policy version is configured (`invitations.policy_version`).")
    if not _SHA256.fullmatch(sha256) or not store.blobs.exists(sha256):
        raise UserFacingError("That button does not name a file kept here.")
    supplier = _supplier(store, supplier_id)
    proof = {"file_sha256": sha256, "staff_user": caller.user_id, "note": f"file: {file_name[:200]}"}
    agreement = store.agreements.add(supplier.id, version, Evidence.FILE, caller.actor, **proof)
    if agreement is not None and supplier.emails:
        store.outbox.enqueue(_confirmation(supplier, version, file_name))
    return FileDecision(supplier, agreement, file_name)


def record_by_staff_user(store: Store, caller: Caller, query: str, note: str, version: str) -> FileDecision:
    """``policy agree SUPPLIER note…`` from Slack: an agreement received elsewhere, with a note."""
    authorize(store.audit, caller, ACTION, "policy-agree")
    if not version:
        raise UserFacingError("No policy version is configured (`invitations.policy_version`).")
    supplier = store.suppliers.by_code(query.strip())
    if supplier is None:
        raise UserFacingError("No supplier has the code {}.", query)
    if not note.strip():
        raise UserFacingError(
            "Say where the agreement came from, e.g. `policy agree ACME-001 signed letter`."
        )
    actor = Actor(ActorKind.STAFF, caller.user_id)
    proof = {"staff_user": caller.user_id, "note": note.strip()[:500]}
    agreement = store.agreements.add(supplier.id, version, Evidence.STAFF, actor, **proof)
    return FileDecision(supplier, agreement, "")


def _supplier(store: Store, supplier_id: int) -> Supplier:
    try:
        return store.suppliers.get(supplier_id)
    except RecordNotFound:
        raise UserFacingError("That supplier is no longer here.") from None


def _confirmation(supplier: Supplier, version: str, file_name: str) -> MailDraft:
    words = mail_words(language_code(supplier.language))["agreement_recorded"]
    names = {"name": supplier.name, "version": version, "file": file_name}
    text = "\n\n".join(words[key].format(**names) for key in ("greeting", "recorded", "closing"))
    return MailDraft(
        to=supplier.emails[:1],
        subject=words["subject"].format(**names),
        text=text,
        dedupe_key=f"agreement-recorded:{supplier.id}:{version}",
        supplier_id=supplier.id,
    )


def _suffix(attachment: Attachment) -> str:
    return PurePath(attachment.filename.lower()).suffix if attachment.filename else ""


def _is_pdf(attachment: Attachment) -> bool:
    return _suffix(attachment) == ".pdf" or attachment.content_type.lower() == "application/pdf"


def _is_image(attachment: Attachment) -> bool:
    return _suffix(attachment) in _IMAGE_SUFFIXES or attachment.content_type.lower().startswith("image/")
