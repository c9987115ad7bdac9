"""Staff decisions on triage items: link an unknown sender to a supplier, or mark an item handled.

Linking adds the sender's address to the supplier's contacts, so the next mail from it is matched
(and a campaign's reminders reach it too). Both are staff actions and are audited; marking handled
records who looked at the item, which is what the audit trail of a triage queue is for.
"""

from __future__ import annotations

from dataclasses import dataclass

from handlers.auth import Caller, audit_privileged, authorize
from storage import Contact, Store, Supplier
from surveybot.errors import UserFacingError


@dataclass(frozen=True, slots=True)
class LinkResult:
    supplier: Supplier
    sender: str
    already_linked: bool


def find_one_supplier(store: Store, query: str) -> Supplier:
    """The single supplier ``query`` names (code first); several or none is a user-facing error."""
    exact = store.suppliers.by_code(query)
    if exact is not None:
        return exact
    found = store.suppliers.search(query, limit=5)
    if not found:
        raise UserFacingError("No supplier matches `{}`.", query)
    if len(found) > 1:
        codes = ", ".join(s.code for s in found)
        raise UserFacingError("`{}` matches several suppliers ({}); type the supplier code.", query, codes)
    return found[0]


def link_sender(store: Store, caller: Caller, sender: str, supplier_query: str) -> LinkResult:
    authorize(store.audit, caller, "link_sender", f"sender:{sender}")
    address = sender.strip()
    if "@" not in address:
        raise UserFacingError("`{}` is not an email address.", address)
    supplier = find_one_supplier(store, supplier_query)
    if address.casefold() in (e.casefold() for e in supplier.emails):
        return LinkResult(supplier, address, already_linked=True)
    updated = store.suppliers.update(
        supplier.id, caller.actor, contacts=(*supplier.contacts, Contact(address, role="linked from triage"))
    )
    audit_privileged(store.audit, caller, "link_sender", f"supplier:{supplier.code}", {"sender": address})
    return LinkResult(updated, address, already_linked=False)


def mark_handled(store: Store, caller: Caller, kind: str, message_key: str, sender: str) -> None:
    authorize(store.audit, caller, "triage_done", f"triage:{kind}")
    subject = f"mail:{message_key}" if message_key else f"triage:{kind}"
    audit_privileged(store.audit, caller, "triage_done", subject, {"kind": kind, "sender": sender})
