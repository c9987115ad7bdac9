"""A team lead opens a campaign from Slack: form, private preview, confirm dialog, one opening.

Signed requests go into the real Bolt app; the answers land on the loopback fake Slack Web API.
Confirm runs the CLI's ``open_campaign``, so the invitations it queues are the CLI's mails (with the
blank template attached), and a second click or a retried request invites nobody twice.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from bot.render.campaign_setup import CANCEL_ACTION, CONFIRM_ACTION, OPEN_MODAL
from handlers.invitations import INVITE_SELECTION
from storage import CampaignState, Contact, OutboxState, Store, SupplierDraft
from tests.bot import slack_requests as req
from tests.bot.conftest import LEAD, STAFF, SlackUser, buttons
from tests.bot.fake_slack import FakeSlack
from tests.bot.scenario import Seeded

OWNER_FORM = {
    "name": "CMRT 2027",
    "family": "CMRT",
    "due": "2027-06-30",
    "selection": "owner",
    "owner": "U0OWNER1",
    "cadence": "14, 3",
    "escalate_after": "2",
}


def _values(fields: dict[str, str]) -> dict[str, Any]:
    """The view state Slack sends for the form's inputs (each block's one element)."""
    values: dict[str, Any] = {}
    for block, text in fields.items():
        if block in ("family", "selection"):
            state: dict[str, Any] = {"type": "static_select", "selected_option": {"value": text}}
        elif block == "due":
            state = {"type": "datepicker", "selected_date": text}
        elif block == "owner":
            state = {"type": "users_select", "selected_user": text}
        else:
            state = {"type": "plain_text_input", "value": text}
        values[block] = {block: state}
    return values


def _submit(slack: SlackUser, fields: dict[str, str], user: str = LEAD) -> Any:
    view = slack.fake.wait_for("views.open")[-1]["params"]["view"]
    body = req.view_body(
        OPEN_MODAL, _values(fields), view["private_metadata"], user=user, trigger_id=slack.trigger()
    )
    return slack.dispatch(body)


def _preview(slack: SlackUser, fields: dict[str, str], executor: ThreadPoolExecutor) -> dict[str, Any]:
    before = len(slack.fake.calls_to("chat.postEphemeral"))
    assert slack.command("campaign open", user=LEAD).status == 200
    response = _submit(slack, fields)
    assert (response.status, response.body) == (200, "")  # the form closes
    params: dict[str, Any] = slack.fake.wait_for("chat.postEphemeral", before + 1)[-1]["params"]
    return params


def _invitations(store: Store, name: str) -> list[Any]:
    campaign = store.campaigns.by_name(name)
    assert campaign is not None
    return [m for m in store.outbox.in_state(OutboxState.QUEUED) if m.draft.campaign_id == campaign.id]


def test_the_command_opens_the_set_up_form_for_team_leads(slack: SlackUser, fake_slack: FakeSlack) -> None:
    assert slack.command("campaign open", user=LEAD).status == 200
    view = fake_slack.wait_for("views.open")[0]["params"]["view"]
    assert view["callback_id"] == OPEN_MODAL
    blocks = [b["block_id"] for b in view["blocks"]]
    assert blocks == [
        "name", "like", "family", "template_version", "min_version", "due",
        "selection", "tag", "owner", "cadence", "escalate_after",
    ]  # fmt: skip
    assert json.loads(view["private_metadata"]) == {"ch": req.CHANNEL}


def test_a_lead_previews_then_confirms_and_the_owners_suppliers_are_invited_once(
    slack: SlackUser, fake_slack: FakeSlack, store: Store, seeded: Seeded, executor: ThreadPoolExecutor
) -> None:
    preview = _preview(slack, OWNER_FORM, executor)
    assert (preview["channel"], preview["user"]) == (req.CHANNEL, LEAD)
    assert preview["text"] == "CMRT 2027: would invite 2 supplier(s) - confirm to open"
    shown = json.dumps(preview["blocks"])
    assert "`ACME-001` Acme Metals" in shown and "`CUPR-003` Cupric Ltd" in shown
    assert "BOLT-002" not in shown  # another owner's supplier
    assert "Dear Anna Li" in shown and "2027-06-30" in shown  # the invitation as it will go out
    assert store.campaigns.by_name("CMRT 2027") is None  # nothing opened by the preview

    confirm = buttons(preview)[CONFIRM_ACTION]
    assert confirm["confirm"]["title"]["text"] == "Open the campaign?"
    slack.click(CONFIRM_ACTION, confirm["value"], user=LEAD, response="done")
    answer = fake_slack.wait_for("response:done")[0]["params"]
    assert answer["replace_original"] is True
    assert answer["text"] == (
        f"<@{LEAD}> opened CMRT 2027 (CMRT): invited 2 supplier(s); the invitations are being queued "
        "and sent (wave #1, progress in the channel)."
    )
    queued = fake_slack.wait_for("chat.update", count=2)[-1]["params"]  # one chunk of one, then the next
    assert queued["text"] == f"Invitations for CMRT 2027 (wave #1), opened by <@{LEAD}>: queued 2 of 2"
    campaign = store.campaigns.by_name("CMRT 2027")
    assert campaign is not None and campaign.state is CampaignState.ACTIVE
    assert (campaign.selection, campaign.reminder_days_before_due, campaign.escalate_after_reminders) == (
        "owner:U0OWNER1", (14, 3), 2,
    )  # fmt: skip
    mails = _invitations(store, "CMRT 2027")
    assert sorted(m.draft.to for m in mails) == [("anna@acme.example",), ("carl@cupric.example",)]
    assert all(m.draft.attachments and m.draft.attachments[0].filename.endswith(".xlsx") for m in mails)
    (wave,) = store.waves.for_campaign(campaign.id)  # the CLI's invitation wave: one id, one mail each
    assert wave.selection == INVITE_SELECTION and {m.draft.wave_id for m in mails} == {wave.id}

    slack.click(CONFIRM_ACTION, confirm["value"], user=LEAD, response="again")  # a second click or a retry
    again = fake_slack.wait_for("response:again")[0]["params"]
    assert again["text"] == "This campaign was already opened from this preview."
    assert len(_invitations(store, "CMRT 2027")) == 2
    audit = [e for e in store.audit.entries() if e.action == "slack.campaign_open"]
    assert [(e.actor.id, e.details["invited"]) for e in audit] == [(LEAD, 2)]


def test_copying_last_years_campaign_shows_who_is_left_out_and_warns_of_a_past_due_date(
    slack: SlackUser, store: Store, executor: ThreadPoolExecutor
) -> None:
    preview = _preview(slack, {"name": "CMRT 2026 late", "like": "CMRT 2026", "due": "2026-01-31"}, executor)
    shown = json.dumps(preview["blocks"])
    assert "Would invite 5 supplier(s)" in shown
    assert "`ECHO-005` Echo Alloys: no e-mail address" in shown
    assert "The due date 2026-01-31 is in the past" in shown
    assert "CMRT, send revision newest, accept 6.31 or later" in shown  # family and minimum copied


def test_a_selection_nobody_is_in_warns_and_opening_it_invites_nobody(
    slack: SlackUser, fake_slack: FakeSlack, store: Store, executor: ThreadPoolExecutor
) -> None:
    fields = {"name": "Smelters", "family": "EMRT", "due": "2027-03-01", "selection": "tag", "tag": "smelter"}
    preview = _preview(slack, fields, executor)
    assert "No supplier with an e-mail address is in this selection" in json.dumps(preview["blocks"])
    slack.click(CONFIRM_ACTION, buttons(preview)[CONFIRM_ACTION]["value"], user=LEAD, response="empty")
    answer = fake_slack.wait_for("response:empty")[0]["params"]
    assert answer["text"].endswith("invited 0 supplier(s), 0 invitation mail(s) queued.")


def test_fields_that_cannot_be_used_are_shown_under_the_field_and_the_form_stays_open(
    slack: SlackUser, store: Store
) -> None:
    slack.command("campaign open", user=LEAD)
    cases = [
        ({"name": "X", "due": "2027-01-01"}, "family"),
        ({"name": "X", "family": "CMRT", "due": "2027-01-01", "cadence": "soon"}, "cadence"),
        ({"name": "X", "like": "CMRT 1999", "due": "2027-01-01"}, "like"),
        ({"name": "X", "family": "CMRT", "due": "2027-01-01", "selection": "tag"}, "selection"),
        ({"name": "X", "family": "CMRT", "due": "2027-01-01", "template_version": "v7!"}, "template_version"),
    ]
    for fields, field in cases:
        response = _submit(slack, fields)
        answer = json.loads(response.body)
        assert (answer["response_action"], list(answer["errors"])) == ("errors", [field])
    assert store.campaigns.by_name("X") is None


def test_cancel_opens_nothing(
    slack: SlackUser, fake_slack: FakeSlack, store: Store, executor: ThreadPoolExecutor
) -> None:
    preview = _preview(slack, OWNER_FORM, executor)
    slack.click(CANCEL_ACTION, buttons(preview)[CANCEL_ACTION]["value"], user=LEAD, response="cancel")
    answer = fake_slack.wait_for("response:cancel")[0]["params"]
    assert answer["text"] == f"<@{LEAD}> cancelled opening the campaign; nothing was written."
    assert store.campaigns.by_name("CMRT 2027") is None


def test_staff_who_are_not_leads_are_refused_the_form_the_submission_and_the_button(
    slack: SlackUser, fake_slack: FakeSlack, store: Store, executor: ThreadPoolExecutor
) -> None:
    slack.command("campaign open", user=STAFF, response="staff")
    refusal = fake_slack.wait_for("response:staff")[0]["params"]["text"]
    assert refusal.startswith("Sorry, `campaign_open` needs the *team_lead* role")
    assert fake_slack.calls_to("views.open") == []

    preview = _preview(slack, OWNER_FORM, executor)  # a lead's preview, seen by staff
    form = _submit(slack, OWNER_FORM, user=STAFF)
    assert json.loads(form.body)["response_action"] == "errors"
    slack.click(CONFIRM_ACTION, buttons(preview)[CONFIRM_ACTION]["value"], user=STAFF, response="press")
    pressed = fake_slack.wait_for("response:press")[0]["params"]["text"]
    assert pressed.startswith("Sorry, `campaign_open` needs the *team_lead* role")
    assert store.campaigns.by_name("CMRT 2027") is None
    refused = [e for e in store.audit.entries() if e.action == "slack.refused" and e.actor.id == STAFF]
    assert len(refused) == 3


def test_a_hostile_campaign_name_is_shown_inert(slack: SlackUser, executor: ThreadPoolExecutor) -> None:
    fields = dict(OWNER_FORM, name="<!channel> *CMRT* <https://evil.example|x>")
    preview = _preview(slack, fields, executor)
    everything = preview["text"] + json.dumps(preview["blocks"])
    assert "<!channel>" not in everything and "&lt;!channel&gt;" in everything
    assert "<https://evil.example" not in everything


def test_an_edited_button_opens_nothing(slack: SlackUser, fake_slack: FakeSlack, store: Store) -> None:
    value = json.dumps({"h": "../../etc/passwd", "t": "x"})
    slack.click(CONFIRM_ACTION, value, user=LEAD, response="edited")
    answer = fake_slack.wait_for("response:edited")[0]["params"]
    assert answer["text"] == "That preview is no longer here; run `campaign open` again."
    assert len(store.campaigns.all()) == 1


def test_reopening_a_running_campaign_from_slack_invites_only_suppliers_not_yet_in_it(
    slack: SlackUser, fake_slack: FakeSlack, store: Store, seeded: Seeded, executor: ThreadPoolExecutor
) -> None:
    store.suppliers.add(SupplierDraft("GAMMA-7", "Gamma Mining", (Contact("info@gamma.example"),)))
    preview = _preview(slack, {"name": "CMRT 2026", "like": "CMRT 2026", "due": "2026-06-30"}, executor)
    shown = json.dumps(preview["blocks"])
    assert "Would invite 1 supplier(s)*: `GAMMA-7` Gamma Mining" in shown
    assert "5 already in the campaign: not invited again" in shown
    slack.click(CONFIRM_ACTION, buttons(preview)[CONFIRM_ACTION]["value"], user=LEAD, response="re")
    assert fake_slack.wait_for("response:re")[0]["params"]["text"].endswith(
        "invited 1 supplier(s); the invitations are being queued and sent (wave #1, progress in the channel)."
    )
    fake_slack.wait_for("chat.update")  # queued in the background
