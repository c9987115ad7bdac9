"""A team lead's supplier list uploaded to Slack: a dry-run report first, the import on confirmation.

Slack-free decisions: who may (team leads only, checked at every step, because a preview's button
can be pressed by anyone who sees it), what is previewed (the uploaded bytes, kept in the store's
content-addressed blobs so the confirmation imports exactly the file that was previewed and not a
second download), and that one preview imports at most once (its one-time token). The import
itself is the CLI's all-or-nothing importer; every step is audited like any privileged act.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from handlers.auth import Caller, audit_privileged, authorize
from handlers.supplier_import import MAX_SUPPLIER_FILE, import_supplier_bytes, safe_file_name
from storage import Store
from storage.importer import ImportReport
from storage.records import JsonScalar
from surveybot.errors import UserFacingError

ACTION = "suppliers_import"
_SHA256 = re.compile(r"[0-9a-f]{64}")  # a button value is outside text: it must name a blob, nothing else
PREVIEW_TOKENS = "slack_supplier_import"


@dataclass(frozen=True, slots=True)
class UploadPreview:
    report: ImportReport
    file_name: str
    sha256: str
    token: str  # one-time: confirming the same preview twice imports once

    @property
    def importable(self) -> bool:
        return not self.report.refused


def may_upload(store: Store, caller: Caller) -> None:
    """Refuse (and audit) anyone but a team lead before they are even asked for a file."""
    authorize(store.audit, caller, ACTION)


def preview(store: Store, caller: Caller, file_name: str, data: bytes) -> UploadPreview:
    """The dry-run report of ``data``; the bytes are kept for the confirmation."""
    authorize(store.audit, caller, ACTION)
    if len(data) > MAX_SUPPLIER_FILE:
        raise UserFacingError(
            f"That file is larger than {MAX_SUPPLIER_FILE // 2**20} MB; is it a supplier list?"
        )
    name = safe_file_name(file_name)
    report = import_supplier_bytes(store, name, data, caller.actor, dry_run=True)
    sha256 = store.blobs.put(data) if not report.refused else ""
    return UploadPreview(report, name, sha256, uuid.uuid4().hex)


def confirm(store: Store, caller: Caller, file_name: str, sha256: str, token: str) -> ImportReport:
    """Import the previewed file for real; refused for a second click on the same preview."""
    authorize(store.audit, caller, ACTION, f"file:{sha256[:12]}")
    if not _SHA256.fullmatch(sha256) or not store.blobs.exists(sha256):
        raise UserFacingError("That preview's file is no longer here; upload the list again.")
    if not store.dedupe.mark(PREVIEW_TOKENS, token):
        raise UserFacingError("This supplier list was already imported from this preview.")
    report = import_supplier_bytes(store, file_name, store.blobs.read(sha256), caller.actor, dry_run=False)
    details: dict[str, JsonScalar] = {
        "file": safe_file_name(file_name),
        "sha256": sha256,
        "refused": len(report.refused),
    }
    for outcome in ("added", "updated", "unchanged"):
        details[outcome] = report.count(outcome)
    audit_privileged(store.audit, caller, ACTION, f"file:{sha256[:12]}", details)
    return report
