"""Route 5: a known supplier sent files; judge each, keep it, move the assignment, answer once.

For every candidate file: run the checker (intake → read → judge) under the policy of the
supplier's open campaigns, store the original bytes with the verdict, and move the matching
assignment (received/resubmitted → accepted or rejected). Then one reply lists a verdict per file in
the supplier's language, and staff get a ``FileJudged`` notice per file.

A retired revision's reply carries a blank template, and a newer revision whose cells did not match
our layouts is held (kept, assignment left at received, "a person will check it", a triage item):
see ``handlers.revisions``.

A file whose company name (Declaration!D8) is not the supplier's is still judged and answered like
any other, and the reply says so; staff get a ``COMPANY_MISMATCH`` triage notice. Why not refuse it:
most mismatches are harmless (a trading name, a parent company, a translation), the verdict on the
file is true whoever filled it in, and the sender is an authenticated contact of this supplier; a
person can reject the submission when it really is someone else's declaration.

Replays are safe: submissions are stored once per (Message-ID, file), an assignment step carries the
submission it was made for and is not repeated, and the reply's outbox key is unique.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from handlers.answering import open_campaigns, queue_reply
from handlers.attachments import candidate_files
from handlers.check_facts import FileFacts, checked_facts, policy_for
from handlers.inbound_context import InboundContext, Outcome, attachment_key
from handlers.names import same_company
from handlers.notices import FileJudged, TriageItem, TriageKind
from handlers.notices import FindingSummary as NoticeFinding
from handlers.replies import FileOutcome, FileReply, Reply, ReplyKind, finding_lines, reply_language
from handlers.revisions import HELD, blank_attachments, has_code, notify_revisions
from mail.model import Attachment
from rmi.findings import Finding
from rmi.messages import render as describe
from rmi.policy import Policy
from storage import (
    SYSTEM,
    Actor,
    ActorKind,
    AssignmentState,
    Campaign,
    FindingSummary,
    NewSubmission,
    Submission,
    Supplier,
)
from storage.lifecycle import allowed_from, state_after_submission

S = AssignmentState


@dataclass(frozen=True, slots=True)
class JudgedFile:
    attachment: Attachment
    facts: FileFacts
    campaign: Campaign | None
    submission: Submission

    @property
    def outcome(self) -> FileOutcome:
        return file_outcome(self.facts)


def file_outcome(facts: FileFacts) -> FileOutcome:
    if facts.identity is None:
        return FileOutcome.UNREADABLE
    if has_code(facts, HELD):
        return FileOutcome.HELD
    return FileOutcome.ACCEPTED if facts.verdict.accepted else FileOutcome.REJECTED


def judge_files(c: InboundContext) -> Outcome:
    supplier = c.supplier
    assert supplier is not None
    campaigns = open_campaigns(c, supplier)
    policy = policy_for(c.deps.settings.campaign, campaigns, c.deps.clock.now().date())
    judged = [_judge_one(c, supplier, campaigns, item, policy) for item in candidate_files(c.mail).judged]
    for item in sorted(judged, key=lambda j: j.outcome is FileOutcome.ACCEPTED):  # an accepted file wins
        _move_assignment(c, supplier, item)
    language = _reply_language(c, supplier, judged)
    replies = tuple(_file_reply(item, supplier, language) for item in judged)
    for item, file_reply in zip(judged, replies, strict=True):
        _notify_staff(c, supplier, item, mismatch=bool(file_reply.company_in_file))
    blanks = blank_attachments(c, [j.facts for j in judged])
    names = tuple(ref.filename for ref in blanks)
    reply = Reply(ReplyKind.VERDICT, language, supplier.name, replies, attachments=names)
    hashes = tuple(j.submission.sha256 for j in judged)
    keys = tuple(attachment_key(supplier.id, sha) for sha in hashes)
    campaign = next((j.campaign for j in judged if j.campaign), campaigns[0] if campaigns else None)
    if not queue_reply(c, reply, campaign, hashes, blanks):
        return c.finish(Outcome.RATE_LIMITED, keys, files=len(judged))
    accepted = sum(j.outcome is FileOutcome.ACCEPTED for j in judged)
    held = sum(j.outcome is FileOutcome.HELD for j in judged)
    return c.finish(Outcome.JUDGED, keys, files=len(judged), accepted=accepted, held=held, language=language)


def _judge_one(
    c: InboundContext, supplier: Supplier, campaigns: list[Campaign], item: Attachment, policy: Policy
) -> JudgedFile:
    facts = checked_facts(c.deps.checker, item, policy, c.deps.settings.mailbox.max_attachment_mb)
    campaign = _campaign_for(facts, campaigns)
    outcome = file_outcome(facts).value
    new = NewSubmission(
        message_id=c.mail.message_id,
        sender=c.mail.from_address,
        received_at=c.deps.clock.now(),
        attachment_name=item.filename,
        family=facts.identity.family.value if facts.identity else "",
        version=facts.identity.version if facts.identity else "",
        language=facts.identity.language if facts.identity else "",
        verdict=outcome,
        findings=tuple(_stored(f) for f in facts.verdict.findings),
        supplier_id=supplier.id,
        campaign_id=campaign.id if campaign else None,
    )
    return JudgedFile(item, facts, campaign, c.store.submissions.add(new, item.data))


def _campaign_for(facts: FileFacts, campaigns: list[Campaign]) -> Campaign | None:
    """The campaign asking for this file's family; an unreadable file counts for the only one."""
    if facts.identity is None:
        return campaigns[0] if len(campaigns) == 1 else None
    family = facts.identity.family.value
    return next((campaign for campaign in campaigns if campaign.family == family), None)


def _move_assignment(c: InboundContext, supplier: Supplier, item: JudgedFile) -> None:
    """received/resubmitted, then accepted/rejected; skipped when this file already moved it."""
    if item.campaign is None:
        return
    assignments = c.store.assignments
    assignment = assignments.find(supplier.id, item.campaign.id)
    note = f"submission {item.submission.id}: {item.attachment.filename}"
    if assignment is None or any(step.note == note for step in assignment.history):
        return
    if assignment.state not in (S.RECEIVED, S.RESUBMITTED):
        arrived = state_after_submission(assignment)
        if arrived not in allowed_from(assignment.state):
            return  # opted out or not applicable: the file is kept and answered, the status stays
        actor = Actor(ActorKind.SUPPLIER, c.mail.from_address)
        assignment = assignments.transition(
            assignment.id, arrived, actor, note=note, submission_id=item.submission.id
        )
    if item.outcome is FileOutcome.HELD:
        return  # received; a person decides
    final = S.ACCEPTED if item.outcome is FileOutcome.ACCEPTED else S.REJECTED
    assignments.transition(assignment.id, final, SYSTEM, note=note, submission_id=item.submission.id)


def _reply_language(c: InboundContext, supplier: Supplier, judged: list[JudgedFile]) -> str:
    """The language the supplier chose in the (first) template, else their own, else the default."""
    chosen = next(
        (j.facts.identity.language for j in judged if j.facts.identity and j.facts.identity.language_label),
        None,
    )
    return reply_language(chosen, supplier.language, c.deps.settings.replies.default_language)


def _file_reply(item: JudgedFile, supplier: Supplier, language: str) -> FileReply:
    facts, outcome = item.facts, item.outcome
    verdict = facts.verdict
    mismatch = bool(facts.identity) and not same_company(facts.company_name, supplier.name)
    base = FileReply(
        file_name=item.attachment.filename,
        outcome=outcome,
        family=facts.identity.family.value if facts.identity else "",
        version=facts.identity.version if facts.identity else "",
        scope=facts.scope,
        metals=facts.metals,
        smelter_count=facts.smelter_count,
        warnings=finding_lines(verdict.warnings, language, describe),
        company_in_file=facts.company_name if mismatch else "",
    )
    if outcome in (FileOutcome.UNREADABLE, FileOutcome.HELD):
        reason = " ".join(describe(f, language) for f in verdict.errors)
        return replace(base, reason=reason, warnings=())
    if outcome is FileOutcome.REJECTED:
        return replace(base, errors=finding_lines(verdict.errors, language, describe))
    return base


def _notify_staff(c: InboundContext, supplier: Supplier, item: JudgedFile, *, mismatch: bool) -> None:
    identity, sub = item.facts.identity, item.submission
    notify_revisions(c, supplier, item.attachment.filename, item.facts)
    if item.outcome is FileOutcome.HELD:
        return  # the triage item says what happened; a "rejected" file notice would not be true
    c.notify(
        FileJudged(
            supplier_id=str(supplier.id),
            supplier_name=supplier.name,
            campaign_id=str(item.campaign.id) if item.campaign else None,
            submission_id=str(sub.id),
            file_name=item.attachment.filename,
            template=identity.family.value if identity else None,
            version=identity.version if identity else None,
            accepted=item.outcome is FileOutcome.ACCEPTED,
            findings=tuple(_for_staff(f) for f in item.facts.verdict.findings),
        )
    )
    if mismatch:
        c.notify(
            TriageItem(
                kind=TriageKind.COMPANY_MISMATCH,
                summary=(
                    f"{item.attachment.filename} names the company '{item.facts.company_name}', but it came "
                    f"from {supplier.name} ({supplier.code}). It was judged and answered as usual; reject "
                    "the submission if it is another company's declaration."
                ),
                sender=c.mail.from_address,
                subject=c.mail.subject,
                supplier_id=str(supplier.id),
                message_key=c.message_key,
                details=(f"submission {sub.id}", f"Declaration!D8: {item.facts.company_name}"),
            )
        )


def _stored(finding: Finding) -> FindingSummary:
    return FindingSummary(
        code=finding.code,
        severity=finding.severity.value,
        message_key=finding.message_key,
        params=dict(finding.params),
        sheet=finding.sheet,
        cell=finding.cell,
    )


def _for_staff(finding: Finding) -> NoticeFinding:
    return NoticeFinding(
        finding.code, finding.severity.value, finding.sheet, finding.cell, describe(finding, "en")
    )
