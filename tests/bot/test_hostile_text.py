"""Outside text is hostile: names that try to ping the channel, mention someone, hide a link or format
the message reach Slack only escaped, in every message kind the app posts - fallback ``text``
included, because it drives notifications.

Everything goes through the real Bolt app (signed requests) and the loopback fake Web API; the checks
run over every parameter of every recorded call that Slack would show. Notice kinds are covered
table-driven: a new kind of ``Notice`` or ``TriageKind`` fails ``test_every_notice_kind_is_covered``
until a hostile example of it is added to ``NOTICE_EXAMPLES``.
"""

from __future__ import annotations

import json
import re
import typing
from collections.abc import Callable, Iterator

import pytest
from slack_bolt import App

from bot.app import notifier
from bot.mrkdwn import ZWSP, clip, echo, escape
from handlers.notices import (
    DeliveryProblems,
    FileJudged,
    FindingSummary,
    Notice,
    TriageItem,
    TriageKind,
    WaveProgress,
)
from storage import Contact, MailDraft, NewSubmission, Store, SupplierDraft
from storage import FindingSummary as StoredFinding
from tests.bot import slack_requests as req
from tests.bot.conftest import LEAD, STAFF, SlackUser, buttons, make_settings
from tests.bot.fake_slack import FakeSlack
from tests.bot.hostile import HOSTILE, LINK, PING, assert_all_inert, assert_inert, escaped_in
from tests.bot.scenario import Seeded

# --- notices: one hostile example per kind -------------------------------------------------------

HOSTILE_FINDING = FindingSummary("CMRT-X", "error", HOSTILE, HOSTILE, HOSTILE)

NOTICE_EXAMPLES: dict[type, Callable[[TriageKind], Notice]] = {
    FileJudged: lambda _: FileJudged(
        "1", HOSTILE, "1", "1", f"{HOSTILE}.xlsx", HOSTILE, HOSTILE, False, (HOSTILE_FINDING,) * 5
    ),
    TriageItem: lambda kind: TriageItem(
        kind, HOSTILE, HOSTILE, HOSTILE, "1", message_key=HOSTILE, details=(HOSTILE,), submission_id="1"
    ),
    DeliveryProblems: lambda _: DeliveryProblems(1, 1, (HOSTILE,)),
    WaveProgress: lambda _: WaveProgress(HOSTILE, "1", 1, 1, 0, True),
}


def test_every_notice_kind_is_covered() -> None:
    assert set(NOTICE_EXAMPLES) == set(typing.get_args(Notice))


def notice_cases() -> Iterator[tuple[type, TriageKind]]:
    for kind in NOTICE_EXAMPLES:
        for triage in TriageKind if kind is TriageItem else (TriageKind.UNKNOWN_SENDER,):
            yield kind, triage


@pytest.mark.parametrize(("kind", "triage"), list(notice_cases()), ids=lambda x: getattr(x, "__name__", x))
def test_a_hostile_notice_reaches_the_channel_escaped_in_blocks_and_fallback(
    app: App, fake_slack: FakeSlack, kind: type, triage: TriageKind
) -> None:
    notifier(make_settings(fake_slack), app).post(NOTICE_EXAMPLES[kind](triage))

    (call,) = fake_slack.calls_to("chat.postMessage")
    assert_all_inert(fake_slack)
    assert escaped_in(call)
    if kind is not DeliveryProblems:  # its fallback is the count only; the reasons are in the blocks
        assert "&lt;!channel&gt;" in call["params"]["text"]
    if triage is TriageKind.COMPANY_MISMATCH and kind is TriageItem:  # its buttons were rendered too
        assert {"held_accept", "held_ask"} <= set(buttons(call["params"]))


def test_a_hostile_campaign_name_reaches_the_daily_digest_escaped(
    app: App, fake_slack: FakeSlack, store: Store, seeded: Seeded
) -> None:
    store.campaigns.update(seeded.campaign_id, name=HOSTILE)

    notifier(make_settings(fake_slack), app).post_daily_digest(store)

    (call,) = fake_slack.calls_to("chat.postMessage")
    assert_all_inert(fake_slack)
    assert "&lt;!channel&gt;" in call["params"]["text"]


# --- commands, buttons and the modal, with hostile records in the store --------------------------


@pytest.fixture
def hostile(store: Store, seeded: Seeded) -> dict[str, int]:
    """Two suppliers whose code, name and address are hostile, a rejected file, a correction mail."""
    store.campaigns.update(seeded.campaign_id, name=f"CMRT {HOSTILE}")
    ids = {}
    for n in (1, 2):
        draft = SupplierDraft(f"EV{n}_{PING}", HOSTILE, (Contact(f"evil{n}{PING}@evil.example", HOSTILE),))
        ids[f"s{n}"] = store.suppliers.add(draft).id
    store.assignments.invite(seeded.campaign_id, ids.values())
    finding = StoredFinding(
        "CMRT-DECL-EMAIL", "error", "field.email_no_at", {"field": "contact_email", "value": HOSTILE}
    )
    new = NewSubmission(
        f"<{PING}@evil>", HOSTILE, store.clock.now(), f"{HOSTILE}.xlsx", "CMRT", "6.31", "en", "rejected",
        (finding,), ids["s1"], seeded.campaign_id,
    )  # fmt: skip
    ids["sub"] = store.submissions.add(new, b"xlsx").id
    draft = MailDraft(("evil1@evil.example",), HOSTILE, "x", dedupe_key="reply:evil", supplier_id=ids["s1"])
    store.outbox.enqueue(draft)
    return ids


def test_hostile_names_reach_every_command_answer_escaped(
    slack: SlackUser, fake_slack: FakeSlack, hostile: dict[str, int]
) -> None:
    for n, text in enumerate(
        (
            "status",
            "missing",
            f"supplier {LINK} *bold*",  # several match: the pick list echoes the query
            f"supplier EV1_{PING}",  # the card
            f"supplier zz {PING} *x*",  # nothing matches: the refusal echoes the query
            f"status zz {PING} *x*",  # no such campaign
            f"{PING}frobnicate {HOSTILE}",  # unknown command: help echoes it
        )
    ):
        slack.command(text, user=LEAD, response=f"c{n}")
        fake_slack.wait_for(f"response:c{n}")
    slack.dispatch(req.mention_body(f"<@U0BOT> supplier {HOSTILE}", user=LEAD, event_id="EvH", ts="1.2"))
    fake_slack.wait_for("chat.postMessage")

    assert_all_inert(fake_slack)
    answers = [c for c in fake_slack.calls if c["method"].startswith("response:c")]
    assert [escaped_in(c) for c in answers] == [True] * 7
    assert escaped_in(fake_slack.calls_to("chat.postMessage")[0])


def test_hostile_names_reach_every_button_answer_escaped(
    slack: SlackUser, fake_slack: FakeSlack, hostile: dict[str, int]
) -> None:
    slack.click("view_findings", {"sub": hostile["sub"]}, response="findings")
    slack.click("resend_correction", {"sup": hostile["s1"]}, user=STAFF, response="resend")
    slack.click("supplier_pick", {"sup": hostile["s2"]}, response="pick")
    slack.click("missing_csv", {"c": 1}, user=STAFF, response="csv")
    for name in ("findings", "resend", "pick", "csv"):
        fake_slack.wait_for(f"response:{name}")

    assert_all_inert(fake_slack)
    assert all(escaped_in(fake_slack.calls_to(f"response:{n}")[0]) for n in ("findings", "resend", "pick"))
    assert escaped_in(fake_slack.calls_to("files.completeUploadExternal")[0])


def test_a_hostile_campaign_reaches_every_reminder_wave_message_escaped(
    slack: SlackUser, fake_slack: FakeSlack, hostile: dict[str, int]
) -> None:
    slack.command("remind", user=LEAD, response="preview")
    preview = fake_slack.wait_for("response:preview")[0]
    send, cancel = preview["params"]["blocks"][-1]["elements"][:2]
    slack.click("wave_confirm", send["value"], user=LEAD, response="confirm")
    fake_slack.wait_for("chat.postMessage", count=2)  # progress, then the summary in its thread
    slack.click("wave_cancel", cancel["value"], user=LEAD, response="cancel")
    fake_slack.wait_for("response:cancel")
    stop = fake_slack.calls_to("chat.postMessage")[0]["params"]["blocks"][-1]["elements"][0]
    slack.click("wave_stop", stop["value"], user=LEAD, ephemeral=False, response="stop")
    fake_slack.wait_for("chat.postMessage", count=3)  # the truthful count, in the wave's thread

    assert_all_inert(fake_slack)
    assert escaped_in(preview) and "&lt;!channel&gt;" in preview["params"]["text"]
    assert all(escaped_in(c) for c in fake_slack.calls_to("chat.postMessage")[:2])
    assert all(escaped_in(c) for c in fake_slack.calls_to("chat.update"))


def test_a_hostile_sender_reaches_the_triage_modal_and_its_outcomes_escaped(
    app: App, slack: SlackUser, fake_slack: FakeSlack
) -> None:
    notifier(make_settings(fake_slack), app).post(
        TriageItem(TriageKind.UNKNOWN_SENDER, HOSTILE, sender=f"{PING}@evil.example", message_key="<m@x>")
    )
    link, done = fake_slack.calls_to("chat.postMessage")[0]["params"]["blocks"][-1]["elements"]
    slack.click("triage_link", link["value"], user=STAFF, ephemeral=False)
    meta = fake_slack.wait_for("views.open")[0]["params"]["view"]["private_metadata"]
    query = {"supplier": {"query": {"type": "plain_text_input", "value": f"{HOSTILE} no such"}}}
    refused = slack.dispatch(req.view_body("triage_link_modal", query, meta, user=STAFF, trigger_id="V1"))
    query["supplier"]["query"]["value"] = "CUPR-003"
    slack.dispatch(req.view_body("triage_link_modal", query, meta, user=STAFF, trigger_id="V2"))
    fake_slack.wait_for("chat.update")
    slack.click("triage_done", done["value"], user=STAFF, ephemeral=False, message_text=HOSTILE, response="d")
    fake_slack.wait_for("response:d")

    assert_all_inert(fake_slack)
    error = json.loads(refused.body)["errors"]["supplier"]
    assert_inert(error, plain=True)  # an input's error is shown as plain text
    assert error.startswith("No supplier matches `&lt;!channel&gt; &lt;@U0HOSTILE&gt;")
    assert len(error) <= 150
    assert all(escaped_in(c) for c in fake_slack.calls if c["method"] in ("views.open", "chat.update"))
    assert escaped_in(fake_slack.calls_to("response:d")[0])


# --- the helper itself ------------------------------------------------------------------------------


def test_formatting_characters_are_guarded_but_stay_the_same_characters() -> None:
    assert escape("ACME_01 *x*") == f"ACME{ZWSP}_{ZWSP}01 {ZWSP}*{ZWSP}x{ZWSP}*{ZWSP}"
    assert escape("`rm`") == "\u02cbrm\u02cb"  # a real backtick would end the code span it is shown in
    assert escape("a & <b>") == "a &amp; &lt;b&gt;"


def test_echoed_input_is_shortened_to_80_characters_before_escaping() -> None:
    echoed = echo("<" * 200)
    assert echoed == "&lt;" * 79 + "…"


@pytest.mark.parametrize("limit", range(1, 12))
def test_clipping_never_cuts_an_escape_sequence_in_half(limit: int) -> None:
    clipped = clip(escape("a<b&c>d*e"), limit)
    assert len(clipped) <= limit
    assert re.search(r"&(?!amp;|lt;|gt;)", clipped) is None, clipped
    assert not clipped.removesuffix("…").endswith(("*", ZWSP)), clipped


def test_a_long_hostile_name_in_a_header_is_clipped_without_half_an_entity(app: App) -> None:
    from bot.blocks import header

    text = header("<" * 500)["text"]["text"]
    assert len(text) <= 150 and text.endswith("&lt;…")


def test_a_long_unknown_command_is_echoed_shortened_to_80_characters(
    slack: SlackUser, fake_slack: FakeSlack
) -> None:
    slack.command("<" * 300)

    said = fake_slack.wait_for("response:r1")[0]["params"]["blocks"][0]["text"]["text"]
    assert said == f":thinking_face: I don't know the command `{'&lt;' * 79}…`. Here is what I can do:"


def test_a_handled_notice_keeps_its_escaped_text_without_escaping_it_twice(
    slack: SlackUser, fake_slack: FakeSlack
) -> None:
    as_slack_returns_it = "Triage: from Acme &lt;Metals&gt; &amp; Co"  # our fallback, as stored by Slack
    value = {"k": "quarantined", "m": "<q@x>", "s": "q@x.example"}

    slack.click("triage_done", value, user=STAFF, ephemeral=False, message_text=as_slack_returns_it)

    replaced = fake_slack.wait_for("response:a1")[0]["params"]["blocks"][0]["text"]["text"]
    assert replaced == "Triage: from Acme &lt;Metals&gt; &amp; Co"
