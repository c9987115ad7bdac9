"""The ``supplier`` card shows the scorecard, the risk flags and what changed since the last declaration;
the notice of an accepted file shows the changes too. Real filled templates, real Bolt app, fake Web API.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

from slack_bolt import App

from bot.app import create_app, notifier
from handlers.facilities import import_facility_list
from handlers.notices import FileJudged
from handlers.supplier_analysis import year_over_year
from storage import SYSTEM, Evidence, ManualClock, Store
from surveybot.settings import InvitationSettings
from tests.analysis.facility_files import ROWS, spreadsheetml
from tests.analysis.filled import answer_cell
from tests.analysis.stored import accept, add_supplier, open_campaign
from tests.bot.conftest import SlackUser, bot_deps, make_settings
from tests.bot.fake_slack import FakeSlack
from tests.bot.scenario import Seeded
from tests.support.fixtures import workbook_factory
from tests.support.jobs import SmelterEntry
from tests.support.workbooks import WorkbookFactory

__all__ = ["workbook_factory"]
HOSTILE = SmelterEntry(
    metal="Tin", lookup_name="Smelter not listed", name="<!channel> Timah *Kecil*", country="INDONESIA"
)


def _two_declarations(store: Store, clock: ManualClock, seeded: Seeded, factory: WorkbookFactory) -> int:
    """GAMMA's accepted CMRT of last year, then this year's: Tin now from covered countries, a new smelter."""
    campaign = store.campaigns.get(seeded.campaign_id)
    gamma = add_supplier(store, "GAMMA-007", "Gamma Alloys")
    base = factory.answers("CMRT/6.5")
    now = clock.now()
    clock.set(now - dt.timedelta(days=300))
    accept(store, gamma, open_campaign(store, "CMRT 2025"), factory.valid("CMRT/6.5"))
    clock.set(now - dt.timedelta(days=2))
    newer = base.with_smelters([*base.smelters, HOSTILE]).with_cells(
        {answer_cell("CMRT/6.5", 3, "Tin"): "Yes"}
    )
    submission = accept(store, gamma, campaign, factory.libreoffice(newer))
    clock.set(now)
    return submission


def test_supplier_card_shows_scorecard_flags_and_changes_with_cells_escaped(
    slack: SlackUser,
    fake_slack: FakeSlack,
    store: Store,
    clock: ManualClock,
    seeded: Seeded,
    workbook_factory: WorkbookFactory,
) -> None:
    _two_declarations(store, clock, seeded, workbook_factory)
    import_facility_list(store, "rmi-list.xls", spreadsheetml(ROWS), SYSTEM, list_date=dt.date(2026, 5, 20))

    slack.command("supplier GAMMA-007")

    blocks = fake_slack.wait_for("response:r1")[0]["params"]["blocks"]
    texts = "\n".join(b["text"]["text"] for b in blocks if b["type"] == "section")
    tin_q3 = answer_cell("CMRT/6.5", 3, "Tin")
    assert (
        ":white_check_mark: Has a responsible-minerals policy: answered Yes - `Declaration!D75` Yes" in texts
    )
    exclusion = next(line for line in texts.split("\n") if "Confirms exclusion" in line)
    assert exclusion.startswith(":x: Confirms exclusion (covered countries, conformant smelters): declares")
    assert f"`{tin_q3}` Tin: Yes" in exclusion
    assert f":triangular_flag_on_post: `{tin_q3}` Tin: sourcing from covered countries: Yes" in texts
    assert "is on neither RMI's conformant nor its active list" in texts
    assert "&lt;!channel&gt;" in texts and "<!channel>" not in texts
    assert "*Since the previous declaration*\nsmelters: +1 added, -0 dropped" in texts
    assert f"`{tin_q3}` Q3 Tin: No → Yes" in texts
    contexts = [e["text"] for b in blocks if b["type"] == "context" for e in b["elements"]]
    assert "Conformance against rmi-list.xls of 2026-05-20" in contexts


def test_the_notice_of_an_accepted_file_shows_what_changed_since_the_last_one(
    app: App,
    fake_slack: FakeSlack,
    store: Store,
    clock: ManualClock,
    seeded: Seeded,
    workbook_factory: WorkbookFactory,
) -> None:
    submission = store.submissions.get(_two_declarations(store, clock, seeded, workbook_factory))
    changes = year_over_year(store, submission)
    assert changes is not None and len(changes.added) == 1

    notice = FileJudged(
        str(submission.supplier_id),
        "Gamma Alloys",
        None,
        str(submission.id),
        "gamma.xlsx",
        "CMRT",
        "6.5",
        True,
        changes=changes,
    )
    notifier(make_settings(fake_slack), app).post(notice)

    (call,) = fake_slack.calls_to("chat.postMessage")
    texts = [b["text"]["text"] for b in call["params"]["blocks"] if b["type"] == "section"]
    assert texts[1].startswith(
        "*Since the previous declaration*\nsmelters: +1 added, -0 dropped\n+ (no CID) "
    )
    assert "&lt;!channel&gt; Timah" in texts[1]


def test_a_first_accepted_file_has_no_changes_to_show(
    store: Store, clock: ManualClock, seeded: Seeded, workbook_factory: WorkbookFactory
) -> None:
    campaign = store.campaigns.get(seeded.campaign_id)
    first = accept(
        store, add_supplier(store, "NEW-008", "Newcomer"), campaign, workbook_factory.valid("CMRT/6.5")
    )
    assert year_over_year(store, store.submissions.get(first)) is None


def test_supplier_card_shows_the_policy_agreement_as_met_with_its_evidence_or_as_not_met(
    fake_slack: FakeSlack, store: Store, seeded: Seeded, workbook_factory: WorkbookFactory
) -> None:
    settings = dataclasses.replace(
        make_settings(fake_slack), invitations=InvitationSettings(policy_version="2027-1")
    )
    slack = SlackUser(create_app(settings, bot_deps(store, None)), fake_slack, itertools.count(1))
    campaign = store.campaigns.get(seeded.campaign_id)
    agreed, silent = add_supplier(store, "GAMMA-007", "Gamma Alloys"), add_supplier(store, "DELTA-9", "Delta")
    for supplier in (agreed, silent):
        accept(store, supplier, campaign, workbook_factory.valid("CMRT/6.5"))
    sentence = "We agree to the Responsible Minerals Procurement Policy, version 2027-1."
    store.agreements.add(agreed, "2026-9", Evidence.STAFF, SYSTEM, staff_user="U1", note="old policy")
    store.agreements.add(agreed, "2027-1", Evidence.REPLY, SYSTEM, message_id="<a1@gamma>", quoted=sentence)
    on = store.clock.now().date().isoformat()

    slack.command("supplier GAMMA-007", response="r1")
    slack.command("supplier DELTA-9", response="r2")

    def agreement_line(response: str) -> str:
        blocks = fake_slack.wait_for(f"response:{response}")[0]["params"]["blocks"]
        texts = "\n".join(b["text"]["text"] for b in blocks if b["type"] == "section")
        return next(line for line in texts.split("\n") if "Agreed to our responsible-minerals policy" in line)

    assert agreement_line("r1") == (
        ":white_check_mark: Agreed to our responsible-minerals policy: "
        f'agreed to policy version 2027-1 on {on} - reply &lt;a1@gamma&gt;: "{sentence}"'
    )
    assert agreement_line("r2") == (
        ":x: Agreed to our responsible-minerals policy: has not agreed to policy version 2027-1"
    )
