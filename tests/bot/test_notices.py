"""Live notices in the channel (files judged, triage items, delivery problems) and the daily digest,
posted through the real Web API client to the fake, and the triage buttons that act on them."""

from __future__ import annotations

import datetime as dt
import json

from slack_bolt import App

from bot.app import notifier
from handlers.notices import (
    DeliveryProblems,
    FileJudged,
    FindingSummary,
    TriageItem,
    TriageKind,
    WaveProgress,
)
from storage import Contact, ManualClock, Store, SupplierDraft
from tests.bot import slack_requests as req
from tests.bot.conftest import ANYONE, STAFF, SlackUser, make_settings
from tests.bot.fake_slack import FakeSlack
from tests.bot.scenario import Seeded

FINDINGS = tuple(
    FindingSummary(f"CMRT-{n}", "error", "Declaration", f"D{n}", f"Problem number {n}.") for n in range(1, 6)
)


def md(text: str) -> dict[str, str]:
    return {"type": "mrkdwn", "text": text}


def test_a_rejected_file_is_one_compact_message_with_top_findings_and_a_button_for_the_rest(
    app: App, fake_slack: FakeSlack, seeded: Seeded
) -> None:
    notice = FileJudged(
        "1",
        "Acme <Metals>",
        "1",
        str(seeded.acme_submission_id),
        "acme.xlsx",
        "CMRT",
        "6.31",
        accepted=False,
        findings=FINDINGS,
    )

    notifier(make_settings(fake_slack), app).post(notice)

    (call,) = fake_slack.calls_to("chat.postMessage")
    params = call["params"]
    assert (params["channel"], params["text"]) == (
        "C0MINERALS",
        "Acme &lt;Metals&gt; sent acme.xlsx: rejected",
    )
    assert params["blocks"][0] == {
        "type": "section",
        "text": md(
            "*Acme &lt;Metals&gt;* sent `acme.xlsx` (CMRT 6.31): :x: rejected (5 errors)\n"
            ":x: `Declaration!D1` Problem number 1.\n"
            ":x: `Declaration!D2` Problem number 2.\n"
            ":x: `Declaration!D3` Problem number 3."
        ),
    }
    show_all, supplier = params["blocks"][1]["elements"]
    assert (show_all["text"]["text"], show_all["action_id"], show_all["value"]) == (
        "Show all 5 findings",
        "view_findings",
        json.dumps({"sub": seeded.acme_submission_id}, separators=(",", ":")),
    )
    assert (supplier["action_id"], supplier["value"]) == ("supplier_pick", '{"sup":1}')


def test_an_accepted_file_is_announced_without_finding_buttons(app: App, fake_slack: FakeSlack) -> None:
    notice = FileJudged("2", "Bolt Components", "1", "1", "bolt.xlsx", "CMRT", "6.31", accepted=True)

    notifier(make_settings(fake_slack), app).post(notice)

    blocks = fake_slack.calls_to("chat.postMessage")[0]["params"]["blocks"]
    assert blocks[0] == {
        "type": "section",
        "text": md("*Bolt Components* sent `bolt.xlsx` (CMRT 6.31): :white_check_mark: accepted"),
    }
    assert [b["action_id"] for b in blocks[1]["elements"]] == ["supplier_pick"]


def test_an_unknown_sender_can_be_linked_to_a_supplier_from_the_notice(
    app: App, slack: SlackUser, fake_slack: FakeSlack, store: Store
) -> None:
    item = TriageItem(
        TriageKind.UNKNOWN_SENDER,
        "A CMRT arrived from an address no supplier uses.",
        sender="zoe@newco.example",
        subject="Our CMRT <!channel>",
        message_key="<m1@newco.example>",
    )
    notifier(make_settings(fake_slack), app).post(item)
    posted = fake_slack.calls_to("chat.postMessage")[0]["params"]
    assert posted["blocks"][:2] == [
        {
            "type": "section",
            "text": md(
                ":grey_question: Mail from an unknown sender\n"
                "A CMRT arrived from an address no supplier uses."
            ),
        },
        {"type": "section", "text": md("*From* zoe@newco.example\n*Subject* Our CMRT &lt;!channel&gt;")},
    ]
    link, done = posted["blocks"][2]["elements"]
    assert [link["text"]["text"], done["text"]["text"]] == ["Link to supplier…", "Mark handled"]

    slack.click("triage_link", link["value"], user=STAFF, ephemeral=False)
    modal = fake_slack.wait_for("views.open")[0]["params"]
    assert modal["view"]["callback_id"] == "triage_link_modal"
    meta = modal["view"]["private_metadata"]
    assert json.loads(meta) == {
        "s": "zoe@newco.example",
        "m": "<m1@newco.example>",
        "ch": "C0MINERALS",
        "ts": "1700000000.000100",
    }

    values = {"supplier": {"query": {"type": "plain_text_input", "value": "nobody-like-this"}}}
    refused = slack.dispatch(req.view_body("triage_link_modal", values, meta, user=STAFF, trigger_id="V-1"))
    assert json.loads(refused.body) == {
        "response_action": "errors",
        "errors": {"supplier": "No supplier matches `nobody-like-this`."},
    }

    values["supplier"]["query"]["value"] = "CUPR-003"
    accepted = slack.dispatch(req.view_body("triage_link_modal", values, meta, user=STAFF, trigger_id="V-2"))
    assert (accepted.status, accepted.body) == (200, "")
    update = fake_slack.wait_for("chat.update")[0]["params"]
    assert (update["channel"], update["ts"]) == ("C0MINERALS", "1700000000.000100")
    assert update["blocks"][1] == {
        "type": "context",
        "elements": [
            md(":white_check_mark: Linked zoe@newco.example to CUPR-003 - Cupric Ltd (by <@U0STAFF>)")
        ],
    }
    assert store.suppliers.for_sender("zoe@newco.example")[0].code == "CUPR-003"
    assert store.audit.entries(subject="supplier:CUPR-003")[-1].action == "slack.link_sender"


def test_linking_a_sender_needs_the_staff_role(slack: SlackUser, fake_slack: FakeSlack) -> None:
    slack.click(
        "triage_link", {"k": "unknown_sender", "m": "", "s": "x@y.example"}, user=ANYONE, ephemeral=False
    )

    assert fake_slack.wait_for("response:a1")[0]["params"]["text"].startswith("Sorry, `link_sender` needs")
    assert fake_slack.calls_to("views.open") == []


def test_mark_handled_replaces_the_buttons_with_who_handled_it(
    slack: SlackUser, fake_slack: FakeSlack, store: Store
) -> None:
    value = {"k": "quarantined", "m": "<q@x>", "s": "q@x.example"}
    slack.click("triage_done", value, user=STAFF, ephemeral=False, message_text="Triage: mail quarantined")

    replaced = fake_slack.wait_for("response:a1")[0]["params"]
    assert replaced["replace_original"] is True
    assert replaced["blocks"] == [
        {"type": "section", "text": md("Triage: mail quarantined")},
        {"type": "context", "elements": [md(":white_check_mark: Marked handled (by <@U0STAFF>)")]},
    ]
    entry = store.audit.entries(subject="mail:<q@x>")[-1]
    assert (entry.action, entry.actor.id) == ("slack.triage_done", STAFF)


def test_delivery_problems_and_wave_progress_are_short_messages(app: App, fake_slack: FakeSlack) -> None:
    slack_notifier = notifier(make_settings(fake_slack), app)

    slack_notifier.post(DeliveryProblems(failed=3, attempted=50, sample_reasons=("550 mailbox unavailable",)))
    slack_notifier.post(WaveProgress("7", "1", queued=10, sent=38, failed=2, done=False))

    texts = [c["params"]["text"] for c in fake_slack.calls_to("chat.postMessage")]
    assert texts == [
        ":warning: Mail delivery problems: 3 of 50 mails failed.",
        "Reminder wave 7 (in progress): 38 sent, 2 failed, 10 queued",
    ]


def test_the_daily_digest_posts_once_per_active_campaign_per_day(
    app: App, fake_slack: FakeSlack, store: Store, clock: ManualClock, seeded: Seeded
) -> None:
    slack_notifier = notifier(make_settings(fake_slack), app)
    clock.set(dt.datetime(2026, 6, 2, 7, 0, tzinfo=dt.UTC))  # the day after ACME's file was rejected

    assert slack_notifier.post_daily_digest(store) == 1
    assert slack_notifier.post_daily_digest(store) == 0  # the scheduler ran twice: still one digest

    (digest,) = fake_slack.calls_to("chat.postMessage")
    params = digest["params"]
    assert params["text"] == "Daily digest for CMRT 2026: Last 24 hours: 0 accepted · 1 rejected · 0 reminded"
    assert params["blocks"][0]["text"]["text"] == "Daily digest"
    assert params["blocks"][1]["text"]["text"] == "CMRT 2026 (CMRT ≥ 6.31) - active"

    clock.set(dt.datetime(2026, 6, 3, 7, 0, tzinfo=dt.UTC))
    assert slack_notifier.post_daily_digest(store) == 1


def test_the_daily_digest_lists_the_suppliers_who_have_not_agreed_to_the_current_policy(
    app: App, fake_slack: FakeSlack, store: Store, clock: ManualClock, seeded: Seeded
) -> None:
    from dataclasses import replace

    from handlers.agreements import record_by_staff
    from surveybot.settings import InvitationSettings

    settings = replace(make_settings(fake_slack), invitations=InvitationSettings(policy_version="2026-1"))
    for code in ("ACME-001", "CUPR-003", "DYNA-004", "ECHO-005"):
        supplier = store.suppliers.by_code(code)
        assert supplier is not None
        record_by_staff(store, supplier, "2026-1", "U0LEAD", "signed letter")
    store.suppliers.add(SupplierDraft("ZED-9", "<!channel> *Zed*", (Contact("z@zed.example"),)))
    zed = store.suppliers.by_code("ZED-9")
    assert zed is not None
    store.assignments.invite(seeded.campaign_id, [zed.id])
    clock.set(dt.datetime(2026, 6, 2, 7, 0, tzinfo=dt.UTC))

    assert notifier(settings, app).post_daily_digest(store) == 1
    (digest,) = fake_slack.calls_to("chat.postMessage")
    lines = [b["elements"][0]["text"] for b in digest["params"]["blocks"] if b["type"] == "context"]
    owed = next(line for line in lines if line.startswith("Not yet agreed"))
    assert owed.startswith("Not yet agreed to policy 2026-1 (3): BOLT-002 Bolt Components, FERR-006 Ferro")
    assert "&lt;!channel&gt;" in owed and "<!channel>" not in owed  # the supplier's name is inert
