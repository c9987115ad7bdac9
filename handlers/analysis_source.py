"""The store's records as the analysis takes them: accepted declarations, cooperation, facility lists.

The store keeps each accepted file's original bytes, not its smelter list (embedding the lists made
every store write slow, perf baseline §4); the declarations are read again from those bytes with
surveybot's own reader (about 30 ms per file of 1,000 smelter rows; ``bench/read_bench.py``).
Everything returned is a plain ``rmi.analysis`` record; the computations never see the store.
"""

from __future__ import annotations

import datetime as dt
import logging

from rmi.analysis.conformance import Conformance, FacilityList, Standing
from rmi.analysis.declaration import Declaration, from_model
from rmi.analysis.facility_files import FacilityListError, facility_list, read_facility_list
from rmi.analysis.scorecard import Cooperation, PolicyAgreement
from rmi.intake import inspect_file
from rmi.model import TemplateModel
from rmi.read.template import read_workbook
from storage import Agreement, AssignmentState, Campaign, Evidence, Store, Submission
from storage.facility_lists import FacilityListRecord

log = logging.getLogger(__name__)
ACCEPTED = "accepted"


def declaration_of(store: Store, submission: Submission) -> Declaration | None:
    """The declaration in an accepted file; None when the file cannot be read again (logged)."""
    if submission.supplier_id is None:
        return None
    model = _model(submission.attachment_name, store.submissions.original(submission.id))
    if model is None:
        log.warning("accepted submission %s could not be read again", submission.id)
        return None
    return from_model(
        model,
        submission_id=submission.id,
        supplier_id=submission.supplier_id,
        campaign_id=submission.campaign_id,
        received_at=submission.received_at,
    )


def policy_agreement(store: Store, supplier_id: int, version: str) -> PolicyAgreement | None:
    """The supplier's agreement to policy ``version`` with its evidence; None when no policy is set."""
    if not version.strip():
        return None
    found = next((a for a in store.agreements.for_supplier(supplier_id) if a.policy_version == version), None)
    if found is None:
        return PolicyAgreement(version)
    return PolicyAgreement(version, found.at.date(), agreement_evidence(found))


def agreement_evidence(agreement: Agreement) -> str:
    """What proves the agreement, in the words staff read it (Slack card, report workbook)."""
    if agreement.evidence is Evidence.REPLY:
        return f'reply {agreement.message_id}: "{agreement.quoted}"'
    if agreement.evidence is Evidence.FILE:
        return f"signed acknowledgement file, SHA-256 {agreement.file_sha256}"
    return f"recorded by {agreement.staff_user}: {agreement.note}"


def campaign_declarations(store: Store, campaign: Campaign) -> tuple[Declaration, ...]:
    """Every accepted declaration of the campaign (older ones too: year over year needs them)."""
    found = []
    for assignment in store.assignments.for_campaign(campaign.id):
        for submission in store.submissions.for_supplier(assignment.supplier_id):
            if submission.verdict == ACCEPTED and submission.campaign_id == campaign.id:
                declaration = declaration_of(store, submission)
                if declaration is not None:
                    found.append(declaration)
    return tuple(found)


def cooperation(store: Store, supplier_id: int, campaign: Campaign) -> Cooperation:
    """When the first file came, how many reminders went out, how many files were rejected first."""
    assignment = store.assignments.find(supplier_id, campaign.id)
    files = [s for s in store.submissions.for_supplier(supplier_id) if s.campaign_id == campaign.id]
    first = min((s.received_at for s in files), default=None)
    accepted = min((s.received_at for s in files if s.verdict == ACCEPTED), default=None)
    rejected = [
        s for s in files if s.verdict == "rejected" and (accepted is None or s.received_at < accepted)
    ]
    reminders = assignment.reminder_count if assignment else 0
    if assignment and not reminders:
        reminders = sum(step.state is AssignmentState.REMINDED for step in assignment.history)
    return Cooperation(campaign.due, first, reminders, len(rejected))


def conformance(store: Store, as_of: dt.date | None = None) -> Conformance | None:
    """Verdicts against the newest imported lists dated on or before ``as_of``; None: none imported."""
    records = store.facility_lists.current(as_of)
    lists = [fl for fl in (_facility_list(store, r) for r in records) if fl is not None]
    return Conformance(lists) if lists else None


def _facility_list(store: Store, record: FacilityListRecord) -> FacilityList | None:
    data = store.blobs.read(record.sha256)
    try:
        listed_as = Standing(record.listed_as) if record.listed_as else None
        parsed = read_facility_list(data, record.file_name, listed_as)
    except FacilityListError:
        log.exception("stored facility list %s can no longer be read", record.id)
        return None
    return facility_list(data, parsed, record.file_name, record.list_date)


def _model(file_name: str, data: bytes) -> TemplateModel | None:
    intake = inspect_file(data, file_name)
    if intake.workbook is None:
        return None
    outcome = read_workbook(intake.workbook)
    return outcome if isinstance(outcome, TemplateModel) else None
