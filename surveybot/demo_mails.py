"""The supplier mails the offline demo delivers: realistic shapes from real mail clients.

Each builder returns raw RFC 5322 bytes as a supplier's client would send them (Outlook, Gmail,
Foxmail, an auto-responder, a mailer-daemon), so the demo exercises the same parsing the
production mailbox sees.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid

XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")


@dataclass(frozen=True)
class DemoMail:
    label: str
    raw: bytes


def _base(sender: str, name: str, to: str, subject: str, when: dt.datetime, mailer: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = f"{name} <{sender}>"
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(when)
    message["Message-ID"] = make_msgid(domain=sender.split("@", 1)[1])
    message["X-Mailer"] = mailer
    return message


def with_workbook(
    sender: str, name: str, to: str, subject: str, body: str, file_name: str, data: bytes, when: dt.datetime
) -> bytes:
    """A reply with the completed template attached (Outlook shape: text + HTML + attachment)."""
    message = _base(sender, name, to, subject, when, "Microsoft Outlook 16.0")
    message.set_content(body)
    message.add_alternative(f"<html><body><p>{body}</p></body></html>", subtype="html")
    message.add_attachment(data, maintype=XLSX[0], subtype=XLSX[1], filename=file_name)
    return message.as_bytes()


def with_any_file(
    sender: str, name: str, to: str, subject: str, body: str, file_name: str, data: bytes, when: dt.datetime
) -> bytes:
    """A Foxmail-style reply carrying a file of any kind (the supplier's client guesses the type)."""
    message = _base(sender, name, to, subject, when, "Foxmail 7.2.25.254[cn]")
    message.set_content(body, charset="utf-8")
    message.add_attachment(data, maintype="application", subtype="octet-stream", filename=file_name)
    return message.as_bytes()


def without_attachment(sender: str, name: str, to: str, subject: str, body: str, when: dt.datetime) -> bytes:
    """Gmail shape: a plain reply that forgot the attachment."""
    message = _base(sender, name, to, subject, when, "Gmail")
    message.set_content(body)
    return message.as_bytes()


def out_of_office(sender: str, name: str, to: str, subject: str, when: dt.datetime) -> bytes:
    """An Exchange out-of-office answer to our invitation (RFC 3834 headers)."""
    message = _base(sender, name, to, f"Automatic reply: {subject}", when, "Microsoft Exchange")
    message["Auto-Submitted"] = "auto-replied"
    message["X-Auto-Response-Suppress"] = "All"
    message.set_content(f"I am out of the office until {(when + dt.timedelta(days=14)):%d %B}.\n")
    return message.as_bytes()


def delivery_failure(failed_address: str, to: str, original_subject: str, when: dt.datetime) -> bytes:
    """A mailer-daemon DSN (RFC 3464, ``multipart/report``) saying an invitation bounced."""
    boundary = "dsn-boundary-7f3a"
    lines = [
        "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>",
        f"To: {to}",
        "Subject: Undelivered Mail Returned to Sender",
        f"Date: {format_datetime(when)}",
        f"Message-ID: {make_msgid(domain='mx.example.net')}",
        "Auto-Submitted: auto-replied",
        "MIME-Version: 1.0",
        f'Content-Type: multipart/report; report-type=delivery-status; boundary="{boundary}"',
        "",
        f"--{boundary}",
        "Content-Type: text/plain; charset=us-ascii",
        "",
        f"Your message could not be delivered to {failed_address}: user unknown.",
        "",
        f"--{boundary}",
        "Content-Type: message/delivery-status",
        "",
        "Reporting-MTA: dns; mx.example.net",
        "",
        f"Final-Recipient: rfc822; {failed_address}",
        "Action: failed",
        "Status: 5.1.1",
        "Diagnostic-Code: smtp; 550 5.1.1 User unknown",
        "",
        f"--{boundary}",
        "Content-Type: text/rfc822-headers",
        "",
        f"Subject: {original_subject}",
        f"To: {failed_address}",
        "",
        f"--{boundary}--",
        "",
    ]
    return "\r\n".join(lines).encode("utf-8")
