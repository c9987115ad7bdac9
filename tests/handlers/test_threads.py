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
        "RE: Request for CMRT",
        "Re: AW: Fwd: Request for CMRT",
        "回复：Request for CMRT",
        "答复: 转发: Request for CMRT",
        "RE: [RMI 2026-H1] Request for CMRT",
        "Re: Re[2]: Request for CMRT [RMI 2026-H1]",
        "返信：Request for CMRT",
        "  RE :  Request\tfor CMRT ",
    ],
)
def test_reply_subject_keeps_one_prefix_one_tag_and_the_suppliers_words(original: str) -> None:
    assert reply_subject(original, TAG) == "Re: [RMI 2026-H1] Request for CMRT"


def test_reply_subject_of_an_empty_subject_is_just_the_tag() -> None:
    assert reply_subject("", TAG) == "Re: [RMI 2026-H1]"


def test_every_reply_in_a_loop_maps_to_the_same_thread() -> None:
    first = thread_key("Request for CMRT", [], "", "<a@x>")
    ours = reply_subject("Request for CMRT", TAG)
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
    headers = reply_headers("abc@mail.example", ["root@x"], "ja")
    assert headers == {
        "Auto-Submitted": "auto-replied",
        "X-Auto-Response-Suppress": "All",
        "Content-Language": "ja",
        "In-Reply-To": "<abc@mail.example>",
        "References": "<root@x> <abc@mail.example>",
    }


def test_subject_core_and_bracketed_tolerate_hostile_text() -> None:
    assert subject_core("Re: a\r\nBcc: x@y") == "a Bcc: x@y"
    assert bracketed(" <a@b>\r\n") == "<a@b>"
    assert bracketed("") == ""
