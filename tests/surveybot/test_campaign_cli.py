"""``surveybot campaign open``: set-up, preview, confirmation and ``--like`` from the command line."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from storage import Contact, OutboxState, SupplierDraft, open_store
from surveybot.cli import main


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    with open_store(folder) as store:
        for code, owner, tags in (
            ("ACME", "U0ANN", ("metals",)),
            ("BOLT", "U0BOB", ()),
            ("CAST", "U0ANN", ()),
        ):
            store.suppliers.add(
                SupplierDraft(
                    code, f"{code} Ltd", (Contact(f"x@{code.lower()}.example"),), owner=owner, tags=tags
                )
            )
        store.suppliers.add(SupplierDraft("DUST", "Dust Ltd", (), owner="U0ANN"))
    return folder


class _Terminal(io.StringIO):
    """Standard input as a terminal with the lead's answer typed in."""

    def isatty(self) -> bool:
        return True


def open_args(data: Path, *extra: str) -> list[str]:
    return ["campaign", "open", "RMI 2027", "--data-dir", str(data), "--due", "2027-03-31", *extra]


def invited(data: Path, name: str = "RMI 2027") -> list[str]:
    with open_store(data, read_only=True) as store:
        campaign = store.campaigns.by_name(name)
        if campaign is None:
            return []
        ids = [a.supplier_id for a in store.assignments.for_campaign(campaign.id)]
        return sorted(store.suppliers.get(i).code for i in ids)


def test_a_dry_run_shows_who_would_be_invited_and_creates_nothing(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(open_args(data, "--family", "CMRT", "--owner", "U0ANN", "--dry-run")) == 0
    out = capsys.readouterr().out
    assert "selection: owner:U0ANN" in out
    assert "would invite 2 suppliers: ACME, CAST" in out
    assert "not invited (no e-mail address): DUST" in out
    assert invited(data) == []


def test_in_a_terminal_answering_no_opens_nothing(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", _Terminal("n\n"))
    assert main(open_args(data, "--family", "CMRT")) == 0
    assert invited(data) == []
    monkeypatch.setattr("sys.stdin", _Terminal("y\n"))
    assert main(open_args(data, "--family", "CMRT")) == 0
    assert invited(data) == ["ACME", "BOLT", "CAST"]


def test_opening_from_a_list_file_with_its_own_cadence_sends_one_invitation_each(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listing = tmp_path / "suppliers.csv"
    listing.write_text("code;name\nbolt;Bolt Ltd\nACME;Acme\n", encoding="utf-8")
    args = open_args(data, "--family", "EMRT", "--list", str(listing), "--reminder-days-before-due", "21,7")
    assert main([*args, "--escalate-after", "2", "--template-version", "2.0", "--yes"]) == 0
    assert "invited 2 suppliers, queued 2 invitation mails" in capsys.readouterr().out
    assert invited(data) == ["ACME", "BOLT"]
    with open_store(data, read_only=True) as store:
        campaign = store.campaigns.by_name("RMI 2027")
        assert campaign is not None
        assert (campaign.selection, campaign.reminder_days_before_due) == ("codes:BOLT,ACME", (21, 7))
        assert (campaign.escalate_after_reminders, campaign.template_version) == (2, "2.0")
        queued = store.outbox.in_state(OutboxState.QUEUED)
    assert sorted(item.draft.attachments[0].filename for item in queued) == ["RMI_EMRT_2.0.xlsx"] * 2


def test_a_list_naming_an_unknown_supplier_is_refused_before_anything_is_opened(
    data: Path, tmp_path: Path
) -> None:
    listing = tmp_path / "suppliers.txt"
    listing.write_text("ACME\nNOPE\n", encoding="utf-8")
    assert main(open_args(data, "--family", "CMRT", "--list", str(listing), "--yes")) == 1
    assert invited(data) == []


def test_like_copies_the_previous_campaigns_set_up_and_only_the_due_date_is_new(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = [
        "campaign",
        "open",
        "RMI 2026",
        "--data-dir",
        str(data),
        "--due",
        "2026-03-31",
        "--family",
        "CRT",
    ]
    assert main([*first, "--tag", "metals", "--overdue-every", "10", "--min-version", "2.2", "--yes"]) == 0
    assert main(open_args(data, "--like", "RMI 2026", "--yes")) == 0
    assert invited(data) == ["ACME"]
    with open_store(data, read_only=True) as store:
        old, new = store.campaigns.by_name("RMI 2026"), store.campaigns.by_name("RMI 2027")
        assert old is not None and new is not None
    assert (new.family, new.min_version, new.selection, new.overdue_reminder_every_days) == (
        "CRT", "2.2", "tag:metals", 10,
    )  # fmt: skip
    assert new.due == dt.date(2027, 3, 31)
    assert main(open_args(data, "--like", "RMI 2025", "--yes")) == 1  # no such campaign to copy
