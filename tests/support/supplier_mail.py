"""A supplier's mail as raw bytes, the way our receiving server stores it (with its auth stamp).

The route-table tests hand it to ``mail.parse`` directly; the end-to-end mail tests APPEND it to
Dovecot. One builder for both, so both read the same Authentication-Results our MX writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from email.message import EmailMessage
from email.utils import format_datetime

TRUSTED_MX = "mx.buyer.example"
SENDER = "compliance@kestrel-components.example"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SENT_AT = format_datetime(dt.datetime(2026, 11, 25, 8, 30, tzinfo=dt.UTC))


def build_mail(
    *,
    sender: str = SENDER,
    to: str = "rmi-survey@buyer.example",
    subject: str = "CMRT 2026",
    body: str = "Dear team,\n\nplease find our CMRT attached.\n\nBest regards,\nJane",
    message_id: str = "<CAF1kestrel-0001@mail.kestrel-components.example>",
    date: str = SENT_AT,
    attachments: Sequence[tuple[str, bytes, str]] = (),
    headers: Sequence[tuple[str, str]] = (),
    dmarc: str | None = "pass",
) -> bytes:
    """A mail as the supplier's mail server would deliver it to our mailbox (with our MX's auth stamp)."""
    message = EmailMessage()
    if dmarc is not None:
        domain = sender.rpartition("@")[2]
        message["Authentication-Results"] = (
            f"{TRUSTED_MX}; spf={dmarc} smtp.mailfrom={domain}; dkim={dmarc} header.d={domain}; "
            f"dmarc={dmarc} header.from={domain}"
        )
    message["From"] = f"Jane Miller <{sender}>"
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = date
    message["Message-ID"] = message_id
    for name, value in headers:
        message[name] = value
    message.set_content(body)
    for filename, data, content_type in attachments:
        maintype, _, subtype = content_type.partition("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes()


def bounce_for(recipient: str) -> bytes:
    """A Postfix-style RFC 3464 delivery status notification about our mail to ``recipient``."""
    return (
        "From: MAILER-DAEMON@mx.buyer.example (Mail Delivery System)\r\n"
        "To: rmi-survey@buyer.example\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        "Message-ID: <bounce.1@mx.buyer.example>\r\n"
        "Auto-Submitted: auto-replied\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"\r\n\r\n'
        "--b1\r\nContent-Type: text/plain\r\n\r\nI'm sorry to have to inform you that your message "
        "could not be delivered.\r\n"
        "--b1\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mx.buyer.example\r\n\r\n"
        f"Final-Recipient: rfc822; {recipient}\r\nAction: failed\r\nStatus: 5.1.1\r\n"
        f"Diagnostic-Code: smtp; 550 5.1.1 <{recipient}>: Recipient address rejected: User unknown\r\n"
        "\r\n--b1--\r\n"
    ).encode()
