"""Invitations as a supplier receives them: one mail, its language, the blank template attached.

Every language of the catalogues is rendered through the production templates and sent: the subject
keeps the campaign tag, the due date is written the language's way, the agreement sentence quoted is
one the recogniser accepts, no English is left, and a hostile supplier name is escaped in the HTML.

The mails go through the production outbox sender to aiosmtpd over STARTTLS; the attached workbook
is taken out of the received mail and reopened in a real LibreOffice (``tests/support/lo_recalc.py``),
which recalculates everything: the sheets, the formulas of every sheet, the list validations of the
Declaration and the Checker must be those of the shipped blank, with the company name filled in.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
import zipfile
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from handlers.agreement_words import agreed_line
from handlers.campaigns import CampaignRequest, open_campaign
from handlers.invitations import InvitationOptions
from handlers.ports import RecordingNotifier
from mail.render import MailRenderer, create_environment
from mail.sender import OutboxSender
from mail.smtp import SmtpMailer
from rmi.blanks import blank_template
from rmi.check import check_bytes
from rmi.layouts import layout
from rmi.messages import LANGUAGES, mail_words
from rmi.messages.forms import long_date
from rmi.policy import Policy
from rmi.prefill import with_company_name
from storage import SYSTEM, Contact, ManualClock, Store, SupplierDraft, memory_store
from surveybot.settings import Secret, SmtpSettings
from tests.support.english_leak import english_left_in
from tests.support.fixtures import require_libreoffice
from tests.support.libreoffice import SYSTEM_PYTHON
from tests.support.mailservers import SMTP_PASSWORD, SMTP_USER, CollectingHandler, TlsCert

NOW = dt.datetime(2027, 1, 11, 8, 0, tzinfo=dt.UTC)
LO_RECALC = Path(__file__).resolve().parents[1] / "support" / "lo_recalc.py"
HOSTILE = "Kestrel <b>&</b> 株式会社 <!channel>"
SIGNATURE = "Responsible Minerals Survey"
RENDERER = MailRenderer(create_environment(), SIGNATURE)
DUE = dt.date(2027, 3, 31)


def send_invitations(
    store: Store,
    server: CollectingHandler,
    cert: TlsCert,
    options: InvitationOptions,
    *suppliers: SupplierDraft,
) -> list[EmailMessage]:
    for draft in suppliers:
        store.suppliers.add(draft)
    request = CampaignRequest("RMI 2027", "CMRT", "6.31", DUE, template_version="6.5")
    open_campaign(store, request, SYSTEM, options)
    settings = SmtpSettings(
        host="127.0.0.1", port=server.port, username=SMTP_USER, from_address="rmi@buyer.example"
    )
    mailer = SmtpMailer(settings, Secret(SMTP_PASSWORD), ssl_context=cert.client_context())
    sender = OutboxSender(store, mailer, settings, notifier=RecordingNotifier(), clock=ManualClock(NOW))
    assert sender.drain().sent == len(suppliers)
    mailer.close()
    return [got.message for got in server.messages]


def blank_options(**extra: Any) -> InvitationOptions:
    blank = blank_template("CMRT", "6.5")
    assert blank is not None
    defaults: dict[str, Any] = {
        "render": RENDERER.render_invitation,
        "policy_url": "https://buyer.example/policy.pdf",
        "policy_version": "2027-1",
        "blank": blank.read_bytes(),
        "blank_version": "6.5",
    }
    return InvitationOptions(**(defaults | extra))


def attachment_of(message: EmailMessage) -> tuple[str, bytes]:
    (part,) = list(message.iter_attachments())
    payload = part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return str(part.get_filename()), payload


def body_text(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def test_a_japanese_supplier_gets_one_invitation_in_japanese_with_requests_policy_sentence_and_due_date(
    smtp_server: CollectingHandler, tls_cert: TlsCert
) -> None:
    store = memory_store(ManualClock(NOW))
    draft = SupplierDraft("KES", "Kestrel KK", (Contact("sato@kestrel.example", "佐藤"),), language="ja")
    (message,) = send_invitations(store, smtp_server, tls_cert, blank_options(), draft)
    text = body_text(message)
    assert message["To"] == "sato@kestrel.example"
    assert str(message["Subject"]) == "[RMI 2027] Kestrel KK 様 CMRT（期限 2027年3月31日）"
    assert text.startswith("佐藤 様")
    assert "当社の責任ある鉱物調達方針にご同意いただくこと" in text  # the requests, in Japanese
    assert "https://buyer.example/policy.pdf" in text
    assert "「" not in text and "当社は責任ある鉱物調達方針（バージョン 2027-1）に同意します。" in text
    assert (
        "2027年3月31日 までに" in text and "このメールにご返信ください" in text
    )  # due date and how to answer
    assert attachment_of(message)[0] == "RMI_CMRT_6.5.xlsx"


def test_the_buyers_own_requests_replace_ours_and_the_sentence_stays_in_the_suppliers_language(
    smtp_server: CollectingHandler, tls_cert: TlsCert
) -> None:
    store = memory_store(ManualClock(NOW))
    draft = SupplierDraft("BOL", "Bolt GmbH", (Contact("a@bolt.example"),), language="Deutsch")
    options = blank_options(
        requests_text="Bitte stimmen Sie unserer Richtlinie zu.\nUnd halten Sie Ihre eigene."
    )
    (message,) = send_invitations(store, smtp_server, tls_cert, options, draft)
    text = body_text(message)
    assert text.startswith("Sehr geehrtes Team von Bolt GmbH,")
    assert "Bitte stimmen Sie unserer Richtlinie zu.\r\nUnd halten Sie Ihre eigene." in text  # theirs
    assert "unserer Richtlinie zur verantwortungsvollen Beschaffung von Mineralien zuzustimmen;" not in text
    german = (
        "Wir stimmen der Richtlinie zur verantwortungsvollen Beschaffung von Mineralien, Version 2027-1, zu."
    )
    assert f'"{german}"' in text
    assert "We agree" not in text


def test_each_supplier_gets_one_invitation_and_opening_again_sends_none(
    smtp_server: CollectingHandler, tls_cert: TlsCert
) -> None:
    store = memory_store(ManualClock(NOW))
    drafts = [SupplierDraft(f"S{n}", f"Supplier {n}", (Contact(f"x@s{n}.example"),)) for n in range(3)]
    messages = send_invitations(store, smtp_server, tls_cert, blank_options(), *drafts)
    assert sorted(str(m["To"]) for m in messages) == ["x@s0.example", "x@s1.example", "x@s2.example"]
    request = CampaignRequest("RMI 2027", "CMRT", "6.31", dt.date(2027, 3, 31))
    again = open_campaign(store, request, SYSTEM, blank_options())
    assert (again.invited, again.queued_mails, again.wave) == (0, 0, None)


def test_the_html_part_escapes_a_hostile_supplier_name(
    smtp_server: CollectingHandler, tls_cert: TlsCert
) -> None:
    store = memory_store(ManualClock(NOW))
    draft = SupplierDraft("HOS", HOSTILE, (Contact("h@hostile.example"),))
    (message,) = send_invitations(store, smtp_server, tls_cert, blank_options(), draft)
    html_part = message.get_body(("html",))
    assert html_part is not None
    html = str(html_part.get_content())
    assert "<b>" not in html and "&lt;b&gt;&amp;&lt;/b&gt;" in html


def test_the_attached_template_keeps_every_part_but_two_byte_for_byte(
    smtp_server: CollectingHandler, tls_cert: TlsCert
) -> None:
    store = memory_store(ManualClock(NOW))
    draft = SupplierDraft("KES", HOSTILE, (Contact("k@kestrel.example"),))
    (message,) = send_invitations(store, smtp_server, tls_cert, blank_options(), draft)
    _, attached = attachment_of(message)
    blank = blank_options().blank
    with zipfile.ZipFile(io.BytesIO(blank)) as original, zipfile.ZipFile(io.BytesIO(attached)) as sent:
        assert sent.testzip() is None
        assert sent.namelist() == original.namelist()
        changed = [n for n in original.namelist() if original.read(n) != sent.read(n)]
        assert sorted(changed) == ["xl/workbook.xml", "xl/worksheets/sheet4.xml"]  # Declaration + calcPr
        assert b'fullCalcOnLoad="1"' in sent.read("xl/workbook.xml")


def test_every_supplier_gets_the_template_filled_with_its_own_name_and_nobody_elses(
    smtp_server: CollectingHandler, tls_cert: TlsCert
) -> None:
    # Four in a row: from the third on, the attachment reuses the base64 of the beginning the
    # copies share (mail.compose.SharedBeginnings); each must still be exactly its own workbook.
    store = memory_store(ManualClock(NOW))
    names = ["Kestrel Metals", "Bolt GmbH", "Ōsaka Seimitsu 株式会社", "A"]
    drafts = [SupplierDraft(f"S{n}", name, (Contact(f"x@s{n}.example"),)) for n, name in enumerate(names)]
    messages = send_invitations(store, smtp_server, tls_cert, blank_options(), *drafts)
    blank = blank_options().blank
    by_address = {str(m["To"]): attachment_of(m)[1] for m in messages}
    for n, name in enumerate(names):
        assert by_address[f"x@s{n}.example"] == with_company_name(blank, "CMRT", name)


def test_without_prefill_the_blank_goes_out_unchanged(
    smtp_server: CollectingHandler, tls_cert: TlsCert
) -> None:
    store = memory_store(ManualClock(NOW))
    draft = SupplierDraft("KES", "Kestrel", (Contact("k@kestrel.example"),))
    options = blank_options(prefill_company_name=False)
    (message,) = send_invitations(store, smtp_server, tls_cert, options, draft)
    assert attachment_of(message)[1] == options.blank
    assert "already entered" not in body_text(message)


def lo_facts(tmp: Path, files: dict[str, bytes], validated: list[str], values: list[str]) -> dict[str, Any]:
    jobs = []
    for name, data in files.items():
        (tmp / f"{name}.xlsx").write_bytes(data)
        jobs.append(
            {
                "src": str(tmp / f"{name}.xlsx"),
                "out": str(tmp / f"{name}-lo.xlsx"),
                "validated": validated,
                "values": values,
            }
        )
    spec = tmp / "jobs.json"
    spec.write_text(json.dumps({"profile": str(tmp / "profile"), "jobs": jobs}), encoding="utf-8")
    result = subprocess.run(
        [SYSTEM_PYTHON, str(LO_RECALC), str(spec)], capture_output=True, text=True, timeout=300, check=False,
        cwd=LO_RECALC.parent,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    return {Path(line["src"]).stem: line for line in lines}


@pytest.mark.slow
def test_the_attached_template_recalculated_in_libreoffice_keeps_formulas_validations_and_the_checker(
    smtp_server: CollectingHandler, tls_cert: TlsCert, tmp_path: Path
) -> None:
    require_libreoffice()
    store = memory_store(ManualClock(NOW))
    draft = SupplierDraft("KES", HOSTILE, (Contact("k@kestrel.example"),))
    (message,) = send_invitations(store, smtp_server, tls_cert, blank_options(), draft)
    cmrt = layout("CMRT/6.5")
    answers = [row.answer.ref for q in cmrt.questions for row in q.rows][:12]
    checker = ["Checker!H4", f"Checker!{cmrt.checker_total_cell}", "Declaration!D8"]
    facts = lo_facts(
        tmp_path, {"blank": blank_options().blank, "sent": attachment_of(message)[1]}, answers, checker
    )
    blank, sent = facts["blank"], facts["sent"]
    assert "error" not in sent
    assert sent["sheets"] == blank["sheets"] and {"Checker", "Smelter Look-up", "L"} <= set(sent["sheets"])
    assert sent["formulas"] == blank["formulas"] and sent["formulas"]["Checker"] > 400
    assert sent["validations"] == blank["validations"] and set(sent["validations"].values()) == {"LIST"}
    assert sent["values"]["Declaration!D8"] == HOSTILE
    assert (blank["values"]["Checker!H4"], sent["values"]["Checker!H4"]) == (
        1.0,
        0.0,
    )  # the name is no longer missing
    total = f"Checker!{cmrt.checker_total_cell}"
    assert sent["values"][total] == blank["values"][total] - 1
    resaved = (tmp_path / "sent-lo.xlsx").read_bytes()
    findings = check_bytes(resaved, "sent-lo.xlsx", Policy(today=NOW.date())).verdict.findings
    assert "CMRT-DECL-COMPANY-NAME" not in {f.code for f in findings}
    blank_findings = check_bytes(
        (tmp_path / "blank-lo.xlsx").read_bytes(), "b.xlsx", Policy(today=NOW.date())
    )
    assert "CMRT-DECL-COMPANY-NAME" in {f.code for f in blank_findings.verdict.findings}


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_invitation_in_every_language_has_its_words_its_date_the_blank_and_an_accepted_sentence(
    smtp_server: CollectingHandler, tls_cert: TlsCert, language: str
) -> None:
    store = memory_store(ManualClock(NOW))
    draft = SupplierDraft("HOS", HOSTILE, (Contact("h@hostile.example"),), language=language)
    (message,) = send_invitations(store, smtp_server, tls_cert, blank_options(), draft)
    text, html, due = body_text(message), html_of(message), long_date(DUE, language)
    words = mail_words(language)["invitation"]

    assert str(message["Subject"]).startswith("[RMI 2027] ") and due in str(message["Subject"])
    assert due in text and "2027-03-31" not in text + str(message["Subject"])
    assert words["request_exclude"] in text and words["thanks"] in text
    assert "{" not in text + html, "a placeholder was left unfilled"
    assert agreed_line(text, "2027-1") == language.replace("-", "_").lower()  # what we quote, we accept
    name, data = attachment_of(message)
    assert name == "RMI_CMRT_6.5.xlsx" and zipfile.ZipFile(io.BytesIO(data)).testzip() is None
    assert "<b>" not in html and "<!channel>" not in html and "&lt;b&gt;&amp;&lt;/b&gt;" in html
    if language != "en":
        own_words = text.replace(SIGNATURE, " ").replace(HOSTILE, " ")
        assert english_left_in(own_words, language) == set()
        assert english_left_in(str(message["Subject"]).replace(HOSTILE, " "), language) == set()


def html_of(message: EmailMessage) -> str:
    part = message.get_body(("html",))
    assert part is not None
    return str(part.get_content())
