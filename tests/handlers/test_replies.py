"""Reply content as data: language choice and findings numbered for the supplier."""

from __future__ import annotations

import datetime as dt

import pytest

from handlers.answering import campaign_tag
from handlers.attachments import candidate_files
from handlers.invitations import InvitationOptions, invitation_draft
from handlers.replies import finding_lines, reply_language
from mail.parse import parse_message
from mail.render import MailRenderer, create_environment
from rmi.findings import Finding, Severity
from storage import Campaign, CampaignState, Contact, Supplier
from tests.handlers.conftest import XLSX, build_mail

NOW = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("template", "supplier", "default", "expected"),
    [
        ("zh", "en", "en", "zh"),  # the language chosen in the file wins
        ("ja-JP", "en", "en", "ja"),
        (None, "ja", "en", "ja"),  # no language in the file: the supplier's
        (None, "", "zh", "zh"),  # nothing known: the configured default
        ("ko", "zh", "en", "ko"),  # every language of the RMI templates has its wording
        (None, "de", "zh", "de"),
        ("zh", "zh-TW", "en", "zh-Hant"),  # the template's one Chinese, for a Traditional Chinese supplier
        (None, "zh-Hant", "en", "zh-Hant"),
        ("zh", "ja", "en", "zh"),
        (None, "nl", "en", "en"),  # a language we have no catalogue for: the next in line
    ],
)
def test_reply_language(template: str | None, supplier: str, default: str, expected: str) -> None:
    assert reply_language(template, supplier, default) == expected


def test_findings_are_numbered_in_order_and_keep_their_cells() -> None:
    findings = [
        Finding("A", Severity.ERROR, "k1", sheet="Declaration", cell="D8"),
        Finding("B", Severity.ERROR, "k2", sheet="Smelter List", cell="C6"),
    ]
    lines = finding_lines(findings, "ja", lambda f, lang: f"{lang}:{f.code} at {f.sheet}!{f.cell}")
    assert [(line.number, line.sheet, line.cell, line.text) for line in lines] == [
        (1, "Declaration", "D8", "ja:A at Declaration!D8"),
        (2, "Smelter List", "C6", "ja:B at Smelter List!C6"),
    ]
    assert not any(line.show_location for line in lines)  # the text already names the cell


def test_only_possible_workbooks_are_judged_and_other_files_are_named() -> None:
    raw = build_mail(
        attachments=[
            ("CMRT.xlsx", b"PK\x03\x04", XLSX),
            ("ISO9001.pdf", b"%PDF-1.7", "application/pdf"),
            ("smime.p7s", b"sig", "application/pkcs7-signature"),
        ]
    )
    selection = candidate_files(parse_message(raw))
    assert [a.filename for a in selection.judged] == ["CMRT.xlsx"]
    assert selection.ignored == ("ISO9001.pdf",)


@pytest.mark.parametrize(
    ("tag", "name", "expected"),
    [
        ("RMI", "2026-H1", "[RMI 2026-H1]"),
        ("RMI", "RMI 2026-H1", "[RMI 2026-H1]"),  # not "[RMI RMI 2026-H1]"
        ("RMI", None, "[RMI]"),
        ("", "CMRT 2026", "[CMRT 2026]"),
        ("", None, ""),
    ],
)
def test_campaign_tag_is_stable_and_never_doubled(tag: str, name: str | None, expected: str) -> None:
    campaign = None
    if name is not None:
        campaign = Campaign(1, name, "CMRT", "6.31", dt.date(2026, 12, 31), 7, CampaignState.ACTIVE, NOW)
    assert campaign_tag(tag, campaign) == expected


def test_an_invitation_carries_the_campaign_tag_in_its_subject_and_its_campaign_header() -> None:
    campaign = Campaign(1, "2026-H1", "CMRT", "6.31", dt.date(2026, 12, 31), 7, CampaignState.ACTIVE, NOW)
    supplier = Supplier(3, "KESTREL", "Kestrel Precision Components", (Contact("jane@kestrel.example"),), ())
    options = InvitationOptions(render=MailRenderer(create_environment(), "Survey").render_invitation)
    draft = invitation_draft(campaign, supplier, 5, options, "")
    assert draft.subject == "[RMI 2026-H1] CMRT for Kestrel Precision Components, due 31 December 2026"
    assert draft.dedupe_key == "wave:5:supplier:3"
    assert draft.headers == {"Auto-Submitted": "auto-generated", "X-Surveybot-Campaign": "[RMI 2026-H1]"}
    assert "(2026-H1)" in draft.text
