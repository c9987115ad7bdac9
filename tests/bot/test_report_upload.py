"""``/minerals report``: the workbook and the charts uploaded to the asker's DM, staff only."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from PIL import Image

from handlers.campaign_report import campaign_report
from storage import ManualClock, Store
from tests.analysis.campaign_fixture import seed_campaign
from tests.bot.conftest import ANYONE, STAFF, SlackUser
from tests.bot.fake_slack import FakeSlack
from tests.support.fixtures import workbook_factory
from tests.support.workbooks import WorkbookFactory

__all__ = ["workbook_factory"]


def test_report_goes_to_the_asker_dm_as_one_workbook_and_three_charts(
    slack: SlackUser,
    fake_slack: FakeSlack,
    store: Store,
    clock: ManualClock,
    workbook_factory: WorkbookFactory,
) -> None:
    seeded = seed_campaign(store, clock, workbook_factory, "Q4 minerals")
    flags = len(campaign_report(store, store.campaigns.get(seeded.campaign_id)).flags)
    before = len(fake_slack.calls)

    slack.command("report Q4 minerals", user=STAFF)

    reply = fake_slack.wait_for("response:r1")[0]["params"]
    assert reply["text"] == "I sent you the report of Q4 minerals (4 files) in a direct message."
    methods = [c["method"] for c in fake_slack.calls[before:]]
    assert methods.count("files.getUploadURLExternal") == 4
    assert methods.count("files.completeUploadExternal") == 1
    assert ("conversations.open", {"users": STAFF, "team_id": "T111"}) in [
        (c["method"], c["params"]) for c in fake_slack.calls[before:]
    ]
    complete = fake_slack.calls_to("files.completeUploadExternal")[-1]["params"]
    assert complete["initial_comment"] == (
        f"The report of Q4 minerals, as you asked: 5 suppliers, 3 accepted declarations, {flags} risk flags."
    )
    shared = {f.filename.rsplit("-", 1)[-1]: f for f in fake_slack.shared}
    assert set(shared) == {f"{shared_day(fake_slack)}.xlsx", "timeline.png", "status.png", "conformance.png"}
    assert {f.channel for f in fake_slack.shared} == {"D0STAFF"}  # never the channel
    workbook = next(f for f in fake_slack.shared if f.filename.endswith(".xlsx"))
    assert load_workbook(io.BytesIO(workbook.data)).sheetnames[0] == "Suppliers"
    assert Image.open(io.BytesIO(shared["status.png"].data)).info["Title"] == "Status breakdown - Q4 minerals"


def shared_day(fake: FakeSlack) -> str:
    name = next(f.filename for f in fake.shared if f.filename.endswith(".xlsx"))
    return name.removesuffix(".xlsx").rsplit("-", 1)[-1]


def test_report_is_refused_to_someone_without_the_staff_role(
    slack: SlackUser, fake_slack: FakeSlack, store: Store
) -> None:
    slack.command("report CMRT 2026", user=ANYONE)
    reply = fake_slack.wait_for("response:r1")[0]["params"]
    assert "staff" in reply["text"].casefold()
    assert not fake_slack.calls_to("files.getUploadURLExternal")
