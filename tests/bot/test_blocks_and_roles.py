"""Slack's Block Kit limits hold for any input size, and roles are granted only by the settings."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.blocks import (
    MAX_BLOCKS,
    MAX_SECTION_TEXT,
    SlackMessage,
    actions,
    as_text,
    button,
    fit,
    line_sections,
    section,
)
from bot.render.reports import missing_csv, missing_message
from bot.render.supplier import findings_message
from handlers.auth import Caller, PermissionRefused, Role, authorize, required_role, roles_for
from handlers.commands import MissingResult
from handlers.notices import FindingSummary
from handlers.supplier_card import FindingsResult
from storage import (
    Assignment,
    AssignmentState,
    Campaign,
    CampaignState,
    CampaignStatus,
    Contact,
    MissingRow,
    Submission,
    Supplier,
    memory_store,
)
from surveybot.settings import RoleSettings

NOW = dt.datetime(2026, 6, 10, tzinfo=dt.UTC)
CAMPAIGN = Campaign(1, "CMRT 2026", "CMRT", "6.31", dt.date(2026, 6, 30), 7, CampaignState.ACTIVE, NOW)


def all_texts(blocks: list[dict[str, object]] | tuple[dict[str, object], ...]) -> list[str]:
    return [b["text"]["text"] for b in blocks if b["type"] == "section"]  # type: ignore[index]


def test_a_section_never_exceeds_3000_characters() -> None:
    assert len(section("x" * 10_000)["text"]["text"]) == MAX_SECTION_TEXT
    packed = line_sections([f"line {n} " + "y" * 200 for n in range(100)])
    assert all(len(text) <= MAX_SECTION_TEXT for text in all_texts(packed))
    assert sum(text.count("\n") + 1 for text in all_texts(packed)) == 100  # no line lost


def test_actions_are_split_at_25_elements_and_long_button_values_are_refused() -> None:
    blocks = actions([button(f"b{n}", f"a{n}", str(n)) for n in range(30)])
    assert [len(b["elements"]) for b in blocks] == [25, 5]
    with pytest.raises(ValueError, match="max 2000"):
        button("too long", "x", "v" * 2001)


def test_a_message_holds_at_most_50_blocks() -> None:
    many = [section(str(n)) for n in range(80)]
    with pytest.raises(ValueError, match="at most 50 blocks"):
        SlackMessage("x", tuple(many))
    kept = fit(many)
    assert len(kept) == MAX_BLOCKS
    assert kept[-1]["elements"][0]["text"] == "31 more blocks were left out to stay within Slack's limit."


def missing_rows(count: int) -> tuple[MissingRow, ...]:
    rows = []
    for n in range(count):
        supplier = Supplier(
            n,
            f"S{n:05d}",
            "Supplier with a rather long company name " * 2,
            (Contact(f"a{n}@x.example"),),
            ("x.example",),
            owner="U0OWNER",
        )
        assignment = Assignment(n, n, 1, AssignmentState.REMINDED, (), NOW, 3)
        rows.append(MissingRow(supplier, assignment, "U0OWNER", NOW, False))
    return tuple(rows)


def test_the_missing_list_of_10000_suppliers_fits_every_page_and_downloads_whole() -> None:
    rows = missing_rows(10_000)
    status = CampaignStatus(CAMPAIGN, {}, 10_000, 10_000, 0, 0, 0)
    result = MissingResult(status, rows, NOW.date())

    for page in (1, 250, 500):
        message = missing_message(result, page)
        assert len(message.blocks) <= MAX_BLOCKS
        assert all(len(text) <= MAX_SECTION_TEXT for text in all_texts(message.blocks))
        assert message.blocks[-2]["elements"][0]["text"].startswith(f"Page {page} of 500")  # type: ignore[index]
    assert len(missing_csv(rows).splitlines()) == 10_001


def test_a_file_with_1000_findings_is_shown_within_the_limits() -> None:
    findings = tuple(
        FindingSummary(f"C{n}", "error", "Smelter List", f"D{n}", "m" * 120) for n in range(1000)
    )
    submission = Submission(
        1, "<m>", "a@x", NOW, "big.xlsx", "0" * 64, "CMRT", "6.31", "en", "rejected", (), 1, 1
    )
    message = findings_message(FindingsResult(submission, None, findings))
    assert len(message.blocks) == MAX_BLOCKS
    assert all(len(text) <= MAX_SECTION_TEXT for text in all_texts(message.blocks))


def test_roles_come_only_from_settings_by_user_or_group() -> None:
    settings = RoleSettings(
        team_lead_users=("U1",), team_lead_groups=("S1",), staff_users=("U2",), staff_groups=("S2",)
    )
    assert roles_for(settings, "U1") == {Role.TEAM_LEAD, Role.STAFF}
    assert roles_for(settings, "U9", ["S1"]) == {Role.TEAM_LEAD, Role.STAFF}
    assert roles_for(settings, "U2") == {Role.STAFF}
    assert roles_for(settings, "U9", ["S2", "S7"]) == {Role.STAFF}
    assert roles_for(settings, "U9", ["S7"]) == frozenset()
    assert roles_for(RoleSettings(), "U1", ["S1"]) == frozenset()  # nothing configured: nobody is privileged


def test_unknown_actions_need_the_team_lead_role_and_refusals_are_audited() -> None:
    assert required_role("status") is None
    assert required_role("something-new") is Role.TEAM_LEAD
    store = memory_store()
    staff = Caller("U2", frozenset({Role.STAFF}))

    with pytest.raises(PermissionRefused, match="needs the \\*team_lead\\* role"):
        authorize(store.audit, staff, "something-new", "campaign:1")

    (entry,) = store.audit.entries()
    assert (entry.action, entry.actor.id, entry.subject) == ("slack.refused", "U2", "campaign:1")
    authorize(store.audit, staff, "resend")  # allowed: nothing more is written
    assert len(store.audit.entries()) == 1


def test_a_message_reads_as_plain_text_for_the_terminal_demo() -> None:
    message = SlackMessage(
        "fallback",
        (
            section("*Hello*", accessory=button("Open", "o", "1")),
            *actions([button("A", "a", "1"), button("B", "b", "2")]),
        ),
    )
    assert as_text(message) == "*Hello*\n[Open]\n[A]  [B]"
    assert as_text(SlackMessage("only the fallback", ())) == "only the fallback"
