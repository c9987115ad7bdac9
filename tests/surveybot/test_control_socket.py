"""The control socket as ``surveybot run`` wires it: who may reach it, what it accepts, where it lives.

The service is built by ``build_service(..., control_socket=True)`` on a real data folder (mail and
Slack off); requests travel over the real Unix socket, raw or through the CLI's client.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import socket
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage import CampaignState, Contact, SupplierDraft, open_store
from surveybot.control.client import ask_service, carry_out
from surveybot.control.protocol import Request, socket_path
from surveybot.control.supplier_ops import import_args
from surveybot.errors import UserFacingError
from surveybot.settings import Settings, StorageSettings
from surveybot.wiring import Service, build_service

NOBODY = 65534
SYSTEM_PYTHON = "/usr/bin/python3"  # the test venv may sit where another user cannot read it
SUPPLIERS = b"Supplier Code,Name,Email\nA-1,Acme Metals,sales@acme.example\n"


def _service(data_dir: Path) -> Service:
    settings = Settings(storage=StorageSettings(data_dir=str(data_dir)))
    service = build_service(settings, control_socket=True)
    service.start()
    return service


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    running = _service(tmp_path / "data")
    yield running
    running.stop()


def _raw(path: Path, line: bytes) -> dict[str, object]:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.connect(str(path))
        conn.sendall(line)
        conn.shutdown(socket.SHUT_WR)
        answer: dict[str, object] = json.loads(conn.makefile("rb").readline())
        return answer


def _settings() -> Settings:
    raise AssertionError("a request the service answers must not load the CLI's settings")


def test_the_socket_is_owner_only_in_an_owner_only_folder(service: Service) -> None:
    path = socket_path(service.settings.data_dir)
    assert stat.S_ISSOCK(path.stat().st_mode)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert path.parent.stat().st_uid == os.getuid()


def _connect_as_nobody(path: Path) -> subprocess.CompletedProcess[str]:
    """Another local user tries the socket: what it got back, or the error that stopped it."""
    probe = (
        "import socket, sys\n"
        "s = socket.socket(socket.AF_UNIX)\n"
        "try:\n"
        f"    s.connect({str(path)!r})\n"
        "except OSError as e:\n"
        "    print(type(e).__name__); sys.exit(0)\n"
        's.sendall(b\'{"v":1,"op":"status","args":{}}\\n\')\n'
        "print(s.makefile('rb').readline().decode())\n"
    )
    return subprocess.run(
        [SYSTEM_PYTHON, "-I", "-c", probe], user=NOBODY, capture_output=True, text=True, timeout=30, cwd="/"
    )


AS_NOBODY = pytest.mark.skipif(
    os.geteuid() != 0 or not os.access(SYSTEM_PYTHON, os.X_OK),
    reason="switching to another user needs root and a Python every user may run",
)


@pytest.fixture
def shared_service() -> Iterator[Service]:
    """A service whose data folder's parents every user may pass through (pytest's own are 0700),
    so only the control folder's and the socket's permissions stand in another user's way."""
    base = Path(tempfile.mkdtemp(prefix="surveybot-shared-"))
    os.chmod(base, 0o755)  # noqa: S103 - the point: other users may pass
    running = _service(base / "data")
    os.chmod(base / "data", 0o755)  # noqa: S103 - as a shared data folder would be
    try:
        yield running
    finally:
        running.stop()
        shutil.rmtree(base)


@AS_NOBODY
def test_another_user_cannot_even_reach_the_socket(shared_service: Service) -> None:
    result = _connect_as_nobody(socket_path(shared_service.settings.data_dir))
    assert result.stdout.strip() == "PermissionError", result.stderr


@AS_NOBODY
def test_another_user_who_reaches_the_socket_is_refused_by_peer_credentials_and_audited(
    shared_service: Service,
) -> None:
    service = shared_service
    path = socket_path(service.settings.data_dir)
    # an admin loosened the permissions: the uid check still holds
    os.chmod(path.parent, 0o755)  # noqa: S103
    os.chmod(path, 0o666)  # noqa: S103
    result = _connect_as_nobody(path)
    reply = json.loads(result.stdout)
    assert reply == {
        "ok": False,
        "exit": 2,
        "error": f"refused: this service only takes requests from uid {os.getuid()}",
    }
    refusals = [e for e in service.store.audit.entries() if e.action == "control.refused"]
    assert [(e.actor.id, e.details["reason"]) for e in refusals] == [("cli:nobody", "uid")]


def test_the_cli_will_not_use_a_socket_in_a_folder_others_can_enter(service: Service) -> None:
    folder = socket_path(service.settings.data_dir).parent
    os.chmod(folder, 0o755)  # noqa: S103 - the mistake the client must notice
    with pytest.raises(UserFacingError, match="open to other users"):
        ask_service(service.settings.data_dir, Request("status"))


def test_an_unknown_operation_is_refused_and_audited(service: Service) -> None:
    path = socket_path(service.settings.data_dir)
    reply = _raw(path, b'{"v":1,"op":"store.wipe","args":{}}\n')
    assert reply == {"ok": False, "exit": 2, "error": "unknown operation 'store.wipe': refused"}
    [refusal] = [e for e in service.store.audit.entries() if e.action == "control.refused"]
    assert (refusal.subject, refusal.details["reason"]) == ("store.wipe", "unknown operation")


@pytest.mark.parametrize(
    ("line", "error"),
    [
        (b"not json\n", "bad request: the message is not JSON"),
        (b'{"v":2,"op":"status"}\n', "bad request: unsupported protocol version 2 (this service speaks 1)"),
        (b'{"v":1,"op":"status"}', "bad request: the message is incomplete"),
    ],
)
def test_a_malformed_request_gets_a_reason_not_a_crash(service: Service, line: bytes, error: str) -> None:
    reply = _raw(socket_path(service.settings.data_dir), line)
    assert reply["ok"] is False
    assert str(reply["error"]).startswith(error)


def test_arguments_are_checked_by_the_service_as_they_are_in_direct_mode(service: Service) -> None:
    data_dir = service.settings.data_dir
    typed = carry_out(data_dir, Request("campaign.close", {"name": 2026}), _settings)
    assert (typed.exit, typed.error) == (1, "name must be text")
    args = {**import_args("list.csv", SUPPLIERS, dry_run=False, summary=False), "dry_run": "yes"}
    flag = carry_out(data_dir, Request("suppliers.import", args), _settings)
    assert flag.error == "dry_run must be true or false"
    assert service.store.suppliers.count() == 0


def test_an_import_over_the_socket_is_in_the_services_store_at_once_and_audited_as_the_user(
    service: Service,
) -> None:
    args = import_args("list.csv", SUPPLIERS, dry_run=False, summary=False)
    reply = carry_out(service.settings.data_dir, Request("suppliers.import", args), _settings)
    assert reply.out[-1] == "list.csv: 1 added, 0 updated, 0 unchanged (imported)"
    supplier = service.store.suppliers.by_code("A-1")
    assert supplier is not None and supplier.emails == ("sales@acme.example",)
    [entry] = [e for e in service.store.audit.entries() if e.action == "control.suppliers.import"]
    assert entry.actor.id == f"cli:{__import__('pwd').getpwuid(os.getuid()).pw_name}"
    assert entry.details["via"] == "control socket"


def test_a_data_folder_deeper_than_a_socket_address_still_gets_its_socket(tmp_path: Path) -> None:
    deep = tmp_path / ("a-rather-long-folder-name-" * 5) / "data"
    assert len(os.fsencode(socket_path(deep))) > 108
    running = _service(deep)
    try:
        reply = carry_out(deep, Request("status"), _settings)
    finally:
        running.stop()
    assert reply.out[0].startswith(f"service: running (pid {os.getpid()}")


def test_without_a_service_the_cli_does_it_on_the_store_and_the_lock_is_free_after(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    args = import_args("list.csv", SUPPLIERS, dry_run=False, summary=False)
    reply = carry_out(data_dir, Request("suppliers.import", args), lambda: Settings())
    assert reply.exit == 0
    with open_store(data_dir) as store:  # the command took the writer lock and gave it back
        [entry] = [e for e in store.audit.entries() if e.action == "control.suppliers.import"]
        assert entry.details["via"] == "direct"
        assert store.suppliers.by_code("A-1") is not None


def test_a_stopped_service_removes_its_socket_and_the_next_command_runs_directly(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    _service(data_dir).stop()
    assert not socket_path(data_dir).exists()
    reply = carry_out(data_dir, Request("status"), lambda: Settings())
    assert reply.out[0].startswith("service: not running")


def test_status_shows_when_slack_last_reached_the_running_app(tmp_path: Path) -> None:
    from dataclasses import replace

    from slack_bolt import BoltRequest

    from tests.bot import slack_requests as req
    from tests.bot.conftest import make_settings
    from tests.bot.fake_slack import BOT_TOKEN, FakeSlack

    with FakeSlack() as fake:
        settings = replace(make_settings(fake), storage=StorageSettings(data_dir=str(tmp_path / "data")))
        env = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": req.SIGNING_SECRET}
        service = build_service(settings, env=env, control_socket=True)
        service.start()
        try:
            before = carry_out(settings.data_dir, Request("status"), _settings)
            body = req.command_body(
                "help", user="U0ANYONE", response_url=fake.response_url(), trigger_id="t1"
            )
            assert service.slack_app is not None
            service.slack_app.dispatch(BoltRequest(body=body, headers=req.signed_headers(body)))
            fake.wait_for("response:r1")  # the help answer went out
            after = carry_out(settings.data_dir, Request("status"), _settings)
        finally:
            service.stop()
    assert "  last Slack event:    never" in before.out
    [line] = [line for line in after.out if "last Slack event" in line]
    assert line.endswith("s ago)") and "never" not in line


def test_a_dry_run_over_the_socket_writes_nothing_and_is_not_audited_as_a_change(service: Service) -> None:
    args = import_args("list.csv", SUPPLIERS, dry_run=True, summary=True)
    reply = carry_out(service.settings.data_dir, Request("suppliers.import", args), _settings)
    assert reply.out == ("list.csv: 1 added, 0 updated, 0 unchanged (dry run, nothing written)",)
    assert service.store.suppliers.count() == 0
    assert [e for e in service.store.audit.entries() if e.action.startswith("control.")] == []


def test_status_without_a_service_still_shows_counts_and_a_wave_still_sending(tmp_path: Path) -> None:
    from storage import SYSTEM, CampaignState, MailDraft

    data_dir = tmp_path / "data"
    with open_store(data_dir) as store:
        campaign = store.campaigns.create("EMRT 2027", "EMRT", "2.0", dt.date(2027, 3, 31))
        store.campaigns.set_state(campaign.id, CampaignState.ACTIVE)
        ids = [
            store.suppliers.add(SupplierDraft(f"S-{n}", f"S {n}", (Contact(f"s{n}@x.example"),))).id
            for n in (1, 2)
        ]
        store.assignments.invite(campaign.id, ids)
        wave = store.waves.create(campaign.id, SYSTEM, "missing", ids)
        for supplier_id in ids:
            store.outbox.enqueue(
                MailDraft(("s@x.example",), "Reminder", "text", f"w:{supplier_id}", wave_id=wave.id)
            )
    reply = carry_out(data_dir, Request("status"), lambda: Settings())
    assert reply.out[0].startswith("service: not running")
    assert "  outbox depth:        2 (2 queued, 0 sending, 0 failed)" in reply.out
    assert "    invited 2" in reply.out
    assert f"    wave {wave.id} (missing): 0 of 2 sent, 2 waiting" in reply.out


def test_a_writer_that_does_not_answer_on_the_socket_gets_a_clear_refusal_not_a_hang(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    args = import_args("list.csv", SUPPLIERS, dry_run=False, summary=False)
    refusal = pytest.raises(
        UserFacingError, match=r"could not reach a running service: there is no control socket .*control/sock"
    )
    with open_store(data_dir), refusal:  # the writer lock held, as by an older surveybot without a socket
        carry_out(data_dir, Request("suppliers.import", args), lambda: Settings(), patience=0.5)
    assert carry_out(data_dir, Request("suppliers.import", args), lambda: Settings()).exit == 0


@AS_NOBODY
def test_a_user_who_is_not_the_services_is_told_to_run_the_command_as_that_user(service: Service) -> None:
    os.chown(socket_path(service.settings.data_dir).parent, NOBODY, NOBODY)  # the service runs as nobody
    with pytest.raises(UserFacingError, match=f"runs as another user \\(uid {NOBODY}\\)"):
        ask_service(service.settings.data_dir, Request("status"))


def test_a_client_that_never_writes_holds_up_no_one_else(service: Service) -> None:
    path = socket_path(service.settings.data_dir)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as silent:
        silent.connect(str(path))  # connected, and then nothing
        started = time.monotonic()
        reply = ask_service(service.settings.data_dir, Request("status"), timeout=5)
        assert reply is not None and reply.out[0].startswith("service: running")
        assert time.monotonic() - started < 5


def test_a_campaign_closed_through_the_service_is_closed_in_its_store(service: Service) -> None:
    draft = service.store.campaigns.create("2026-H2", "EMRT", "2.0", dt.date(2026, 12, 31))
    refused = carry_out(service.settings.data_dir, Request("campaign.close", {"name": "2026-H2"}), _settings)
    assert (refused.exit, refused.error) == (1, "campaign '2026-H2' is draft and cannot become closed")
    service.store.campaigns.set_state(draft.id, CampaignState.ACTIVE)
    reply = carry_out(service.settings.data_dir, Request("campaign.close", {"name": "2026-H2"}), _settings)
    assert reply.out == ("campaign 2026-H2 is closed",)
    closed = service.store.campaigns.by_name("2026-H2")
    assert closed is not None and closed.state.value == "closed"


def test_a_facility_list_imported_through_the_service_is_kept_in_its_store(service: Service) -> None:
    from surveybot.control.facility_ops import import_args as facility_args
    from tests.analysis.facility_files import as_csv

    args = facility_args("conformant.csv", as_csv(), listed_as=None, list_date=dt.date(2026, 11, 20))
    reply = carry_out(service.settings.data_dir, Request("facilities.import", args), _settings)
    assert reply.exit == 0, reply.error
    assert reply.out[0].startswith("conformant.csv: list of 2026-11-20, sha256 ")
    [entry] = [e for e in service.store.audit.entries() if e.action == "control.facilities.import"]
    assert entry.details["via"] == "control socket"


def _with_suppliers(service: Service, *codes: str) -> None:
    for code in codes:
        service.store.suppliers.add(SupplierDraft(code, f"{code} Metals", (Contact(f"{code}@x.example"),)))


def test_a_campaign_is_previewed_then_opened_through_the_service_with_a_list_sent_as_text(
    service: Service,
) -> None:
    _with_suppliers(service, "A-1", "B-2", "C-3")
    due = dt.date.today() + dt.timedelta(days=30)
    args = {"name": "2027", "family": "CMRT", "due": due.isoformat(), "codes_text": "code\nA-1\nc-3;x\n"}
    data_dir = service.settings.data_dir
    shown = carry_out(data_dir, Request("campaign.preview", args), _settings)
    assert shown.out[2] == "  would invite 2 suppliers: A-1, C-3"
    assert service.store.campaigns.by_name("2027") is None  # a preview writes nothing
    opened = carry_out(data_dir, Request("campaign.open", args), _settings)
    invited = "  invited 2 suppliers, queued 2 invitation mails"
    assert opened.out == ("campaign 2027 (CMRT) is active", invited)
    assert opened.warnings == ()
    campaign = service.store.campaigns.by_name("2027")
    assert campaign is not None and campaign.selection == "codes:A-1,C-3"
    actions = [e.action for e in service.store.audit.entries() if e.action.startswith("control.")]
    assert actions == ["control.campaign.open"]


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"family": "XYZ"}, "family must be one of CMRT, EMRT, CRT, AMRT"),
        ({"family": ""}, "say which template: --family CMRT (or --like PREVIOUS)"),
        ({"due": "next week"}, "due must be a date like 2026-12-31"),
        ({"min_version": "six"}, "'six' is not a revision number: use one like 6.31"),
        ({"reminder_days_before_due": [14, -3]}, "reminder_days_before_due must be a list of whole days"),
        ({"codes_text": "A-1\nNOPE\n"}, "no supplier with code NOPE"),
        ({"tag": "metals", "owner": "U1"}, "choose the suppliers by one of tag, owner or a list"),
        ({"like": "never held"}, "no campaign named 'never held' to copy"),
    ],
)
def test_a_campaign_open_the_service_refuses_says_why_and_opens_nothing(
    service: Service, change: dict[str, object], error: str
) -> None:
    _with_suppliers(service, "A-1")
    args = {"name": "2027", "family": "CMRT", "due": "2027-06-30", **change}
    for op in ("campaign.preview", "campaign.open"):
        reply = carry_out(service.settings.data_dir, Request(op, args), _settings)
        assert reply.exit == 1 and reply.error.startswith(error), reply
    assert list(service.store.campaigns.all()) == []


def test_a_policy_agreement_recorded_through_the_service_keeps_the_staff_user_and_note(
    service: Service,
) -> None:
    _with_suppliers(service, "A-1")
    data_dir = service.settings.data_dir
    unversioned = Request("policy.agree", {"supplier": "A-1", "note": "letter"})
    no_version = carry_out(data_dir, unversioned, _settings)
    assert no_version.error.startswith("no policy version")
    args = {"supplier": "A-1", "note": "signed letter of 2 Dec", "version": "2026-1"}
    reply = carry_out(data_dir, Request("policy.agree", args), _settings)
    assert reply.exit == 0 and reply.out[0].startswith("recorded: A-1 agreed to policy version 2026-1")
    supplier = service.store.suppliers.by_code("A-1")
    assert supplier is not None and supplier.id in service.store.agreements.agreed("2026-1")


def test_status_through_the_service_names_the_next_cadence_wave_and_whom_it_would_reach(
    service: Service,
) -> None:
    _with_suppliers(service, "A-1", "B-2")
    due = dt.date.today() + dt.timedelta(days=30)
    args = {"name": "2027", "family": "CMRT", "due": due.isoformat(), "reminder_days_before_due": [14, 3]}
    assert carry_out(service.settings.data_dir, Request("campaign.open", args), _settings).exit == 0
    reply = carry_out(service.settings.data_dir, Request("status"), _settings)
    wave_day = (due - dt.timedelta(days=14)).isoformat()
    expected = f"  next scheduled wave: 2027 on {wave_day}: 2 supplier(s) would be reminded as things stand"
    assert expected in reply.out


def test_a_campaign_opened_through_the_service_warns_of_a_past_due_date_and_no_supplier(
    service: Service,
) -> None:
    args = {"name": "late", "family": "EMRT", "due": "2020-01-31"}
    reply = carry_out(service.settings.data_dir, Request("campaign.open", args), _settings)
    assert reply.exit == 0 and reply.out[0] == "campaign late (EMRT) is active"
    assert reply.warnings[0].startswith("the due date 2020-01-31 is in the past")
    assert reply.warnings[1].startswith("no supplier with an e-mail address is in this campaign")
