"""The two buttons on a held file's notice, clicked through signed requests into the real Bolt app.

The held file gets there the way production does it: a supplier's mail with a real (LibreOffice
filled) CMRT that names another company goes through the real route table, and the notice it
raises is posted by the real notifier to the fake Slack Web API.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

import pytest
from slack_bolt import App

from bot.app import create_app, notifier
from handlers.inbound import route
from handlers.inbound_context import InboundDeps, Outcome
from handlers.notices import TriageItem, TriageKind
from handlers.ports import RecordingNotifier
from mail.parse import parse_message
from mail.render import MailRenderer, create_environment
from storage import MailDraft, Store
from tests.bot.conftest import ANYONE, STAFF, SlackUser, bot_deps, buttons, make_settings
from tests.bot.fake_slack import FakeSlack
from tests.bot.hostile import HOSTILE, assert_all_inert, escaped_in
from tests.bot.scenario import Seeded
from tests.support.answers import AnswerSet, valid_answers
from tests.support.fixtures import FACTORY_TODAY, workbook_factory
from tests.support.mistakes import field_cell
from tests.support.workbooks import WorkbookFactory

__all__ = ["workbook_factory"]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RENDERER = MailRenderer(create_environment(), "Responsible Minerals Survey")


def workbook_jobs() -> list[AnswerSet]:
    """Built up front with every other module's workbooks (tests/support/prebuild.py)."""
    valid = valid_answers("CMRT/6.5", today=FACTORY_TODAY)
    return [valid.with_cells({field_cell(valid, "company_name"): "Falcon <Metals> & Co"})]


@pytest.fixture(scope="module")
def manufacturer_cmrt(workbook_factory: WorkbookFactory) -> bytes:
    (path,) = workbook_factory.libreoffice_many(workbook_jobs())
    return path.read_bytes()


@pytest.fixture
def app(fake_slack: FakeSlack, store: Store, seeded: Seeded, executor: ThreadPoolExecutor) -> App:
    return create_app(make_settings(fake_slack), bot_deps(store, executor, render_reply=RENDERER))


def held_notice(
    app: App, fake_slack: FakeSlack, store: Store, data: bytes, filename: str = "falcon.xlsx"
) -> dict[str, Any]:
    """Cupric's buyer forwards their manufacturer's CMRT; returns the posted notice's params."""
    message = EmailMessage()
    message["From"] = "Carl <carl@cupric.example>"
    message["To"] = "rmi-survey@buyer.example"
    message["Subject"] = "CMRT from our smelter partner"
    message["Date"] = format_datetime(dt.datetime(2026, 6, 10, 8, 0, tzinfo=dt.UTC))
    message["Message-ID"] = "<cupric-1@cupric.example>"
    message.set_content("Please see the attached file from our manufacturer.")
    message.add_attachment(data, maintype="application", subtype=XLSX.split("/")[1], filename=filename)
    recorder = RecordingNotifier()
    settings = make_settings(fake_slack)
    deps = InboundDeps(
        store=store, clock=store.clock, notifier=recorder, renderer=RENDERER, settings=settings
    )
    assert route(parse_message(message.as_bytes()), "1:1", deps) is Outcome.HELD_COMPANY_MISMATCH
    [notice] = recorder.notices
    assert isinstance(notice, TriageItem) and notice.kind is TriageKind.COMPANY_MISMATCH
    notifier(settings, app).post(notice)
    (call,) = fake_slack.calls_to("chat.postMessage")
    params: dict[str, Any] = call["params"]
    return params


def test_staff_accept_a_held_file_and_the_notice_says_who_and_what(
    slack: SlackUser, app: App, fake_slack: FakeSlack, store: Store, manufacturer_cmrt: bytes
) -> None:
    posted = held_notice(app, fake_slack, store, manufacturer_cmrt)
    found = buttons(posted)
    assert [found[a]["text"]["text"] for a in ("held_accept", "held_ask")] == [
        "Accept for this supplier",
        "Ask for their own declaration",
    ]
    assert "Falcon &lt;Metals&gt; &amp; Co" in posted["blocks"][0]["text"]["text"]

    slack.click(
        "held_accept", found["held_accept"]["value"], user=STAFF, ephemeral=False, message_text="held"
    )
    replaced = fake_slack.wait_for("response:a1")[0]["params"]
    assert replaced["replace_original"] is True
    decided = replaced["blocks"][1]["elements"][0]["text"]
    assert decided.startswith(":white_check_mark: Accepted `falcon.xlsx` for Cupric Ltd: ")
    assert decided.endswith("the supplier was answered (by <@U0STAFF>)")
    [held] = store.submissions.by_message_id("<cupric-1@cupric.example>")
    assert held.verdict in decided
    [reply] = replies_to_cupric(store, held.supplier_id)
    assert reply.to == ("carl@cupric.example",)
    assert reply.subject == "Re: CMRT from our smelter partner"
    assert reply.headers["In-Reply-To"] == "<cupric-1@cupric.example>"
    [entry] = store.audit.entries(subject=f"submission:{held.id}")
    assert (entry.action, entry.actor.id, entry.details["decision"]) == ("slack.held_file", STAFF, "accept")

    slack.click("held_ask", found["held_ask"]["value"], user=STAFF, response="a2")
    again = fake_slack.wait_for("response:a2")[0]["params"]
    assert again["response_type"] == "ephemeral"
    assert again["text"].startswith("Already decided by <@U0STAFF>: Accepted `falcon.xlsx`")
    assert len(replies_to_cupric(store, held.supplier_id)) == 1


def test_a_hostile_supplier_and_file_name_reach_the_held_notice_and_its_decision_escaped(
    slack: SlackUser, app: App, fake_slack: FakeSlack, store: Store, manufacturer_cmrt: bytes
) -> None:
    cupric = store.suppliers.by_code("CUPR-003")
    assert cupric is not None
    store.suppliers.update(cupric.id, name=f"Cupric {HOSTILE}")
    posted = held_notice(app, fake_slack, store, manufacturer_cmrt, filename=f"{HOSTILE}.xlsx")

    slack.click(
        "held_accept", buttons(posted)["held_accept"]["value"], user=STAFF, ephemeral=False, message_text="x"
    )
    decided = fake_slack.wait_for("response:a1")[0]["params"]["blocks"][1]["elements"][0]["text"]

    assert_all_inert(fake_slack)
    assert escaped_in(fake_slack.calls_to("chat.postMessage")[0])
    assert "your bank&gt;" in decided  # the file's name (mail parsing keeps what follows its last '/')
    assert "Cupric &lt;!channel&gt;" in decided  # the supplier's name


def replies_to_cupric(store: Store, supplier_id: int | None) -> list[MailDraft]:
    """Answers in a supplier's thread (the scenario's own invitations are left out)."""
    items = store.outbox.for_supplier(supplier_id or 0)
    return [item.draft for item in items if item.draft.dedupe_key.startswith("reply:")]


def test_asking_for_the_own_declaration_needs_the_staff_role(
    slack: SlackUser, app: App, fake_slack: FakeSlack, store: Store, manufacturer_cmrt: bytes
) -> None:
    posted = held_notice(app, fake_slack, store, manufacturer_cmrt)
    slack.click("held_ask", buttons(posted)["held_ask"]["value"], user=ANYONE)
    refused = fake_slack.wait_for("response:a1")[0]["params"]
    assert refused["text"].startswith("Sorry, `held_file` needs the *staff* role")
    [held] = store.submissions.by_message_id("<cupric-1@cupric.example>")
    assert held.verdict == "held"
    assert replies_to_cupric(store, held.supplier_id) == []
