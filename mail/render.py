"""Mail bodies from Jinja templates: one environment, built by a factory and handed in.

Templates live in ``mail/templates`` as ``<kind>.txt.j2`` and ``<kind>.html.j2`` (a plain-text and an
HTML part per mail kind) and hold no words: they lay out the ``words`` of the reader's language, the
``MAIL`` section of its catalogue in ``rmi/messages/<language>.py``, and write days with ``day()`` in
that language's form. A kind that still has per-language templates (``<kind>.<language>.txt.j2``, for
instance staff mail written only in English) is rendered from those, in English when the language has
none. The environment escapes everything in
HTML templates, so a supplier who calls their company ``<script>`` gets that text shown, not run, and
it is strict about undefined names, so a template that mentions a value the code forgot to pass fails
in tests instead of mailing a blank. Nothing here is a module global: the CLI builds one environment
at start and passes it to ``MailRenderer``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path

from jinja2 import (
    Environment,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
    select_autoescape,
)

from handlers.invitations import INVITATION_KIND, InvitationMail
from handlers.reminders import ReminderMail
from handlers.replies import FALLBACK_LANGUAGE, RenderedBody, Reply
from rmi.messages import known_language, mail_words
from rmi.messages.forms import long_date

_TEMPLATE_NAME = re.compile(r"^(?P<kind>[a-z][a-z_]*)(?:\.(?P<lang>[a-z]{2,3}))?\.(?P<fmt>txt|html)\.j2$")
NEUTRAL = ""  # the "language" of a template that takes its words from the catalogue


def create_environment(template_dir: Path | None = None) -> Environment:
    """The one Jinja environment for mail: HTML autoescaped, undefined names are errors."""
    loader = FileSystemLoader(str(template_dir)) if template_dir else PackageLoader("mail", "templates")
    return Environment(
        loader=loader,
        autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


class MailRenderer:
    """Renders a reply kind in a language to a text and an HTML body."""

    def __init__(self, env: Environment, signature: str) -> None:
        self._env = env
        self._signature = signature
        self._available = _available_templates(env)

    @property
    def languages(self) -> frozenset[str]:
        """Languages with a template of their own (catalogue-worded kinds speak every language)."""
        return frozenset(lang for _, lang in self._available if lang != NEUTRAL)

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(kind for kind, _ in self._available)

    def render(self, kind: str, language: str, context: Mapping[str, object]) -> RenderedBody:
        """Render ``kind`` in ``language``, in English when that language has no wording for it."""
        code = known_language(language) or FALLBACK_LANGUAGE
        if (kind, NEUTRAL) in self._available:
            return self._render(f"{kind}.", code, {**context, "words": mail_words(code)})
        if (kind, code) not in self._available:
            if (kind, FALLBACK_LANGUAGE) not in self._available:
                raise LookupError(f"no mail template for reply kind {kind!r}")
            code = FALLBACK_LANGUAGE
        return self._render(f"{kind}.{code}.", code, context)

    def _render(self, stem: str, language: str, context: Mapping[str, object]) -> RenderedBody:
        def day(value: object) -> str:
            return long_date(value if isinstance(value, dt.date) else str(value), language)

        values = {**context, "signature": self._signature, "language": language, "day": day}
        text = self._env.get_template(f"{stem}txt.j2").render(values)
        html = self._env.get_template(f"{stem}html.j2").render(values)
        return RenderedBody(text=text, html=html)

    def render_reply(self, reply: Reply) -> RenderedBody:
        return self.render(reply.kind.value, reply.language, reply.context())

    def render_invitation(self, mail: InvitationMail) -> RenderedBody:
        """A campaign invitation (``handlers.invitations.InvitationRenderer``) in the supplier's language."""
        return self.render(INVITATION_KIND, mail.language, mail.context())

    def render_reminder(self, mail: ReminderMail) -> RenderedBody:
        """A reminder wave's mail (``handlers.reminders.ReminderRenderer``) in the supplier's language."""
        return self.render("reminder", mail.language, mail.context())


def _available_templates(env: Environment) -> frozenset[tuple[str, str]]:
    """(kind, language) pairs that have both a text and an HTML template."""
    formats: dict[tuple[str, str], set[str]] = {}
    for name in env.list_templates(extensions=["j2"]):
        match = _TEMPLATE_NAME.match(name)
        if match:
            formats.setdefault((match["kind"], match["lang"] or NEUTRAL), set()).add(match["fmt"])
    return frozenset(key for key, found in formats.items() if found == {"txt", "html"})
