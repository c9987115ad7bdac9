"""One returned file in, one verdict out: intake → read → judge.

This is the whole check of an attachment, shared by ``surveybot check`` and the mail handler. It
never raises for bad input: a file that fails intake or is not a template becomes a rejected result
with a finding that says what to send instead.

Whatever could be recognised is said in the first answer, because every extra round costs a week:
an old revision (CMRT 5.12, as .xlsx or as a legacy .xls) is named with the current revision
(``TEMPLATE-RETIRED``; the mail reply attaches a blank), a current revision saved as .xls is asked
for as .xlsx by name, and a newer revision whose cells do not match our layouts is held for a
person (``TEMPLATE-HELD-FOR-REVIEW``) instead of being refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from rmi import releases
from rmi.blanks import revision_order
from rmi.findings import Finding, Severity, Verdict
from rmi.intake import inspect_file
from rmi.intake.vocabulary import IntakeCode
from rmi.judge import judge
from rmi.layouts import versions
from rmi.messages import render
from rmi.model import NotATemplate, TemplateIdentity, TemplateModel
from rmi.policy import Policy
from rmi.read import identify_workbook, read_workbook

# Reader reasons that mean "a template we cannot check" rather than "not a template at all".
_UNSUPPORTED = frozenset({"unsupported_version", "version_not_found"})


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The verdict on one file, with what was recognised (identity is None when nothing was)."""

    filename: str
    identity: TemplateIdentity | None
    verdict: Verdict
    model: TemplateModel | None = field(default=None, repr=False, compare=False)

    @property
    def accepted(self) -> bool:
        return self.verdict.accepted

    def message_language(self, override: str | None = None) -> str | None:
        """The language to tell the supplier in: the override, else the template's language."""
        return override or (self.identity.language if self.identity else None)

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The stable JSON shape of ``surveybot check --json`` (messages rendered in ``lang``)."""
        language = self.message_language(lang)
        return {
            "file": self.filename,
            "template": self.identity.family.value if self.identity else None,
            "version": self.identity.version if self.identity else None,
            "language": self.identity.language if self.identity else None,
            "verdict": "accept" if self.accepted else "reject",
            "findings": [finding_dict(item, language) for item in self.verdict.findings],
        }


def finding_dict(finding: Finding, lang: str | None) -> dict[str, Any]:
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "sheet": finding.sheet,
        "cell": finding.cell,
        "message": render(finding, lang, in_mail=False),
        "checker_rows": list(finding.checker_rows),
        "covers": list(finding.covers_cells),
    }


def check_bytes(data: bytes, filename: str, policy: Policy) -> CheckResult:
    """Judge one attachment; rejections from intake or the reader come back as findings."""
    intake = inspect_file(data, filename)
    notes = tuple(_note(n.code.value, n.reason, Severity.WARNING, filename) for n in intake.warnings)
    if intake.reason_code is IntakeCode.XLS_LEGACY and intake.legacy_xls:
        legacy = _legacy_xls(intake.legacy_xls, filename, policy)
        if legacy is not None:
            return legacy
    if not intake.accepted or intake.workbook is None:
        code = intake.reason_code.value if intake.reason_code else "FILE-UNREADABLE"
        rejection = _note(code, intake.reason, Severity.ERROR, filename)
        return CheckResult(filename, None, Verdict((rejection, *notes)))
    outcome = read_workbook(intake.workbook, intake.parts)
    if isinstance(outcome, NotATemplate):
        finding = _not_a_template(outcome, policy, filename)
        return CheckResult(filename, outcome.identity, Verdict((finding, *notes)))
    verdict = judge(outcome, policy)
    return CheckResult(filename, outcome.identity, Verdict(notes + verdict.findings), outcome)


def _note(code: str, reason: str, severity: Severity, filename: str) -> Finding:
    params: Mapping[str, str | int] = {"reason": reason, "file": filename}
    key = "file.rejected" if severity is Severity.ERROR else "file.note"
    return Finding(code=code, severity=severity, message_key=key, params=params)


def _legacy_xls(data: bytes, filename: str, policy: Policy) -> CheckResult | None:
    """An .xls that is an RMI template: named, and retired or asked for as .xlsx; None if it is not."""
    found = identify_workbook(data)
    identity = found.identity if found is not None else None
    if identity is None:
        return None
    if isinstance(found, NotATemplate) and found.reason_key == "retired_version":
        return CheckResult(filename, identity, Verdict((_retired(identity, policy, filename),)))
    params = {"family": identity.family.value, "version": identity.version, "file": filename}
    finding = Finding(IntakeCode.XLS_LEGACY.value, Severity.ERROR, "file.xls_revision", params)
    return CheckResult(filename, identity, Verdict((finding,)))


def _retired(identity: TemplateIdentity, policy: Policy, filename: str) -> Finding:
    family = identity.family
    current = releases.newest(family, policy.today) or max(versions(family), key=revision_order)
    params = {"family": family.value, "version": identity.version, "current": current, "file": filename}
    return Finding("TEMPLATE-RETIRED", Severity.ERROR, "template.retired", params)


def _not_a_template(outcome: NotATemplate, policy: Policy, filename: str) -> Finding:
    identity = outcome.identity
    if identity is not None and outcome.reason_key == "retired_version":
        return _retired(identity, policy, filename)
    if identity is not None and outcome.reason_key == "layout_mismatch":
        params = {"family": identity.family.value, "version": identity.version, "file": filename}
        return Finding("TEMPLATE-HELD-FOR-REVIEW", Severity.ERROR, "template.held", params)
    if outcome.reason_key == "not_rmi_template":
        return Finding("FILE-NOT-A-TEMPLATE", Severity.ERROR, "file.not_a_template")
    if outcome.reason_key in _UNSUPPORTED:
        return Finding("TEMPLATE-UNSUPPORTED-VERSION", Severity.ERROR, "template.unsupported")
    return Finding("FILE-UNREADABLE-TEMPLATE", Severity.ERROR, "file.unreadable")
