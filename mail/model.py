"""The typed picture of one inbound mail, as ``mail.parse`` hands it to the route table.

Everything is immutable and already decoded (RFC 2047 words, RFC 2231 parameters, legacy Chinese
and Japanese charsets), so the handlers never touch MIME. What could not be decoded is listed in
``defects`` instead of raising.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class AttachmentSource(StrEnum):
    """Where an attachment was found: attached directly, unwrapped from Outlook's TNEF, or forwarded."""

    DIRECT = "direct"
    WINMAIL = "winmail.dat"
    FORWARDED = "forwarded"


@dataclass(frozen=True, slots=True)
class Attachment:
    """One attached file. ``oversized`` ones were not decoded: ``data`` is empty, ``size`` estimated."""

    filename: str
    content_type: str
    data: bytes = field(repr=False)
    sha256: str | None
    source: AttachmentSource
    size: int
    oversized: bool = False


class AutomatedKind(StrEnum):
    """Why a mail was written by a machine rather than a person (RFC 3834 and common practice)."""

    AUTO_REPLY = "auto-reply"
    AUTO_GENERATED = "auto-generated"
    BULK = "bulk"
    MAILING_LIST = "mailing-list"
    BOUNCE = "bounce"
    READ_RECEIPT = "read-receipt"


@dataclass(frozen=True, slots=True)
class BouncedRecipient:
    """One per-recipient block of an RFC 3464 delivery-status report (or an X-Failed-Recipients entry)."""

    address: str
    action: str | None = None
    status: str | None = None
    diagnostic: str | None = None

    @property
    def permanent(self) -> bool:
        """Action ``failed`` or a 5.x.x status: retrying this address is pointless."""
        return self.action == "failed" or (self.status or "").startswith("5")

    @property
    def delayed(self) -> bool:
        """A delay notice ("will retry"): RFC 3464 ``Action: delayed``, or a 4.x.x status without failure."""
        if self.permanent:
            return False
        return self.action == "delayed" or (self.action is None and (self.status or "").startswith("4"))

    @property
    def undeliverable(self) -> bool:
        """Failed, or named by a report that says nothing more (then it is read as a failure);
        delayed, delivered, relayed and expanded recipients are not."""
        return self.permanent or (self.action is None and not self.status)


@dataclass(frozen=True, slots=True)
class BounceInfo:
    """What a delivery failure report says: who failed, and which of our mails it was about."""

    recipients: tuple[BouncedRecipient, ...]
    original_message_id: str | None = None
    reporting_mta: str | None = None

    @property
    def failed_addresses(self) -> tuple[str, ...]:
        return tuple(recipient.address for recipient in self.recipients if recipient.undeliverable)

    @property
    def delayed_addresses(self) -> tuple[str, ...]:
        return tuple(recipient.address for recipient in self.recipients if recipient.delayed)


class AuthResult(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class AuthVerdict:
    """SPF, DKIM and DMARC for the From domain, as told by our own (trusted) receiving server.

    ``authserv_id`` is the trusted header used, or None when no trusted header was present (then
    every result is ``none``: an unverified claim is not evidence either way).
    """

    spf: AuthResult = AuthResult.NONE
    dkim: AuthResult = AuthResult.NONE
    dmarc: AuthResult = AuthResult.NONE
    authserv_id: str | None = None

    @property
    def failed(self) -> bool:
        """The sender is likely spoofed: DMARC failed, or without DMARC, SPF failed and DKIM did not pass."""
        if self.dmarc is AuthResult.FAIL:
            return True
        no_dmarc = self.dmarc is AuthResult.NONE
        return no_dmarc and self.spf is AuthResult.FAIL and self.dkim is not AuthResult.PASS

    @property
    def passed(self) -> bool:
        """The From domain is authenticated: DMARC passed, or without DMARC, aligned DKIM or SPF passed."""
        if self.dmarc is not AuthResult.NONE:
            return self.dmarc is AuthResult.PASS
        return AuthResult.PASS in (self.dkim, self.spf)


@dataclass(frozen=True, slots=True)
class InboundMail:
    """One parsed mail. Addresses are lower-cased; ``message_id`` is always set (``<…>`` form)."""

    message_id: str
    in_reply_to: str | None
    references: tuple[str, ...]
    subject: str
    from_address: str
    from_name: str
    reply_to: tuple[str, ...]
    to: tuple[str, ...]
    cc: tuple[str, ...]
    date: dt.datetime | None
    text: str = field(repr=False)
    attachments: tuple[Attachment, ...]
    automated: AutomatedKind | None
    automated_evidence: str | None
    bounce: BounceInfo | None
    auth: AuthVerdict
    defects: tuple[str, ...] = ()
    message_id_synthesised: bool = False
    ignored_inline_images: int = 0
    return_path: str | None = None

    @property
    def from_domain(self) -> str:
        return self.from_address.rpartition("@")[2]
