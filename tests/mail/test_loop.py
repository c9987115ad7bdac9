"""Mail loops: our own reply coming back, and robots answering it, never produce a second reply.

End to end with production wiring (``mail.service``): real Dovecot, the real parser and route
table, a file store, and aiosmtpd for outgoing mail.
"""

from __future__ import annotations

import email.utils
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest

from tests.support.mail_service import LiveMailService, running
from tests.support.mailservers import (
    CollectingHandler,
    Dovecot,
    TlsCert,
)
from tests.support.mailworker import seed_survey, supplier_address


class Loop(LiveMailService):
    """The production mail service with one supplier invited to one campaign."""

    def __init__(self, dovecot: Dovecot, smtp: CollectingHandler, cert: TlsCert, tmp: Path) -> None:
        super().__init__(dovecot, smtp, cert, tmp)
        seed_survey(self.store, 1)

    def deliver(self, raw: bytes) -> None:
        self.dovecot.append(self.user, raw)

    def outcomes(self) -> list[str]:
        return [e.action for e in self.store.audit.entries() if e.action.startswith("mail.")]


@pytest.fixture
def loop(
    dovecot: Dovecot, smtp_server: CollectingHandler, tls_cert: TlsCert, tmp_path: Path
) -> Iterator[Loop]:
    with running(Loop(dovecot, smtp_server, tls_cert, tmp_path)) as made:
        yield made


def supplier_question(subject: str = "Our CMRT") -> bytes:
    msg = EmailMessage()
    msg["From"] = supplier_address(0)
    msg["To"] = "rmi-survey@example.com"
    msg["Subject"] = subject
    msg["Message-ID"] = email.utils.make_msgid(domain="supplier0.example")
    msg["Date"] = email.utils.formatdate()
    msg.set_content("Hello, what exactly do you need from us?")
    return msg.as_bytes()


def auto_answer(to_reply: EmailMessage, *, subject: str, headers: dict[str, str]) -> bytes:
    """What a supplier's out-of-office robot sends back to our reply."""
    msg = EmailMessage()
    msg["From"] = supplier_address(0)
    msg["To"] = "rmi-survey@example.com"
    msg["Subject"] = subject
    msg["Message-ID"] = email.utils.make_msgid(domain="supplier0.example")
    msg["In-Reply-To"] = str(to_reply["Message-ID"])
    msg["References"] = str(to_reply["Message-ID"])
    msg["Date"] = email.utils.formatdate()
    for name, value in headers.items():
        msg[name] = value
    msg.set_content("I am out of the office until Monday and will read your mail then.")
    return msg.as_bytes()


def test_our_reply_delivered_back_to_the_mailbox_is_not_answered(loop: Loop) -> None:
    loop.deliver(supplier_question())
    (reply,) = loop.smtp.wait_for(1)
    assert reply.message["Auto-Submitted"] == "auto-replied"

    loop.deliver(reply.raw)  # e.g. a forwarding rule at the supplier sends it straight back
    loop.settled(handled=2)
    assert len(loop.smtp.snapshot()) == 1
    assert loop.outcomes() == ["mail.asked_for_attachment", "mail.ignored_automated"]


@pytest.mark.parametrize(
    ("subject", "headers"),
    [
        ("Automatic reply: {subject}", {"Auto-Submitted": "auto-replied"}),
        ("Out of Office: {subject}", {}),  # a robot that sets no header at all, only the subject
        ("自动回复: {subject}", {"X-Autoreply": "yes"}),
    ],
    ids=["auto-submitted-header", "ooo-subject-only", "chinese-autoreply"],
)
def test_an_auto_responder_answering_our_reply_gets_no_second_reply(
    loop: Loop, subject: str, headers: dict[str, str]
) -> None:
    loop.deliver(supplier_question())
    (reply,) = loop.smtp.wait_for(1)
    ooo = auto_answer(
        reply.message, subject=subject.format(subject=reply.message["Subject"]), headers=headers
    )
    loop.deliver(ooo)
    loop.settled(handled=2)
    assert len(loop.smtp.snapshot()) == 1
    assert loop.outcomes() == ["mail.asked_for_attachment", "mail.ignored_automated"]
