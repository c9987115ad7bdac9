"""Invitations a supplier can act on: what to fill in, the blank attached, what we ask, how to answer.

Each invited supplier gets one mail, in its language, carrying the blank template of the campaign's
family at the campaign's revision - the buyer's own blank when one is configured - with the
supplier's company name written into it when the mail is built (``AttachmentRef.fill_company``; the
store keeps one copy of the blank, not one per supplier). The mail states the company's requests
(configurable, with the policy link), the agreement sentence to reply with, the due date, and how
to answer. Its words are the ``invitation`` section of the language's catalogue
(``rmi/messages/<code>.py``), laid out by ``mail/templates/invitation.*.j2``: the renderer is
injected (``InvitationOptions.render``), as the mail templates live outside the core. The agreement
sentence is the recogniser's own (``handlers.agreement_words``), so what we quote is what we accept.
Invitations are a wave like reminders (``handlers.waves.queue_mails``): one mail per (wave,
supplier) across crashes and restarts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from handlers.agreement_words import sentence
from handlers.answering import campaign_tag
from handlers.replies import RenderedBody
from handlers.threads import CAMPAIGN_HEADER, thread_key
from handlers.waves import PROGRESS_CHUNK, Progress, WaveSummary, WaveTarget, queue_mails, wave_key
from rmi.messages import DEFAULT_LANGUAGE, known_language, mail_words
from rmi.messages.forms import long_date
from storage import Actor, AttachmentRef, Campaign, MailDraft, Store, Supplier, Wave

INVITE_SELECTION = "invite"
INVITATION_KIND = "invitation"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True, slots=True)
class InvitationMail:
    supplier_name: str
    contact_name: str
    campaign_name: str
    family: str
    version: str
    due: dt.date
    language: str
    requests_text: str
    policy_url: str
    policy_version: str
    prefilled: bool

    def context(self) -> dict[str, object]:
        """Every name the invitation templates use, always defined."""
        agreement = sentence(self.language, self.policy_version) if self.policy_version else ""
        return {
            "supplier_name": self.supplier_name,
            "contact_name": self.contact_name,
            "campaign_name": self.campaign_name,
            "family": self.family,
            "version": self.version,
            "due": self.due.isoformat(),
            "requests_text": self.requests_text.strip(),
            "policy_url": self.policy_url,
            "policy_version": self.policy_version,
            "policy_sentence": agreement,
            "prefilled": self.prefilled,
        }


InvitationRenderer = Callable[[InvitationMail], RenderedBody]


@dataclass(frozen=True, slots=True)
class InvitationOptions:
    """What the buyer configured (``[invitations]``), the blank to attach (bytes read by the caller),
    and the renderer of the mail templates (``mail.render.MailRenderer.render_invitation``)."""

    render: InvitationRenderer = field(kw_only=True)
    subject_tag: str = "RMI"
    requests_text: str = ""
    policy_url: str = ""
    policy_version: str = ""
    prefill_company_name: bool = True
    blank: bytes = b""
    blank_version: str = ""  # the revision of ``blank``, named in the mail


def invitation_for(campaign: Campaign, supplier: Supplier, options: InvitationOptions) -> InvitationMail:
    contact = supplier.contacts[0] if supplier.contacts else None
    return InvitationMail(
        supplier_name=supplier.name,
        contact_name=contact.name if contact else "",
        campaign_name=campaign.name,
        family=campaign.family,
        version=options.blank_version or campaign.template_version or campaign.min_version or "latest",
        due=campaign.due,
        language=supplier.language or DEFAULT_LANGUAGE,
        requests_text=options.requests_text,
        policy_url=options.policy_url,
        policy_version=options.policy_version,
        prefilled=options.prefill_company_name and bool(options.blank),
    )


def invitation_subject(mail: InvitationMail, tag: str) -> str:
    """``[RMI 2027] CMRT für Bolt GmbH, fällig am 31. März 2027``: the tag unchanged, the rest translated."""
    words = mail_words(mail.language)[INVITATION_KIND]["subject"]
    due = long_date(mail.due, known_language(mail.language) or DEFAULT_LANGUAGE)
    core = words.format(family=mail.family, supplier=mail.supplier_name, due=due)
    return f"{tag} {core}" if tag else core


def invitation_draft(
    campaign: Campaign, supplier: Supplier, wave_id: int, options: InvitationOptions, blank_sha256: str
) -> MailDraft:
    mail = invitation_for(campaign, supplier, options)
    body = options.render(mail)
    tag = campaign_tag(options.subject_tag, campaign)
    subject = invitation_subject(mail, tag)
    return MailDraft(
        to=supplier.emails,
        subject=subject,
        text=body.text,
        html=body.html,
        headers={"Auto-Submitted": "auto-generated", CAMPAIGN_HEADER: tag},
        attachments=_attachment(campaign, supplier, mail, blank_sha256),
        dedupe_key=wave_key(wave_id, supplier.id),
        thread_key=f"supplier:{supplier.id}:" + thread_key(subject, (), "", ""),
        campaign_id=campaign.id,
        wave_id=wave_id,
        supplier_id=supplier.id,
    )


def _attachment(
    campaign: Campaign, supplier: Supplier, mail: InvitationMail, blank_sha256: str
) -> tuple[AttachmentRef, ...]:
    if not blank_sha256:
        return ()
    filename = f"RMI_{campaign.family}_{mail.version}.xlsx"
    fill = supplier.name if mail.prefilled else ""
    return (
        AttachmentRef(
            filename, XLSX_TYPE, sha256=blank_sha256, fill_company=fill, fill_family=campaign.family
        ),
    )


def start_invitations(store: Store, campaign: Campaign, suppliers: Sequence[Supplier], actor: Actor) -> Wave:
    """Record the invitation wave for ``suppliers`` (call inside the batch that invites them)."""
    return store.waves.create(campaign.id, actor, INVITE_SELECTION, [s.id for s in suppliers])


def queue_invitations(
    store: Store,
    wave: Wave,
    options: InvitationOptions,
    progress: Progress | None = None,
    chunk: int = PROGRESS_CHUNK,
) -> WaveSummary:
    """Queue the wave's invitations; running it again (after a crash) adds only the missing ones."""
    campaign = store.campaigns.get(wave.campaign_id)
    blank_sha256 = store.blobs.put(options.blank) if options.blank else ""
    targets = []
    for supplier_id in wave.supplier_ids:
        supplier = store.suppliers.get(supplier_id)
        assignment = store.assignments.find(supplier_id, campaign.id)
        if assignment is not None and supplier.emails:
            targets.append(WaveTarget(supplier, assignment))

    def mail_for(target: WaveTarget) -> MailDraft:
        return invitation_draft(campaign, target.supplier, wave.id, options, blank_sha256)

    return queue_mails(store, wave, targets, mail_for, (), progress, chunk)
