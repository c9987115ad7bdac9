"""Conversation keys and reply subjects: one thread per conversation, whatever the mail programs add."""

from __future__ import annotations

import pytest

from handlers.threads import (
    bracketed,
    reply_headers,
    reply_references,
    reply_subject,
    subject_core,
    thread_key,
)

TAG = "[RMI 2026-H1]"


@pytest.mark.parametrize(
    "original",
    [
        "Request for CMRT",
        "Fwd: Request for CMRT",
        "[EXTERNAL] Request for CMRT",
        "Request for CMRT [RMI 2026-H1]",
        "关于2026年CMRT的提交",
        "Request  for   CMRT (two spaces kept)",
    ],
)
def test_a_reply_is_re_plus_the_suppliers_subject_exactly(original: str) -> None:
    assert reply_subject(original) == f"Re: {original}"


@pytest.mark.parametrize(
    "original",
    [
        "RE: Request for CMRT",
        "Re: AW: Fwd: Request for CMRT",
        "AW: Request for CMRT",
        "回复：Request for CMRT",
        "回复: Request for CMRT",
        "答复: 转发: Request for CMRT",
        "SV: Request for CMRT",
        "Antw: Request for CMRT",
        "RE: [RMI 2026-H1] Request for CMRT",
        "Re[2]: Request for CMRT",
        "返信：Request for CMRT",
        "RE : Request for CMRT",
    ],
)
def test_a_subject_that_already_starts_with_a_reply_prefix_is_kept_as_it_is(original: str) -> None:
    assert reply_subject(original) == original


def test_a_subject_folded_over_lines_or_with_control_characters_is_one_line() -> None:
    assert reply_subject("CMRT\r\n for 2026\x00") == "Re: CMRT  for 2026"
    assert reply_subject("") == "Re:"


def test_every_reply_in_a_loop_maps_to_the_same_thread() -> None:
    first = thread_key("Request for CMRT", [], "", "<a@x>")
    ours = f"{TAG} Request for CMRT"  # an invitation we started, with the campaign tag
    theirs = f"RE: {ours}"
    again = f"AW: Re: {theirs}"
    keys = {first, thread_key(theirs, ["<a@x>"], "<r1@y>", "<b@x>"), thread_key(again, [], "", "<c@x>")}
    assert len(keys) == 1


def test_different_conversations_get_different_threads() -> None:
    assert thread_key("CMRT 2026", [], "", "<a@x>") != thread_key("EMRT 2026", [], "", "<b@x>")


def test_a_mail_without_a_subject_is_threaded_by_its_references_root() -> None:
    one = thread_key("", ["<root@x>", "<mid@y>"], "<mid@y>", "<a@x>")
    two = thread_key("RE:", ["<root@x>"], "<root@x>", "<b@x>")
    assert one == two
    assert one != thread_key("", [], "", "<other@x>")


def test_long_reference_chains_keep_the_root_and_the_newest() -> None:
    chain = [f"<m{i}@x>" for i in range(30)]
    refs = reply_references(chain, "<new@x>")
    assert len(refs) == 20
    assert refs[0] == "<m0@x>" and refs[-1] == "<new@x>" and refs[-2] == "<m29@x>"


def test_reply_headers_point_at_the_suppliers_mail_even_without_angle_brackets() -> None:
    headers = reply_headers("abc@mail.example", ["root@x"], "ja", TAG)
    assert headers == {
        "Auto-Submitted": "auto-replied",
        "X-Auto-Response-Suppress": "All",
        "Content-Language": "ja",
        "X-Surveybot-Campaign": TAG,
        "In-Reply-To": "<abc@mail.example>",
        "References": "<root@x> <abc@mail.example>",
    }


def test_subject_core_and_bracketed_tolerate_hostile_text() -> None:
    assert subject_core("Re: a\r\nBcc: x@y") == "a Bcc: x@y"
    assert bracketed(" <a@b>\r\n") == "<a@b>"
    assert bracketed("") == ""
