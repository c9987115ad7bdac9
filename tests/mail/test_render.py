"""Reply bodies: every template in every language renders, escapes supplier text, and fails loudly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jinja2
import pytest

import mail.render
from handlers.invocation import Selection
from handlers.reminders import ReminderMail
from handlers.replies import (
    FileOutcome,
    FileReply,
    FindingLine,
    Reply,
    ReplyKind,
    WantedTemplate,
)
from mail.render import MailRenderer, create_environment
from rmi.messages import LANGUAGES
from rmi.messages.forms import long_date

SIGNATURE = "Responsible Minerals Survey"


@pytest.fixture(scope="module")
def renderer() -> MailRenderer:
    return MailRenderer(create_environment(), SIGNATURE)


def every_branch_files() -> tuple[FileReply, ...]:
    """One file per verdict branch, with warnings, so no block is left out."""
    return (
        FileReply(
            file_name="acme_cmrt.xlsx",
            outcome=FileOutcome.ACCEPTED,
            family="CMRT",
            version="6.5",
            scope="A. Company",
            metals=("Tin", "Tantalum"),
            smelter_count=42,
            warnings=(FindingLine(1, "Declaration", "D22", "The effective date is old.", True),),
        ),
        FileReply(
            file_name="acme_emrt.xlsx",
            outcome=FileOutcome.REJECTED,
            family="EMRT",
            version="2.1",
            errors=(
                FindingLine(
                    1, "Declaration", "D8", "Company name is empty. Enter it in Declaration!D8.", False
                ),
                FindingLine(2, "Smelter List", None, "No smelter is listed for Cobalt.", True),
                FindingLine(3, None, None, "Something without a place.", True),
            ),
        ),
        FileReply(file_name="scan.pdf", outcome=FileOutcome.UNREADABLE, reason='"scan.pdf" is a PDF.'),
    )


def sample_replies(language: str) -> list[Reply]:
    wanted = WantedTemplate(family="CMRT", min_version="6.31", due=dt.date(2026, 6, 30))
    return [
        Reply(ReplyKind.VERDICT, language, "Acme Metals", every_branch_files()),
        Reply(ReplyKind.VERDICT, language, "Acme Metals", every_branch_files()[:1]),
        Reply(
            ReplyKind.ASK_FOR_ATTACHMENT, language, "Acme Metals", wanted=wanted, ignored_files=("logo.png",)
        ),
        Reply(ReplyKind.ASK_FOR_ATTACHMENT, language, "Acme Metals", wanted=WantedTemplate("EMRT", "")),
        Reply(ReplyKind.ASK_FOR_ATTACHMENT, language, "Acme Metals"),
    ]


def test_every_supplier_mail_kind_is_worded_from_the_catalogues_and_staff_mail_in_english(
    renderer: MailRenderer,
) -> None:
    assert renderer.kinds == {kind.value for kind in ReplyKind} | {"invitation", "reminder", "staff_digest"}
    assert renderer.languages == {"en"}  # only the staff digest has a template of its own


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_template_renders_every_branch_under_strict_undefined(
    renderer: MailRenderer, language: str
) -> None:
    for reply in sample_replies(language):
        body = renderer.render_reply(reply)
        assert "Acme Metals" in body.text
        assert body.html.startswith("<!DOCTYPE html>")
        assert f'<html lang="{language}">' in body.html
        assert body.text.rstrip().endswith(SIGNATURE)
        assert "{" not in body.text, "a placeholder was left unfilled"


@pytest.mark.parametrize("language", LANGUAGES)
def test_rejected_file_lists_numbered_findings_with_sheet_and_cell(
    renderer: MailRenderer, language: str
) -> None:
    text = renderer.render_reply(sample_replies(language)[0]).text
    first = text.index("1) ")
    second = text.index("2) ", first)
    third = text.index("3) ", second)
    assert "Company name is empty" in text[first:second]
    assert "Smelter List" in text[second:third] and "Cobalt" in text[second:third]
    # the first finding already names its cell, so no second "cell D8" label is printed before it
    assert text[first:second].count("D8") == 1


def test_english_verdict_reads_as_a_supplier_would_expect(renderer: MailRenderer) -> None:
    text = renderer.render_reply(sample_replies("en")[0]).text
    assert "ACCEPTED: CMRT revision 6.5" in text
    assert "Metals in scope: Tin, Tantalum" in text
    assert "Smelters listed: 42" in text
    assert "NOT ACCEPTED YET: EMRT revision 2.1" in text
    assert '2) Sheet "Smelter List": No smelter is listed for Cobalt.' in text
    assert 'WE COULD NOT USE THIS FILE\n   "scan.pdf" is a PDF.' in text


def test_chinese_and_japanese_verdicts_use_their_own_wording(renderer: MailRenderer) -> None:
    zh = renderer.render_reply(sample_replies("zh")[0]).text
    ja = renderer.render_reply(sample_replies("ja")[0]).text
    assert "已接受：CMRT 版本 6.5" in zh and "涉及的金属：Tin、Tantalum" in zh
    assert "受理しました：CMRT リビジョン 6.5" in ja and "シート「Smelter List」：" in ja


def test_supplier_strings_are_escaped_in_html_and_kept_verbatim_in_text(renderer: MailRenderer) -> None:
    hostile = "<script>alert(1)</script>"
    files = (FileReply(f"{hostile}.xlsx", FileOutcome.UNREADABLE, reason=f"{hostile} is a PDF"),)
    body = renderer.render_reply(Reply(ReplyKind.VERDICT, "en", hostile, files))
    assert "<script>" not in body.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body.html
    assert f"Hello {hostile} team," in body.text  # text/plain is never interpreted by a mail client


def test_a_template_asking_for_an_undefined_value_fails_instead_of_mailing_a_blank(tmp_path: Path) -> None:
    (tmp_path / "note.en.txt.j2").write_text("Hello {{ supplier_name }}, see {{ missing_value }}\n")
    (tmp_path / "note.en.html.j2").write_text("<p>{{ supplier_name }}</p>\n")
    renderer = MailRenderer(create_environment(tmp_path), SIGNATURE)
    with pytest.raises(jinja2.UndefinedError, match="missing_value"):
        renderer.render("note", "en", {"supplier_name": "Acme"})


def test_a_language_without_wording_falls_back_to_english(renderer: MailRenderer) -> None:
    body = renderer.render_reply(Reply(ReplyKind.ASK_FOR_ATTACHMENT, "nl", "Acme Metals"))
    assert body.text.startswith("Hello Acme Metals team,")
    assert '<html lang="en">' in body.html


def test_an_unknown_reply_kind_is_refused(renderer: MailRenderer) -> None:
    with pytest.raises(LookupError, match="no mail template"):
        renderer.render("invoice", "en", {})


def test_a_language_the_catalogues_have_is_used_with_its_own_words(renderer: MailRenderer) -> None:
    body = renderer.render_reply(Reply(ReplyKind.ASK_FOR_ATTACHMENT, "ko-KR", "Acme Metals"))
    assert body.text.startswith("Acme Metals 담당자님께")
    assert '<html lang="ko">' in body.html


def test_the_environment_is_built_by_the_factory_not_held_by_the_module() -> None:
    assert create_environment() is not create_environment()
    assert not [name for name, value in vars(mail.render).items() if isinstance(value, jinja2.Environment)]
    env = create_environment()
    assert isinstance(env.undefined, type) and issubclass(env.undefined, jinja2.StrictUndefined)
    assert env.autoescape("verdict.html.j2") is True  # type: ignore[operator]
    assert env.autoescape("verdict.txt.j2") is False  # type: ignore[operator]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("reason", list(Selection))
def test_reminders_render_for_every_reason_in_every_language(
    renderer: MailRenderer, language: str, reason: Selection
) -> None:
    for contact in ("Jane Miller", ""):
        mail = ReminderMail(
            "Acme <Metals>", contact, "2026-H1", "CMRT", "6.31", dt.date(2026, 12, 31), reason, 2, language
        )
        body = renderer.render_reminder(mail)
        assert long_date("2026-12-31", language) in body.text, "the due day, written the language's way"
        assert "CMRT" in body.text and "2026-H1" in body.text
        assert "Acme &lt;Metals&gt;" in body.html and "<Metals>" not in body.html
        assert f'<html lang="{language}">' in body.html


def test_an_english_reminder_after_a_rejection_asks_for_a_corrected_file(renderer: MailRenderer) -> None:
    mail = ReminderMail(
        "Acme Metals",
        "Jane Miller",
        "2026-H1",
        "CMRT",
        "6.31",
        dt.date(2026, 12, 31),
        Selection.REJECTED,
        2,
        "en",
    )
    text = renderer.render_reminder(mail).text
    assert text.startswith("Dear Jane Miller,\n\n")
    assert "the last CMRT you sent could not be accepted; please send a corrected file." in text
    assert "with the CMRT for Acme Metals attached as an Excel workbook (.xlsx) by 31 December 2026." in text
    assert "Please use revision 6.31 or later of the template." in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_request_for_the_suppliers_own_declaration_renders_in_every_language(
    renderer: MailRenderer, language: str
) -> None:
    held = FileReply(
        file_name="falcon_cmrt.xlsx", outcome=FileOutcome.HELD, company_in_file="Falcon <Metals> Trading"
    )
    body = renderer.render_reply(Reply(ReplyKind.OWN_DECLARATION, language, "Acme Metals", (held,)))
    assert "falcon_cmrt.xlsx" in body.text and "Falcon <Metals> Trading" in body.text
    assert "Falcon &lt;Metals&gt; Trading" in body.html and "<Metals>" not in body.html
    assert f'<html lang="{language}">' in body.html
    assert "{" not in body.text, "a placeholder was left unfilled"
