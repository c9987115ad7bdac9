"""Staff decide on a file held because it names another company: accept it, or ask for the right one.

``handlers.judging`` holds a template whose company is not the sender's supplier (a distributor
forwarding its manufacturer's CMRT, a file sent for a sister company) and posts a notice with two
buttons. Either decision answers the supplier in the thread of the mail that brought the file:

- **accept**: the file is judged for this supplier exactly as a mail would have been (verdict
  stored on the held submission, assignment moved, verdict reply queued);
- **ask**: a short mail in the supplier's language asks for their own company's declaration, or
  for a word on why this file is the right one; the file stays held. The thread is then a
  conversation with a person: a later mail in it without a file goes to staff
  (``in_staff_conversation``) instead of getting the automatic "please attach your template".

Both need the staff role, are audited, and happen once per file: a second click (a double click,
a colleague on the same notice) changes nothing and is told who decided what. The thread (reply
address, subject, References) comes from the audit record of the mail's outcome, because the mail
itself has long left the inbox.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from handlers.answering import open_campaigns, queue_reply, supplier_thread
from handlers.auth import Caller, audit_privileged, authorize
from handlers.check_facts import checked_facts, policy_for
from handlers.inbound_context import InboundContext, InboundDeps
from handlers.judging import answer_files
from handlers.names import ACCEPTED_COMPANY, accepted_company_key
from handlers.replies import FileOutcome, FileReply, Reply, ReplyKind, reply_language
from mail.model import Attachment, AttachmentSource, AuthVerdict, InboundMail
from storage import KeyKind, RecordNotFound, Store, Submission, Supplier
from storage.records import AuditEntry
from storage.submissions import HELD
from surveybot.errors import UserFacingError

ACTION = "held_file"
STAFF_CONVERSATION = "staff_conversation"  # dedupe kind: threads where staff asked the supplier
DECIDED = "held_file_decided"  # dedupe kind: ``submission:<id>`` claimed by the first decision
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class HeldDecision(StrEnum):
    ACCEPT = "accept"
    ASK = "ask"


@dataclass(frozen=True, slots=True)
class DecisionResult:
    submission: Submission  # as it is after the decision
    supplier: Supplier
    decision: HeldDecision
    decided_by: str  # the Slack user who decided (an earlier one when ``repeated``)
    repeated: bool = False  # already decided before this click; nothing was done now
    verdict: str = ""  # for ``accept``: accepted / rejected / unreadable


def decide_held_file(
    deps: InboundDeps, caller: Caller, submission_id: int, decision: HeldDecision
) -> DecisionResult:
    """Carry out ``decision`` on a held file once; see the module docstring."""
    store = deps.store
    subject = f"submission:{submission_id}"
    authorize(store.audit, caller, ACTION, subject)
    with store.batch():
        submission, supplier = _held(store, submission_id)
        if submission.verdict != HELD and _earlier_decision(store, subject) is None:
            raise UserFacingError(f"Submission {submission_id} is not waiting for a decision.")
        mail = _thread_mail(store, submission)
        if not store.dedupe.mark(DECIDED, subject):  # atomic: two clicks at once decide once
            return _repeated(store, submission, supplier, subject)
        context = InboundContext(mail, None, deps, known_supplier=supplier)
        if decision is HeldDecision.ACCEPT:
            submission, verdict = _accept(context, supplier)
        else:
            verdict = _ask_for_own(context, supplier, submission)
        audit_privileged(
            store.audit, caller, ACTION, subject, {"decision": decision.value, "verdict": verdict}
        )
    return DecisionResult(submission, supplier, decision, caller.user_id, verdict=verdict)


def _held(store: Store, submission_id: int) -> tuple[Submission, Supplier]:
    try:
        submission = store.submissions.get(submission_id)
    except RecordNotFound:
        raise UserFacingError(f"There is no submission {submission_id}.") from None
    if submission.supplier_id is None:
        raise UserFacingError(f"Submission {submission_id} belongs to no supplier.")
    return submission, store.suppliers.get(submission.supplier_id)


def _repeated(store: Store, submission: Submission, supplier: Supplier, subject: str) -> DecisionResult:
    earlier = _earlier_decision(store, subject)
    if earlier is None:
        raise UserFacingError(
            "A colleague is deciding on this file right now (or an earlier attempt failed; see the log)."
        )
    done = HeldDecision(str(earlier.details.get("decision")))
    return DecisionResult(submission, supplier, done, earlier.actor.id, repeated=True)


def _earlier_decision(store: Store, subject: str) -> AuditEntry | None:
    done = [e for e in store.audit.entries(subject=subject) if e.action == f"slack.{ACTION}"]
    return done[0] if done else None


def _accept(c: InboundContext, supplier: Supplier) -> tuple[Submission, str]:
    """Judge the file for this supplier as the mail loop would have; the reply goes in the thread."""
    answer = answer_files(c, supplier, c.mail.attachments, hold_mismatches=False)
    for key in answer.keys:
        c.store.dedupe.mark(KeyKind.ATTACHMENT, key)
    judged = answer.judged[0]
    if judged.facts.company_name:  # its next file naming this company is judged without a hold
        c.store.dedupe.mark(ACCEPTED_COMPANY, accepted_company_key(supplier.id, judged.facts.company_name))
    return judged.submission, judged.outcome.value


def _ask_for_own(c: InboundContext, supplier: Supplier, held: Submission) -> str:
    """The request for the supplier's own declaration, naming the company the file names."""
    campaigns = open_campaigns(c, supplier)
    policy = policy_for(c.deps.settings.campaign, campaigns, c.deps.clock.now().date())
    (attachment,) = c.mail.attachments
    facts = checked_facts(c.deps.checker, attachment, policy, c.deps.settings.mailbox.max_attachment_mb)
    language = reply_language(held.language, supplier.language, c.deps.settings.replies.default_language)
    named = FileReply(held.attachment_name, FileOutcome.REJECTED, company_in_file=facts.company_name)
    reply = Reply(ReplyKind.OWN_DECLARATION, language, supplier.name, files=(named,))
    campaign = next((x for x in campaigns if x.id == held.campaign_id), campaigns[0] if campaigns else None)
    queue_reply(c, reply, campaign, (f"own-declaration-{held.sha256}",), fresh_files=True)
    c.store.dedupe.mark(STAFF_CONVERSATION, supplier_thread(c, supplier))
    return HELD


def in_staff_conversation(c: InboundContext) -> bool:
    """The mail continues a thread in which staff asked the supplier something themselves."""
    supplier = c.supplier
    return supplier is not None and c.store.dedupe.seen(STAFF_CONVERSATION, supplier_thread(c, supplier))


def _thread_mail(store: Store, held: Submission) -> InboundMail:
    """The held file's mail as far as an answer needs it: its ids, subject, reply address and the file."""
    recorded = [e for e in store.audit.entries(subject=f"mail:{held.message_id}") if "thread_to" in e.details]
    if not recorded:
        raise UserFacingError(f"Submission {held.id} is not a file held for naming another company.")
    details = recorded[-1].details
    data = store.submissions.original(held.id)
    return InboundMail(
        message_id=held.message_id,
        in_reply_to=str(details.get("thread_in_reply_to") or "") or None,
        references=tuple(str(details.get("thread_references") or "").split()),
        subject=str(details.get("thread_subject") or ""),
        from_address=held.sender,
        from_name="",
        reply_to=tuple(a for a in str(details["thread_to"]).split(",") if a),
        to=(),
        cc=(),
        date=held.received_at,
        text="",
        attachments=(
            Attachment(held.attachment_name, _XLSX, data, held.sha256, AttachmentSource.DIRECT, len(data)),
        ),
        automated=None,
        automated_evidence=None,
        bounce=None,
        auth=AuthVerdict(),
    )
