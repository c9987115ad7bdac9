"""Small things people notice: no "≥ " without a minimum version, only the states that have suppliers,
no repeated words, and "1 supplier" / "1 mail" / "1 day" where there is exactly one.

Through the real Bolt app with signed requests; the answers are read back from the loopback fake.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from slack_bolt import App

from bot.app import notifier
from bot.blocks import as_text
from bot.render.notices import delivery_message
from handlers.notices import DeliveryProblems
from storage import AssignmentState, ManualClock, Store
from tests.bot.conftest import LEAD, SlackUser, make_settings
from tests.bot.fake_slack import FakeSlack
from tests.bot.scenario import Seeded


def answer(slack: SlackUser, fake: FakeSlack, text: str, name: str) -> dict[str, Any]:
    slack.command(text, user=LEAD, response=name)
    return dict(fake.wait_for(f"response:{name}")[0]["params"])


def test_a_campaign_without_a_minimum_version_shows_no_dangling_sign(
    slack: SlackUser, fake_slack: FakeSlack, store: Store, seeded: Seeded
) -> None:
    store.campaigns.update(seeded.campaign_id, min_version="")

    header = answer(slack, fake_slack, "status", "s")["blocks"][0]["text"]["text"]

    assert header == "CMRT 2026 (CMRT) - active"


def test_exactly_one_is_singular_in_status_missing_and_the_wave(
    slack: SlackUser, fake_slack: FakeSlack, store: Store, clock: ManualClock, seeded: Seeded
) -> None:
    for code in ("CUPR-003", "DYNA-004", "ECHO-005"):  # leave ACME-001 as the only one missing
        (a,) = [x for x in store.assignments.for_campaign(1) if x.supplier_id == seeded.ids[code]]
        store.assignments.transition(a.id, AssignmentState.NOT_APPLICABLE)
    clock.set(dt.datetime(2026, 6, 29, 9, 0, tzinfo=dt.UTC))

    status = answer(slack, fake_slack, "status", "s")
    missing = answer(slack, fake_slack, "missing", "m")
    preview = answer(slack, fake_slack, "remind rejected", "r")

    assert "*Due* 2026-06-30 (in 1 day)" in status["blocks"][1]["text"]["text"]
    assert (
        status["blocks"][2]["elements"][0]["text"]
        == "rejected 1 · accepted 1 · opted out 1 · not applicable 3"
    )
    assert missing["blocks"][0]["text"]["text"] == "CMRT 2026: 1 supplier still owes a valid file"
    send = preview["blocks"][-1]["elements"][0]
    assert send["text"]["text"] == "Send 1 reminder"
    assert (send["confirm"]["title"]["text"], send["confirm"]["confirm"]["text"]) == (
        "Send 1 reminder mail?",
        "Send reminder",
    )
    assert send["confirm"]["text"]["text"].startswith("The supplier in the preview gets one reminder")


def test_the_supplier_card_says_reminded_once_not_twice(slack: SlackUser, fake_slack: FakeSlack) -> None:
    blocks = answer(slack, fake_slack, "supplier DYNA-004", "c")["blocks"]

    assert blocks[2]["text"]["text"] == "*Campaigns*\n• CMRT 2026: *reminded ×1*, last contact 2026-05-20"


def test_one_failed_mail_is_one_mail(app: App, fake_slack: FakeSlack) -> None:
    notifier(make_settings(fake_slack), app).post(DeliveryProblems(failed=1, attempted=1))

    assert fake_slack.wait_for("chat.postMessage")[0]["params"]["text"] == (
        ":warning: Mail delivery problems: 1 of 1 mail failed."
    )
    assert (
        as_text(delivery_message(DeliveryProblems(2, 3)))
        == ":warning: Mail delivery problems: 2 of 3 mails failed."
    )
