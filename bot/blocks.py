"""Block Kit building blocks that cannot exceed Slack's limits.

Slack rejects a whole message (``invalid_blocks``) when one part is over a limit, so every builder
here clips or splits instead: section text at 3,000 characters, header text at 150, button labels at
75, at most 25 elements per actions block, 10 per context block and 50 blocks per message. Button
values are ours (ids and page numbers), so an over-long value is a programming error and raises.
Long lists are split over several sections by ``line_sections`` and paginated by the renderers.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from bot.mrkdwn import ZWSP
from bot.mrkdwn import clip as clip  # re-exported: renderers take their text helpers from here
from bot.mrkdwn import escape as escape
from bot.mrkdwn import escape_plain as escape_plain

Block = dict[str, Any]

MAX_BLOCKS = 50
MAX_SECTION_TEXT = 3000
MAX_HEADER_TEXT = 150
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_ACTION_ELEMENTS = 25
MAX_CONTEXT_ELEMENTS = 10
MAX_FALLBACK_TEXT = 3000
MAX_CONFIRM_TITLE = 100
MAX_CONFIRM_TEXT = 300
MAX_CONFIRM_BUTTON = 30


@dataclass(frozen=True, slots=True)
class SlackMessage:
    """A message ready for ``chat.postMessage`` / ``respond``: fallback text plus blocks."""

    text: str
    blocks: tuple[Block, ...]

    def __post_init__(self) -> None:
        if len(self.blocks) > MAX_BLOCKS:
            raise ValueError(f"a Slack message holds at most {MAX_BLOCKS} blocks, got {len(self.blocks)}")

    def kwargs(self) -> dict[str, Any]:
        return {"text": clip(self.text, MAX_FALLBACK_TEXT), "blocks": list(self.blocks)}


def plain(text: str, limit: int = MAX_SECTION_TEXT) -> dict[str, Any]:
    """A plain_text element; ``text`` is raw (its entities are escaped here, so pass it unescaped)."""
    return {"type": "plain_text", "text": clip(escape_plain(text), limit), "emoji": True}


def mrkdwn(text: str, limit: int = MAX_SECTION_TEXT) -> dict[str, Any]:
    return {"type": "mrkdwn", "text": clip(text, limit)}


def header(text: str) -> Block:
    return {"type": "header", "text": plain(text, MAX_HEADER_TEXT)}


def section(text: str, accessory: Mapping[str, Any] | None = None) -> Block:
    block: Block = {"type": "section", "text": mrkdwn(text)}
    if accessory is not None:
        block["accessory"] = dict(accessory)
    return block


def context(*texts: str) -> Block:
    return {"type": "context", "elements": [mrkdwn(t) for t in texts[:MAX_CONTEXT_ELEMENTS]]}


def divider() -> Block:
    return {"type": "divider"}


def confirm_dialog(title: str, text: str, confirm: str, deny: str = "Cancel") -> dict[str, Any]:
    """A Block Kit ``confirm`` object: Slack asks the user before the button's action is sent."""
    return {
        "title": plain(title, MAX_CONFIRM_TITLE),
        "text": mrkdwn(text, MAX_CONFIRM_TEXT),
        "confirm": plain(confirm, MAX_CONFIRM_BUTTON),
        "deny": plain(deny, MAX_CONFIRM_BUTTON),
        "style": "danger",
    }


def button(
    text: str,
    action_id: str,
    value: str | Mapping[str, Any],
    *,
    style: Literal["primary", "danger"] | None = None,
    confirm: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """A button; a mapping ``value`` is sent as compact JSON (read back with ``button_value``)."""
    encoded = value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))
    if len(encoded) > MAX_BUTTON_VALUE:
        raise ValueError(
            f"button value for {action_id} is {len(encoded)} characters (max {MAX_BUTTON_VALUE})"
        )
    element: dict[str, Any] = {
        "type": "button",
        "text": plain(text, MAX_BUTTON_TEXT),
        "action_id": action_id,
        "value": encoded,
    }
    if style:
        element["style"] = style
    if confirm is not None:
        element["confirm"] = dict(confirm)
    return element


def button_value(raw: str) -> dict[str, Any]:
    """Decode a JSON button value; anything else (edited payloads) yields an empty mapping."""
    try:
        decoded = json.loads(raw)
    except (TypeError, ValueError):
        return {}
    return decoded if isinstance(decoded, dict) else {}


def view_metadata(view: Mapping[str, Any]) -> dict[str, Any]:
    """A modal's ``private_metadata`` (the JSON we gave it when opening it), decoded like a button value."""
    return button_value(str(view.get("private_metadata") or "{}"))


def view_text_metadata(view: Mapping[str, Any]) -> dict[str, str]:
    """``view_metadata`` with every key and value as text (channel ids, message timestamps)."""
    return {str(key): str(value) for key, value in view_metadata(view).items()}


def actions(elements: Sequence[Mapping[str, Any]], block_id: str | None = None) -> list[Block]:
    """One actions block per 25 elements (Slack's limit per block)."""
    blocks: list[Block] = []
    for start in range(0, len(elements), MAX_ACTION_ELEMENTS):
        block: Block = {"type": "actions", "elements": [dict(e) for e in elements[start : start + 25]]}
        if block_id:
            block["block_id"] = block_id if start == 0 else f"{block_id}-{start // MAX_ACTION_ELEMENTS}"
        blocks.append(block)
    return blocks


def line_sections(lines: Iterable[str], limit: int = MAX_SECTION_TEXT) -> list[Block]:
    """Pack lines into as few sections as fit under the text limit; an over-long line is clipped."""
    blocks: list[Block] = []
    chunk: list[str] = []
    size = 0
    for raw in lines:
        line = clip(raw, limit)
        if chunk and size + 1 + len(line) > limit:
            blocks.append(section("\n".join(chunk)))
            chunk, size = [], 0
        chunk.append(line)
        size += len(line) + (1 if size else 0)
    if chunk:
        blocks.append(section("\n".join(chunk)))
    return blocks


def fit(blocks: Sequence[Block], *, reserve: int = 0) -> list[Block]:
    """At most ``MAX_BLOCKS - reserve`` blocks; the last kept one says how many were left out."""
    room = MAX_BLOCKS - reserve
    if len(blocks) <= room:
        return list(blocks)
    kept = list(blocks[: room - 1])
    left_out = len(blocks) - len(kept)
    were = "block was" if left_out == 1 else "blocks were"
    kept.append(context(f"{left_out} more {were} left out to stay within Slack's limit."))
    return kept


def as_text(message: SlackMessage) -> str:
    """The message as plain lines (headers, sections, context, ``[buttons]``) for a terminal or a log."""
    lines: list[str] = []
    for block in message.blocks:
        kind = block["type"]
        if kind in ("header", "section") and "text" in block:
            lines.append(block["text"]["text"])
        if kind == "section" and "accessory" in block:
            lines.append(f"[{block['accessory']['text']['text']}]")
        elif kind == "context":
            lines.extend(e["text"] for e in block["elements"])
        elif kind == "actions":
            lines.append("  ".join(f"[{e['text']['text']}]" for e in block["elements"]))
        elif kind == "divider":
            lines.append("---")
    text = "\n".join(lines) if lines else message.text
    return html.unescape(text.replace(ZWSP, ""))
