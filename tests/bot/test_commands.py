"""The read-only commands, sent as signed slash commands and mentions through the real Bolt app.

Each test asserts what the user would see: the exact Web API calls the app made (on the loopback
fake) and the exact blocks of the answer.
"""

from __future__ import annotations

import csv
import io

from storage import Contact, ManualClock, Store, SupplierDraft
from tests.bot.conftest import ANYONE, LEAD, STAFF, SlackUser
from tests.bot.fake_slack import FakeSlack
from tests.bot.scenario import Seeded

BUTTON = {"type": "plain_text", "emoji": True}


def md(text: str) -> dict[str, str]:
    return {"type": "mrkdwn", "text": text}


def answer(fake: FakeSlack, name: str = "r1") -> dict[str, object]:
    return fake.wait_for(f"response:{name}")[0]["params"]


def test_status_answers_privately_with_counts_rates_overdue_and_due_date(
    slack: SlackUser, fake_slack: FakeSlack
) -> None:
    response = slack.command("status")

    assert (response.status, response.body) == (200, "")
    params = answer(fake_slack)
    assert fake_slack.methods() == ["auth.test", "usergroups.users.list", "response:r1"]
    assert params["response_type"] == "ephemeral"
    assert params["text"] == "CMRT 2026: 1 of 5 accepted"
    assert params["blocks"] == [
        {"type": "header", "text": {**BUTTON, "text": "CMRT 2026 (CMRT ≥ 6.31) - active"}},
        {
            "type": "section",
            "text": md(
                "*Due* 2026-06-30 (in 20 days)\n*Suppliers* 6 (5 in scope)\n"
                "*Response rate* 40.0% (2 answered)\n*Acceptance rate* 20.0% (1 accepted)\n*Overdue* 0"
            ),
            "accessory": {
                "type": "button",
                "text": {**BUTTON, "text": "Show missing"},
                "action_id": "show_missing",
                "value": '{"c":1}',
            },
        },
        {
            "type": "context",
            "elements": [
                md("invited 2 · reminded 1 · rejected 1 · accepted 1 · opted out 1")  # no "received 0"
            ],
        },
    ]


def test_status_counts_overdue_suppliers_once_the_due_date_has_passed(
    slack: SlackUser, fake_slack: FakeSlack, clock: ManualClock
) -> None:
    clock.set(clock.now().replace(month=7, day=3))

    slack.command("status cmrt")

    summary = answer(fake_slack)["blocks"][1]["text"]["text"]  # type: ignore[index]
    assert "*Due* 2026-06-30 (3 days overdue)" in summary
    assert summary.endswith("*Overdue* 4")


def test_status_of_an_unknown_campaign_names_the_known_ones(slack: SlackUser, fake_slack: FakeSlack) -> None:
    slack.command("status EMRT 2031")

    assert answer(fake_slack) == {
        "text": "I know no campaign called `EMRT 2031`. Campaigns: CMRT 2026 (#1).",
        "response_type": "ephemeral",
        "replace_original": False,
    }


def test_missing_lists_who_owes_a_file_with_owner_and_last_contact(
    slack: SlackUser, fake_slack: FakeSlack
) -> None:
    slack.command("missing CMRT 2026")

    assert answer(fake_slack)["blocks"] == [
        {"type": "header", "text": {**BUTTON, "text": "CMRT 2026: 4 suppliers still owe a valid file"}},
        {
            "type": "section",
            "text": md(
                "`DYNA-004` Dynamo Parts · reminded ×1 · owner nobody · last contact 2026-05-20\n"
                "`ECHO-005` Echo Alloys · invited · owner nobody · last contact never\n"
                "`ACME-001` Acme Metals · rejected · reminded ×1 · owner <@U0OWNER1> · "
                "last contact 2026-05-20\n"
                "`CUPR-003` Cupric Ltd · invited · owner <@U0OWNER1> · last contact never"
            ),
        },
        {"type": "context", "elements": [md("Page 1 of 1 · sorted by owner, then code")]},
    ]


def _add_missing_suppliers(store: Store, seeded: Seeded, count: int) -> None:
    ids = [
        store.suppliers.add(
            SupplierDraft(f"ZZ-{n:03d}", f"Late Supplier {n}", (Contact(f"s{n}@late.example"),))
        ).id
        for n in range(count)
    ]
    store.assignments.invite(seeded.campaign_id, ids)


def test_a_long_missing_list_pages_with_buttons_and_downloads_as_csv(
    slack: SlackUser, fake_slack: FakeSlack, store: Store, seeded: Seeded
) -> None:
    _add_missing_suppliers(store, seeded, 40)  # 44 missing: three pages of 20

    slack.command("missing")
    first = answer(fake_slack)
    assert first["blocks"][-2] == {
        "type": "context",
        "elements": [md("Page 1 of 3 · sorted by owner, then code")],
    }  # type: ignore[index]
    next_button, csv_button = first["blocks"][-1]["elements"]  # type: ignore[index]
    assert (next_button["text"]["text"], next_button["value"]) == ("Next page ▶", '{"c":1,"p":2}')

    slack.click("missing_page", next_button["value"], response="page2")
    page2 = answer(fake_slack, "page2")
    assert page2["replace_original"] is True
    assert page2["blocks"][-2]["elements"][0]["text"] == "Page 2 of 3 · sorted by owner, then code"  # type: ignore[index]
    assert [b["text"]["text"] for b in page2["blocks"][-1]["elements"]] == [  # type: ignore[index]
        "◀ Previous page",
        "Next page ▶",
        "Download CSV",
    ]

    before = len(fake_slack.calls)
    slack.click("missing_csv", csv_button["value"], user=STAFF, response="csv")
    fake_slack.wait_for("response:csv")
    calls = fake_slack.calls[before:]
    assert [c["method"] for c in calls] == [
        "conversations.open",
        "files.getUploadURLExternal",
        "files.completeUploadExternal",
        "response:csv",
    ]
    assert calls[0]["params"] == {"users": STAFF, "team_id": "T111"}
    complete = calls[2]["params"]
    assert complete["channel_id"] == "D0STAFF"  # the asker's DM: the CSV holds supplier addresses
    assert complete["initial_comment"] == (
        "The missing list of CMRT 2026, as you asked (it holds supplier addresses)."
    )
    assert calls[3]["params"] == {
        "text": "I sent you the CSV in a direct message.",
        "response_type": "ephemeral",
        "replace_original": False,
    }
    (uploaded,) = fake_slack.uploads.values()
    rows = list(csv.reader(io.StringIO(uploaded.decode())))
    assert rows[0] == ["code", "name", "state", "reminders", "owner", "last_contact", "overdue", "emails"]
    assert len(rows) == 1 + 44
    assert rows[1] == [
        "DYNA-004",
        "Dynamo Parts",
        "reminded",
        "1",
        "",
        "2026-05-20T09:00:00+00:00",
        "no",
        "dina@dynamo.example",
    ]


def test_supplier_card_shows_history_latest_verdict_top_findings_and_buttons(
    slack: SlackUser, fake_slack: FakeSlack, seeded: Seeded
) -> None:
    slack.command("supplier acme-001")

    blocks = answer(fake_slack)["blocks"]
    assert blocks[:4] == [  # type: ignore[index]
        {"type": "header", "text": {**BUTTON, "text": "ACME-001 - Acme Metals"}},
        {"type": "section", "text": md("*Contacts* anna@acme.example\n*Owner* <@U0OWNER1> · *Language* en")},
        {
            "type": "section",
            "text": md("*Campaigns*\n• CMRT 2026: *rejected*, reminded ×1, last contact 2026-05-20"),
        },
        {
            "type": "section",
            "text": md("*Files received*\n• 2026-06-01 `acme CMRT.xlsx` CMRT 6.31 - rejected (3 errors)"),
        },
    ]
    assert blocks[4]["text"]["text"] == (  # type: ignore[index]
        "*Latest verdict: rejected* for `acme CMRT.xlsx`\n"
        ":x: `Declaration!D8` Company name is empty. Enter it in Declaration!D8.\n"
        ":x: `Declaration!D15` Contact email in Declaration!D15 is not an email address (no '@'): 'anna'. "
        "Enter a full address such as name@company.com.\n"
        ":x: `Declaration!D22` No mineral or metal is selected. Select at least one in Declaration!D22 "
        "and the cells next to it.\n"
        "…and 1 more"
    )
    view, resend = blocks[5]["elements"]  # type: ignore[index]
    assert (view["action_id"], view["value"]) == (
        "view_findings",
        f'{{"sub":{seeded.acme_submission_id}}}',
    )
    assert (resend["action_id"], resend["value"]) == ("resend_correction", '{"sup":1}')
    assert (
        resend["confirm"]["text"]["text"]
        == "Send the correction mail of 2026-06-01 to anna@acme.example again?"
    )


def test_view_findings_button_lists_every_finding_of_the_file(
    slack: SlackUser, fake_slack: FakeSlack, seeded: Seeded
) -> None:
    slack.click("view_findings", {"sub": seeded.acme_submission_id})

    params = answer(fake_slack, "a1")
    assert params["replace_original"] is False
    assert params["blocks"][0]["text"]["text"] == "Findings in acme CMRT.xlsx (ACME-001 - Acme Metals)"  # type: ignore[index]
    lines = params["blocks"][1]["text"]["text"].split("\n")  # type: ignore[index]
    assert [line.split(" ", 2)[:2] for line in lines] == [
        [":x:", "`Declaration!D8`"],
        [":x:", "`Declaration!D15`"],
        [":x:", "`Declaration!D22`"],
        [":warning:", "`Declaration!D12`"],
    ]


def test_a_query_matching_several_suppliers_offers_a_pick_list(
    slack: SlackUser, fake_slack: FakeSlack
) -> None:
    slack.command("supplier alloys example")  # no match: a fragment must match code or name
    assert answer(fake_slack)["text"] == (
        "No supplier matches `alloys example` (I looked at codes, names and emails)."
    )

    slack.command("supplier a", response="r2")
    blocks = answer(fake_slack, "r2")["blocks"]
    assert blocks[0] == {"type": "section", "text": md("3 suppliers match `a`:")}  # type: ignore[index]
    assert [(b["text"]["text"], b["accessory"]["value"]) for b in blocks[1:]] == [  # type: ignore[index]
        ("`ACME-001` Acme Metals · anna@acme.example", '{"sup":1}'),
        ("`DYNA-004` Dynamo Parts · dina@dynamo.example", '{"sup":4}'),
        ("`ECHO-005` Echo Alloys", '{"sup":5}'),
    ]

    slack.click("supplier_pick", {"sup": 4})
    picked = answer(fake_slack, "a1")
    assert picked["replace_original"] is True
    assert picked["blocks"][0]["text"]["text"] == "DYNA-004 - Dynamo Parts"  # type: ignore[index]


def test_supplier_by_email_finds_its_card(slack: SlackUser, fake_slack: FakeSlack) -> None:
    slack.command("supplier BOB@bolt.example")

    blocks = answer(fake_slack)["blocks"]
    assert blocks[0]["text"]["text"] == "BOLT-002 - Bolt Components"  # type: ignore[index]
    assert blocks[-1] == {"type": "section", "text": md("*Latest verdict: accepted* for `bolt-cmrt.xlsx`")}  # type: ignore[index]


def test_resend_puts_the_last_correction_back_in_the_outbox_once_per_click(
    slack: SlackUser, fake_slack: FakeSlack, store: Store, seeded: Seeded
) -> None:
    slack.click("resend_correction", {"sup": seeded.ids["ACME-001"]}, user=STAFF)

    assert (
        answer(fake_slack, "a1")["text"]
        == "Queued the correction mail for Acme Metals again, to anna@acme.example."
    )
    resent = [
        m
        for m in store.outbox.for_supplier(seeded.ids["ACME-001"])
        if m.draft.dedupe_key.startswith("resend:")
    ]
    assert len(resent) == 1
    assert (resent[0].draft.subject, resent[0].draft.text) == (
        "Re: [RMI] CMRT 2026",
        "Please correct D8, D15 and D22.",
    )
    entry = store.audit.entries(subject="supplier:ACME-001")[-1]
    assert (entry.action, entry.actor.id, dict(entry.details)) == (
        "slack.resend",
        STAFF,
        {"outbox_id": resent[0].id},
    )


def test_resend_is_refused_without_the_staff_role(
    slack: SlackUser, fake_slack: FakeSlack, store: Store
) -> None:
    before = len(store.outbox.for_supplier(1))

    slack.click("resend_correction", {"sup": 1}, user=ANYONE)

    assert answer(fake_slack, "a1")["text"].startswith("Sorry, `resend` needs the *staff* role")  # type: ignore[union-attr]
    assert len(store.outbox.for_supplier(1)) == before


def test_help_lists_every_command_with_an_example(slack: SlackUser, fake_slack: FakeSlack) -> None:
    slack.command("help")

    params = answer(fake_slack)
    text = params["blocks"][1]["text"]["text"]  # type: ignore[index]
    for usage, example in (
        ("status [campaign]", "status CMRT 2026"),
        ("missing [campaign]", "missing CMRT 2026"),
        ("supplier &lt;code|name|email&gt;", "supplier ACME-001"),  # not a link to "name|email"
        ("remind [campaign] [overdue|missing|rejected]", "remind CMRT 2026 overdue"),
        ("help", "help"),
    ):
        assert f"*`/minerals {usage}`*" in text
        assert f"Example: `/minerals {example}`" in text


def test_unknown_or_empty_input_is_answered_with_help_never_silence(
    slack: SlackUser, fake_slack: FakeSlack
) -> None:
    slack.command("frobnicate the widgets")
    slack.command("", response="r2")
    slack.command("supplier", response="r3")

    unknown, empty, incomplete = answer(fake_slack), answer(fake_slack, "r2"), answer(fake_slack, "r3")
    assert unknown["blocks"][0] == {  # type: ignore[index]
        "type": "section",
        "text": md(":thinking_face: I don't know the command `frobnicate`. Here is what I can do:"),
    }
    assert empty["blocks"][0]["text"]["text"] == "surveybot commands"  # type: ignore[index]
    assert incomplete["blocks"][0]["text"]["text"].startswith(":thinking_face: `supplier` needs a code")  # type: ignore[index]


def test_a_mention_in_a_thread_is_answered_in_that_thread(slack: SlackUser, fake_slack: FakeSlack) -> None:
    from tests.bot.slack_requests import mention_body

    body = mention_body(
        "<@U0BOT> status", user=LEAD, event_id="Ev1", ts="1700000100.000200", thread_ts="1700000000.5"
    )
    assert slack.dispatch(body).status == 200

    post = fake_slack.wait_for("chat.postMessage")[0]["params"]
    assert (post["channel"], post["thread_ts"], post["text"]) == (
        "C0MINERALS",
        "1700000000.5",
        "CMRT 2026: 1 of 5 accepted",
    )
    assert post["blocks"][0]["text"]["text"] == "CMRT 2026 (CMRT ≥ 6.31) - active"
