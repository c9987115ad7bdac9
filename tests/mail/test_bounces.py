"""Delivery reports as mail servers really write them: RFC 3464 and plain text, failures and delays.

The fixtures in tests/fixtures/mail follow what qmail-send, Exim 4, Postfix (with and without a DSN
part) and Exchange write, line for line; only host names and addresses are invented.
"""

from __future__ import annotations

import pytest

from mail.model import AutomatedKind
from mail.parse import parse_message
from tests.mail.mail_builders import fixture

SUPPLIER = "compliance@kestrel-components.example"


@pytest.mark.parametrize(
    ("name", "status", "reason"),
    [
        ("qmail_failure.eml", "5.1.1", "Sorry, no mailbox here by that name. (#5.1.1)"),
        ("qmail_remote_failure.eml", "5.1.1", "Remote host said: 550 5.1.1"),
        ("exim_failure.eml", "5.1.1", "User unknown in virtual mailbox table"),
        ("exim_failure_no_header.eml", None, "mailbox is full: retry timeout exceeded"),
        ("postfix_plain_failure.eml", "5.1.1", "User unknown in virtual mailbox table"),
        ("exchange_ndr_plain.eml", "5.1.1", "RESOLVER.ADR.RecipNotFound"),
    ],
)
def test_a_plain_text_bounce_names_the_failed_supplier_address(
    name: str, status: str | None, reason: str
) -> None:
    mail = parse_message(fixture(name))
    assert mail.bounce is not None
    first = mail.bounce.recipients[0]
    assert first.address == SUPPLIER
    assert SUPPLIER in mail.bounce.failed_addresses
    assert first.status == status
    assert first.diagnostic is not None and reason in first.diagnostic
    assert mail.attachments == ()


def test_qmail_lists_every_failed_address_and_nothing_from_the_returned_copy() -> None:
    mail = parse_message(fixture("qmail_remote_failure.eml"))
    assert mail.bounce is not None
    assert mail.bounce.failed_addresses == (SUPPLIER, "purchasing@kestrel-components.example")
    assert mail.automated is AutomatedKind.BOUNCE


@pytest.mark.parametrize(
    ("name", "original"),
    [
        ("qmail_failure.eml", "<sb.4f1c2e9a0b7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f@buyer.example>"),
        ("exim_failure.eml", "<sb.1f2e3d4c5b6a79881726354453627180a9b8c7d6@buyer.example>"),
        ("postfix_plain_failure.eml", "<sb.0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d@buyer.example>"),
        ("exchange_ndr_plain.eml", "<sb.5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f@buyer.example>"),
    ],
)
def test_a_plain_text_bounce_is_linked_to_our_mail_it_quotes(name: str, original: str) -> None:
    mail = parse_message(fixture(name))
    assert mail.bounce is not None and mail.bounce.original_message_id == original


@pytest.mark.parametrize("name", ["exim_delay.eml", "exchange_delay_plain.eml", "dsn_delayed.eml"])
def test_a_delay_notice_names_the_address_as_delayed_not_failed(name: str) -> None:
    mail = parse_message(fixture(name))
    assert mail.bounce is not None
    assert mail.bounce.failed_addresses == ()
    assert mail.bounce.delayed_addresses == (SUPPLIER,)


def test_a_bounce_a_supplier_forwards_with_a_question_is_not_read_as_a_report() -> None:
    forwarded = (
        b"From: Jane Miller <compliance@kestrel-components.example>\r\n"
        b"To: rmi-survey@buyer.example\r\n"
        b"Subject: Fw: failure notice\r\n"
        b"Message-ID: <fw-1@kestrel-components.example>\r\n\r\n"
        b"Our colleague left; please write to purchasing@kestrel-components.example instead.\r\n\r\n"
        b"Hi. This is the qmail-send program at mail.kestrel-components.example.\r\n"
        b"I'm afraid I wasn't able to deliver your message to the following addresses.\r\n\r\n"
        b"<old.buyer@kestrel-components.example>:\r\nSorry, no mailbox here by that name. (#5.1.1)\r\n"
    )
    mail = parse_message(forwarded)
    assert mail.bounce is None
    assert mail.automated is None
