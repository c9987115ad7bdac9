"""Route 5: a known supplier sent files; judge each, keep it, move the assignment, answer once.

For every candidate file: run the checker (intake → read → judge) under the policy of the
supplier's open campaigns, store the original bytes with the verdict, and move the matching
assignment (received/resubmitted → accepted or rejected). Then one reply lists a verdict per file in
the supplier's language, and staff get a ``FileJudged`` notice per file.

A file whose company name (Declaration!D8) is not the supplier's (a distributor forwarding its
manufacturer's CMRT, a file filled in for a sister company) is **held**: kept with verdict ``held``,
no automatic verdict, no assignment step, no reply about it; staff get a ``COMPANY_MISMATCH`` notice
and decide in Slack (``handlers.held_files``): accept it for this supplier, which judges it through
``answer_files`` exactly like a mail would, or ask the supplier for their own declaration. Answering
it automatically would tell a distributor "accepted" for a declaration that is not theirs. Harmless
differences (a trading name, "Co., Ltd." against "Limited", a translation) are not mismatches
(``handlers.names.same_company``). The other files of the same mail are judged and answered as usual.

A retired revision's reply carries a blank template, and a newer revision whose cells did not match
our layouts is held for review (kept as ``held``, assignment left at received, "a person will check
it", a triage item instead of a file notice): see ``handlers.revisions``.

Replays are safe: submissions are stored once per (Message-ID, file), an assignment step carries the
submission it was made for and is not repeated, and the reply's outbox key is unique.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from handlers.answering import open_campaigns, queue_reply, thread_details
from handlers.attachments import candidate_files
from handlers.check_facts import FileFacts, checked_facts, policy_for
from handlers.inbound_context import InboundContext, Outcome, attachment_key
from handlers.names import ACCEPTED_COMPANY, accepted_company_key, same_company
from handlers.notices import FileJudged, TriageKind
from handlers.notices import FindingSummary as NoticeFinding
from handlers.replies import FileOutcome, FileReply, Reply, ReplyKind, finding_lines, reply_language
from handlers.revisions import HELD_CODE, blank_attachments, has_code, notify_revisions
from handlers.supplier_analysis import year_over_year
from mail.model import Attachment
from rmi.findings import Finding
from rmi.messages import render
from rmi.policy import Policy
from storage import (
    SYSTEM,
    Actor,
    ActorKind,
    AssignmentState,
    Campaign,
    FindingSummary,
    KeyKind,
    NewSubmission,
    Submission,
    Supplier,
)
from storage.lifecycle import allowed_from, state_after_submission
from storage.submissions import HELD

S = AssignmentState


@dataclass(frozen=True, slots=True)
class JudgedFile:
    attachment: Attachment
    facts: FileFacts
    campaign: Campaign | None
    submission: Submission
    held: bool = False

    @property
    def outcome(self) -> FileOutcome:
        return file_outcome(self.facts)


def file_outcome(facts: FileFacts) -> FileOutcome:
    if facts.identity is None:
        return FileOutcome.UNREADABLE
    if has_code(facts, HELD_CODE):
        return FileOutcome.HELD
    return FileOutcome.ACCEPTED if facts.verdict.accepted else FileOutcome.REJECTED


def judge_files(c: InboundContext) -> Outcome:
    supplier = c.supplier
    assert supplier is not None
    answer = answer_files(c, supplier, candidate_files(c.mail).judged, hold_mismatches=True)
    details: dict[str, str | int] = {"files": len(answer.judged)}
    if answer.held:
        details |= {"held": len(answer.held), **thread_details(c)}
    if not answer.judged:
        return c.finish(Outcome.HELD_COMPANY_MISMATCH, (), **details)
    if not answer.answered:
        return c.finish(Outcome.RATE_LIMITED, answer.keys, **details)
    accepted = sum(j.outcome is FileOutcome.ACCEPTED for j in answer.judged)
    review = sum(j.outcome is FileOutcome.HELD for j in answer.judged)
    if review:
        details["held_for_review"] = review
    return c.finish(Outcome.JUDGED, answer.keys, accepted=accepted, language=answer.language, **details)


@dataclass(frozen=True, slots=True)
class FilesAnswer:
    judged: tuple[JudgedFile, ...]
    held: tuple[JudgedFile, ...]
    answered: bool  # False: nothing to answer, or the thread's daily allowance is used up
    language: str
    keys: tuple[str, ...]  # attachment dedupe keys of the judged files


def answer_files(
    c: InboundContext, supplier: Supplier, files: Sequence[Attachment], *, hold_mismatches: bool
) -> FilesAnswer:
    """Judge and keep ``files``, move the assignment and queue one reply in the mail's thread.

    With ``hold_mismatches`` a file naming another company is kept as ``held`` instead; staff
    releasing it call this again with ``hold_mismatches=False``.
    """
    campaigns = open_campaigns(c, supplier)
    policy = policy_for(c.deps.settings.campaign, campaigns, c.deps.clock.now().date())
    new = [_not_judged_before(c, supplier, item) for item in files]  # before this mail marks them
    checked = [_judge_one(c, supplier, campaigns, item, policy, hold_mismatches) for item in files]
    fresh = any(is_new and not j.held for is_new, j in zip(new, checked, strict=True))
    judged = tuple(j for j in checked if not j.held)
    held = tuple(j for j in checked if j.held)
    for item in held:
        _notify_held(c, supplier, item)
    if not judged:
        return FilesAnswer((), held, False, "", ())
    for item in sorted(judged, key=lambda j: j.outcome is FileOutcome.ACCEPTED):  # an accepted file wins
        _move_assignment(c, supplier, item)
    language = _reply_language(c, supplier, judged)
    for item in judged:
        _notify_staff(c, supplier, item)
    blanks = blank_attachments(c, [j.facts for j in judged])
    files_replies = tuple(_file_reply(j, language) for j in judged)
    names = tuple(ref.filename for ref in blanks)
    reply = Reply(ReplyKind.VERDICT, language, supplier.name, files_replies, attachments=names)
    hashes = tuple(j.submission.sha256 for j in judged)
    campaign = next((j.campaign for j in judged if j.campaign), campaigns[0] if campaigns else None)
    answered = queue_reply(c, reply, campaign, hashes, blanks, fresh_files=fresh)
    keys = tuple(attachment_key(supplier.id, sha) for sha in hashes)
    return FilesAnswer(judged, held, answered, language, keys)


def names_another_company(c: InboundContext, facts: FileFacts, supplier: Supplier) -> bool:
    """The file names a company that is neither the supplier nor one staff accepted for it before.

    A supplier whose files always carry another legal name (a Chinese registered name beside an
    English trading name, a parent company) is held once; staff accepting it make it known.
    """
    if facts.identity is None or same_company(facts.company_name, supplier.name):
        return False
    return not c.store.dedupe.seen(ACCEPTED_COMPANY, accepted_company_key(supplier.id, facts.company_name))


def _not_judged_before(c: InboundContext, supplier: Supplier, item: Attachment) -> bool:
    """A file this supplier has not had a verdict on: its reply is never held back by the loop guard."""
    key = attachment_key(supplier.id, item.sha256) if item.sha256 else ""
    return bool(key) and not c.store.dedupe.seen(KeyKind.ATTACHMENT, key)


def _judge_one(
    c: InboundContext,
    supplier: Supplier,
    campaigns: list[Campaign],
    item: Attachment,
    policy: Policy,
    hold_mismatches: bool,
) -> JudgedFile:
    facts = checked_facts(c.deps.checker, item, policy, c.deps.settings.mailbox.max_attachment_mb)
    campaign = _campaign_for(facts, campaigns)
    held = hold_mismatches and names_another_company(c, facts, supplier)
    outcome = file_outcome(facts).value
    new = NewSubmission(
        message_id=c.mail.message_id,
        sender=c.mail.from_address,
        received_at=c.deps.clock.now(),
        attachment_name=item.filename,
        family=facts.identity.family.value if facts.identity else "",
        version=facts.identity.version if facts.identity else "",
        language=facts.identity.language if facts.identity else "",
        verdict=HELD if held else outcome,
        findings=() if held else tuple(_stored(f) for f in facts.verdict.findings),
        supplier_id=supplier.id,
        campaign_id=campaign.id if campaign else None,
    )
    stored = c.store.submissions.add(new, item.data)
    if stored.verdict == HELD and not held:  # staff released a held file: it gets its verdict now
        stored = c.store.submissions.settle(stored.id, new)
    return JudgedFile(item, facts, campaign, stored, held)


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


def _reply_language(c: InboundContext, supplier: Supplier, judged: Sequence[JudgedFile]) -> str:
    """The language the supplier chose in the (first) template, else their own, else the default."""
    chosen = next(
        (j.facts.identity.language for j in judged if j.facts.identity and j.facts.identity.language_label),
        None,
    )
    return reply_language(chosen, supplier.language, c.deps.settings.replies.default_language)


def _file_reply(item: JudgedFile, language: str) -> FileReply:
    facts, outcome = item.facts, item.outcome
    verdict = facts.verdict
    layout = facts.identity.layout_key if facts.identity else None

    def describe(finding: Finding, lang: str) -> str:  # cells named with the template's own labels
        return render(finding, lang, layout=layout)

    base = FileReply(
        file_name=item.attachment.filename,
        outcome=outcome,
        family=facts.identity.family.value if facts.identity else "",
        version=facts.identity.version if facts.identity else "",
        scope=facts.scope,
        metals=facts.metals,
        smelter_count=facts.smelter_count,
        warnings=finding_lines(verdict.warnings, language, describe),
    )
    if outcome in (FileOutcome.UNREADABLE, FileOutcome.HELD):
        reason = " ".join(describe(f, language) for f in verdict.errors)
        return replace(base, reason=reason, warnings=())
    if outcome is FileOutcome.REJECTED:
        return replace(base, errors=finding_lines(verdict.errors, language, describe))
    return base


def _notify_staff(c: InboundContext, supplier: Supplier, item: JudgedFile) -> None:
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
            changes=year_over_year(c.store, sub) if item.outcome is FileOutcome.ACCEPTED else None,
        )
    )


def _notify_held(c: InboundContext, supplier: Supplier, item: JudgedFile) -> None:
    name, company, sub = item.attachment.filename, item.facts.company_name, item.submission
    c.triage(
        TriageKind.COMPANY_MISMATCH,
        f"{name} names the company '{company}', but it came from {supplier.name} "
        f"({supplier.code}). It is held: no verdict and no reply were sent. Accept it for "
        f"{supplier.name}, or ask them for their own company's declaration.",
        supplier,
        details=(f"submission {sub.id}", f"company in the file: {company}"),
        submission_id=sub.id,
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
    text = render(finding, "en", in_mail=False)  # staff read it in Slack: no blank is attached there
    return NoticeFinding(finding.code, finding.severity.value, finding.sheet, finding.cell, text)
