"""Invitations a supplier can act on: what to fill in, the blank attached, what we ask, how to answer.

Each invited supplier gets one mail, in its language (``handlers.invitation_words``), carrying the
blank template of the campaign's family at the campaign's revision - the buyer's own blank when one
is configured - with the supplier's company name written into it when the mail is built
(``AttachmentRef.fill_company``; the store keeps one copy of the blank, not one per supplier). The
mail states the company's requests (configurable, with the policy link), the agreement sentence to
reply with, the due date, and how to answer. Invitations are a wave like reminders
(``handlers.waves.queue_mails``): one mail per (wave, supplier) across crashes and restarts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from handlers.agreement_words import sentence
from handlers.answering import campaign_tag
from handlers.invitation_words import words_for
from handlers.reminders import paragraphs_body
from handlers.replies import RenderedBody
from handlers.threads import CAMPAIGN_HEADER, thread_key
from handlers.waves import PROGRESS_CHUNK, Progress, WaveSummary, WaveTarget, queue_mails, wave_key
from storage import Actor, AttachmentRef, Campaign, MailDraft, Store, Supplier, Wave

INVITE_SELECTION = "invite"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True, slots=True)
class InvitationOptions:
    """What the buyer configured (``[invitations]``) and the blank to attach (bytes read by the caller)."""

    subject_tag: str = "RMI"
    requests_text: str = ""
    policy_url: str = ""
    policy_version: str = ""
    prefill_company_name: bool = True
    blank: bytes = b""
    blank_version: str = ""  # the revision of ``blank``, named in the mail


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


def invitation_for(campaign: Campaign, supplier: Supplier, options: InvitationOptions) -> InvitationMail:
    contact = supplier.contacts[0] if supplier.contacts else None
    return InvitationMail(
        supplier_name=supplier.name,
        contact_name=contact.name if contact else "",
        campaign_name=campaign.name,
        family=campaign.family,
        version=options.blank_version or campaign.template_version or campaign.min_version or "latest",
        due=campaign.due,
        language=supplier.language or "en",
        requests_text=options.requests_text,
        policy_url=options.policy_url,
        policy_version=options.policy_version,
        prefilled=options.prefill_company_name and bool(options.blank),
    )


def render_invitation(mail: InvitationMail) -> RenderedBody:
    """The invitation's text and HTML in ``mail.language`` (English where there is no wording)."""
    written_in, w = words_for(mail.language)
    names = {"campaign": mail.campaign_name, "supplier": mail.supplier_name, "family": mail.family}
    paragraphs = [
        w.dear.format(name=mail.contact_name)
        if mail.contact_name
        else w.dear_team.format(name=mail.supplier_name),
        w.intro.format(version=mail.version, **names),
        mail.requests_text.strip() or "\n".join([w.requests_heading, *(f"- {r}" for r in w.requests)]),
    ]
    if mail.policy_url:
        paragraphs.append(w.policy_link.format(url=mail.policy_url, version=mail.policy_version or "-"))
    if mail.policy_version:
        paragraphs.append(
            "\n".join([w.agree, *_agreement_lines(mail.language, written_in, mail.policy_version)])
        )
    paragraphs.append(w.answer.format(due=mail.due.isoformat(), family=mail.family))
    if mail.prefilled:
        paragraphs.append(w.prefilled.format(supplier=mail.supplier_name))
    paragraphs.append(w.thanks)
    return paragraphs_body(paragraphs)


def _agreement_lines(language: str, written_in: str, version: str) -> list[str]:
    """The sentence in the mail's language, and in the supplier's own when the mail fell back to English."""
    lines = [f'"{sentence(written_in, version)}"']
    if language != written_in and sentence(language, version) != sentence(written_in, version):
        lines.append(f'"{sentence(language, version)}"')
    return lines


def invitation_subject(mail: InvitationMail, tag: str) -> str:
    _, w = words_for(mail.language)
    core = w.subject.format(family=mail.family, supplier=mail.supplier_name, due=mail.due.isoformat())
    return f"{tag} {core}" if tag else core


def invitation_draft(
    campaign: Campaign, supplier: Supplier, wave_id: int, options: InvitationOptions, blank_sha256: str
) -> MailDraft:
    mail = invitation_for(campaign, supplier, options)
    body = render_invitation(mail)
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
