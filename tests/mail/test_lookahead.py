"""Look-ahead workers change where mail is parsed and checked, never what is decided."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mail.lookahead import Lookahead
from mail.parse import parse_message
from rmi.check import check_bytes
from rmi.model import Family
from rmi.policy import Policy
from tests.support.mailservers import supplier_mail

TEMPLATE = Path(__file__).resolve().parents[2] / "rmi" / "data" / "templates" / "RMI_CMRT_6.5.xlsx"
POLICY = Policy(today=dt.date(2026, 11, 25))


def dies_in_a_worker(data: bytes, filename: str, policy: Policy) -> Any:
    """A checker that kills the worker process running it (a segfault or the OOM killer)."""
    if multiprocessing.parent_process() is not None:
        os._exit(3)
    return check_bytes(data, filename, policy)


@pytest.fixture
def raw() -> bytes:
    return supplier_mail(1, attachment=("CMRT.xlsx", TEMPLATE.read_bytes()))


@pytest.fixture
def lookahead() -> Iterator[Lookahead]:
    made = Lookahead(parse_message, check_bytes, lambda: POLICY, workers=1)
    yield made
    made.close()


def test_a_prepared_mail_and_verdict_equal_what_the_watcher_computes_itself(
    lookahead: Lookahead, raw: bytes
) -> None:
    lookahead.submit("1:1", raw)
    mail = lookahead.parsed("1:1", raw)
    assert mail == parse_message(raw)
    (attachment,) = mail.attachments
    prepared = lookahead.checker(attachment.data, attachment.filename, POLICY)
    direct = check_bytes(attachment.data, attachment.filename, POLICY)
    assert (lookahead.hits, lookahead.misses) == (1, 0)
    assert (prepared.identity, prepared.verdict) == (direct.identity, direct.verdict)


def test_a_different_policy_is_checked_again_not_taken_from_the_worker(
    lookahead: Lookahead, raw: bytes
) -> None:
    lookahead.submit("1:1", raw)
    (attachment,) = lookahead.parsed("1:1", raw).attachments
    strict = Policy(today=POLICY.today, minimum_versions={Family.CMRT: "6.5"})
    result = lookahead.checker(attachment.data, attachment.filename, strict)
    assert (lookahead.hits, lookahead.misses) == (0, 1)
    assert result.verdict == check_bytes(attachment.data, attachment.filename, strict).verdict


def test_a_dying_worker_costs_speed_not_the_mail(raw: bytes) -> None:
    lookahead = Lookahead(parse_message, dies_in_a_worker, lambda: POLICY, workers=1)
    try:
        lookahead.submit("1:1", raw)
        mail = lookahead.parsed("1:1", raw)  # the worker died: parsed here instead
        (attachment,) = mail.attachments
        result = lookahead.checker(attachment.data, attachment.filename, POLICY)
        assert result.verdict == check_bytes(attachment.data, attachment.filename, POLICY).verdict
        lookahead.submit("1:2", raw)  # a fresh pool is started for the next mail (and dies again)
        assert lookahead.parsed("1:2", raw) == mail
    finally:
        lookahead.close()
