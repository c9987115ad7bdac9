"""Checker parity for the hidden pre-filled rows of EMRT 1.x and CRT.

Both families kept CMRT's four rows per question block but use one or two; the unused rows are
hidden and pre-filled "No", and the Checker still requires them. Only a damaged template or a
script clears them, and the supplier cannot see them, so the fix is a fresh template.
"""

from __future__ import annotations

from collections.abc import Iterator

from rmi.findings import Finding
from rmi.model import TemplateModel
from rmi.policy import Policy
from rmi.rules.base import family_code, finding_at, norm
from rmi.rules.checker_gaps import GapKind, checker_gaps, covered_by
from rmi.rules.layout_facts import answer_position, checker_map


class HiddenAnswersRule:
    """Hidden pre-filled answers that lost their "No"."""

    code = "HIDDEN-ANSWER"

    def check(self, model: TemplateModel, policy: Policy) -> Iterator[Finding]:
        gaps = checker_gaps(model)
        code = family_code(model, "HIDDEN-ANSWER")
        reported: set[str] = set()
        for answer in model.hidden_answers:
            if (answer_position(model.identity, answer.answer.ref) or (0, 0))[0] != 1:
                continue
            covered = covered_by(gaps, answer)
            if norm(answer.answer) in ("", "no") and not covered.rows:
                continue
            row = checker_map(model.identity).row_for(answer.answer) if answer.answer.is_blank else None
            reported.add(answer.answer.ref)
            yield finding_at(
                code,
                "answer.hidden_prefill",
                answer.answer,
                checker_row=row,
                covers=covered.rows,
                covers_cells=covered.cells,
            )
        for gap in gaps:
            unblocked = gap.kind is GapKind.HIDDEN and gap.blocked_by is None and gap.cell is not None
            if unblocked and gap.cell is not None and gap.cell.ref not in reported:
                yield finding_at(code, "answer.hidden_prefill", gap.cell, checker_row=gap.row)


RULE = HiddenAnswersRule()
