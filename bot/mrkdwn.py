"""The one place where text that did not come from us is made safe for Slack.

Supplier names, file names, sender addresses, cell values, campaign names and whatever a user typed
reach Slack only through ``escape`` (mrkdwn: sections, context, the ``text`` fallback that drives
notifications) or ``escape_plain`` (plain_text: headers, buttons, modal titles). Both turn ``&``,
``<`` and ``>`` into the entities Slack asks for, so ``<!channel>``, ``<@U…>`` and ``<https://x|y>``
arrive as inert text instead of a ping, a mention or a disguised link.

mrkdwn also formats ``*bold*``, ``_italic_``, ``~strike~`` and ```code```, and has no backslash
escape. We put a zero-width space (U+200B) on both sides of ``*``, ``_`` and ``~``: Slack only formats
when the marker touches the word it wraps, the character itself stays what the supplier typed (a
code like ``ACME_01`` still reads and copies as ``ACME_01``), and the space is invisible. Backticks
are replaced by the look-alike U+02CB, because a real one would end the code span that names and
file names are shown in, and no invisible neighbour prevents that. Putting every name in plain_text
elements would avoid both, but sections mix our bold labels with outside text, so they must stay
mrkdwn. plain_text has no formatting, so ``escape_plain`` only handles the entities.

Length limits are applied to the *raw* text before escaping (``shorten``) or, for text already
escaped, by ``clip``, which never leaves half an entity (``&am``) at the cut.
"""

from __future__ import annotations

import re

ZWSP = "\u200b"
BACKTICK_LOOKALIKE = "\u02cb"
ELLIPSIS = "…"
ECHO_LIMIT = 80  # how much of a user's own input is echoed back

_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_MARKERS = re.compile(r"[*_~]")
_PARTIAL_ENTITY = re.compile(r"&[a-z]{0,3}$")


def escape_plain(text: str) -> str:
    """``text`` for a plain_text element or Slack's entity rules: ``&``, ``<``, ``>`` as entities."""
    return text.translate(_ENTITIES)


def escape(text: str) -> str:
    """``text`` for mrkdwn: entities as in ``escape_plain``, and no formatting (see module docstring)."""
    inert = _MARKERS.sub(lambda m: f"{ZWSP}{m.group()}{ZWSP}", escape_plain(text))
    return inert.replace("`", BACKTICK_LOOKALIKE)


def shorten(text: str, limit: int = ECHO_LIMIT) -> str:
    """Raw ``text`` cut to ``limit`` characters with an ellipsis; escape after shortening."""
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def echo(text: str, limit: int = ECHO_LIMIT) -> str:
    """A user's own input, shortened and escaped for mrkdwn (``I don't know `frobnicate…```)."""
    return escape(shorten(" ".join(text.split()), limit))


def clip(text: str, limit: int) -> str:
    """Already escaped ``text`` cut to ``limit`` characters, never inside an entity or marker guard."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    cut = _PARTIAL_ENTITY.sub("", cut)
    if cut.endswith(ZWSP) or cut[-1:] in "*_~":
        cut = cut.rstrip(ZWSP + "*_~")  # drop half a guarded marker rather than leave it live
    return cut + ELLIPSIS
