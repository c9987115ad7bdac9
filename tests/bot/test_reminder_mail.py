"""The reminder mail: built-in English wording, or the mail templates' wording when one exists."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from handlers.invocation import Selection
from handlers.reminders import ReminderMail, builtin_reminder, reminder_renderer, reminder_subject
from mail.render import MailRenderer, create_environment

MAIL = ReminderMail(
    supplier_name="Acme <Metals> & Co",
    contact_name="",
    campaign_name="CMRT 2026",
    family="CMRT",
    min_version="6.31",
    due=dt.date(2026, 6, 30),
    reason=Selection.REJECTED,
    reminder_number=2,
    language="zh",
)


def test_the_builtin_reminder_says_what_to_send_by_when_and_escapes_html() -> None:
    body = builtin_reminder(MAIL)

    assert body.text.startswith(
        "Dear Acme <Metals> & Co team,\n\nThis is a reminder about our CMRT 2026 survey: "
    )
    assert "could not be accepted; please send a corrected file." in body.text
    assert (
        "the CMRT (version 6.31 or later) for Acme <Metals> & Co attached as an Excel file by 2026-06-30"
        in body.text
    )
    assert "Acme &lt;Metals&gt; &amp; Co" in body.html and "<Metals>" not in body.html
    assert reminder_subject(MAIL, "[RMI CMRT 2026]") == (  # MAIL is for a Chinese supplier
        "[RMI CMRT 2026] 提醒：Acme <Metals> & Co 的 CMRT，截止日期 2026年6月30日"
    )


@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("de", "[RMI CMRT 2026] Erinnerung: CMRT für Acme <Metals> & Co, fällig am 30. Juni 2026"),
        ("ko", "[RMI CMRT 2026] 안내: Acme <Metals> & Co의 CMRT 제출(기한: 2026년 6월 30일)"),
        ("nl", "[RMI CMRT 2026] Reminder: CMRT for Acme <Metals> & Co, due 30 June 2026"),
    ],
)
def test_the_reminder_subject_is_in_the_suppliers_language_with_the_tag_unchanged(
    language: str, subject: str
) -> None:
    assert reminder_subject(replace(MAIL, language=language), "[RMI CMRT 2026]") == subject


def test_a_reminder_template_in_the_mail_templates_is_used_in_the_suppliers_language(tmp_path: Path) -> None:
    (tmp_path / "reminder.zh.txt.j2").write_text(
        "{{ supplier_name }}：请在 {{ due }} 前提交 {{ family }}。\n"
    )
    (tmp_path / "reminder.zh.html.j2").write_text("<p>{{ supplier_name }}：{{ due }}</p>\n")
    templates = MailRenderer(create_environment(tmp_path), signature="Procurement")

    body = reminder_renderer(templates)(MAIL)

    assert body.text == "Acme <Metals> & Co：请在 2026-06-30 前提交 CMRT。\n"
    assert body.html == "<p>Acme &lt;Metals&gt; &amp; Co：2026-06-30</p>\n"


def test_without_a_reminder_template_the_builtin_wording_is_used(tmp_path: Path) -> None:
    templates = MailRenderer(create_environment(tmp_path), signature="Procurement")

    assert reminder_renderer(templates) is builtin_reminder
    assert reminder_renderer(None) is builtin_reminder
