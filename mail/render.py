"""Mail bodies from Jinja templates: one environment, built by a factory and handed in.

Templates live in ``mail/templates`` as ``<kind>.<language>.txt.j2`` and ``<kind>.<language>.html.j2``
(a plain-text and an HTML part per reply kind and language). The environment escapes everything in
HTML templates, so a supplier who calls their company ``<script>`` gets that text shown, not run, and
it is strict about undefined names, so a template that mentions a value the code forgot to pass fails
in tests instead of mailing a blank. Nothing here is a module global: the CLI builds one environment
at start and passes it to ``MailRenderer``.
"""

from __future__ import annotations

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

from handlers.reminders import ReminderMail
from handlers.replies import FALLBACK_LANGUAGE, RenderedBody, Reply

_TEMPLATE_NAME = re.compile(r"^(?P<kind>[a-z_]+)\.(?P<lang>[a-z]{2,3})\.(?P<fmt>txt|html)\.j2$")


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
        return frozenset(lang for _, lang in self._available)

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(kind for kind, _ in self._available)

    def render(self, kind: str, language: str, context: Mapping[str, object]) -> RenderedBody:
        """Render ``kind`` in ``language``, in English when that language has no wording for it."""
        if (kind, language) not in self._available:
            if (kind, FALLBACK_LANGUAGE) not in self._available:
                raise LookupError(f"no mail template for reply kind {kind!r}")
            language = FALLBACK_LANGUAGE
        values = {**context, "signature": self._signature, "language": language}
        text = self._env.get_template(f"{kind}.{language}.txt.j2").render(values)
        html = self._env.get_template(f"{kind}.{language}.html.j2").render(values)
        return RenderedBody(text=text, html=html)

    def render_reply(self, reply: Reply) -> RenderedBody:
        return self.render(reply.kind.value, reply.language, reply.context())

    def render_reminder(self, mail: ReminderMail) -> RenderedBody:
        """A reminder wave's mail (``handlers.reminders.ReminderRenderer``) in the supplier's language."""
        return self.render("reminder", mail.language, mail.context())


def _available_templates(env: Environment) -> frozenset[tuple[str, str]]:
    """(kind, language) pairs that have both a text and an HTML template."""
    formats: dict[tuple[str, str], set[str]] = {}
    for name in env.list_templates(extensions=["j2"]):
        match = _TEMPLATE_NAME.match(name)
        if match:
            formats.setdefault((match["kind"], match["lang"]), set()).add(match["fmt"])
    return frozenset(key for key, found in formats.items() if found == {"txt", "html"})
