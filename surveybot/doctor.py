"""``surveybot doctor``'s checks: is the configuration usable, is the data folder healthy, does the
watcher still beat, and (online) do IMAP, SMTP and Slack accept the configured credentials.

Why its own module: each check is a small function returning a ``CheckResult`` that says in one line
what works or what to fix, so the command only renders results and the container health check
(``--offline``) reuses the same checks without touching the network. A check never raises and never
shows a secret or a traceback: failures are explained in words, the traceback goes to the debug log.
The mail and Slack checks live in ``surveybot.doctor_mail`` and ``surveybot.doctor_slack``.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import ssl
import tempfile
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mail.heartbeat import HeartbeatFile
from surveybot.errors import ConfigError
from surveybot.settings import Settings, load_settings

if TYPE_CHECKING:
    from storage import Store

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_SECONDS = 8
# The watcher beats once per cycle, at least every IDLE period (or poll period without IDLE); missing
# this many periods in a row means it is stuck or cannot log in, not just waiting for mail.
STALE_AFTER_PERIODS = 3
# A mail that is due and still queued after this long means nobody is draining the outbox.
QUEUE_STALE_AFTER = dt.timedelta(minutes=15)


@dataclass(frozen=True)
class CheckResult:
    """One line of the report: ``ok`` True (works), False (broken) or None (skipped, not configured).

    A failed check with ``required=False`` is a warning: it is shown, but does not fail the run.
    """

    name: str
    ok: bool | None
    detail: str
    fix: str = ""
    required: bool = True
    items: tuple[str, ...] = ()

    @property
    def status(self) -> str:
        if self.ok is None:
            return "skip"
        if self.ok:
            return "ok"
        return "FAIL" if self.required else "warn"

    @property
    def failed(self) -> bool:
        return self.ok is False and self.required


def skipped(name: str, detail: str) -> CheckResult:
    return CheckResult(name, None, detail)


@dataclass(frozen=True)
class Probe:
    """What the network checks need besides the settings: secrets, time limits, TLS and HTTP hooks."""

    env: Mapping[str, str]
    timeout: int = DEFAULT_TIMEOUT_SECONDS
    ssl_context: ssl.SSLContext | None = None
    http_client: Any = None  # the OAuth2 token endpoint's client (tests answer it offline)


def all_passed(results: list[CheckResult]) -> bool:
    return not any(result.failed for result in results)


def run_checks(
    config_path: Path | None,
    *,
    offline: bool = False,
    data_dir_for: Callable[[Settings], Path] | None = None,
    probe: Probe | None = None,
    now: dt.datetime | None = None,
) -> list[CheckResult]:
    """Every check in report order; ``offline`` limits them to config, data folder and heartbeat."""
    probe = probe or Probe(env=os.environ)
    moment = now or dt.datetime.now(dt.UTC)
    settings, config_result = check_config(config_path, probe.env)
    if settings is None:
        return [config_result, skipped("everything else", "fix the configuration first")]
    folder = (data_dir_for or (lambda s: s.data_dir))(settings)
    results = [config_result, guarded("data folder", lambda: check_data_folder(folder))]
    if not offline:
        results.extend(guarded_many("store", lambda: check_store(folder, moment)))
    results.append(guarded("heartbeat", lambda: check_heartbeat(settings, folder, moment, offline)))
    if offline:
        return results
    from surveybot.doctor_mail import check_imap, check_smtp
    from surveybot.doctor_slack import check_slack

    results.extend(guarded_many("imap", lambda: check_imap(settings.mailbox, probe)))
    results.append(guarded("smtp", lambda: check_smtp(settings, probe)))
    results.extend(guarded_many("slack", lambda: check_slack(settings.slack, probe)))
    return results


def guarded(name: str, check: Callable[[], CheckResult]) -> CheckResult:
    return guarded_many(name, lambda: [check()])[0]


def guarded_many(name: str, check: Callable[[], list[CheckResult]]) -> list[CheckResult]:
    """The error boundary of one check: a bug in it becomes a failed line, never a traceback."""
    try:
        return check()
    except Exception as exc:
        incident = uuid.uuid4().hex[:8]
        log.debug("doctor check %s crashed (ref %s)", name, incident, exc_info=True)
        return [
            CheckResult(
                name,
                False,
                f"the check itself failed ({type(exc).__name__}, ref {incident})",
                "run `surveybot -v doctor` to see the details in the log",
            )
        ]


# ------------------------------------------------------------------ config


def check_config(path: Path | None, env: Mapping[str, str]) -> tuple[Settings | None, CheckResult]:
    where = str(path) if path else "built-in defaults (no config file)"
    try:
        settings = load_settings(path, env)
    except ConfigError as exc:
        count = len(exc.problems)
        result = CheckResult(
            "config",
            False,
            f"{where}: {count} problem{'s' if count != 1 else ''}",
            "fix each problem listed (config.example.toml documents every key); secrets go in env vars "
            "or *_file keys",
            items=tuple(exc.problems),
        )
        return None, result
    slack = settings.slack
    parts = (
        f"mailbox {settings.mailbox.host or 'off'}",
        f"smtp {settings.smtp.host or 'off'}",
        f"slack {slack.mode + ' mode' if slack.enabled else 'off'}",
    )
    return settings, CheckResult("config", True, f"{where} loaded ({', '.join(parts)})")


# ------------------------------------------------------------------ data folder and store


def check_data_folder(folder: Path) -> CheckResult:
    name = "data folder"
    if not folder.exists():
        parent = _existing_parent(folder)
        if parent is not None and _writable(parent):
            return CheckResult(name, True, f"{folder} does not exist yet; `surveybot run` creates it")
        return CheckResult(
            name,
            False,
            f"{folder} does not exist and cannot be created",
            f"create {folder} for the service user, or set storage.data_dir / --data-dir",
        )
    if not folder.is_dir():
        return CheckResult(name, False, f"{folder} is not a folder", "point storage.data_dir at a folder")
    if not _writable(folder):
        return CheckResult(
            name,
            False,
            f"{folder} is not writable",
            f"give the service user write access to {folder} (chown/chmod), or set storage.data_dir",
        )
    return CheckResult(name, True, f"{folder} exists and is writable")


def _existing_parent(folder: Path) -> Path | None:
    for parent in folder.absolute().parents:
        if parent.exists():
            return parent if parent.is_dir() else None
    return None


def _writable(folder: Path) -> bool:
    """Really try: permission bits say nothing about read-only mounts or full quotas."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        log.debug("cannot write in %s", folder, exc_info=True)
        return False


def check_store(folder: Path, now: dt.datetime) -> list[CheckResult]:
    """Open the store read-only (no lock, no writes) and look at the outbox."""
    from storage import SchemaTooNew, StorageCorrupt, open_store

    if not folder.is_dir():
        return [skipped("store", "no data folder yet: nothing stored")]
    try:
        store = open_store(folder, read_only=True)
    except (StorageCorrupt, SchemaTooNew) as exc:
        log.debug("the store did not open", exc_info=True)
        return [CheckResult("store", False, f"{exc.path.name} cannot be read", str(exc))]
    with store:
        detail = (
            f"opens read-only: {store.suppliers.count()} suppliers, {len(store.campaigns.all())} campaigns"
        )
        return [CheckResult("store", True, detail), check_outbox(store, now)]


def check_outbox(store: Store, now: dt.datetime) -> CheckResult:
    from storage import OutboxState

    counts = store.outbox.counts()
    queued, failed = counts[OutboxState.QUEUED], counts[OutboxState.FAILED]
    uncertain = counts[OutboxState.UNCERTAIN]
    due = store.outbox.due(limit=1, now=now)
    waited = now - due[0].next_attempt_at if due else None
    detail = f"{queued} queued, {failed} failed" + (f", {uncertain} uncertain" if uncertain else "")
    if waited is not None:
        detail += f"; the oldest due mail has waited {describe_age(waited)}"
    if uncertain and not failed:
        return CheckResult(
            "outbox",
            False,
            detail,
            f"{uncertain} mail(s) were interrupted twice while sending and are not sent again: look for "
            "them in the Sent folder and the supplier's thread, and send by hand what is missing",
            required=False,
        )
    if failed:
        return CheckResult(
            "outbox",
            False,
            detail,
            f"{failed} mail(s) could not be sent for good: the service log names each reason; "
            "fix the cause (often the SMTP check below)",
            required=False,
        )
    if waited is not None and waited > QUEUE_STALE_AFTER:
        return CheckResult(
            "outbox",
            False,
            detail,
            "mails are not being sent: check that `surveybot run` is running and the SMTP check below",
            required=False,
        )
    return CheckResult("outbox", True, detail)


# ------------------------------------------------------------------ heartbeat


def check_heartbeat(settings: Settings, folder: Path, now: dt.datetime, required: bool) -> CheckResult:
    """The watcher's last full mailbox cycle; only a failure of the health check when ``required``."""
    mailbox = settings.mailbox
    if not mailbox.host:
        return skipped("heartbeat", "mailbox.host is empty: no watcher runs")
    heartbeat = HeartbeatFile.in_data_dir(folder)
    last = heartbeat.last()
    if last is None:
        what = "is unreadable" if heartbeat.path.exists() else "does not exist yet"
        return CheckResult(
            "heartbeat",
            False,
            f"{heartbeat.path} {what}: the watcher has not completed a mailbox cycle",
            "start `surveybot run` (or wait for its first cycle); its log says why it cannot log in",
            required=required,
        )
    if last.tzinfo is None:
        last = last.replace(tzinfo=dt.UTC)
    age = now - last
    period = max(mailbox.idle_seconds, mailbox.poll_seconds)
    limit = dt.timedelta(seconds=STALE_AFTER_PERIODS * period)
    detail = f"last mailbox cycle {describe_age(age)} ago"
    if age > limit:
        return CheckResult(
            "heartbeat",
            False,
            f"{detail} (stale after {describe_age(limit)})",
            "the watcher is stuck or cannot reach the mailbox: check the `surveybot run` log and the "
            "IMAP check (`surveybot doctor` without --offline)",
            required=required,
        )
    return CheckResult("heartbeat", True, detail)


def describe_age(age: dt.timedelta) -> str:
    seconds = max(0, int(age.total_seconds()))
    if seconds < 120:
        return f"{seconds} s"
    minutes = seconds // 60
    if minutes < 120:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {rest} min"
    return f"{hours // 24} days"
