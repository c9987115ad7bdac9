"""Wave throughput: a 1,000-supplier invitation wave with the template attached, then a reminder wave.

1. Invitations: ``tests.support.waveworker`` (a separate process: ``open_campaign`` with the blank
   CMRT 6.5 attached and each supplier's company name written in, then the production outbox sender)
   against aiosmtpd in a process of its own (as a real mail server runs; it receives and counts every
   byte); clocked from the worker's start until it has sent the last mail.
2. Reminders: the scheduler's cadence wave (``handlers.cadence.run``, 14 days before the due date)
   for the same 1,000 suppliers, queued and sent by the production sender over one SMTP session.

Printed beside them, measured in the same run: the ``transport floor`` (the same number of mails of
the same size sent over one SMTP session with smtplib, prebuilt, nothing else; for the invitations
also with the sender's own SMTP class, whose DATA skips smtplib's regex dot-stuffing, so what is
left is the server's own receiving) and, for the
invitations, what personalising the template with an openpyxl load-and-save would cost (a sample,
scaled to the wave) - the naive way, which also drops parts of the workbook.

Usage: ``.venv/bin/python bench/wave_bench.py [--suppliers N]``. Targets from issue 17 (2 cores):
invitations ≤ 60 s, reminders ≤ 30 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import multiprocessing
import os
import shutil
import smtplib
import subprocess
import sys
import tempfile
import time
from email.message import EmailMessage
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from aiosmtpd.controller import Controller  # noqa: E402

from handlers import cadence  # noqa: E402
from handlers.ports import RecordingNotifier  # noqa: E402
from handlers.reminders import builtin_reminder  # noqa: E402
from mail.sender import OutboxSender  # noqa: E402
from mail.smtp import QuickSmtp, SmtpMailer  # noqa: E402
from rmi.blanks import blank_template  # noqa: E402
from storage import ManualClock, OutboxState, open_store  # noqa: E402
from surveybot.localservers import free_port  # noqa: E402
from surveybot.settings import Secret, SmtpSettings  # noqa: E402
from tests.support.waveworker import CAMPAIGN  # noqa: E402

NAIVE_SAMPLE = 3


class Counter:
    """aiosmtpd handler that counts messages and their bytes, keeping nothing.

    The counts live in shared memory: the server runs in a process of its own (``SmtpProcess``), as
    a mail server would, so its Python work on every received line does not share one GIL with the
    client being measured (in the transport floor it did, which made the floor the sum of both).
    """

    def __init__(self, context: Any) -> None:
        self._count = context.Value("q", 0)
        self._bytes = context.Value("q", 0)

    @property
    def count(self) -> int:
        return int(self._count.value)

    @property
    def bytes(self) -> int:
        return int(self._bytes.value)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self._count.get_lock():
            self._count.value += 1
            self._bytes.value += len(envelope.original_content or envelope.content)
        return "250 OK"


def serve(counter: Counter, port: int, ready: Any, stop: Any) -> None:
    """The SMTP server process: aiosmtpd on ``port`` until ``stop`` is set."""
    controller = Controller(counter, hostname="127.0.0.1", port=port, data_size_limit=0)
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()


class SmtpProcess:
    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self.counter, self.port = Counter(context), free_port()
        self._ready, self._stop = context.Event(), context.Event()
        args = (self.counter, self.port, self._ready, self._stop)
        self._process = context.Process(target=serve, args=args, daemon=True)

    def __enter__(self) -> SmtpProcess:
        self._process.start()
        if not self._ready.wait(60):
            raise SystemExit("the SMTP server process did not start")
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._process.join(30)


def invitation_wave(work: Path, port: int, suppliers: int, counter: Counter) -> float:
    config = work / "surveybot.toml"
    config.write_text(
        f'[storage]\ndata_dir = "{work / "data"}"\n\n[smtp]\nhost = "127.0.0.1"\nport = {port}\n'
        'security = "plain"\nfrom_address = "rmi@buyer.example"\n'
    )
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "tests.support.waveworker", str(config), str(suppliers)],
        cwd=REPO, capture_output=True, text=True, check=False, env={**os.environ, "PYTHONPATH": str(REPO)},
    )  # fmt: skip
    elapsed = time.perf_counter() - started
    if result.returncode != 0 or counter.count != suppliers:
        raise SystemExit(f"invitation wave failed ({counter.count} mails): {result.stderr[-2000:]}")
    return elapsed


def reminder_wave(work: Path, port: int, suppliers: int, counter: Counter) -> float:
    before = counter.count
    settings = SmtpSettings(host="127.0.0.1", port=port, security="plain", from_address="rmi@buyer.example")
    started = time.perf_counter()
    with open_store(work / "data", ManualClock(dt.datetime(2027, 3, 17, 6, 0, tzinfo=dt.UTC))) as store:
        campaign = store.campaigns.by_name(CAMPAIGN)
        assert campaign is not None
        notifier = RecordingNotifier()
        now = store.clock.now()
        (summary,) = cadence.run(store, now, cadence.Cadence(), "RMI", builtin_reminder, notifier)
        mailer = SmtpMailer(settings, Secret(""))
        sender = OutboxSender(store, mailer, settings, notifier=notifier, clock=store.clock)
        sender.drain()
        mailer.close()
        assert store.outbox.counts(summary.wave.id)[OutboxState.SENT] == suppliers
    elapsed = time.perf_counter() - started
    if counter.count - before != suppliers:
        raise SystemExit(f"reminder wave sent {counter.count - before} mails, not {suppliers}")
    return elapsed


def transport_floor(port: int, mails: int, size: int, client: type[smtplib.SMTP]) -> float:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "rmi@buyer.example", "x@s.example", "floor"
    message.set_content("x" * 200)
    if size > 1000:
        message.add_attachment(os.urandom(size * 3 // 4), maintype="application", subtype="octet-stream")
    raw = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
    started = time.perf_counter()
    with client("127.0.0.1", port) as session:
        for _ in range(mails):
            session.sendmail("rmi@buyer.example", ["x@s.example"], raw)
    return time.perf_counter() - started


def naive_personalisation(mails: int) -> float:
    import openpyxl

    blank = blank_template("CMRT", "6.5")
    assert blank is not None
    data = blank.read_bytes()
    started = time.perf_counter()
    for n in range(NAIVE_SAMPLE):
        book = openpyxl.load_workbook(io.BytesIO(data))
        book["Declaration"]["D8"] = f"Supplier {n} Metals"
        book.save(io.BytesIO())
    return (time.perf_counter() - started) / NAIVE_SAMPLE * mails


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--suppliers", type=int, default=1000)
    args = parser.parse_args()
    n = args.suppliers
    load_before = os.getloadavg()[0]
    work = Path(tempfile.mkdtemp(prefix="wave-bench-"))
    server = SmtpProcess()
    counter, port = server.counter, server.port
    try:
        with server:
            invite = invitation_wave(work, port, n, counter)
            invite_size = counter.bytes // max(counter.count, 1)
            remind = reminder_wave(work, port, n, counter)
            remind_size = (counter.bytes - invite_size * n) // n
            invite_floor = transport_floor(port, n, invite_size, smtplib.SMTP)
            invite_quick = transport_floor(port, n, invite_size, QuickSmtp)
            remind_floor = transport_floor(port, n, remind_size, smtplib.SMTP)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    naive = naive_personalisation(n)
    print(f"wave bench: {n} suppliers, {os.cpu_count()} cores, aiosmtpd on loopback (no TLS)")
    print(f"  invitation wave (open + queue + send, {invite_size / 1e6:.2f} MB each) {invite:7.1f} s   "
          f"{n / invite:6.1f} mails/s   target ≤ 60 s")  # fmt: skip
    print(f"    transport floor (same size, one smtplib session)          {invite_floor:7.1f} s   "
          f"wave / floor {invite / invite_floor:5.2f} x")  # fmt: skip
    print(f"    transport floor (same, the sender's SMTP class: fast DATA)  {invite_quick:7.1f} s   "
          f"wave / floor {invite / invite_quick:5.2f} x")  # fmt: skip
    print(f"    naive openpyxl personalisation alone (sample × {n})       {naive:7.1f} s   "
          f"{naive / invite:5.1f} x the whole wave")  # fmt: skip
    print(f"  reminder wave (cadence + queue + send, {remind_size / 1e3:.1f} kB each)  {remind:7.1f} s   "
          f"{n / remind:6.1f} mails/s   target ≤ 30 s")  # fmt: skip
    print(f"    transport floor (same size, one smtplib session)          {remind_floor:7.1f} s   "
          f"wave / floor {remind / remind_floor:5.2f} x")  # fmt: skip
    print(f"  load average (1 min) before / after {load_before:6.2f} / {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
