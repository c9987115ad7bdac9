"""Year over year: what changed between a supplier's previous accepted declaration and its new one.

Smelters are compared by CID (unidentified ones by metal and name, as in the roll-up), answers by
question and mineral; a comment edit alone is not a change a buyer acts on, so only answers count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rmi.analysis.declaration import Declaration, ListedSmelter


@dataclass(frozen=True, slots=True)
class AnswerChange:
    key: str
    mineral: str | None
    question: str
    before: str
    after: str
    cell: str


@dataclass(frozen=True, slots=True)
class Changes:
    supplier_id: int
    previous_submission_id: int
    current_submission_id: int
    added: tuple[ListedSmelter, ...]
    dropped: tuple[ListedSmelter, ...]
    answers: tuple[AnswerChange, ...]

    @property
    def any(self) -> bool:
        return bool(self.added or self.dropped or self.answers)


def previous_declaration(current: Declaration, history: Iterable[Declaration]) -> Declaration | None:
    """The supplier's newest accepted declaration received before ``current`` (any campaign)."""
    earlier = [
        d
        for d in history
        if d.supplier_id == current.supplier_id
        and (d.received_at, d.submission_id) < (current.received_at, current.submission_id)
    ]
    return max(earlier, key=lambda d: (d.received_at, d.submission_id), default=None)


def changes(previous: Declaration, current: Declaration) -> Changes:
    before, after = _smelters(previous), _smelters(current)
    return Changes(
        supplier_id=current.supplier_id,
        previous_submission_id=previous.submission_id,
        current_submission_id=current.submission_id,
        added=tuple(after[key] for key in after if key not in before),
        dropped=tuple(before[key] for key in before if key not in after),
        answers=_answer_changes(previous, current),
    )


def _smelters(d: Declaration) -> dict[tuple[str, str], ListedSmelter]:
    found: dict[tuple[str, str], ListedSmelter] = {}
    for s in d.smelters:
        key = (s.cid, "") if s.cid else (s.metal.casefold(), " ".join(s.typed_name.casefold().split()))
        found.setdefault(key, s)
    return found


def _answer_changes(previous: Declaration, current: Declaration) -> tuple[AnswerChange, ...]:
    old = {(a.key, a.mineral): a for a in previous.answers}
    found = []
    for a in current.answers:
        was = old.get((a.key, a.mineral))
        before = was.value if was else ""
        if before.casefold() != a.value.casefold():
            found.append(AnswerChange(a.key, a.mineral, a.question, before, a.value, a.cell))
    return tuple(found)
