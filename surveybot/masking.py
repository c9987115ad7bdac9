"""Hiding secret values in text people will read: logs, ``surveybot doctor``'s report.

A secret is masked where it can appear: as itself, a whole token. Replacing every substring would turn
a short password such as ``y`` or ``bot`` into ``surve***bot`` all over the output, hiding words and
giving away the secret by where the stars land. So a value shorter than ``SUBSTRING_MIN`` is masked
only where it stands alone (not glued to letters, digits or ``_``: ``password=bot`` and ``'bot'``
are masked, ``surveybot`` is not); a longer one is random enough to be masked wherever it occurs, also
inside a URL or a longer string. The mask never depends on the secret's length.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from surveybot.settings import Settings, resolve_secret

MASK = "***"
SUBSTRING_MIN = 8  # shorter secrets are masked as whole tokens only


def secret_pattern(secrets: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for every secret, longest first (so a secret containing another is masked whole)."""
    alternatives = []
    for secret in sorted({s for s in secrets if s.strip()}, key=len, reverse=True):
        quoted = re.escape(secret)
        alternatives.append(quoted if len(secret) >= SUBSTRING_MIN else rf"(?<!\w){quoted}(?!\w)")
    return re.compile("|".join(alternatives)) if alternatives else None


def mask_secrets(text: str, secrets: Iterable[str]) -> str:
    pattern = secret_pattern(secrets)
    return pattern.sub(MASK, text) if pattern else text


def configured_secrets(settings: Settings, env: Mapping[str, str]) -> list[str]:
    """Every secret value the settings name (env variables or files), resolved; the ones set only."""
    mailbox, oauth, smtp, slack = settings.mailbox, settings.mailbox.oauth2, settings.smtp, settings.slack
    pairs = (
        (mailbox.password_env, mailbox.password_file),
        (oauth.client_secret_env, oauth.client_secret_file),
        (oauth.refresh_token_env, oauth.refresh_token_file),
        (smtp.password_env, smtp.password_file),
        (slack.bot_token_env, slack.bot_token_file),
        (slack.app_token_env, slack.app_token_file),
        (slack.signing_secret_env, slack.signing_secret_file),
    )
    values = (resolve_secret(name, file, env).reveal() for name, file in pairs)
    return [value for value in values if value]
