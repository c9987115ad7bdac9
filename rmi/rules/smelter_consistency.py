"""Smelter List rows that contradict the declaration, or name smelters RMI does not know.

Smelters for a metal the declaration answers "No" for mean one of the two is wrong (CMRT 6.4+
paints such rows red), yet RMI's own Checker accepts the file: a warning unless the campaign's policy
makes it an error. "Smelter not listed" rows are allowed, but the buyer cannot check those
smelters against RMI's conformance lists, so each one is a warning unless its typed name turns out
to be a known alias after all.
"""

from __future__ import annotations

from collections.abc import Iterator

from rmi.findings import Finding, Severity
from rmi.model import MineralAnswer, SmelterRow, TemplateModel
from rmi.policy import Policy
from rmi.rules.base import finding_at, norm
from rmi.rules.checker_gaps import NOT_LISTED
from rmi.rules.gates import MineralState, mineral_states
from rmi.rules.smelter_facts import lookup_index, row_metal


class SmelterConsistencyRule:
    """Smelters for metals declared "No"; smelters outside the RMI list."""

    code = "SMELTER-CONSISTENCY"

    def check(self, model: TemplateModel, policy: Policy) -> Iterator[Finding]:
        yield from _excluded_metals(model, policy.smelters_for_metal_answered_no)
        yield from _unlisted_smelters(model)


def _declared_no(state: MineralState) -> MineralAnswer | None:
    for gate in (state.first, state.second):
        if gate is not None and norm(gate.answer) == "no":
            return gate
    return None


def _excluded_metals(model: TemplateModel, severity: Severity) -> Iterator[Finding]:
    for state in mineral_states(model):
        gate = _declared_no(state)
        if gate is None:
            continue
        rows = [row for row in model.smelters if row_metal(row).casefold() == state.mineral.casefold()]
        if rows:
            yield finding_at(
                "SMELTER-FOR-EXCLUDED-METAL",
                "smelter.excluded_metal",
                rows[0].metal,
                severity=severity,
                count=len(rows),
                row=rows[0].row,
                mineral=state.mineral,
                question=gate.question,
                answer_cell=gate.answer.address,
            )


def _unlisted_smelters(model: TemplateModel) -> Iterator[Finding]:
    index = lookup_index(model)
    for row in model.smelters:
        if norm(row.smelter_lookup) != NOT_LISTED or row.smelter_name.is_blank:
            continue
        if index.cid_for_name(row_metal(row), row.smelter_name.text) is not None:
            continue
        yield _unlisted(row)


def _unlisted(row: SmelterRow) -> Finding:
    return finding_at(
        "SMELTER-NOT-IN-RMI-LIST",
        "smelter.not_in_rmi_list",
        row.smelter_name,
        severity=Severity.WARNING,
        row=row.row,
        name=row.smelter_name.text,
        lookup_column="Smelter Look-up",
    )


RULE = SmelterConsistencyRule()
