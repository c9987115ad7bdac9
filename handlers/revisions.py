"""What a template's revision adds to the answer: a blank for a retired one, staff notices for new ones.

A supplier who sends CMRT 5.12 must learn in the first reply that it is no longer accepted and get
the current blank with it, so the reply carries the campaign's configured blank
(``campaign.blank_templates``) or else the newest blank surveybot ships. The file is kept in the
blob store like a received file, so the outbox can attach it after a restart.

Staff hear once per family and revision (remembered in the store, not per file) that a revision
newer than our layouts arrived and was read as compatible: the next hundred CMRT 6.6 files are
routine. A file whose anchor cells did not match is held, and each such file is a triage item.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from pathlib import Path

from handlers.check_facts import FileFacts
from handlers.inbound_context import InboundContext
from handlers.notices import TriageKind
from rmi.blanks import blank_template
from storage import AttachmentRef, Supplier

log = logging.getLogger(__name__)

RETIRED = "TEMPLATE-RETIRED"
HELD_CODE = "TEMPLATE-HELD-FOR-REVIEW"
NEW_REVISION_KIND = "new_revision_notice"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def has_code(facts: FileFacts, code: str) -> bool:
    return any(finding.code == code for finding in facts.verdict.errors)


def blank_attachments(c: InboundContext, judged: Iterable[FileFacts]) -> tuple[AttachmentRef, ...]:
    """One blank per family of the retired revisions among ``judged``, stored and referenced."""
    families = dict.fromkeys(f.identity.family.value for f in judged if f.identity and has_code(f, RETIRED))
    refs = []
    for family in families:
        found = _blank_bytes(family, c.deps.settings.campaign.blank_templates)
        if found is not None:
            name, data = found
            refs.append(AttachmentRef(name, XLSX_TYPE, sha256=c.store.blobs.put(data)))
    return tuple(refs)


def _blank_bytes(family: str, configured: Mapping[str, str]) -> tuple[str, bytes] | None:
    path = next((p for f, p in configured.items() if f.upper() == family), None)
    if path:
        try:
            return Path(path).name, Path(path).read_bytes()
        except OSError:
            log.error("configured blank template for %s cannot be read; attaching the shipped one", family)
    shipped = blank_template(family)
    return (shipped.filename, shipped.read_bytes()) if shipped else None


def notify_revisions(c: InboundContext, supplier: Supplier, file_name: str, facts: FileFacts) -> None:
    """A held file: a triage item; a revision read as compatible: one notice per family+revision."""
    identity = facts.identity
    if identity is None:
        return
    name = f"{identity.family.value} {identity.version}"
    if has_code(facts, HELD_CODE):
        summary = (
            f"{file_name} from {supplier.name} is {name}, newer than our layouts, and its cells do not "
            "match the nearest older layout. It was kept and the supplier was told a person will check "
            "it; please judge it by hand."
        )
        c.triage(TriageKind.HELD_FOR_REVIEW, summary, supplier)
    elif identity.read_as and c.store.dedupe.mark(
        NEW_REVISION_KIND, f"{identity.family.value}/{identity.version}"
    ):
        summary = (
            f"The first {name} arrived ({file_name} from {supplier.name}). It was read as "
            f"{identity.read_as}-compatible after its anchor cells matched; further {name} files are "
            "judged the same way without another notice. Consider adding its layout."
        )
        c.triage(TriageKind.NEW_REVISION, summary, supplier)
