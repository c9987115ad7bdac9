"""The policy agreement in Slack: a held acknowledgement file recorded with one click (or not), and
``/minerals policy agree`` for one received elsewhere. Signed requests into the real Bolt app."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any

import pytest
from slack_bolt import App

from bot.app import create_app
from bot.blocks import SlackMessage
from bot.listeners.agreement_actions import REJECT_MODAL
from bot.render.notices import triage_message
from handlers.inbound import route
from handlers.inbound_context import InboundDeps, Outcome
from handlers.notices import TriageItem, TriageKind
from handlers.ports import RecordingNotifier
from mail.parse import parse_message
from mail.render import MailRenderer, create_environment
from storage import Evidence, Store
from surveybot.settings import InvitationSettings, Settings
from tests.bot import slack_requests as req
from tests.bot.conftest import ANYONE, LEAD, STAFF, SlackUser, bot_deps, buttons, make_settings
from tests.bot.fake_slack import FakeSlack
from tests.bot.scenario import Seeded
from tests.support.supplier_mail import TRUSTED_MX, build_mail

VERSION = "2027-1"
ACK_ID = "<signed-1@acme.example>"
RENDERER = MailRenderer(create_environment(), "Responsible Minerals Survey")
SCAN = b"%PDF-1.7 signed"


@pytest.fixture
def fake_settings(fake_slack: FakeSlack) -> Settings:
    return replace(make_settings(fake_slack), invitations=InvitationSettings(policy_version=VERSION))


@pytest.fixture
def policy_app(fake_settings: Settings, store: Store, seeded: Seeded, executor: ThreadPoolExecutor) -> App:
    return create_app(fake_settings, bot_deps(store, executor, render_reply=RENDERER))


@pytest.fixture
def user(policy_app: App, fake_slack: FakeSlack) -> Iterator[SlackUser]:
    yield SlackUser(policy_app, fake_slack, itertools.count(1))


def _notice(store: Store, seeded: Seeded, name: str = "signed policy.pdf") -> dict[str, object]:
    sha256 = store.blobs.put(SCAN)
    item = TriageItem(
        TriageKind.AGREEMENT_FILE,
        "Acme Metals (ACME-001) sent a file that may be their signed agreement.",
        supplier_id=str(seeded.ids["ACME-001"]),
        agreement_file=sha256,
        agreement_file_name=name,
    )
    message = triage_message(item)
    return {"text": message.text, "blocks": list(message.blocks)}


def test_record_agreement_stores_the_file_evidence_and_mails_the_supplier_once(
    user: SlackUser, fake_slack: FakeSlack, store: Store, seeded: Seeded
) -> None:
    notice = _notice(store, seeded)
    record = buttons(notice)["agreement_record"]
    assert record["confirm"]["title"]["text"] == "Record the agreement?"
    user.click(
        "agreement_record", record["value"], user=STAFF, response="rec", message_text=str(notice["text"])
    )
    answer = fake_slack.wait_for("response:rec")[0]["params"]
    assert "Recorded Acme Metals's agreement to the policy, version 2027-1" in str(answer)
    acme = seeded.ids["ACME-001"]
    (agreement,) = store.agreements.for_supplier(acme)
    assert (agreement.evidence, agreement.staff_user, agreement.note) == (
        Evidence.FILE,
        STAFF,
        "file: signed policy.pdf",
    )
    user.click("agreement_record", record["value"], user=STAFF, response="again")
    fake_slack.wait_for("response:again")
    confirmations = [m for m in store.outbox.for_supplier(acme) if m.draft.dedupe_key.startswith("agreement")]
    assert [m.draft.to for m in confirmations] == [("anna@acme.example",)]


def test_a_mailed_acknowledgement_reaches_slack_and_one_click_records_it(
    user: SlackUser, fake_slack: FakeSlack, store: Store, seeded: Seeded, fake_settings: Settings
) -> None:
    raw = build_mail(
        sender="anna@acme.example",
        subject="Signed policy",
        body="Hello, our signed acknowledgement is attached.",
        attachments=[("acme policy signed.pdf", SCAN, "application/pdf")],
    )
    mail = parse_message(raw, trusted_authserv_ids=(TRUSTED_MX,), max_attachment_bytes=10_000_000)
    notifier = RecordingNotifier()
    renderer = MailRenderer(create_environment(), "Responsible Minerals Survey")
    deps = InboundDeps(store, store.clock, notifier, renderer, fake_settings)
    assert route(mail, "9:1", deps) is Outcome.AGREEMENT_FILE_HELD
    (notice,) = notifier.notices
    assert isinstance(notice, TriageItem)
    message = triage_message(notice)
    assert "acme policy signed.pdf" in str(message.blocks)
    value = buttons({"blocks": list(message.blocks)})["agreement_record"]["value"]
    user.click("agreement_record", value, user=STAFF, response="mailed", message_text=message.text)
    assert "Recorded Acme Metals's agreement" in str(fake_slack.wait_for("response:mailed")[0]["params"])
    (agreement,) = store.agreements.for_supplier(seeded.ids["ACME-001"])
    assert (agreement.file_sha256, agreement.note) == (notice.agreement_file, "file: acme policy signed.pdf")


def _mailed_notice(store: Store, settings: Settings, name: str = "acme policy signed.pdf") -> SlackMessage:
    """Acme mails a signed-looking PDF; the real route table holds it and raises the notice."""
    raw = build_mail(
        sender="anna@acme.example",
        subject="Signed policy",
        body="Hello, our signed acknowledgement is attached.",
        message_id=ACK_ID,
        attachments=[(name, SCAN, "application/pdf")],
    )
    mail = parse_message(raw, trusted_authserv_ids=(TRUSTED_MX,), max_attachment_bytes=10_000_000)
    notifier = RecordingNotifier()
    deps = InboundDeps(store, store.clock, notifier, RENDERER, settings)
    assert route(mail, "9:2", deps) is Outcome.AGREEMENT_FILE_HELD
    (notice,) = notifier.notices
    assert isinstance(notice, TriageItem)
    return triage_message(notice)


def _submit_reason(user: SlackUser, view: dict[str, Any], reason: str | None, by: str) -> None:
    state = {"type": "plain_text_input", "value": reason}
    body = req.view_body(
        REJECT_MODAL,
        {"reason": {"reason": state}},
        view["private_metadata"],
        user=by,
        trigger_id=user.trigger(),
    )
    assert user.dispatch(body).status == 200


def _refusals(store: Store, seeded: Seeded) -> list[str]:
    mails = store.outbox.for_supplier(seeded.ids["ACME-001"])
    return [m.draft.text for m in mails if m.draft.dedupe_key.startswith(f"reply:{ACK_ID}")]


def test_not_an_agreement_asks_for_a_reason_answers_the_supplier_and_shows_who_decided(
    user: SlackUser, fake_slack: FakeSlack, store: Store, seeded: Seeded, fake_settings: Settings
) -> None:
    message = _mailed_notice(store, fake_settings)
    value = buttons({"blocks": list(message.blocks)})["agreement_reject"]["value"]
    user.click("agreement_reject", value, user=STAFF, response="no", message_text=message.text)
    view = fake_slack.wait_for("views.open")[0]["params"]["view"]
    assert view["callback_id"] == REJECT_MODAL
    assert "`acme policy signed.pdf` could not be taken as their agreement" in json.dumps(view)
    _submit_reason(user, view, "Unsigned <!channel> & undated", by=STAFF)

    update = fake_slack.wait_for("chat.update")[0]["params"]
    assert (update["channel"], update["ts"]) == (req.CHANNEL, "1700000000.000100")  # the notice itself
    decided = (
        "Not an agreement: `acme policy signed.pdf` from Acme Metals; the supplier was told what to send "
        "instead. Reason given: Unsigned &lt;!channel&gt; &amp; undated"
    )
    assert update["text"] == f":white_check_mark: {decided} (by <@{STAFF}>)"
    assert "<!channel>" not in json.dumps(update)
    (text,) = _refusals(store, seeded)
    assert "version 2027-1" in text and "Unsigned <!channel> & undated" in text
    assert '"We agree to the Responsible Minerals Procurement Policy, version 2027-1."' in text
    assert store.agreements.agreed(VERSION) == frozenset()


def test_a_second_not_an_agreement_by_a_colleague_answers_nobody_and_names_the_first(
    user: SlackUser, fake_slack: FakeSlack, store: Store, seeded: Seeded, fake_settings: Settings
) -> None:
    message = _mailed_notice(store, fake_settings)
    value = buttons({"blocks": list(message.blocks)})["agreement_reject"]["value"]
    for n, who in enumerate((STAFF, LEAD), start=1):
        user.click("agreement_reject", value, user=who, response=f"r{n}", message_text=message.text)
        view = fake_slack.wait_for("views.open", count=n)[-1]["params"]["view"]
        _submit_reason(user, view, None, by=who)
    told = fake_slack.wait_for("chat.postEphemeral")[0]["params"]
    assert told["user"] == LEAD
    assert told["text"].startswith(
        f"Already decided by <@{STAFF}>: Not an agreement: `acme policy signed.pdf`"
    )
    assert len(fake_slack.calls_to("chat.update")) == 1
    assert len(_refusals(store, seeded)) == 1
    audited = [e.actor.id for e in store.audit.entries() if e.action == "slack.agreement_file_refused"]
    assert audited == [STAFF]


def test_not_an_agreement_is_refused_without_the_staff_role_at_the_button_and_the_form(
    user: SlackUser, fake_slack: FakeSlack, store: Store, seeded: Seeded, fake_settings: Settings
) -> None:
    message = _mailed_notice(store, fake_settings)
    value = buttons({"blocks": list(message.blocks)})["agreement_reject"]["value"]
    user.click("agreement_reject", value, user=ANYONE, response="x", message_text=message.text)
    assert fake_slack.wait_for("response:x")[0]["params"]["text"].startswith("Sorry, `agreement_file` needs")
    assert fake_slack.calls_to("views.open") == []
    user.click("agreement_reject", value, user=STAFF, response="y", message_text=message.text)
    view = fake_slack.wait_for("views.open")[0]["params"]["view"]
    _submit_reason(user, view, "forged", by=ANYONE)  # a form submitted by someone else is checked again
    refused = fake_slack.wait_for("chat.postMessage")[0]["params"]
    assert (refused["channel"], refused["text"][:27]) == (ANYONE, "Sorry, `agreement_file` nee")
    assert _refusals(store, seeded) == [] and fake_slack.calls_to("chat.update") == []


def test_someone_without_the_staff_role_cannot_record(
    user: SlackUser, fake_slack: FakeSlack, store: Store, seeded: Seeded
) -> None:
    notice = _notice(store, seeded)
    user.click("agreement_record", buttons(notice)["agreement_record"]["value"], user=ANYONE, response="x")
    assert fake_slack.wait_for("response:x")[0]["params"]["text"].startswith("Sorry, `agreement_file` needs")
    assert store.agreements.agreed(VERSION) == frozenset()


def test_a_hostile_file_name_is_shown_inert_in_the_notice(store: Store, seeded: Seeded) -> None:
    name = "<!channel> policy.pdf"
    item = TriageItem(
        TriageKind.AGREEMENT_FILE,
        f"Acme Metals sent {name}",
        supplier_id=str(seeded.ids["ACME-001"]),
        details=(f"file: {name}",),
        agreement_file=store.blobs.put(SCAN),
        agreement_file_name=name,
    )
    message = triage_message(item)
    shown = [message.text, *(b["text"]["text"] for b in message.blocks if b["type"] == "section")]
    assert all("<!channel>" not in text for text in shown)
    assert "&lt;!channel&gt; policy.pdf" in shown[-1]


def test_the_command_records_an_agreement_received_elsewhere_with_the_note(
    user: SlackUser, fake_slack: FakeSlack, store: Store, seeded: Seeded
) -> None:
    user.command("policy agree ACME-001 signed letter of 2 May", user=STAFF, response="cmd")
    text = fake_slack.wait_for("response:cmd")[0]["params"]["text"]
    assert (
        text == "Recorded Acme Metals (`ACME-001`)'s agreement to the policy, version 2027-1, with your note."
    )
    (agreement,) = store.agreements.for_supplier(seeded.ids["ACME-001"])
    assert (agreement.evidence, agreement.staff_user, agreement.note) == (
        Evidence.STAFF,
        STAFF,
        "signed letter of 2 May",
    )
    user.command("policy agree ACME-001", user=STAFF, response="nonote")
    assert "Say where the agreement came from" in fake_slack.wait_for("response:nonote")[0]["params"]["text"]
    user.command("policy agree ACME-001 hearsay", user=ANYONE, response="anyone")
    assert fake_slack.wait_for("response:anyone")[0]["params"]["text"].startswith(
        "Sorry, `agreement_file` needs"
    )


def test_the_reason_form_shows_a_hostile_file_name_inert_and_fits_slacks_metadata_limit(
    user: SlackUser, fake_slack: FakeSlack, store: Store, seeded: Seeded, fake_settings: Settings
) -> None:
    message = _mailed_notice(store, fake_settings, name="<!channel> 方針" * 20 + ".pdf")
    value = buttons({"blocks": list(message.blocks)})["agreement_reject"]["value"]
    user.click("agreement_reject", value, user=STAFF, response="no", message_text="署名済み方針 " * 300)
    view = fake_slack.wait_for("views.open")[0]["params"]["view"]
    assert len(view["private_metadata"]) <= 3000  # Slack refuses a longer one
    shown = json.dumps(view["blocks"], ensure_ascii=False)
    assert "<!channel>" not in shown and "&lt;!channel&gt; 方針" in shown
