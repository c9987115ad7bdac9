"""Reminder waves end to end: role check, preview, confirm dialog, background wave, progress, summary."""

from __future__ import annotations

import json
import re
from typing import Any

from storage import AssignmentState, ManualClock, Store
from tests.bot.conftest import ANYONE, GROUP_LEAD, LEAD, STAFF, SlackUser
from tests.bot.fake_slack import FakeSlack
from tests.bot.scenario import Seeded
from tests.bot.slack_requests import mention_body

BUTTON = {"type": "plain_text", "emoji": True}


def md(text: str) -> dict[str, str]:
    return {"type": "mrkdwn", "text": text}


def preview(slack: SlackUser, fake: FakeSlack, text: str, user: str = LEAD) -> dict[str, Any]:
    slack.command(text, user=user, response="preview")
    return fake.wait_for("response:preview")[0]["params"]


def confirm_value(params: dict[str, Any]) -> str:
    send = params["blocks"][-1]["elements"][0]
    assert send["action_id"] == "wave_confirm"
    return str(send["value"])


def test_remind_is_refused_for_a_user_without_the_team_lead_role(
    slack: SlackUser, fake_slack: FakeSlack, store: Store
) -> None:
    params = preview(slack, fake_slack, "remind CMRT 2026 overdue", user=STAFF)

    assert params == {
        "text": "Sorry, `remind` needs the *team_lead* role, and you don't have it. Ask an admin to add "
        "you to `roles.team_lead_users` (or one of the `roles.team_lead_groups`) in surveybot's config.",
        "response_type": "ephemeral",
        "replace_original": False,
    }
    refusal = store.audit.entries()[-1]
    assert (refusal.action, refusal.actor.id, refusal.subject) == (
        "slack.refused",
        STAFF,
        "campaign:CMRT 2026",
    )
    assert dict(refusal.details) == {"command": "remind", "needs": "team_lead"}
    assert store.waves.for_campaign(1) == ()


def test_remind_preview_shows_how_many_which_suppliers_and_the_mail_behind_a_confirm_dialog(
    slack: SlackUser, fake_slack: FakeSlack, store: Store
) -> None:
    params = preview(slack, fake_slack, "remind", user=GROUP_LEAD)  # team lead through the user group

    assert fake_slack.methods() == ["auth.test", "usergroups.users.list", "response:preview"]
    assert fake_slack.calls_to("usergroups.users.list")[0]["params"] == {"usergroup": "S0LEADS"}
    blocks = params["blocks"]
    assert blocks[:4] == [
        {"type": "header", "text": {**BUTTON, "text": "Reminder wave preview: CMRT 2026 (missing)"}},
        {"type": "section", "text": md("*2 suppliers* would get a reminder mail:")},
        {
            "type": "section",
            "text": md(
                "• `CUPR-003` Cupric Ltd · invited · never reminded\n"
                "• `DYNA-004` Dynamo Parts · reminded ×1, last 2026-05-20"
            ),
        },
        {"type": "context", "elements": [md("Skipped (1): ECHO-005 (no contact email)")]},
    ]
    mail = blocks[4]["text"]["text"]
    assert mail.startswith(
        "*Mail to Cupric Ltd* (each supplier gets their own)\n"
        "*Subject:* [RMI CMRT 2026] Reminder: CMRT for Cupric Ltd, due 30 June 2026\n```Dear Carl,"
    )
    send, cancel = blocks[5]["elements"]
    assert send["text"]["text"] == "Send 2 reminders"
    assert send["confirm"] == {
        "title": {**BUTTON, "text": "Send 2 reminder mails?"},
        "text": md(
            "Each of the 2 suppliers in the preview gets one reminder for CMRT 2026. This cannot be undone."
        ),
        "confirm": {**BUTTON, "text": "Send reminders"},
        "deny": {**BUTTON, "text": "Cancel"},
        "style": "danger",
    }
    value = json.loads(send["value"])
    assert (value["c"], value["s"]) == (1, "missing") and re.fullmatch(r"[0-9a-f]{32}", value["t"])
    assert cancel["action_id"] == "wave_cancel"
    assert (
        store.waves.for_campaign(1) == () and len(store.outbox.due(100)) == 1
    )  # nothing queued by a preview


def test_confirmed_wave_queues_one_mail_per_supplier_with_progress_and_a_summary_in_the_thread(
    slack: SlackUser, fake_slack: FakeSlack, store: Store, seeded: Seeded
) -> None:
    value = confirm_value(preview(slack, fake_slack, "remind CMRT 2026 missing"))
    before = len(fake_slack.calls)

    assert slack.click("wave_confirm", value, user=LEAD).status == 200

    fake_slack.wait_for("chat.postMessage", count=1)
    summary = fake_slack.wait_for("chat.postMessage", count=2)[1]["params"]
    calls = fake_slack.calls[before:]
    assert [c["method"] for c in calls] == [
        "response:a1",
        "chat.postMessage",
        "chat.update",
        "chat.update",
        "chat.postMessage",
    ]
    confirmed, started, half, done = (c["params"] for c in calls[:4])
    assert (confirmed["replace_original"], confirmed["text"]) == (
        True,
        "<@U0LEAD> confirmed: reminding 2 suppliers of CMRT 2026.",
    )
    assert (started["channel"], started.get("thread_ts")) == ("C0MINERALS", None)
    progress = "Reminder wave #1 for CMRT 2026 (missing), started by <@U0LEAD>: queued {} of 2 mails"
    assert [p["text"] for p in (started, half, done)] == [progress.format(n) for n in (0, 1, 2)]
    assert half["ts"] == done["ts"] == "1700000000.000001"  # the started message is edited in place
    assert summary["thread_ts"] == "1700000000.000001"
    assert summary["blocks"] == [
        {
            "type": "section",
            "text": md(
                "Reminder wave #1 for CMRT 2026 is queued: 2 mails queued, 1 skipped. "
                "The mail sender delivers them at the SMTP server's pace; "
                "*Stop wave* withdraws those not yet sent."
            ),
        },
        {"type": "context", "elements": [md("Skipped: ECHO-005 (no contact email)")]},
    ]
    (wave,) = store.waves.for_campaign(seeded.campaign_id)
    items = store.outbox.for_wave(wave.id)
    assert [(i.draft.dedupe_key, i.draft.to) for i in items] == [
        ("wave:1:supplier:3", ("carl@cupric.example",)),
        ("wave:1:supplier:4", ("dina@dynamo.example",)),
    ]
    assert items[0].draft.subject == "[RMI CMRT 2026] Reminder: CMRT for Cupric Ltd, due 30 June 2026"
    assert items[0].draft.headers == {"X-Surveybot-Campaign": "[RMI CMRT 2026]"}
    assert items[1].draft.text.startswith("Dear Dynamo Parts team,\n\nThis is a reminder about our CMRT 2026")
    states = {a.supplier_id: (a.state, a.reminder_count) for a in store.assignments.for_campaign(1)}
    assert states[3] == (AssignmentState.REMINDED, 1) and states[4] == (AssignmentState.REMINDED, 2)
    assert [e.action for e in store.audit.entries(subject="wave:1")] == ["wave.create", "slack.remind"]


def test_confirming_the_same_preview_twice_sends_one_wave(
    slack: SlackUser, fake_slack: FakeSlack, store: Store
) -> None:
    value = confirm_value(preview(slack, fake_slack, "remind"))

    slack.click("wave_confirm", value, user=LEAD, response="first")
    fake_slack.wait_for("chat.postMessage", count=2)
    slack.click("wave_confirm", value, user=LEAD, response="second")

    assert fake_slack.wait_for("response:second")[0]["params"]["text"] == (
        "This reminder wave was already started from this preview."
    )
    assert len(store.waves.for_campaign(1)) == 1
    assert len(store.outbox.due(100)) == 3  # the correction plus two reminders


def test_a_non_lead_pressing_the_confirm_button_is_refused(
    slack: SlackUser, fake_slack: FakeSlack, store: Store
) -> None:
    value = confirm_value(preview(slack, fake_slack, "remind"))

    slack.click("wave_confirm", value, user=ANYONE)

    assert fake_slack.wait_for("response:a1")[0]["params"]["text"].startswith(
        "Sorry, `remind` needs the *team_lead*"
    )
    assert store.waves.for_campaign(1) == ()
    assert fake_slack.calls_to("chat.postMessage") == []


def test_overdue_reminders_wait_for_the_due_date_then_include_rejected_suppliers(
    slack: SlackUser, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    early = preview(slack, fake_slack, "remind overdue")
    assert early["text"] == "No supplier in CMRT 2026 matches `overdue` today; nothing to send."

    clock.set(clock.now().replace(month=7, day=1))
    slack.command("remind overdue", user=LEAD, response="late")
    late = fake_slack.wait_for("response:late")[0]["params"]
    assert late["blocks"][1]["text"]["text"] == "*3 suppliers* would get a reminder mail:"
    assert [line.split(" ")[1] for line in late["blocks"][2]["text"]["text"].split("\n")] == [
        "`ACME-001`",
        "`CUPR-003`",
        "`DYNA-004`",
    ]


def test_a_wave_started_from_a_mention_reports_in_the_mention_thread(
    slack: SlackUser, fake_slack: FakeSlack
) -> None:
    thread = "1700000055.000900"
    slack.dispatch(mention_body("<@U0BOT> remind rejected", user=LEAD, event_id="EvW", ts=thread))
    preview_post = fake_slack.wait_for("chat.postMessage")[0]["params"]
    assert (preview_post["thread_ts"], preview_post["blocks"][1]["text"]["text"]) == (
        thread,
        "*1 supplier* would get a reminder mail:",
    )

    value = preview_post["blocks"][-1]["elements"][0]["value"]
    slack.click("wave_confirm", value, user=LEAD, ephemeral=False, thread_ts=thread)

    posts = fake_slack.wait_for("chat.postMessage", count=3)
    started, summary = posts[1]["params"], posts[2]["params"]
    assert started["thread_ts"] == summary["thread_ts"] == thread
    assert summary["text"].startswith("Reminder wave #1 for CMRT 2026 is queued: 1 mail queued.")


def test_cancel_replaces_the_preview_and_sends_nothing(
    slack: SlackUser, fake_slack: FakeSlack, store: Store
) -> None:
    params = preview(slack, fake_slack, "remind")
    cancel = params["blocks"][-1]["elements"][1]["value"]

    slack.click("wave_cancel", cancel, user=LEAD)

    assert fake_slack.wait_for("response:a1")[0]["params"]["text"] == (
        "Reminder wave cancelled by <@U0LEAD>; nothing was sent."
    )
    assert store.waves.for_campaign(1) == ()
