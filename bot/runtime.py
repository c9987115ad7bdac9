"""What the Slack listeners share: settings, the store, the role directory and the background pool.

``BotDeps`` is what the caller of ``create_app`` hands in (the store, secrets, optional overrides);
``Runtime`` is built from it once per app and passed to every listener explicitly - there is no
module-level state, so two apps (two tests) never see each other's store or executor.
"""

from __future__ import annotations

from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field

from slack_sdk import WebClient

from bot.directory import GroupDirectory
from bot.workspace import UNPINNED, is_pinned
from handlers.auth import Caller, configured_groups, roles_for
from handlers.commands import CommandDeps
from handlers.reminders import ReminderRenderer, builtin_reminder
from handlers.replies import ReplyRenderer
from storage import Store
from surveybot.settings import Secret, Settings
from surveybot.status import Activity

GROUP_LOOKUP_FAILED = (
    "I could not check your user groups with Slack just now (the lookup failed); please try again"
)


@dataclass(frozen=True)
class BotDeps:
    """Everything ``create_app`` needs besides settings.

    ``render_reply`` words the mail a staff decision on a held file sends (``mail.render.MailRenderer``);
    without it those buttons answer that mail is not set up. ``executor`` runs reminder waves after
    the click that confirmed them has been acknowledged; when ``None`` the app makes its own small
    pool. ``progress_interval_seconds`` throttles the wave's progress edits (Slack allows about one
    ``chat.update`` per second per message); ``send_progress_seconds`` throttles the edits while the
    wave's mails are sent, which takes as long as the SMTP server's pace (``bot.wave_progress``).
    ``activity`` records the time of each request that
    passed the workspace check.
    """

    store: Store
    bot_token: Secret
    signing_secret: Secret = field(default_factory=lambda: Secret(""))
    render_reminder: ReminderRenderer = builtin_reminder
    render_reply: ReplyRenderer | None = None  # staff decisions on held files answer the supplier
    executor: Executor | None = None
    group_cache_seconds: float = 300.0
    wave_chunk: int = 200
    progress_interval_seconds: float = 1.0
    send_progress_seconds: float = 5.0  # while a wave's mails are sent: at most one edit per this
    send_watch_seconds: float = 6 * 3600.0  # then the message points to ``surveybot status``
    activity: Activity | None = None  # ``surveybot status`` shows when Slack last reached the app


@dataclass(frozen=True)
class Runtime:
    settings: Settings
    deps: BotDeps
    directory: GroupDirectory
    executor: Executor

    @classmethod
    def build(cls, settings: Settings, deps: BotDeps, client: WebClient) -> Runtime:
        groups = configured_groups(settings.roles)
        directory = GroupDirectory(client, groups, ttl_seconds=deps.group_cache_seconds)
        executor = deps.executor or ThreadPoolExecutor(max_workers=2, thread_name_prefix="surveybot-wave")
        return cls(settings, deps, directory, executor)

    @property
    def store(self) -> Store:
        return self.deps.store

    @property
    def command_deps(self) -> CommandDeps:
        return CommandDeps(
            self.deps.store,
            self.settings.replies.subject_tag,
            self.settings.slack.command,
            self.settings.campaign.min_days_between_reminders,
            self.settings.invitations.policy_version,
        )

    def caller(self, user_id: str) -> Caller:
        """The Slack user with the roles the settings grant them (directly or through a user group).

        No role at all while the config does not pin our workspace (see ``bot.workspace``); a role
        that may be missing only because a group lookup failed is marked, so the refusal says so.
        """
        if not is_pinned(self.settings.slack):
            return Caller(user_id, frozenset(), withheld=UNPINNED)
        membership = self.directory.membership(user_id)
        roles = roles_for(self.settings.roles, user_id, membership.groups)
        if roles != roles_for(self.settings.roles, user_id, membership.groups | membership.unknown):
            return Caller(user_id, roles, withheld=GROUP_LOOKUP_FAILED)
        return Caller(user_id, roles)
