"""A Slack message as a person sees it in the channel, for a terminal: the demo and the README.

``bot.blocks.as_text`` keeps the mrkdwn source (``*Due*``, ``:x:``, ```file```), which is right for a
log but is not what anyone reads in Slack. Here the formatting Slack would apply is applied the only
way plain text can: markers are dropped, emoji codes become the emoji, links show their label,
entities are decoded, and buttons stay ``[Label]``. Markers that came from outside text are not
formatting: ``bot.mrkdwn.escape`` guards them with zero-width spaces, so they are kept as typed, and
the zero-width spaces, invisible in Slack, are dropped.
"""

from __future__ import annotations

import html
import re

from bot.blocks import Block, SlackMessage
from bot.mrkdwn import ZWSP

# The emoji codes our renderers use, as Slack shows them; an unknown code stays as written.
EMOJI = {
    "white_check_mark": "✅",
    "x": "❌",
    "warning": "⚠️",
    "no_entry": "⛔",
    "grey_question": "❔",
    "thinking_face": "🤔",
    "speech_balloon": "💬",
    "rotating_light": "🚨",
    "raised_hand": "✋",
    "new": "🆕",
    "mailbox_with_no_mail": "📭",
    "hourglass": "⌛",
    "twisted_rightwards_arrows": "🔀",
}

_EMOJI_CODE = re.compile(r":([a-z0-9_+-]+):")


def _formatting(marker: str) -> re.Pattern[str]:
    """``marker``-wrapped text that Slack formats: the marker touches the words it wraps, and its other
    side touches no word character."""
    m = re.escape(marker)
    return re.compile(rf"(?<!\w){m}(?=\S)(.+?)(?<=\S){m}(?!\w)")


_FORMATTED = [_formatting(marker) for marker in ("*", "_", "~", "`")]
# A marker that came from outside text is guarded on both sides (``bot.mrkdwn.escape``); while our
# own formatting is applied it stands in as a private-use character, so it can never pair with ours.
_GUARDED = {f"{ZWSP}{marker}{ZWSP}": chr(0xE000 + n) for n, marker in enumerate("*_~")}
_LINK = re.compile(r"<([^<>|]+)(?:\|([^<>]*))?>")


def as_seen(message: SlackMessage) -> str:
    """Every block's text as shown in Slack, one block after another; the fallback when there are none."""
    lines = [line for block in message.blocks for line in _block_lines(block)]
    return "\n".join(lines) if lines else mrkdwn_as_seen(message.text)


def _block_lines(block: Block) -> list[str]:
    kind = block["type"]
    if kind == "header":
        return [html.unescape(block["text"]["text"])]
    if kind == "section":
        lines = [mrkdwn_as_seen(block["text"]["text"])] if "text" in block else []
        if "accessory" in block and block["accessory"].get("type") == "button":
            lines.append(_button(block["accessory"]))
        return lines
    if kind == "context":
        return [
            mrkdwn_as_seen(e["text"]) if e["type"] == "mrkdwn" else html.unescape(e["text"])
            for e in block["elements"]
        ]
    if kind == "actions":
        return ["  ".join(_button(e) for e in block["elements"])]
    if kind == "divider":
        return ["―" * 20]
    return []


def _button(element: Block) -> str:
    return f"[{html.unescape(element['text']['text'])}]"


def mrkdwn_as_seen(text: str) -> str:
    """mrkdwn text with Slack's formatting applied as far as plain text can show it."""
    for guarded, stand_in in _GUARDED.items():
        text = text.replace(guarded, stand_in)
    for pattern in _FORMATTED:
        text = pattern.sub(r"\1", text)
    for guarded, stand_in in _GUARDED.items():
        text = text.replace(stand_in, guarded)
    text = _LINK.sub(_link, text)
    text = _EMOJI_CODE.sub(lambda m: EMOJI.get(m.group(1), m.group()), text)
    return html.unescape(text.replace(ZWSP, ""))


def _link(match: re.Match[str]) -> str:
    target, label = match.group(1), match.group(2)
    if target.startswith(("@", "#")):
        return label or target  # a mention: Slack shows the name
    if target.startswith("!"):
        return f"@{target[1:].split('^')[0]}"  # <!here> → @here
    return f"{label} ({target})" if label and label != target else target
