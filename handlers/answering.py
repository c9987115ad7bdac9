"""Sending an automatic answer to a supplier: threaded, rate limited, queued exactly once.

Both answering routes (a verdict on files, a request to attach the template) go through
``queue_reply``. It renders the reply, threads it under the supplier's mail and puts it in the
outbox under a dedupe key made of the supplier's Message-ID and the attachment hashes, so a replay
after a crash queues nothing new. Before that it takes one unit of the thread's daily allowance
(``replies.max_auto_replies_per_thread_per_day``): two automatic systems answering each other, or a
supplier's mail program resending in a loop, gets a few answers and then silence, and staff hear
about it once per thread and day. A reply that carries the verdict on a file the supplier has not
sent before is never held back (``fresh_files``): the limit stops loops, and a loop never brings a
new template.

The answer goes where the supplier asked for it: ``Reply-To`` when their mail has one (a person
writing on behalf of a shared compliance mailbox), else ``From``; which supplier it is was already
decided from the sender.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from handlers.attachments import candidate_files
from handlers.inbound_context import InboundContext, Outcome
from handlers.notices import TriageKind
from handlers.replies import Reply, ReplyKind, WantedTemplate, reply_language
from handlers.threads import reply_headers, reply_subject, thread_key
from mail.model import InboundMail
from storage import SETTLED, AttachmentRef, Campaign, CampaignState, MailDraft, Supplier

RATE_NOTICE_KIND = "rate_limit_notice"


def queue_reply(
    c: InboundContext,
    reply: Reply,
    campaign: Campaign | None,
    hashes: Sequence[str] = (),
    attachments: Sequence[AttachmentRef] = (),
    *,
    fresh_files: bool = False,
) -> bool:
    """Queue ``reply`` to the supplier; False when the thread's allowance for today is used up.

    ``attachments`` go with it (a blank template for a retired revision). ``fresh_files``: the reply
    gives the verdict on a file not judged before for this supplier (or staff decided to send it); it
    is always sent and does not use up the allowance.
    """
    supplier = c.supplier
    assert supplier is not None
    mail = c.mail
    thread = supplier_thread(c, supplier)
    key = reply_dedupe_key(mail.message_id, hashes)
    if not _within_allowance(c, supplier, thread, key, fresh_files):
        return False
    tag = campaign_tag(c.deps.settings.replies.subject_tag, campaign)
    body = c.deps.renderer.render_reply(replace(reply, campaign=tag))
    draft = MailDraft(
        to=reply_recipients(mail, c.deps.settings.smtp.from_address),
        subject=reply_subject(mail.subject),
        text=body.text,
        html=body.html,
        dedupe_key=key,
        headers=reply_headers(mail.message_id, mail.references, reply.language, tag),
        thread_key=thread,
        campaign_id=campaign.id if campaign else None,
        supplier_id=supplier.id,
        attachments=tuple(attachments),
    )
    c.store.outbox.enqueue(draft)
    return True


def supplier_thread(c: InboundContext, supplier: Supplier) -> str:
    """``supplier:<id>:<thread key>``: the conversation this mail belongs to, per supplier."""
    mail = c.mail
    return f"supplier:{supplier.id}:" + thread_key(
        mail.subject, mail.references, mail.in_reply_to or "", mail.message_id
    )


_MAX_REPLY_TO = 5


def reply_recipients(mail: InboundMail, own_address: str) -> tuple[str, ...]:
    """``Reply-To`` when the mail names one (never our own mailbox: that would answer ourselves), else
    ``From``. A handful at most: a Reply-To listing hundreds of addresses is not a person's request."""
    own = own_address.strip().casefold()
    wanted = tuple(dict.fromkeys(a for a in mail.reply_to if "@" in a and a.casefold() != own))
    return wanted[:_MAX_REPLY_TO] or (mail.from_address,)


def thread_details(c: InboundContext) -> dict[str, str]:
    """What a later answer in this mail's thread needs, for the audit record of the mail's outcome.

    Staff decide on a held file long after the mail was moved out of the inbox; their answer must
    still go to the right address under the supplier's subject and References
    (``handlers.held_files`` reads these back).
    """
    mail = c.mail
    return {
        "thread_to": ",".join(reply_recipients(mail, c.deps.settings.smtp.from_address)),
        "thread_subject": mail.subject,
        "thread_references": " ".join(mail.references),
        "thread_in_reply_to": mail.in_reply_to or "",
    }


def reply_dedupe_key(message_id: str, hashes: Sequence[str]) -> str:
    """``reply:<Message-ID>[:<sha256>,…]``: one reply per mail and set of files, however often replayed."""
    return ":".join(["reply", message_id, *([",".join(sorted(hashes))] if hashes else [])])


def campaign_tag(subject_tag: str, campaign: Campaign | None) -> str:
    """``[RMI 2026-H1]``: the same tag on every mail of a campaign, so inboxes can filter and thread.

    A campaign already named after the tag ("RMI 2026-H1") is not tagged twice.
    """
    name = campaign.name.strip() if campaign else ""
    if subject_tag and name.casefold().startswith(subject_tag.casefold()):
        words = name
    else:
        words = " ".join(part for part in (subject_tag, name) if part)
    return f"[{words}]" if words else ""


def open_campaigns(c: InboundContext, supplier: Supplier) -> list[Campaign]:
    """Active campaigns this supplier is part of, those still waiting for a file first."""
    found = []
    for assignment in c.store.assignments.for_supplier(supplier.id):
        campaign = c.store.campaigns.get(assignment.campaign_id)
        if campaign.state is CampaignState.ACTIVE:
            found.append((assignment.state in SETTLED, campaign.id, campaign))
    return [campaign for _, _, campaign in sorted(found, key=lambda item: (item[0], item[1]))]


def ask_for_attachment(c: InboundContext) -> Outcome:
    """A known supplier wrote without a template: say which file to attach (family, version, date)."""
    supplier = c.supplier
    assert supplier is not None
    campaigns = open_campaigns(c, supplier)
    campaign = campaigns[0] if campaigns else None
    wanted = WantedTemplate(campaign.family, campaign.min_version, campaign.due) if campaign else None
    language = reply_language(None, supplier.language, c.deps.settings.replies.default_language)
    ignored = candidate_files(c.mail).ignored
    reply = Reply(ReplyKind.ASK_FOR_ATTACHMENT, language, supplier.name, wanted=wanted, ignored_files=ignored)
    if not queue_reply(c, reply, campaign):
        return c.finish(Outcome.RATE_LIMITED, wanted=campaign.family if campaign else "")
    return c.finish(Outcome.ASKED_FOR_ATTACHMENT, language=language)


def _within_allowance(
    c: InboundContext, supplier: Supplier, thread: str, key: str, fresh_files: bool
) -> bool:
    """Take one of the thread's automatic replies for today; False (staff told once) when none is left."""
    already_queued = c.store.outbox.by_dedupe_key(key) is not None  # a replay: counted the first time
    if already_queued or fresh_files:
        return True
    limit = c.deps.settings.replies.max_auto_replies_per_thread_per_day
    if c.store.dedupe.take_auto_reply(thread, limit):
        return True
    _tell_staff_once(c, supplier, thread, limit)
    return False


def _tell_staff_once(c: InboundContext, supplier: Supplier, thread: str, limit: int) -> None:
    day = c.deps.clock.now().date().isoformat()
    if not c.store.dedupe.mark(RATE_NOTICE_KIND, f"{thread}:{day}"):
        return
    c.triage(
        TriageKind.RATE_LIMITED,
        f"{supplier.name} has already had {limit} automatic replies in this mail thread today; "
        "further mail in the thread is still processed, but not answered until tomorrow.",
        supplier,
    )
