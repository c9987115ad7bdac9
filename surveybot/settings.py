"""Typed settings, loaded once from a TOML file plus environment secrets.

Why this shape: the config file is safe to commit and share (it never holds a secret), every key has a
safe default so ``surveybot demo`` runs with no file at all, and a broken file is reported as one
``ConfigError`` listing *every* problem, not the first one. Secrets are named indirectly: ``*_env``
keys name an environment variable, ``*_file`` keys name a file (Docker/systemd credentials), and the
resolved value is a ``Secret`` whose repr never shows it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import tomllib
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from surveybot.errors import ConfigError


class Secret:
    """A secret value that never appears in logs, reprs or tracebacks."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __bool__(self) -> bool:
        return bool(self._value)

    def __repr__(self) -> str:
        return "Secret('***')" if self._value else "Secret('')"

    __str__ = __repr__


@dataclass(frozen=True)
class StorageSettings:
    data_dir: str = "data"


@dataclass(frozen=True)
class OAuth2Settings:
    tenant_id: str = ""
    client_id: str = ""
    client_secret_env: str = "SURVEYBOT_OAUTH_CLIENT_SECRET"
    client_secret_file: str = ""
    authority: str = "https://login.microsoftonline.com"
    scope: str = "https://outlook.office365.com/.default"
    refresh_token_env: str = "SURVEYBOT_OAUTH_REFRESH_TOKEN"
    refresh_token_file: str = ""


@dataclass(frozen=True)
class MailboxSettings:
    host: str = ""
    port: int = 993
    security: Literal["ssl", "starttls", "plain"] = "ssl"
    username: str = ""
    # The mailbox's own address when the login differs (a shared mailbox, a service login): the From
    # of every mail, the XOAUTH2 user, and whose Sent folder gets the copies. Empty: smtp.from_address.
    address: str = ""
    auth: Literal["password", "oauth2-microsoft", "oauth2-google"] = "password"
    password_env: str = "SURVEYBOT_IMAP_PASSWORD"
    password_file: str = ""
    ca_file: str = ""
    inbox_folder: str = "INBOX"
    processed_folder: str = "Processed"
    quarantine_folder: str = "Quarantine"
    save_sent: bool = True
    sent_folder: str = ""
    idle_seconds: int = 540
    poll_seconds: int = 60
    socket_timeout_seconds: int = 120
    max_attempts: int = 3
    max_attachment_mb: int = 25
    trusted_authserv_ids: tuple[str, ...] = ()
    oauth2: OAuth2Settings = field(default_factory=OAuth2Settings)


@dataclass(frozen=True)
class SmtpSettings:
    host: str = ""
    port: int = 587
    security: Literal["ssl", "starttls", "plain"] = "starttls"
    username: str = ""
    auth: Literal["password", "oauth2-microsoft", "oauth2-google"] = "password"
    password_env: str = "SURVEYBOT_SMTP_PASSWORD"
    password_file: str = ""
    ca_file: str = ""
    from_address: str = "rmi-survey@example.com"
    from_name: str = "Responsible Minerals Survey"
    reply_to: str = ""
    timeout_seconds: int = 30
    max_retries: int = 6
    max_messages_per_minute: int = 0  # 0: as fast as the server accepts them


@dataclass(frozen=True)
class ReplySettings:
    max_auto_replies_per_thread_per_day: int = 3
    default_language: str = "en"
    subject_tag: str = "RMI"


@dataclass(frozen=True)
class SlackSettings:
    enabled: bool = False
    mode: Literal["socket", "http"] = "socket"
    bot_token_env: str = "SLACK_BOT_TOKEN"
    bot_token_file: str = ""
    app_token_env: str = "SLACK_APP_TOKEN"
    app_token_file: str = ""
    signing_secret_env: str = "SLACK_SIGNING_SECRET"
    signing_secret_file: str = ""
    api_base_url: str = "https://slack.com/api/"
    channel: str = ""
    command: str = "/minerals"
    team_id: str = ""
    enterprise_id: str = ""
    app_id: str = ""
    http_host: str = "127.0.0.1"
    http_port: int = 3000
    digest_hour_utc: int = 7


@dataclass(frozen=True)
class NoticeSettings:
    staff_address: str = ""


@dataclass(frozen=True)
class RoleSettings:
    team_lead_users: tuple[str, ...] = ()
    team_lead_groups: tuple[str, ...] = ()
    staff_users: tuple[str, ...] = ()
    staff_groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class CampaignPolicy:
    """One campaign's own judging rules (``[campaign.policies."NAME"]``); unset keys keep ``[campaign]``'s.

    A buyer may run a strict survey (declarations dated this year, errors for smelters under a "No")
    beside a lenient one; a supplier in both is judged by the stricter of the two.
    """

    max_effective_date_age_days: int = 0  # 0 = the [campaign] value
    stale_effective_date: Literal["", "warning", "error"] = ""
    declarations_dated_from: str = ""
    smelters_for_metal_answered_no: Literal["", "warning", "error"] = ""


@dataclass(frozen=True)
class CampaignSettings:
    reminder_cadence_days: int = 7
    min_days_between_reminders: int = 0
    escalate_after_reminders: int = 3
    reminder_days_before_due: tuple[int, ...] = (14, 3)
    overdue_reminder_every_days: int = 7
    business_hours: tuple[int, ...] = (9, 17)
    """Local hours [start, end) in which reminders reach a supplier whose country is known."""
    max_effective_date_age_days: int = 365
    stale_effective_date: Literal["warning", "error"] = "warning"
    declarations_dated_from: str = ""
    smelters_for_metal_answered_no: Literal["warning", "error"] = "warning"
    minimum_versions: Mapping[str, str] = field(default_factory=dict)
    policies: Mapping[str, CampaignPolicy] = field(default_factory=dict)
    """Per campaign name, the judging rules that campaign sets apart from the defaults above."""
    blank_templates: Mapping[str, str] = field(default_factory=dict)
    """Per family, the blank template file attached when a supplier sent a retired revision; families
    not listed get the newest blank surveybot ships (``rmi.blanks``)."""


@dataclass(frozen=True)
class InvitationSettings:
    """What every invitation asks of the supplier, beside the template (``handlers.invitations``)."""

    requests_text: str = ""  # empty: the built-in wording in the supplier's language
    policy_url: str = ""
    policy_version: str = ""
    prefill_company_name: bool = True


@dataclass(frozen=True)
class CompanySettings:
    """Who the company is in its own declaration (``surveybot declaration``), and its policy answers.

    ``policy_answers`` are the company questions by letter (A = "Yes", …) as the family's template
    words them; ``policy_url`` is the comment of "is your policy publicly available".
    """

    name: str = ""
    declaration_scope: str = "A. Company"
    address: str = ""
    unique_id: str = ""
    unique_id_authority: str = ""
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    authorizer_name: str = ""
    authorizer_title: str = ""
    authorizer_email: str = ""
    authorizer_phone: str = ""
    policy_url: str = ""
    policy_answers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class LoggingSettings:
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    file: str = ""
    json: bool = False


@dataclass(frozen=True)
class Settings:
    storage: StorageSettings = field(default_factory=StorageSettings)
    mailbox: MailboxSettings = field(default_factory=MailboxSettings)
    smtp: SmtpSettings = field(default_factory=SmtpSettings)
    replies: ReplySettings = field(default_factory=ReplySettings)
    slack: SlackSettings = field(default_factory=SlackSettings)
    notices: NoticeSettings = field(default_factory=NoticeSettings)
    roles: RoleSettings = field(default_factory=RoleSettings)
    campaign: CampaignSettings = field(default_factory=CampaignSettings)
    invitations: InvitationSettings = field(default_factory=InvitationSettings)
    company: CompanySettings = field(default_factory=CompanySettings)
    logging: LoggingSettings = field(default_factory=LoggingSettings)

    @property
    def data_dir(self) -> Path:
        return Path(self.storage.data_dir)

    @property
    def mailbox_address(self) -> str:
        """The procurement mailbox's address: From of every mail, XOAUTH2 user, owner of the Sent folder."""
        return self.mailbox.address or self.smtp.from_address


def load_settings(path: Path | None, env: Mapping[str, str] | None = None) -> Settings:
    """Read ``path`` (or defaults when None) and validate everything, raising one ``ConfigError``."""
    raw: dict[str, Any] = {}
    if path is not None:
        raw = _read_toml(path)
    problems: list[str] = []
    settings = _build(Settings, raw, "", problems)
    problems.extend(_cross_checks(settings, os.environ if env is None else env))
    if problems:
        raise ConfigError(problems)
    assert isinstance(settings, Settings)
    return settings


def _read_toml(path: Path) -> dict[str, Any]:
    """The file's TOML; every way a path given on the command line can be wrong is a ``ConfigError``."""
    if path.is_dir():
        raise ConfigError(
            [f"{path} is a folder with no {' or '.join(CONFIG_NAMES)} in it: pass the config file itself, "
             f"e.g. -c {path / CONFIG_NAMES[0]}"]
        )  # fmt: skip
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError([f"config file not found: {path}"]) from exc
    except PermissionError as exc:
        raise ConfigError([f"{path}: not readable by this user ({exc.strerror})"]) from exc
    except UnicodeDecodeError as exc:
        raise ConfigError([f"{path}: not a text file in UTF-8 (byte {exc.start}); save it as UTF-8"]) from exc
    except OSError as exc:
        raise ConfigError([f"{path}: cannot be read ({exc.strerror or exc})"]) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([f"{path}: not valid TOML: {exc}"]) from exc


def resolve_secret(env_name: str, file_path: str, env: Mapping[str, str] | None = None) -> Secret:
    """A secret from a file (preferred when set) or an environment variable; empty when neither."""
    if file_path:
        try:
            return Secret(Path(file_path).read_text(encoding="utf-8").strip())
        except OSError:
            return Secret("")
    source = os.environ if env is None else env
    return Secret(source.get(env_name, "") if env_name else "")


def _build(cls: type[Any], raw: Any, prefix: str, problems: list[str]) -> Any:
    if not isinstance(raw, dict):
        problems.append(f"[{prefix.rstrip('.')}] must be a table")
        return cls()
    hints = typing.get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    for key in raw:
        if key not in known:
            problems.append(f"unknown key '{prefix}{key}'")
    values: dict[str, Any] = {}
    for item in dataclasses.fields(cls):
        if item.name not in raw:
            continue
        hint = hints[item.name]
        name = f"{prefix}{item.name}"
        if dataclasses.is_dataclass(hint):
            values[item.name] = _build(typing.cast(type[Any], hint), raw[item.name], f"{name}.", problems)
        else:
            converted = _convert(hint, raw[item.name], name, problems)
            if converted is not _INVALID:
                values[item.name] = converted
    return cls(**values)


_INVALID = object()


def _convert(hint: Any, value: Any, name: str, problems: list[str]) -> Any:
    origin = typing.get_origin(hint)
    if origin is Literal:
        allowed = typing.get_args(hint)
        if value in allowed:
            return value
        problems.append(f"'{name}' must be one of {', '.join(map(str, allowed))} (got {value!r})")
        return _INVALID
    if origin is tuple:
        item = typing.get_args(hint)[0]
        if isinstance(value, list) and all(isinstance(v, item) and not isinstance(v, bool) for v in value):
            return tuple(value)
        problems.append(f"'{name}' must be a list of {'integers' if item is int else 'strings'}")
        return _INVALID
    if origin in (Mapping, dict) and dataclasses.is_dataclass(typing.get_args(hint)[1]):
        return _build_tables(typing.get_args(hint)[1], value, name, problems)
    if origin in (Mapping, dict) or origin is getattr(types, "MappingProxyType", None):
        if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
            return dict(value)
        problems.append(f"'{name}' must be a table of strings")
        return _INVALID
    expected = hint if isinstance(hint, type) else str
    if expected is int and isinstance(value, bool):
        problems.append(f"'{name}' must be an integer")
        return _INVALID
    if isinstance(value, expected):
        return value
    problems.append(f"'{name}' must be {expected.__name__} (got {type(value).__name__})")
    return _INVALID


def _build_tables(cls: type[Any], value: Any, name: str, problems: list[str]) -> Any:
    """A table of named sub-tables of one shape, e.g. ``[campaign.policies."2026-H1"]``."""
    if not isinstance(value, dict):
        problems.append(f"'{name}' must be a table of tables")
        return _INVALID
    return {key: _build(cls, table, f"{name}.{key}.", problems) for key, table in value.items()}


def _cross_checks(settings: Settings, env: Mapping[str, str]) -> list[str]:
    problems: list[str] = []
    for name, port in (("mailbox.port", settings.mailbox.port), ("smtp.port", settings.smtp.port)):
        if not 0 < port < 65536:
            problems.append(f"'{name}' must be between 1 and 65535")
    if settings.campaign.min_days_between_reminders < 0:
        problems.append("'campaign.min_days_between_reminders' must be 0 (the campaign's cadence) or more")
    if settings.replies.max_auto_replies_per_thread_per_day < 1:
        problems.append("'replies.max_auto_replies_per_thread_per_day' must be at least 1")
    problems.extend(_campaign_problems(settings.campaign))
    if settings.mailbox.host and not settings.mailbox.username:
        problems.append("'mailbox.username' is required when 'mailbox.host' is set")
    if settings.slack.enabled and not settings.slack.channel:
        problems.append("'slack.channel' is required when Slack is enabled (a channel id like C0123456)")
    staff = settings.notices.staff_address
    if staff and ("@" not in staff or any(ch.isspace() or ch in ",;<>" for ch in staff)):
        problems.append(
            "'notices.staff_address' must be one e-mail address (a list address for several people)"
        )
    if staff and staff.casefold() == settings.mailbox_address.casefold():
        problems.append("'notices.staff_address' must not be the survey mailbox itself (a mail loop)")
    if settings.slack.command and not settings.slack.command.startswith("/"):
        problems.append("'slack.command' must start with '/'")
    problems.extend(_blank_template_problems(settings.campaign.blank_templates))
    problems.extend(_missing_secrets(settings, env))
    return problems


def _campaign_problems(campaign: CampaignSettings) -> list[str]:
    problems: list[str] = []
    if campaign.max_effective_date_age_days < 1:
        problems.append("'campaign.max_effective_date_age_days' must be at least 1")
    if (
        any(days < 0 for days in campaign.reminder_days_before_due)
        or campaign.overdue_reminder_every_days < 1
    ):
        problems.append(
            "'campaign.reminder_days_before_due' must be days (0 or more) and "
            "'campaign.overdue_reminder_every_days' at least 1"
        )
    hours = campaign.business_hours
    if len(hours) != 2 or not 0 <= hours[0] < hours[1] <= 24:
        problems.append("'campaign.business_hours' must be [start, end] hours, e.g. [9, 17]")
    problems.extend(_date_problems("campaign.declarations_dated_from", campaign.declarations_dated_from))
    for name, policy in campaign.policies.items():
        prefix = f'campaign.policies."{name}"'
        if policy.max_effective_date_age_days < 0:
            problems.append(f"'{prefix}.max_effective_date_age_days' must be 0 (the default) or more")
        problems.extend(_date_problems(f"{prefix}.declarations_dated_from", policy.declarations_dated_from))
    return problems


def _date_problems(key: str, text: str) -> list[str]:
    if not text:
        return []
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return [f"'{key}' must be a date like 2026-01-01 or empty (got {text!r})"]
    return []


def _blank_template_problems(blanks: Mapping[str, str]) -> list[str]:
    problems = []
    for family, path in blanks.items():
        if family.upper() not in ("CMRT", "EMRT", "CRT", "AMRT"):
            problems.append(
                f"'campaign.blank_templates.{family}' is not a template family (CMRT, EMRT, CRT, AMRT)"
            )
        elif not Path(path).is_file():
            problems.append(
                f"'campaign.blank_templates.{family}' names {path!r}, which is not a readable file"
            )
    return problems


def _missing_secrets(settings: Settings, env: Mapping[str, str]) -> list[str]:
    """Name each secret that a configured feature needs but cannot find (never its value)."""
    wanted: list[tuple[str, str, str]] = []
    mailbox, smtp, slack = settings.mailbox, settings.smtp, settings.slack
    if mailbox.host and mailbox.auth == "password":
        wanted.append(("IMAP password", mailbox.password_env, mailbox.password_file))
    if (mailbox.host and mailbox.auth != "password") or (smtp.host and smtp.auth != "password"):
        oauth = mailbox.oauth2
        wanted.append(("OAuth2 client secret", oauth.client_secret_env, oauth.client_secret_file))
    if smtp.host and smtp.username and smtp.auth == "password":
        wanted.append(("SMTP password", smtp.password_env, smtp.password_file))
    if slack.enabled:
        wanted.append(("Slack bot token", slack.bot_token_env, slack.bot_token_file))
        if slack.mode == "socket":
            wanted.append(("Slack app-level token", slack.app_token_env, slack.app_token_file))
        else:
            wanted.append(("Slack signing secret", slack.signing_secret_env, slack.signing_secret_file))
    problems = []
    for label, env_name, file_path in wanted:
        if file_path and not Path(file_path).is_file():
            what = "is not a file" if Path(file_path).exists() else "does not exist"
            problems.append(f"{label}: secret file {file_path} {what}")
        elif not file_path and not env.get(env_name):
            problems.append(f"{label}: set the environment variable {env_name} (or the matching *_file key)")
    return problems


CONFIG_NAMES = ("config.toml", "surveybot.toml")  # the deployment's name first, then the tests' and benches'


def config_path_from(explicit: str | None, env: Mapping[str, str] | None = None) -> Path | None:
    """The config file to use: ``--config``, else ``$SURVEYBOT_CONFIG``, else ``./config.toml`` if present.

    A folder given for either (``-c /etc/surveybot``) means the config file in it, by its usual names;
    a folder without one is left as it is, for ``load_settings`` to say what to pass instead.
    """
    if explicit:
        return _config_in_folder(Path(explicit))
    source = os.environ if env is None else env
    if source.get("SURVEYBOT_CONFIG"):
        return _config_in_folder(Path(source["SURVEYBOT_CONFIG"]))
    local = Path("config.toml")
    return local if local.is_file() else None


def _config_in_folder(path: Path) -> Path:
    if not path.is_dir():
        return path
    return next((path / name for name in CONFIG_NAMES if (path / name).is_file()), path)
