"""Block Kit for what the analysis says about a supplier: scorecard, risk flags, year-over-year changes.

Answers, smelter names and comments are the supplier's text: escaped wherever they go. Lists are
cut to a few lines; the report (``surveybot report``) has everything.
"""

from __future__ import annotations

from bot.blocks import Block, context, escape, line_sections
from handlers.supplier_analysis import SupplierAnalysis
from rmi.analysis.changes import Changes
from rmi.analysis.declaration import ListedSmelter
from rmi.analysis.scorecard import Evidence, ScoreItem, Status

FLAGS_SHOWN = 5
CHANGES_SHOWN = 5
EVIDENCE_SHOWN = 4
_MARK = {Status.MET: ":white_check_mark:", Status.NOT_MET: ":x:", Status.UNKNOWN: ":grey_question:"}


def analysis_blocks(a: SupplierAnalysis) -> list[Block]:
    accepted = a.declaration.received_at.date().isoformat()
    lines = [f"*Scorecard* of `{escape(a.file_name)}` (accepted {accepted})"]
    lines.extend(score_line(item) for item in a.scorecard.items)
    blocks = line_sections(lines)
    flags = [f":triangular_flag_on_post: `{escape(f.cell)}` {escape(f.message)}" for f in a.flags]
    if flags:
        more = [f"…and {len(flags) - FLAGS_SHOWN} more"] if len(flags) > FLAGS_SHOWN else []
        blocks.extend(line_sections([f"*Risk flags* ({len(flags)})", *flags[:FLAGS_SHOWN], *more]))
    if a.changes is not None:
        blocks.extend(line_sections(["*Since the previous declaration*", *changes_lines(a.changes)]))
    if a.lists:
        used = ", ".join(f"{escape(ref.name)} of {ref.list_date.isoformat()}" for ref in a.lists)
        blocks.append(context(f"Conformance against {used}"))
    return blocks


def score_line(item: ScoreItem) -> str:
    cells = ", ".join(_proof(e) for e in item.evidence[:EVIDENCE_SHOWN])
    proof = f" - {cells}" if cells else ""
    return f"{_MARK[item.status]} {escape(item.title)}: {escape(item.reason)}{proof}"


def _proof(e: Evidence) -> str:
    """A cell and its answer; evidence kept outside the file (an agreement) has no cell to show."""
    return f"`{escape(e.cell)}` {escape(e.answer)}" if e.cell else escape(e.answer)


def changes_lines(c: Changes) -> list[str]:
    if not c.any:
        return ["no smelter added or dropped, no answer changed"]
    lines = []
    if c.added or c.dropped:
        lines.append(f"smelters: +{len(c.added)} added, -{len(c.dropped)} dropped")
    lines.extend(f"+ {_smelter(s)}" for s in c.added[:CHANGES_SHOWN])
    lines.extend(f"- {_smelter(s)}" for s in c.dropped[:CHANGES_SHOWN])
    for change in c.answers[:CHANGES_SHOWN]:
        what = f"{change.key} {change.mineral}" if change.mineral else change.key
        before, after = escape(change.before or "(blank)"), escape(change.after or "(blank)")
        lines.append(f"`{escape(change.cell)}` {escape(what)}: {before} → {after}")
    if len(c.answers) > CHANGES_SHOWN:
        lines.append(f"…and {len(c.answers) - CHANGES_SHOWN} more answers changed")
    return lines


def _smelter(s: ListedSmelter) -> str:
    return f"{escape(s.cid or '(no CID)')} {escape(s.name or s.typed_name)} ({escape(s.metal)})"
