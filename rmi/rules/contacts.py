"""Contact and authorizer must name real people with usable email addresses.

The Checker accepts any text in the name fields and any email with an "@". Suppliers often write
"Same", "N/A" or "-" for the authorizer, or two addresses in one cell; neither can be answered.
Emails without any "@" are already reported by the Checker-parity rule and are left to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rmi.findings import Finding
from rmi.model import TemplateModel
from rmi.policy import Policy
from rmi.rules.base import display_value, finding_at

PERSON_FIELDS = ("contact_name", "contact_phone", "authorizer_name")
EMAIL_FIELDS = ("contact_email", "authorizer_email")
_PLACEHOLDERS = frozenset(
    {
        "same", "same as above", "same as contact", "as above", "ditto", "n/a", "na", "n.a.", "none",
        "-", "--", "---", ".", "/", "x", "tbd", "tba", "null", "nil", "unknown", "无", "同上", "不适用",
        "なし", "同上。", "該当なし",
    }
)  # fmt: skip
_EMAIL = re.compile(r"^[^@\s<>(),;:\"']+@[\w-]+(\.[\w-]+)*\.[A-Za-z\w]{2,}$")


def is_placeholder(text: str) -> bool:
    return text.strip().casefold() in _PLACEHOLDERS


class ContactsRule:
    """Placeholder names ("Same", "N/A", "-") and email cells that are not one address."""

    code = "CONTACTS"

    def check(self, model: TemplateModel, policy: Policy) -> Iterator[Finding]:
        for key in PERSON_FIELDS + EMAIL_FIELDS:
            cell = model.company.get(key)
            if cell is None or cell.is_blank:
                continue
            value = display_value(cell)
            if key in PERSON_FIELDS and is_placeholder(value):
                yield finding_at("CONTACT-PLACEHOLDER", "contact.placeholder", cell, field=key, value=value)
            elif key in EMAIL_FIELDS and "@" in value and not _EMAIL.match(value):
                yield finding_at("EMAIL-INVALID", "email.invalid", cell, field=key, value=value)


RULE = ContactsRule()
