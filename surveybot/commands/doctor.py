"""``surveybot doctor``: check the configuration and reach IMAP, SMTP and Slack with the configured
credentials, then say what works and what to fix; ``--offline`` is the container health check.

The checks are in ``surveybot.doctor``; this module parses options and renders the results as text
or JSON, with every secret the configuration names scrubbed from what is printed.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from surveybot.commands.common import add_common_options
from surveybot.errors import ConfigError
from surveybot.settings import load_settings

if TYPE_CHECKING:
    from surveybot.doctor import CheckResult


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "doctor",
        help="check the config and reach IMAP, SMTP and Slack; say what to fix",
        description="Checks the configuration, the data folder, the outbox and the watcher's heartbeat, "
        "then logs in to IMAP, opens an SMTP session (no mail is sent) and calls Slack's auth.test "
        "with the configured credentials. Exit 0 when every required check passes, 1 otherwise.",
    )
    add_common_options(parser)
    parser.add_argument(
        "--offline",
        action="store_true",
        help="no network: config, data folder and heartbeat only (the container health check; "
        "fails when the watcher's heartbeat is stale)",
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.set_defaults(handler=run_doctor)


def run_doctor(args: argparse.Namespace) -> int:
    from surveybot.commands.common import data_dir_source
    from surveybot.doctor import Probe, all_passed, run_checks
    from surveybot.masking import mask_secrets
    from surveybot.settings import config_path_from

    path = config_path_from(args.config)
    secrets = _configured_secrets(path, os.environ)
    with _redacted_logs(secrets):
        results = run_checks(
            path,
            offline=args.offline,
            data_dir_for=lambda settings: data_dir_source(args, settings)[0],
            probe=Probe(env=os.environ),
        )
    text = _as_json(results) if args.json else _as_text(results, path)
    print(mask_secrets(text, secrets))
    return 0 if all_passed(results) else 1


def _as_text(results: list[CheckResult], path: Path | None) -> str:
    width = max(len(result.name) for result in results)
    lines = [f"surveybot doctor: {path or 'no config file (built-in defaults)'}"]
    for result in results:
        lines.append(f"{result.status:<4}  {result.name:<{width}}  {result.detail}")
        lines.extend(f"{'':<4}  {'':<{width}}    - {item}" for item in result.items)
        if result.fix and result.ok is False:
            lines.append(f"{'':<4}  {'':<{width}}  fix: {result.fix}")
    failed = sum(result.failed for result in results)
    warned = sum(result.status == "warn" for result in results)
    if failed:
        lines.append(
            f"{failed} check(s) failed{f', {warned} warning(s)' if warned else ''}: fix them and run again"
        )
    else:
        lines.append(f"all required checks passed{f' ({warned} warning(s))' if warned else ''}")
    return "\n".join(lines)


def _as_json(results: list[CheckResult]) -> str:
    checks = [
        {
            "name": result.name,
            "status": result.status.lower(),
            "ok": result.ok,
            "required": result.required,
            "detail": result.detail,
            "fix": result.fix,
            "items": list(result.items),
        }
        for result in results
    ]
    return json.dumps({"ok": not any(result.failed for result in results), "checks": checks}, indent=2)


# ------------------------------------------------------------------ keeping secrets out


def _configured_secrets(path: Path | None, env: Mapping[str, str]) -> list[str]:
    """The secret values to scrub from the report; none when the config does not load (nothing to leak)."""
    from surveybot.masking import configured_secrets

    try:
        return configured_secrets(load_settings(path, env), env)
    except ConfigError:
        return []


@contextmanager
def _redacted_logs(secrets: list[str]) -> Iterator[None]:
    """Mask the secrets in whatever the checks log (``-v`` shows debug records with tracebacks)."""
    from surveybot.logs import RedactingFilter

    handlers = list(logging.getLogger().handlers)
    redactor = RedactingFilter(secrets)
    for handler in handlers:
        handler.addFilter(redactor)
    try:
        yield
    finally:
        for handler in handlers:
            handler.removeFilter(redactor)
