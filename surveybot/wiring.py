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
    renderer: Any = None
    activity: Activity | None = None
    control: ControlServer | None = None  # staff commands while running (``surveybot.control``)
    stopped: threading.Event = field(default_factory=threading.Event)

    def start(self) -> None:
        self.resume_waves()
        if self.mail is not None:
            self.mail.start()
        if self.scheduler is not None:
            self.scheduler.start()
        if self.control is not None:  # last: a command it accepts finds everything running
            self.control.start()

    def reminder_render(self) -> Any:
        from handlers.reminders import builtin_reminder, reminder_renderer

        return reminder_renderer(self.renderer) if self.renderer is not None else builtin_reminder

    def resume_waves(self) -> None:
        """Finish queuing the waves a crash or a stop cut short (``handlers.wave_resume``)."""
        from handlers.wave_resume import resume_all
        from surveybot.invitation_kit import invitation_options

        settings = self.settings
        render = self.reminder_render()
        try:
            resume_all(
                self.store, self.clock.now(), settings.replies.subject_tag, render,
                lambda c: invitation_options(settings, c.family, c.template_version), cadence_for(settings),
            )  # fmt: skip
        except Exception:  # the start's boundary: a wave that cannot be resumed must not stop the mail loop
            log.error("could not resume the unfinished waves", exc_info=True)

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
        return live_state(
            activity,
            mailbox_on=self.mail is not None and bool(self.settings.mailbox.host),
            slack_on=self.slack_app is not None,
            last_cycle=self.mail.heartbeat.last() if self.mail is not None else None,
            next_wave=self.scheduler.next_wave() if self.scheduler is not None else "",
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
    service = Service(settings, store, clock, notifier, mail, slack_app, renderer=renderer, activity=activity)
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


def cadence_for(settings: Settings) -> Any:
    """The campaign cadence of ``handlers.cadence`` from ``[campaign]``."""
    from handlers.cadence import Cadence

    c = settings.campaign
    start, end = c.business_hours
    return Cadence(
        before_due=c.reminder_days_before_due, overdue_every=c.overdue_reminder_every_days,
        min_gap=c.min_days_between_reminders, escalate_after=c.escalate_after_reminders,
        business_hours=(start, end), policy_version=settings.invitations.policy_version,
    )  # fmt: skip


class Scheduler:
    """Once a minute: scheduled reminder waves on each campaign's cadence (``handlers.cadence``), the
    staff mail digest when due, an outbox wake-up, and the daily Slack digest at
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

    def next_wave(self) -> str:
        """The next cadence wave, for ``surveybot status``: campaign, day and how many it would reach."""
        from handlers import cadence

        service = self._service
        try:
            coming = cadence.next_wave(
                service.store, service.clock.now().date(), cadence_for(service.settings),
                service.settings.replies.subject_tag,
            )  # fmt: skip
        except Exception:  # the rest of the status is still worth showing
            log.error("could not work out the next scheduled wave", exc_info=True)
            return "unknown (see the service's log)"
        if coming is None:
            return ""
        reached = f"{coming.suppliers} supplier(s) would be reminded as things stand"
        return f"{coming.campaign.name} on {coming.day.isoformat()}: {reached}"

    def tick(self) -> None:
        from handlers import cadence

        service = self._service
        settings = service.settings
        cadence.run(
            service.store, service.clock.now(), cadence_for(settings), settings.replies.subject_tag,
            service.reminder_render(), service.notifier,
        )  # fmt: skip
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
