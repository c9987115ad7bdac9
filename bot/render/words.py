"""Counted nouns for Slack messages: "1 supplier", "2 suppliers", never "1 mails".

Slack answers are in English only (mail to suppliers is worded in their language elsewhere), so one
rule covers them: the singular for exactly one, the plural otherwise, with thousands separators.
"""

from __future__ import annotations


def count(n: int, singular: str, plural: str = "") -> str:
    """``n`` with the noun in the right number: ``count(1, "mail")`` → ``1 mail``."""
    return f"{n:,} {singular if n == 1 else plural or singular + 's'}"
