"""Look-ahead: parse the next mails and check their workbooks in worker processes, in parallel.

Why: handling a supplier's mail is CPU-bound (MIME parsing of a 2 MB mail, then reading and judging
the workbook), and the watcher handles one mail at a time, so a 2-core machine would use one core.
While the watcher handles mail *n*, the workers already parse mails *n+1…n+k* and run the checker on
their spreadsheet candidates. The route table still calls its checker and decides everything; the
checker handed to it (``Lookahead.checker``) answers from the prepared results when the same bytes,
file name and policy were checked ahead, and runs the real checker itself otherwise. So look-ahead
changes where the work runs, never what is decided: a worker error, a dead worker or a guessed
policy that turns out different all end in the same synchronous work as without look-ahead.

The policy is guessed as the one over all active campaigns (what a supplier in every campaign gets);
``handlers.judging`` computes the supplier's own, and only when they differ is the file re-checked.
Workers are started with ``spawn`` (the watcher process has threads, and ``fork`` would copy their
locks). A worker exits by itself when its parent is gone: a SIGKILLed bot must not leave workers
waiting forever on a queue nobody writes to.
"""

from __future__ import annotations

import concurrent.futures as futures
import hashlib
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from mail.model import InboundMail
from rmi.policy import Policy

log = logging.getLogger(__name__)

Parse = Callable[[bytes], InboundMail]
Checker = Callable[[bytes, str, Policy], Any]
_WAIT_SECONDS = 300.0  # a prepared result not ready by then is computed here instead
_PARENT_CHECK_SECONDS = 0.5


@dataclass(frozen=True, slots=True)
class Prepared:
    mail: InboundMail
    policy: Policy
    checked: dict[tuple[str, str], Any]  # (sha256, file name) -> checker result under ``policy``


def exit_with_parent(parent_pid: int) -> None:
    """Worker initializer: end this worker soon after the process that started it is gone."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(_PARENT_CHECK_SECONDS)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def prepare(raw: bytes, parse: Parse, check: Checker, policy: Policy) -> Prepared:
    """The worker's task: parse ``raw`` and check every spreadsheet candidate (see module docstring)."""
    from mail.candidates import is_spreadsheet_candidate

    mail = parse(raw)
    checked = {}
    for item in mail.attachments:
        if item.data and is_spreadsheet_candidate(item):
            checked[(hashlib.sha256(item.data).hexdigest(), item.filename)] = check(
                item.data, item.filename, policy
            )
    return Prepared(mail, policy, checked)


class Lookahead:
    """Prepared mails by IMAP key; ``checker`` is the checker to give the route table.

    Used from the watcher's thread only: ``submit`` for the mails ahead, ``parsed`` for the mail about
    to be routed, and ``checker`` while the route table handles it.
    """

    def __init__(
        self,
        parse: Parse,
        check: Checker,
        guess_policy: Callable[[], Policy],
        *,
        workers: int = 2,
        window: int = 4,
    ) -> None:
        self._parse, self._check, self._guess_policy = parse, check, guess_policy
        self.workers, self.window = workers, window
        self._pool: futures.ProcessPoolExecutor | None = None
        self._pending: dict[str, futures.Future[Prepared]] = {}
        self._current: Prepared | None = None  # the mail the route table is handling now
        self.hits = self.misses = 0

    def _executor(self) -> futures.ProcessPoolExecutor:
        if self._pool is None:
            self._pool = futures.ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=exit_with_parent,
                initargs=(os.getpid(),),
            )
        return self._pool

    def submit(self, key: str, raw: bytes) -> None:
        """Start preparing the mail known by ``key`` (a no-op when it already is being prepared)."""
        if key in self._pending:
            return
        while len(self._pending) >= self.window * 4:  # never consumed (handled elsewhere): let go
            self._pending.pop(next(iter(self._pending))).cancel()
        try:
            future = self._executor().submit(prepare, raw, self._parse, self._check, self._guess_policy())
        except (BrokenProcessPool, RuntimeError):
            self._restart()
            return
        self._pending[key] = future

    def parsed(self, key: str, raw: bytes) -> InboundMail:
        """The mail for ``key``: prepared by a worker when possible, else parsed here."""
        future = self._pending.pop(key, None)
        prepared = self._result(future) if future is not None else None
        self._current = prepared
        return prepared.mail if prepared is not None else self._parse(raw)

    def _result(self, future: futures.Future[Prepared]) -> Prepared | None:
        try:
            return future.result(timeout=_WAIT_SECONDS)
        except BrokenProcessPool:
            log.warning("a look-ahead worker died; continuing without its results", exc_info=True)
            self._restart()
        except Exception:  # the worker's parse or check raised: redo it here, at the mail's own boundary
            log.info("look-ahead preparation failed; the mail is handled without it", exc_info=True)
        return None

    def checker(self, data: bytes, filename: str, policy: Policy) -> Any:
        """The route table's checker: a prepared result for the same file and policy, else a fresh check."""
        prepared = self._current
        if prepared is not None and prepared.policy == policy:
            found = prepared.checked.get((hashlib.sha256(data).hexdigest(), filename))
            if found is not None:
                self.hits += 1
                return found
        self.misses += 1
        return self._check(data, filename, policy)

    def _restart(self) -> None:
        pool, self._pool = self._pool, None
        self._pending.clear()
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """Stop the workers (waiting for the one task each may be running, so nothing is left behind)."""
        pool, self._pool = self._pool, None
        self._pending.clear()
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
