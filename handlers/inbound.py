"""The inbound route table: every mail to the survey mailbox ends in exactly one outcome.

Routes are tried in order and the first whose test matches handles the mail:

1. already processed (the same IMAP key or Message-ID: a replayed mail) → ``duplicate``, no reply;
2. a delivery-status bounce → the recipient's assignments are marked undeliverable and staff are
   told → ``bounce_recorded``; a delay notice ("will retry") marks nothing → ``delivery_delayed``;
   any other machine-written mail (RFC 3834 ``Auto-Submitted``, ``Precedence: bulk``,
   out-of-office, mailer-daemon…) → ``ignored_automated``, no reply, because answering machines is
   how mail loops start;
3. a sender who is neither a supplier contact nor from a supplier's domain → staff triage, no
   reply (a reply to a forged or random address is backscatter) → ``triage_unknown``;
4. our own receiving server says SPF/DKIM/DMARC failed for the sender's domain → held for staff,
   files kept but not judged → ``held_auth_failed`` (a spoofed sender must not mark a supplier done).
   This comes before the file-hash duplicate test: a forged mail carrying a file the supplier
   really sent earlier must still reach staff, not vanish as a "resend";
5. every attached file already judged for this supplier (a resend, a copy to a second alias) →
   ``duplicate``, no reply;
6. a known supplier with file attachments → judged, stored, answered → ``judged``; a file that
   names another company is held for staff instead → ``held_company_mismatch``;
7. a known supplier without one, in a thread where staff asked them something (about a held
   file) → shown to staff, no automatic reply → ``handed_to_staff``;
8. a known supplier without one whose own words agree to the current policy version → recorded with
   its evidence (``handlers.agreements``) → ``agreement_recorded``, no reply; an agreement in a mail
   that also brings a file is recorded beside route 6 (the mail's outcome is the file's);
9. a known supplier who has not agreed to the current policy sends a PDF or an image (no workbook)
   and the mail names the policy (``handlers.agreement_files``) → kept, and staff get a notice with
   *Record agreement* / *Not an agreement* → ``agreement_file_held``, no reply yet;
10. a known supplier without one → told what to attach → ``asked_for_attachment``.

Routes 6 and 8 answer at most ``replies.max_auto_replies_per_thread_per_day`` times per thread and
day; past that the work is still done and recorded, only the mail is not sent → ``rate_limited``.
A reply with the verdict on a file not judged before is never limited (``handlers.answering``).
``route`` is pure over its ports and is called inside one store batch per mail (``mail.pipeline``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from handlers.agreement_files import hold_for_staff, looks_like_acknowledgement
from handlers.agreements import agree_by_reply, has_agreement, record_from_reply
from handlers.answering import ask_for_attachment
from handlers.attachments import candidate_files
from handlers.held_files import in_staff_conversation
from handlers.inbound_context import (
    InboundContext,
    InboundDeps,
    Outcome,
    attachment_key,
)
from handlers.judging import judge_files
from handlers.notices import TriageItem, TriageKind
from mail.model import AutomatedKind, InboundMail
from storage import KeyKind, NewSubmission

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Route:
    name: str
    matches: Callable[[InboundContext], bool]
    handle: Callable[[InboundContext], Outcome]


def route(mail: InboundMail, imap_key: str | None, deps: InboundDeps) -> Outcome:
    """Handle one parsed mail: the first matching route decides; staff notices follow the writes."""
    context = InboundContext(mail, imap_key, deps)
    with deps.store.batch():
        outcome = next(r.handle(context) for r in ROUTES if r.matches(context))
    log.info("mail %s from %s: %s", mail.message_id, mail.from_address, outcome.value)
    for notice in context.notices:
        deps.notifier.post(notice)
    return outcome


def bind(deps: InboundDeps) -> Callable[[InboundMail, str], str]:
    """``route`` with its ports bound, in the shape ``mail.pipeline.InboundPipeline`` calls."""

    def bound(mail: InboundMail, imap_key: str) -> str:
        return route(mail, imap_key, deps).value

    return bound


# --- tests ----------------------------------------------------------------------------------------


def already_processed(c: InboundContext) -> bool:
    dedupe = c.store.dedupe
    if c.imap_key and dedupe.seen(KeyKind.IMAP_UID, c.imap_key):
        return True
    return dedupe.seen(KeyKind.MESSAGE_ID, c.mail.message_id)


def every_file_already_judged(c: InboundContext) -> bool:
    """The same files resent by the same supplier (a resend, a copy to a second alias): no new work."""
    supplier, files = c.supplier, candidate_files(c.mail).judged
    if supplier is None or not files:
        return False
    keys = [attachment_key(supplier.id, f.sha256) if f.sha256 else "" for f in files]
    return all(key and c.store.dedupe.seen(KeyKind.ATTACHMENT, key) for key in keys)


def is_bounce(c: InboundContext) -> bool:
    return c.mail.bounce is not None


def is_automated(c: InboundContext) -> bool:
    return c.mail.automated is not None


def sender_unknown(c: InboundContext) -> bool:
    return c.supplier is None


def authentication_failed(c: InboundContext) -> bool:
    return c.mail.auth.failed


def has_files(c: InboundContext) -> bool:
    return bool(candidate_files(c.mail).judged)


def always(c: InboundContext) -> bool:
    return True


# --- simple routes ----------------------------------------------------------------------------------


def record_duplicate(c: InboundContext) -> Outcome:
    return c.finish(Outcome.DUPLICATE)


def record_bounce(c: InboundContext) -> Outcome:
    """Flag every assignment of each supplier the failed address belongs to; tell staff per address.

    A report that only says delivery is delayed (the server keeps trying) changes nothing: most
    such mails arrive in the end, and a supplier marked undeliverable would get no more reminders.
    """
    bounce = c.mail.bounce
    assert bounce is not None
    failed = bounce.failed_addresses
    if not failed and bounce.delayed_addresses:
        return c.finish(Outcome.DELIVERY_DELAYED, delayed=", ".join(bounce.delayed_addresses))
    for address in failed:
        suppliers = c.store.suppliers.by_email(address)
        for supplier in suppliers:
            for assignment in c.store.assignments.for_supplier(supplier.id):
                c.store.assignments.set_undeliverable(assignment.id, True, note=f"bounce for {address}")
        c.notify(_undeliverable_notice(c, address, suppliers[0].id if len(suppliers) == 1 else None))
    if not failed:
        c.triage(
            TriageKind.UNDELIVERABLE,
            "A delivery failure report arrived that names no recipient; please look at it.",
        )
    return c.finish(Outcome.BOUNCE_RECORDED, failed=", ".join(failed))


def _undeliverable_notice(c: InboundContext, address: str, supplier_id: int | None) -> TriageItem:
    bounce = c.mail.bounce
    assert bounce is not None
    details = tuple(
        f"{r.address}: {r.status or '?'} {r.diagnostic or ''}".strip()
        for r in bounce.recipients
        if r.address == address
    )
    return TriageItem(
        kind=TriageKind.UNDELIVERABLE,
        summary=f"Mail to {address} could not be delivered",
        sender=address,
        subject=c.mail.subject,
        supplier_id=str(supplier_id) if supplier_id is not None else None,
        message_key=c.message_key,
        details=details,
    )


def ignore_automated(c: InboundContext) -> Outcome:
    kind = c.mail.automated or AutomatedKind.AUTO_GENERATED
    return c.finish(Outcome.IGNORED_AUTOMATED, automated=kind.value, evidence=c.mail.automated_evidence or "")


def triage_unknown(c: InboundContext) -> Outcome:
    candidates = c.matching_suppliers
    if candidates:
        why = "matches several suppliers: " + ", ".join(s.code for s in candidates[:5])
    else:
        why = "is not a contact of any supplier and its domain is not a supplier's"
    files = tuple(f.filename for f in c.mail.attachments)
    c.triage(
        TriageKind.UNKNOWN_SENDER,
        f"Mail from {c.mail.from_address}, which {why}. Link the sender to process it.",
        details=tuple(f"attachment: {name}" for name in files),
    )
    return c.finish(Outcome.TRIAGE_UNKNOWN)


def hold_auth_failed(c: InboundContext) -> Outcome:
    """Keep the files (verdict ``held``) without judging them; staff decide whether the mail is real."""
    supplier = c.supplier
    assert supplier is not None
    now = c.deps.clock.now()
    for item in candidate_files(c.mail).judged:
        new = NewSubmission(
            message_id=c.mail.message_id,
            sender=c.mail.from_address,
            received_at=now,
            attachment_name=item.filename,
            verdict="held",
            supplier_id=supplier.id,
        )
        c.store.submissions.add(new, item.data)
    auth = c.mail.auth
    c.triage(
        TriageKind.AUTH_FAILED,
        f"Mail claiming to be from {c.mail.from_address} ({supplier.name}) failed sender "
        "authentication; it was not processed and no reply was sent.",
        supplier,
        (f"spf={auth.spf.value} dkim={auth.dkim.value} dmarc={auth.dmarc.value} by {auth.authserv_id}",),
    )
    return c.finish(
        Outcome.HELD_AUTH_FAILED, spf=auth.spf.value, dkim=auth.dkim.value, dmarc=auth.dmarc.value
    )


def hand_to_staff(c: InboundContext) -> Outcome:
    """A person is talking to the supplier in this thread: an automatic answer would talk over them."""
    supplier = c.supplier
    assert supplier is not None
    excerpt = " ".join(c.mail.text.split())[:_EXCERPT]
    c.triage(
        TriageKind.SUPPLIER_ANSWERED,
        f"{supplier.name} ({supplier.code}) answered in a thread where staff had asked them.",
        supplier,
        details=(excerpt,) if excerpt else (),
    )
    return c.finish(Outcome.HANDED_TO_STAFF)


def judge_files_and_agreement(c: InboundContext) -> Outcome:
    record_from_reply(c)
    return judge_files(c)


_EXCERPT = 500

ROUTES: tuple[Route, ...] = (
    Route("duplicate", already_processed, record_duplicate),
    Route("bounce", is_bounce, record_bounce),
    Route("automated", is_automated, ignore_automated),
    Route("unknown_sender", sender_unknown, triage_unknown),
    Route("authentication_failed", authentication_failed, hold_auth_failed),
    Route("files_already_judged", every_file_already_judged, record_duplicate),
    Route("template_attached", has_files, judge_files_and_agreement),
    Route("policy_agreement", has_agreement, agree_by_reply),
    Route("staff_conversation", in_staff_conversation, hand_to_staff),
    Route("signed_acknowledgement", looks_like_acknowledgement, hold_for_staff),
    Route("no_attachment", always, ask_for_attachment),
)
