"""``/minerals report``: build the campaign's report files and upload them to the asker's DM.

The report names suppliers, their findings and risk flags, so it goes to the person who asked, in
their direct message with the bot, never to the channel. All files go up in one ``files_upload_v2``
call (one message with the workbook and the three charts).
"""

from __future__ import annotations

from slack_sdk import WebClient

from bot.blocks import SlackMessage, escape, section
from bot.mrkdwn import escape_plain
from handlers.campaign_report import campaign_report
from handlers.commands import ReportRequest
from storage import Store


def send_report(store: Store, client: WebClient, request: ReportRequest) -> SlackMessage:
    from surveybot.writers.report_files import report_files  # matplotlib: loaded when a report is asked for

    report = campaign_report(store, request.campaign, policy_version=request.policy_version)
    files = report_files(report)
    dm = str(client.conversations_open(users=request.user)["channel"]["id"])
    name = request.campaign.name
    client.files_upload_v2(
        channel=dm,
        file_uploads=[
            {"content": f.data, "filename": f.file_name, "title": escape_plain(f.title)} for f in files
        ],
        initial_comment=(
            f"The report of {escape(name)}, as you asked: {len(report.facts.suppliers)} suppliers, "
            f"{len(report.scorecards)} accepted declarations, {len(report.flags)} risk flags."
        ),
    )
    text = f"I sent you the report of {escape(name)} ({len(files)} files) in a direct message."
    return SlackMessage(text=text, blocks=(section(text),))
