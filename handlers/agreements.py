"""The policy agreement: recognised in a supplier's reply, recorded by staff, and who still owes it.

A reply counts when the supplier's *own* words contain the agreement sentence for the current
policy version (``handlers.agreement_words``, ten languages). Own words, because nearly every mail
client quotes our invitation below the answer, and the invitation contains the sentence: the
quoted part (``>`` lines, and everything from a reply header such as "On … wrote:", "From: …",
"-----Original Message-----", "发件人：", "差出人：" on) is cut off first. A mail that carries a file as
well is judged as usual; the agreement is recorded beside it (one outcome per mail, the file's).
"""

from __future__ import annotations

import re

from handlers.agreement_words import agreed_line, sentence
from handlers.inbound_context import InboundContext, Outcome
from storage import Actor, ActorKind, Agreement, Evidence, Store, Supplier

_REPLY_HEADER = re.compile(
    r"^\s*(?:-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine)"
    r"|_{10,}"
    r"|on .{4,200} wrote:"
    r"|am .{4,200} schrieb .{0,80}:"
    r"|le .{4,200} a écrit\s*:"
    r"|(?:from|von|de|da|gönderen|发件人|寄件者|差出人|보낸 사람)\s*[:：].*"
    r")\s*$",
    re.IGNORECASE,
)


def own_text(text: str) -> str:
    """The part of a reply the sender wrote: quoted lines and everything after a reply header go."""
    kept = []
    for line in text.splitlines():
        if _REPLY_HEADER.match(line):
            break
        if not line.lstrip().startswith(">"):
            kept.append(line)
    return "\n".join(kept)


def recognised(text: str, version: str) -> str | None:
    """The agreement sentence (in the language it was written) if the sender's own text has it."""
    language = agreed_line(own_text(text), version)
    return sentence(language, version) if language else None


def has_agreement(c: InboundContext) -> bool:
    """A known supplier's reply that agrees to the current policy (and carries no file to judge)."""
    version = c.deps.settings.invitations.policy_version
    return bool(version) and c.supplier is not None and recognised(c.mail.text, version) is not None


def record_from_reply(c: InboundContext) -> Agreement | None:
    """Record the agreement in this mail, if there is one; None when none or already recorded."""
    version = c.deps.settings.invitations.policy_version
    supplier = c.supplier
    quoted = recognised(c.mail.text, version) if version and supplier else None
    if supplier is None or quoted is None:
        return None
    actor = Actor(ActorKind.SUPPLIER, c.mail.from_address)
    proof = {"message_id": c.mail.message_id, "quoted": quoted}
    return c.store.agreements.add(supplier.id, version, Evidence.REPLY, actor, **proof)


def agree_by_reply(c: InboundContext) -> Outcome:
    """Route: the mail's only business is the agreement."""
    agreement = record_from_reply(c)
    return c.finish(Outcome.AGREEMENT_RECORDED, new=str(agreement is not None).lower())


def record_by_staff(
    store: Store, supplier: Supplier, version: str, staff_user: str, note: str
) -> Agreement | None:
    """An agreement received another way (a signed letter, a portal), recorded by staff with a note."""
    if not note.strip():
        raise ValueError("say where the agreement came from (a note), so it can be found again")
    actor = Actor(ActorKind.STAFF, staff_user)
    proof = {"staff_user": staff_user, "note": note.strip()}
    return store.agreements.add(supplier.id, version, Evidence.STAFF, actor, **proof)


def not_agreed(store: Store, version: str) -> tuple[Supplier, ...]:
    """Suppliers in an active campaign who have not agreed to policy ``version``, by code."""
    agreed = store.agreements.agreed(version)
    wanted: dict[int, Supplier] = {}
    for campaign in store.campaigns.active():
        for assignment in store.assignments.for_campaign(campaign.id):
            if assignment.supplier_id not in agreed:
                wanted.setdefault(assignment.supplier_id, store.suppliers.get(assignment.supplier_id))
    return tuple(sorted(wanted.values(), key=lambda s: s.code.casefold()))
