"""Slack messages shown on a terminal as a person sees them in the channel (the demo, the README):
formatting applied, emoji drawn, entities decoded, and hostile outside text still exactly as typed."""

from __future__ import annotations

import pytest

from bot.as_seen import as_seen, mrkdwn_as_seen
from bot.blocks import SlackMessage, actions, button, context, divider, header, section
from bot.mrkdwn import BACKTICK_LOOKALIKE, ZWSP, escape
from bot.render.notices import notice_message
from handlers.notices import FileJudged, FindingSummary, TriageKind
from tests.bot.hostile import HOSTILE
from tests.bot.test_hostile_text import NOTICE_EXAMPLES, notice_cases


def test_our_formatting_is_applied_and_emoji_codes_are_drawn() -> None:
    text = "*Due* 2026-12-15 — `acme.xlsx` :x: rejected, _see_ ~old~ :white_check_mark: :not_ours:"
    assert mrkdwn_as_seen(text) == "Due 2026-12-15 — acme.xlsx ❌ rejected, see old ✅ :not_ours:"


def test_outside_text_with_markers_entities_and_mentions_reads_exactly_as_the_supplier_typed_it() -> None:
    typed = "ACME_01 *Metals* <!channel> & Co `x` ~y~"
    shown = mrkdwn_as_seen(f"*{escape(typed)}* sent a file")
    assert shown == "ACME_01 *Metals* <!channel> & Co ˋxˋ ~y~ sent a file"


def test_links_and_mentions_show_what_slack_shows() -> None:
    shown = mrkdwn_as_seen("<https://rmi.example/templates|the templates> for <!here> from <@U123|jane>")
    assert shown == "the templates (https://rmi.example/templates) for @here from jane"


def test_every_kind_of_block_becomes_lines_with_buttons_in_brackets() -> None:
    message = SlackMessage(
        text="fallback",
        blocks=(
            header("2026-H1 <CMRT>"),
            section("*Suppliers* 10", accessory=button("Show missing", "show_missing", "1")),
            context("invited 4 · accepted 1"),
            divider(),
            *actions([button("Supplier", "supplier_pick", "1"), button("Mark handled", "handled", "1")]),
        ),
    )
    assert as_seen(message).splitlines() == [
        "2026-H1 <CMRT>",
        "Suppliers 10",
        "[Show missing]",
        "invited 4 · accepted 1",
        "―" * 20,
        "[Supplier]  [Mark handled]",
    ]


def test_a_message_without_blocks_shows_its_text() -> None:
    assert as_seen(SlackMessage(text="*3* mails &amp; :warning:", blocks=())) == "3 mails & ⚠️"


def test_a_rejected_file_notice_reads_like_the_channel() -> None:
    notice = FileJudged(
        "1", "Acme_<Metals>", "1", "7", "acme*.xlsx", "CMRT", "6.5", accepted=False,
        findings=(FindingSummary("CMRT-Q2-MISSING", "error", "Declaration", "D33", "Question 2 is blank."),),
    )  # fmt: skip
    assert as_seen(notice_message(notice)).splitlines() == [
        "Acme_<Metals> sent acme*.xlsx (CMRT 6.5): ❌ rejected (1 error)",
        "❌ Declaration!D33 Question 2 is blank.",
        "[Supplier]",
    ]


@pytest.mark.parametrize(("kind", "triage"), list(notice_cases()), ids=lambda x: getattr(x, "__name__", x))
def test_every_notice_kind_shows_hostile_names_as_typed_and_no_slack_source(
    kind: type, triage: TriageKind
) -> None:
    shown = as_seen(notice_message(NOTICE_EXAMPLES[kind](triage)))
    assert (
        HOSTILE.replace("`", BACKTICK_LOOKALIKE) in shown
    )  # Slack shows a guarded backtick as its look-alike
    for source in ("&lt;", "&gt;", "&amp;", ZWSP, ":x:", ":warning:", ":white_check_mark:"):
        assert source not in shown, f"{source!r} in {shown!r}"
