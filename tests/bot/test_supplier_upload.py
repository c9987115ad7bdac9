"""A team lead uploads a supplier list to the bot: form, files.info, download, dry run, confirm.

Signed requests go into the real Bolt app; the file lives on the loopback fake Slack, which serves
it only to the bot token (and its HTML sign-in page to anyone else), as Slack does.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from slack_sdk import WebClient

from bot.files import download_shared_file
from bot.mrkdwn import escape
from bot.render.imports import CANCEL_ACTION, CONFIRM_ACTION, FILE_BLOCK, FILE_INPUT, UPLOAD_MODAL
from storage import Store
from surveybot.errors import UserFacingError
from tests.bot import slack_requests as req
from tests.bot.conftest import LEAD, STAFF, SlackUser, buttons
from tests.bot.fake_slack import BOT_TOKEN, FakeSlack

NEW_LIST = (
    b"Supplier Code,Name,Contact Email,Country\n"
    b"ACME-001,Acme Metals,anna@acme.example,CN\n"
    b"GAMMA-7,Gamma Mining,info@gamma.example,PE\n"
    b"HOLM-8,Holm Alloys,qa@holm.example,SE\n"
)
BAD_LIST = (
    b"Supplier Code,Name,Contact Email\n"
    b"<!channel>,Ping Everyone,nobody-at-all\n"
    b"GAMMA-7,Gamma Mining,info@gamma.example\n"
)


def _submit_form(slack: SlackUser, file_id: str, user: str = LEAD) -> Any:
    views = slack.fake.wait_for("views.open")
    view = views[-1]["params"]["view"]
    values = {FILE_BLOCK: {FILE_INPUT: {"type": "file_input", "files": [{"id": file_id}]}}}
    metadata = view["private_metadata"]
    body = req.view_body(UPLOAD_MODAL, values, metadata, user=user, trigger_id=slack.trigger())
    return slack.dispatch(body)


def _preview(slack: SlackUser, name: str, data: bytes, executor: ThreadPoolExecutor) -> dict[str, Any]:
    assert slack.command("suppliers import", user=LEAD).status == 200
    file_id = slack.fake.share_file(name, data)
    response = _submit_form(slack, file_id)
    assert (response.status, response.body) == (200, "")  # the form closes
    params: dict[str, Any] = slack.fake.wait_for("chat.postEphemeral")[-1]["params"]
    return params


def test_the_command_opens_a_form_with_one_file_input_for_team_leads(
    slack: SlackUser, fake_slack: FakeSlack
) -> None:
    assert slack.command("suppliers import", user=LEAD).status == 200
    view = fake_slack.wait_for("views.open")[0]["params"]["view"]
    assert view["callback_id"] == UPLOAD_MODAL
    element = view["blocks"][1]["element"]
    assert (element["type"], element["max_files"], element["filetypes"]) == (
        "file_input",
        1,
        ["csv", "xlsx", "tsv", "txt"],
    )
    assert json.loads(view["private_metadata"]) == {"ch": req.CHANNEL}


def test_a_lead_sees_the_dry_run_and_the_list_is_imported_only_on_confirm(
    slack: SlackUser, fake_slack: FakeSlack, store: Store, executor: ThreadPoolExecutor
) -> None:
    preview = _preview(slack, "Q3 suppliers.csv", NEW_LIST, executor)
    assert (preview["channel"], preview["user"]) == (req.CHANNEL, LEAD)
    assert preview["text"] == "Q3 suppliers.csv: 2 added, 1 updated, 0 unchanged - confirm to import"
    assert "row 3 `GAMMA-7` added" in json.dumps(preview["blocks"])
    info = fake_slack.calls_to("files.info")[0]["params"]
    download = next(c for c in fake_slack.calls if c["method"].startswith("download:"))
    assert download["method"] == f"download:{info['file']}"
    assert download["headers"]["Authorization"] == f"Bearer {BOT_TOKEN}"
    assert store.suppliers.by_code("GAMMA-7") is None  # nothing written by the preview

    confirm = buttons(preview)[CONFIRM_ACTION]
    assert confirm["confirm"]["title"]["text"] == "Import suppliers?"
    assert slack.click(CONFIRM_ACTION, confirm["value"], user=LEAD, response="done").status == 200
    answer = fake_slack.wait_for("response:done")[0]["params"]
    assert answer["replace_original"] is True
    assert answer["text"] == f"<@{LEAD}> imported Q3 suppliers.csv: 2 added, 1 updated, 0 unchanged."
    gamma = store.suppliers.by_code("GAMMA-7")
    assert gamma is not None and gamma.emails == ("info@gamma.example",)
    audit = [e for e in store.audit.entries() if e.action == "slack.suppliers_import"]
    assert [(e.actor.id, e.details["added"], e.details["file"]) for e in audit] == [
        (LEAD, 2, "Q3 suppliers.csv")
    ]

    slack.click(CONFIRM_ACTION, confirm["value"], user=LEAD, response="again")
    again = fake_slack.wait_for("response:again")[0]["params"]
    assert again["text"] == "This supplier list was already imported from this preview."
    assert len([e for e in store.audit.entries() if e.action == "slack.suppliers_import"]) == 1


def test_cancel_leaves_the_suppliers_as_they_were(
    slack: SlackUser, fake_slack: FakeSlack, store: Store, executor: ThreadPoolExecutor
) -> None:
    preview = _preview(slack, "list.csv", NEW_LIST, executor)
    slack.click(CANCEL_ACTION, buttons(preview)[CANCEL_ACTION]["value"], user=LEAD, response="cancel")
    answer = fake_slack.wait_for("response:cancel")[0]["params"]
    assert answer["text"] == f"<@{LEAD}> cancelled the supplier import; nothing was written."
    assert store.suppliers.by_code("GAMMA-7") is None


def test_a_list_with_refused_rows_is_reported_escaped_and_offers_no_import(
    slack: SlackUser, store: Store, executor: ThreadPoolExecutor
) -> None:
    preview = _preview(slack, "bad.csv", BAD_LIST, executor)
    assert preview["text"] == "bad.csv: 1 row(s) refused"
    shown = json.dumps(preview["blocks"])
    assert "&lt;!channel&gt;" in shown and "<!channel>" not in shown
    assert "bad email" in shown
    assert CONFIRM_ACTION not in buttons(preview)
    assert store.suppliers.by_code("GAMMA-7") is None


def test_staff_who_are_not_leads_are_refused_the_form_the_submission_and_the_button(
    slack: SlackUser, fake_slack: FakeSlack, store: Store, executor: ThreadPoolExecutor
) -> None:
    slack.command("suppliers import", user=STAFF, response="staff")
    refusal = fake_slack.wait_for("response:staff")[0]["params"]["text"]
    assert refusal.startswith("Sorry, `suppliers_import` needs the *team_lead* role")
    assert fake_slack.calls_to("views.open") == []

    preview = _preview(slack, "list.csv", NEW_LIST, executor)  # a lead's preview, seen by staff
    form = _submit_form(slack, fake_slack.share_file("x.csv", NEW_LIST), user=STAFF)
    assert json.loads(form.body)["response_action"] == "errors"
    slack.click(CONFIRM_ACTION, buttons(preview)[CONFIRM_ACTION]["value"], user=STAFF, response="press")
    pressed = fake_slack.wait_for("response:press")[0]["params"]["text"]
    assert pressed.startswith("Sorry, `suppliers_import` needs the *team_lead* role")
    assert store.suppliers.by_code("GAMMA-7") is None
    refused = [e for e in store.audit.entries() if e.action == "slack.refused" and e.actor.id == STAFF]
    assert len(refused) == 3


def test_a_mention_with_the_list_attached_gets_the_preview_privately_in_its_thread(
    slack: SlackUser, fake_slack: FakeSlack, store: Store
) -> None:
    file_id = fake_slack.share_file("from-thread.csv", NEW_LIST)
    body = req.mention_body(
        "<@U0BOT> suppliers import",
        user=LEAD,
        event_id="EvUp1",
        ts="1700000200.000100",
        thread_ts="1700000000.5",
        files=[{"id": file_id, "name": "from-thread.csv"}],
    )
    assert slack.dispatch(body).status == 200
    preview = fake_slack.wait_for("chat.postEphemeral")[0]["params"]
    assert (preview["user"], preview["thread_ts"]) == (LEAD, "1700000000.5")
    assert preview["text"].startswith("from-thread.csv: 2 added")


def test_a_file_slack_will_not_hand_over_is_refused_not_read_as_a_list(fake_slack: FakeSlack) -> None:
    client = WebClient(token=BOT_TOKEN, base_url=fake_slack.base_url)
    file_id = fake_slack.share_file("list.csv", NEW_LIST)
    with pytest.raises(UserFacingError, match="files:read"):
        download_shared_file(client, file_id, "xoxb-not-the-bot", 1 << 20)
    with pytest.raises(UserFacingError, match="larger than 0 MB"):
        download_shared_file(client, file_id, BOT_TOKEN, 10)
    assert download_shared_file(client, file_id, BOT_TOKEN, 1 << 20).data == NEW_LIST


def test_a_mention_without_a_file_is_told_to_attach_one(slack: SlackUser, fake_slack: FakeSlack) -> None:
    body = req.mention_body("<@U0BOT> suppliers import", user=LEAD, event_id="EvUp2", ts="1700000300.000100")
    assert slack.dispatch(body).status == 200
    answer = fake_slack.wait_for("chat.postMessage")[0]["params"]
    assert answer["text"] == "Attach exactly one supplier list (CSV or XLSX) to `suppliers import`."
    assert fake_slack.calls_to("files.info") == []


def test_a_hostile_file_name_is_shown_inert_and_names_no_path(
    slack: SlackUser, fake_slack: FakeSlack, store: Store, executor: ThreadPoolExecutor
) -> None:
    preview = _preview(slack, "../../<!here> *list*.csv", NEW_LIST, executor)
    assert preview["text"].startswith(f"{escape('_here_ _list_.csv')}: 2 added")  # no path, no ping
    assert "!here" not in json.dumps(preview)


def test_the_preview_goes_to_the_leads_dm_when_the_channel_will_not_take_it(
    slack: SlackUser, fake_slack: FakeSlack, executor: ThreadPoolExecutor
) -> None:
    fake_slack.closed_channels.add(req.CHANNEL)  # the bot was never added to this private channel
    slack.command("suppliers import", user=LEAD)
    _submit_form(slack, fake_slack.share_file("list.csv", NEW_LIST))
    dm = fake_slack.wait_for("chat.postMessage")[0]["params"]
    assert (dm["channel"], dm["text"]) == (
        LEAD,
        "list.csv: 2 added, 1 updated, 0 unchanged - confirm to import",
    )
    assert CONFIRM_ACTION in buttons(dm)


@pytest.mark.parametrize("sha256", ["../../../etc/passwd", "0" * 64, ""])
def test_an_edited_import_button_names_no_file_and_imports_nothing(
    slack: SlackUser, fake_slack: FakeSlack, store: Store, sha256: str
) -> None:
    value = {"h": sha256, "n": "x.csv", "t": "token-1"}
    slack.click(CONFIRM_ACTION, value, user=LEAD, response="edited")
    answer = fake_slack.wait_for("response:edited")[0]["params"]["text"]
    assert answer in (
        "That preview's file is no longer here; upload the list again.",
        "That button is out of date; upload the list again.",
    )
    assert [e for e in store.audit.entries() if e.action == "slack.suppliers_import"] == []
