"""What an invitation wave needs from the configuration: the buyer's words and the blank to attach.

Read here, at the edge, so ``handlers.invitations`` stays free of files and settings: the blank is
the buyer's own file for the family (``campaign.blank_templates``) or the shipped blank at the
campaign's revision (``rmi.blanks``), newest when the campaign names none.
"""

from __future__ import annotations

from pathlib import Path

from handlers.invitations import InvitationOptions
from mail.render import MailRenderer, create_environment
from rmi.blanks import blank_template
from surveybot.errors import UserFacingError
from surveybot.settings import Settings


def invitation_options(
    settings: Settings, family: str, version: str = "", renderer: MailRenderer | None = None
) -> InvitationOptions:
    """The invitation options for a ``family`` campaign attaching revision ``version`` (or the newest).

    ``renderer``: the service's mail renderer; a one-off command builds its own.
    """
    blank, blank_version = _blank(settings, family.upper(), version)
    words = settings.invitations
    templates = renderer or MailRenderer(create_environment(), signature=settings.smtp.from_name)
    return InvitationOptions(
        render=templates.render_invitation,
        subject_tag=settings.replies.subject_tag,
        requests_text=words.requests_text,
        policy_url=words.policy_url,
        policy_version=words.policy_version,
        prefill_company_name=words.prefill_company_name,
        blank=blank,
        blank_version=blank_version,
    )


def _blank(settings: Settings, family: str, version: str) -> tuple[bytes, str]:
    configured = settings.campaign.blank_templates.get(family)
    if configured:
        return Path(configured).read_bytes(), version
    shipped = blank_template(family, version or None)
    if shipped is None:
        raise UserFacingError(
            f"surveybot has no blank {family} {version or ''} to attach; see rmi/data/templates"
        )
    return shipped.read_bytes(), shipped.version
