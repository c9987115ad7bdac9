"""Builds the running service once, for ``surveybot run`` and the offline demo alike.

Why one place: the demo must show the production code paths, not a look-alike. Both call
``build_service``; the demo only swaps the notifier (terminal instead of a Slack channel) and
points the mailbox and transport at local servers through ordinary settings.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from handlers.notices import Notice
from handlers.ports import Clock, Notifier, SystemClock
from storage import KeyKind, Store, open_store
from surveybot.settings import Settings
from surveybot.status import Activity, LiveState, live_state

if TYPE_CHECKING:
    from slack_bolt import App

    from mail.service import MailService
    from surveybot.control.server import ControlServer

log = logging.getLogger("surveybot.run")

SLACK_EVENT_MEMORY = dt.timedelta(hours=1)


class LogNotifier:
    """Staff notices when Slack is off: one log line each (and, with ``notices.staff_address``, the
    hourly staff mail of ``mail.staff_mail`` on top), so nothing is silently dropped."""

    def post(self, notice: Notice) -> None:
        log.info("notice for staff: %s", notice)


@dataclass
class Service:
    settings: Settings
    store: Store
    clock: Clock
    notifier: Notifier
    mail: MailService | None
    slack_app: App | None
    scheduler: Scheduler | None = None
    activity: Activity | None = None
    control: ControlServer | None = None  # staff commands while running (``surveybot.control``)
    stopped: threading.Event = field(default_factory=threading.Event)

    def start(self) -> None:
        if self.mail is not None:
            self.mail.start()
        if self.scheduler is not None:
            self.scheduler.start()
        if self.control is not None:  # last: a command it accepts finds everything running
            self.control.start()

    def stop(self) -> None:
        self.stopped.set()
        if self.control is not None:  # first: no command may write to a store being closed
            self.control.stop()
        if self.scheduler is not None:
            self.scheduler.stop()
        if self.mail is not None:
            self.mail.stop()
        self.store.close()

    def live_state(self) -> LiveState:
        activity = self.activity or Activity(self.clock.now())
        next_wave = getattr(self.scheduler, "next_wave", None)  # the campaign cadence, where wired
        return live_state(
            activity,
            mailbox_on=self.mail is not None and bool(self.settings.mailbox.host),
            slack_on=self.slack_app is not None,
            last_cycle=self.mail.heartbeat.last() if self.mail is not None else None,
            next_wave=str(next_wave() or "") if callable(next_wave) else "",
        )


def build_service(
    settings: Settings,
    *,
    env: Mapping[str, str] | None = None,
    notifier: Notifier | None = None,
    clock: Clock | None = None,
    store: Store | None = None,
    control_socket: bool = False,
    **mail_options: Any,
) -> Service:
    """Open the store and wire the mail loop, the Slack app and the scheduler from ``settings``;
    with ``control_socket``, also the socket staff commands reach the running service through."""
    clock = clock or SystemClock()
    store = store or open_store(settings.data_dir, clock)
    activity = Activity(clock.now())
    renderer = _mail_renderer(settings)  # the one Jinja environment, for replies and reminders alike
    slack_app = _slack_app(settings, store, env, renderer, activity) if settings.slack.enabled else None
    if notifier is None:
        notifier = _slack_notifier(settings, slack_app) if slack_app is not None else LogNotifier()
        if settings.notices.staff_address:
            notifier = _staff_mail_notifier(settings, store, clock, renderer, notifier)
    mail = _mail_service(settings, store, notifier, clock, renderer, env, mail_options)
    service = Service(settings, store, clock, notifier, mail, slack_app, activity=activity)
    service.scheduler = Scheduler(service)
    if control_socket:
        from surveybot.control.hosting import control_server

        service.control = control_server(service)
    return service


def _slack_app(
    settings: Settings, store: Store, env: Mapping[str, str] | None, renderer: Any, activity: Activity
) -> App:
    from bot.app import bot_deps, create_app
    from handlers.reminders import reminder_renderer

    deps = bot_deps(
        settings, store, env, render_reminder=reminder_renderer(renderer), render_reply=renderer,
        activity=activity,
    )  # fmt: skip
    return create_app(settings, deps)


def _slack_notifier(settings: Settings, app: App) -> Notifier:
    from bot.app import notifier

    return notifier(settings, app)


def _staff_mail_notifier(
    settings: Settings, store: Store, clock: Clock, renderer: Any, inner: Notifier
) -> Notifier:
    from mail.staff_mail import StaffMailNotifier

    return StaffMailNotifier(
        store, clock, settings.notices.staff_address, renderer, inner=inner,
        subject_tag=settings.replies.subject_tag,
    )  # fmt: skip


def _mail_renderer(settings: Settings) -> Any:
    from mail.render import MailRenderer, create_environment

    return MailRenderer(create_environment(), signature=settings.smtp.from_name)


def _mail_service(
    settings: Settings,
    store: Store,
    notifier: Notifier,
    clock: Clock,
    renderer: Any,
    env: Mapping[str, str] | None,
    options: Mapping[str, Any],
) -> MailService | None:
    if not settings.mailbox.host and not settings.smtp.host:
        return None
    from mail.service import MailService

    return MailService.for_survey(
        settings,
        store,
        notifier=notifier,
        clock=clock,
        renderer=renderer,
        secrets=env,
        **options,
    )


class Scheduler:
    """Once a minute: the staff mail digest when due, an outbox wake-up, and the daily Slack digest at
    ``slack.digest_hour_utc``."""

    def __init__(self, service: Service, interval: float = 60.0) -> None:
        self._service = service
        self._interval = interval
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="scheduler", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(10)

    def _loop(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                self.tick()
            except Exception:
                log.error("scheduler tick failed", exc_info=True)

    def tick(self) -> None:
        service = self._service
        send_staff_digest = getattr(service.notifier, "send_staff_digest", None)
        if send_staff_digest is not None:  # notices Slack did not take, by mail at most once an hour
            send_staff_digest()
        if service.mail is not None:
            service.mail.sender.wake()
        # Slack retries a delivery within minutes; older event ids only make every flush bigger.
        service.store.dedupe.prune(KeyKind.SLACK_EVENT, service.clock.now() - SLACK_EVENT_MEMORY)
        post_digest = getattr(service.notifier, "post_daily_digest", None)
        if post_digest is not None and service.clock.now().hour == service.settings.slack.digest_hour_utc:
            post_digest(service.store)
