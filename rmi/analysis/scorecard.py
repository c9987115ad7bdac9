"""A supplier's scorecard against the buyer's requests: met / not met / unknown, each with its evidence.

The items follow what a buyer's policy asks of a supplier (OECD step 1-2): that it agreed to the
buyer's policy, has a policy of its own and publishes it, has mechanisms to exclude high-risk
minerals, confirms the exclusion for what it supplies, and cooperates. Each item names the
questions, answers and cells it was decided on, so a person can check it in the file.
"Unknown" is never "not met": a blank or "Unknown" answer, or no facility list to compare with,
leaves the item open instead of accusing the supplier.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from rmi.analysis import questions as q
from rmi.analysis.conformance import Verdict
from rmi.analysis.declaration import Answer, Declaration

#: Correction rounds (rejected files before the accepted one) a cooperating supplier needs at most.
MAX_CORRECTION_ROUNDS = 2
#: Non-conformant smelters quoted as evidence of the exclusion item (the risk flags list them all).
SMELTER_EVIDENCE = 10


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not met"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Evidence:
    question: str
    answer: str
    cell: str


@dataclass(frozen=True, slots=True)
class ScoreItem:
    code: str
    title: str
    status: Status
    reason: str
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Cooperation:
    """How the supplier answered: from the assignment history and its submissions."""

    due: dt.date
    first_response: dt.datetime | None
    reminders: int
    corrections: int


@dataclass(frozen=True, slots=True)
class PolicyAgreement:
    """The supplier's agreement to the buyer's current policy version; ``on`` None: not agreed (yet)."""

    version: str
    on: dt.date | None = None
    evidence: str = ""  # what proves it: the reply's Message-ID and sentence, a file hash, staff note


@dataclass(frozen=True, slots=True)
class Scorecard:
    supplier_id: int
    submission_id: int
    items: tuple[ScoreItem, ...]

    def item(self, code: str) -> ScoreItem:
        return next(i for i in self.items if i.code == code)


def scorecard(
    declaration: Declaration,
    cooperation: Cooperation,
    *,
    agreed: PolicyAgreement | None = None,
    verdicts: Mapping[str, Verdict] | None = None,
) -> Scorecard:
    """``agreed``: the agreement to the current policy (None: no policy configured); ``verdicts`` by
    CID (None: no facility list)."""
    items = (
        _agreed(agreed),
        _own_policy(declaration),
        _public_policy(declaration),
        _mechanisms(declaration),
        _confirms_exclusion(declaration, verdicts),
        _cooperates(cooperation),
    )
    return Scorecard(declaration.supplier_id, declaration.submission_id, items)


def evidence(answer: Answer) -> Evidence:
    shown = f"{answer.mineral}: {answer.value or '(blank)'}" if answer.mineral else answer.value or "(blank)"
    return Evidence(answer.question, shown, answer.cell)


def _agreed(agreed: PolicyAgreement | None) -> ScoreItem:
    title = "Agreed to our responsible-minerals policy"
    if agreed is None:
        return ScoreItem("SCORE-AGREED", title, Status.UNKNOWN, "no policy version configured")
    if agreed.on is None:
        reason = f"has not agreed to policy version {agreed.version}"
        return ScoreItem("SCORE-AGREED", title, Status.NOT_MET, reason)
    proof = Evidence(f"Agreement to our policy, version {agreed.version}", agreed.evidence, "")
    reason = f"agreed to policy version {agreed.version} on {agreed.on.isoformat()}"
    return ScoreItem("SCORE-AGREED", title, Status.MET, reason, (proof,))


def _yes_no(code: str, title: str, answer: Answer | None) -> ScoreItem:
    if answer is None:
        return ScoreItem(code, title, Status.UNKNOWN, "the template does not ask this")
    proof = (evidence(answer),)
    if q.says_yes(answer):
        return ScoreItem(code, title, Status.MET, "answered Yes", proof)
    if answer.value.casefold() == "no":
        return ScoreItem(code, title, Status.NOT_MET, "answered No", proof)
    return ScoreItem(code, title, Status.UNKNOWN, "not answered", proof)


def _own_policy(declaration: Declaration) -> ScoreItem:
    answer = q.company_answer(declaration, q.OWN_POLICY)
    return _yes_no("SCORE-OWN-POLICY", "Has a responsible-minerals policy", answer)


def _public_policy(declaration: Declaration) -> ScoreItem:
    title = "Publishes its policy (with the URL)"
    answer = q.company_answer(declaration, q.PUBLIC_POLICY)
    item = _yes_no("SCORE-PUBLIC-POLICY", title, answer)
    if answer is None or item.status is not Status.MET:
        return item
    url = Evidence(f"{answer.question} (comment)", answer.comment or "(blank)", answer.comment_cell)
    if _has_url(answer.comment):
        return ScoreItem(item.code, title, Status.MET, "Yes, with its URL", (*item.evidence, url))
    return ScoreItem(item.code, title, Status.UNKNOWN, "Yes, but no URL given", (*item.evidence, url))


def _mechanisms(declaration: Declaration) -> ScoreItem:
    title = "Has mechanisms to exclude high-risk minerals"
    phrases = (q.SUPPLIER_REQUIREMENT, q.DUE_DILIGENCE, q.CORRECTIVE_ACTION)
    found = [q.company_answer(declaration, p) for p in phrases]
    answers = [a for a in found if a is not None]
    return _all_yes("SCORE-MECHANISMS", title, answers, missing=len(answers) < len(found))


def _all_yes(code: str, title: str, answers: Sequence[Answer], *, missing: bool = False) -> ScoreItem:
    proof = tuple(evidence(a) for a in answers)
    if any(a.value.casefold() == "no" for a in answers):
        return ScoreItem(code, title, Status.NOT_MET, "at least one answer is No", proof)
    if missing or not answers or not all(q.says_yes(a) for a in answers):
        return ScoreItem(code, title, Status.UNKNOWN, "not every question is answered Yes", proof)
    return ScoreItem(code, title, Status.MET, "every answer is Yes", proof)


def _confirms_exclusion(declaration: Declaration, verdicts: Mapping[str, Verdict] | None) -> ScoreItem:
    code, title = "SCORE-EXCLUSION", "Confirms exclusion (covered countries, conformant smelters)"
    answers = q.covered_country_answers(declaration)
    proof = tuple(evidence(a) for a in answers)
    bad = [s for s in declaration.smelters if verdicts and s.cid and not _conformant(verdicts, s.cid)]
    shown = bad[:SMELTER_EVIDENCE]  # the risk flags name every one
    proof += tuple(
        Evidence("Smelter conformance", f"{s.cid} {s.name}: not conformant", s.cell) for s in shown
    )
    if any(a.value.casefold() in q.YES_COVERED for a in answers):
        return ScoreItem(code, title, Status.NOT_MET, "declares sourcing from covered countries", proof)
    if bad:
        return ScoreItem(code, title, Status.NOT_MET, f"{len(bad)} smelter(s) not conformant", proof)
    if not answers or any(a.value.casefold() != "no" for a in answers):
        return ScoreItem(code, title, Status.UNKNOWN, "covered-country answers are not all No", proof)
    if verdicts is None:
        return ScoreItem(code, title, Status.UNKNOWN, "no facility list imported", proof)
    if any(s.not_listed or not s.cid for s in declaration.smelters):
        return ScoreItem(code, title, Status.UNKNOWN, "some smelters are unidentified", proof)
    return ScoreItem(code, title, Status.MET, "No everywhere, every smelter conformant", proof)


def _conformant(verdicts: Mapping[str, Verdict], cid: str) -> bool:
    verdict = verdicts.get(cid)
    return verdict is not None and verdict.conformant


def _cooperates(c: Cooperation) -> ScoreItem:
    code, title = "SCORE-COOPERATES", "Cooperates (on time, few corrections)"
    facts = (
        f"first file {c.first_response.date().isoformat() if c.first_response else 'never'}, "
        f"due {c.due.isoformat()}, {c.reminders} reminder(s), {c.corrections} correction round(s)"
    )
    if c.first_response is None:
        return ScoreItem(code, title, Status.UNKNOWN, facts)
    if c.first_response.date() > c.due or c.corrections > MAX_CORRECTION_ROUNDS:
        return ScoreItem(code, title, Status.NOT_MET, facts)
    return ScoreItem(code, title, Status.MET, facts)


def _has_url(text: str) -> bool:
    lowered = text.casefold()
    return "http://" in lowered or "https://" in lowered or "www." in lowered
