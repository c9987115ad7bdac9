"""The README's sample correction mail and Slack status are what the program prints.

A supplier's LibreOffice-saved CMRT with three mistakes goes through the real route table, rules and
mail templates; ``/minerals status`` is answered by the real command and shown as the channel shows
it. The README blocks must equal the result: change the wording and this test shows the new block.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import pytest

from bot.as_seen import as_seen
from bot.render.reports import status_message
from handlers.auth import Caller, Role
from handlers.commands import CommandDeps, status
from handlers.inbound import route
from handlers.inbound_context import InboundDeps, Outcome
from handlers.ports import RecordingNotifier
from mail.parse import parse_message
from mail.render import MailRenderer, create_environment
from storage import CampaignState, Contact, ManualClock, Store, SupplierDraft, memory_store
from surveybot.settings import MailboxSettings, ReplySettings, Settings
from tests.support.fixtures import FACTORY_TODAY, workbook_factory
from tests.support.supplier_mail import TRUSTED_MX, XLSX, build_mail
from tests.support.workbooks import WorkbookFactory

__all__ = ["workbook_factory"]

README = Path(__file__).resolve().parents[2] / "README.md"
SENDER = "jane.doe@acme-metals.example"
OTHER_SUPPLIERS = 11  # invited and silent so far, so the status has a denominator


def readme_block(after: str) -> str:
    """The first fenced block after the line starting with ``after``."""
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"^{re.escape(after)}.*?\n```\n(.*?)```\n", text, re.S | re.M)
    assert match, f"README has no code block after {after!r}"
    return match.group(1).rstrip("\n")


def acme_workbook(factory: WorkbookFactory) -> bytes:
    """ACME's CMRT 6.5: a typo'd contact address, a placeholder authorizer, question 2 for tin blank."""
    answers = factory.answers("CMRT/6.5")
    cells = {
        **answers.cells,
        "Declaration!D8": "ACME Metals",
        "Declaration!D15": "Jane Doe",
        "Declaration!D16": "jane.doe@acme",
        "Declaration!D18": "Same",
    }
    cells.pop("Declaration!D33", None)
    return factory.libreoffice(dataclasses.replace(answers, cells=cells)).read_bytes()


@pytest.fixture(scope="module")
def survey(workbook_factory: WorkbookFactory) -> Store:
    clock = ManualClock(dt.datetime.combine(FACTORY_TODAY, dt.time(9, 0), tzinfo=dt.UTC))
    store = memory_store(clock)
    acme = store.suppliers.add(
        SupplierDraft("ACME", "ACME Metals", (Contact(SENDER, "Jane Doe"),), language="en")
    )
    others = [
        store.suppliers.add(SupplierDraft(f"S{n:02d}", f"Supplier {n}", (Contact(f"rmi@s{n}.example"),))).id
        for n in range(OTHER_SUPPLIERS)
    ]
    campaign = store.campaigns.create("2026-H1", "CMRT", "6.31", due=dt.date(2026, 12, 15))
    store.campaigns.set_state(campaign.id, CampaignState.ACTIVE)
    store.assignments.invite(campaign.id, [acme.id, *others])
    settings = Settings(
        mailbox=MailboxSettings(trusted_authserv_ids=(TRUSTED_MX,)),
        replies=ReplySettings(default_language="en", subject_tag="RMI"),
    )
    renderer = MailRenderer(create_environment(), "Responsible Minerals Survey")
    deps = InboundDeps(store, clock, RecordingNotifier(), renderer, settings)
    raw = build_mail(
        sender=SENDER,
        subject="CMRT for ACME Metals",
        attachments=[("ACME_CMRT.xlsx", acme_workbook(workbook_factory), XLSX)],
    )
    mail = parse_message(raw, trusted_authserv_ids=(TRUSTED_MX,), max_attachment_bytes=25 * 1_048_576)
    assert route(mail, "7:1", deps) is Outcome.JUDGED
    return store


def test_the_readmes_correction_mail_is_the_one_the_supplier_gets(survey: Store) -> None:
    [item] = survey.outbox.for_supplier(survey.suppliers.all()[0].id)
    draft = item.draft
    printed = "\n".join(
        [
            f"Subject: {draft.subject}",
            f"X-Surveybot-Campaign: {draft.headers['X-Surveybot-Campaign']}",
            "",
            draft.text.rstrip("\n"),
        ]
    )
    assert readme_block("A correction mail") == printed, f"README block should be:\n{printed}"


def test_the_readmes_slack_status_is_what_the_channel_shows(survey: Store) -> None:
    answer = status(CommandDeps(survey), Caller("U-README", frozenset({Role.STAFF})), "")
    shown = as_seen(status_message(answer))
    assert readme_block("A status answer in Slack") == shown, f"README block should be:\n{shown}"
