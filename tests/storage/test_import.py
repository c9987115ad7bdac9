"""Importing procurement's supplier list: common sheet shapes work, broken ones are refused whole."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import openpyxl
import pytest

from storage import SYSTEM, Contact, ImportRefused, Store, SupplierDraft, open_store
from storage.importer import REFUSED, VALID, import_suppliers
from surveybot.cli import main as cli_main


def _csv(path: Path, rows: list[list[str]], delimiter: str = ",", encoding: str = "utf-8") -> Path:
    with path.open("w", newline="", encoding=encoding) as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def _xlsx(path: Path, rows: list[list[object]], title: str | None = None) -> Path:
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Suppliers")
    if title:
        sheet.append([title])
        sheet.append([])
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


HEADER = ["Supplier Code", "Name", "Contact Email(s)", "Country", "Language", "Buyer"]
GOOD = [
    HEADER,
    ["ACME", "Acme Metals", "sales@acme.com; Li Wei <li.wei@acme.cn>", "CN", "Chinese", "U0BUYER"],
    ["BOLT", "Bolt Fasteners", "qa@bolt.de,ops@bolt.de", "DE", "de", "U0OTHER"],
]


def test_a_good_csv_adds_every_supplier_with_contacts_language_and_buyer(
    store: Store, tmp_path: Path
) -> None:
    report = import_suppliers(store, _csv(tmp_path / "s.csv", GOOD), SYSTEM)
    assert [(r.line, r.code, r.outcome) for r in report.rows] == [(2, "ACME", "added"), (3, "BOLT", "added")]
    acme = store.suppliers.by_code("ACME")
    assert acme is not None
    assert acme.contacts == (Contact("sales@acme.com"), Contact("li.wei@acme.cn", "Li Wei"))
    assert (acme.language, acme.country, acme.owner) == ("zh", "CN", "U0BUYER")
    assert store.suppliers.by_domain("bolt.de")[0].code == "BOLT"


@pytest.mark.parametrize(
    ("given", "stored"),
    [("zh-TW", "zh-Hant"), ("zh_Hant_HK", "zh-Hant"), ("繁體中文", "zh-Hant"),
     ("Traditional Chinese", "zh-Hant"), ("zh-CN", "zh"), ("Deutsch", "de"), ("Türkçe", "tr"), ("ko", "ko")],
)  # fmt: skip
def test_a_traditional_chinese_supplier_is_stored_apart_from_simplified(
    store: Store, tmp_path: Path, given: str, stored: str
) -> None:
    rows = [
        ["Code", "Name", "Email", "Country", "Language", "Buyer"],
        ["TW1", "Formosa", "a@tw.example", "TW", given, ""],
    ]
    import_suppliers(store, _csv(tmp_path / "s.csv", rows), SYSTEM)
    supplier = store.suppliers.by_code("TW1")
    assert supplier is not None and supplier.language == stored


@pytest.mark.parametrize("column", ["Domain", "E-mail domain", "Sender domains"])
def test_a_domain_column_is_used_for_the_suppliers_sender_domains(
    store: Store, tmp_path: Path, column: str
) -> None:
    rows = [
        ["Supplier Code", "Name", "Email", column],
        ["ACME", "Acme Metals", "sales@acme-mail.com", "@acme.com; https://www.acme.cn/"],
        ["BOLT", "Bolt Fasteners", "qa@bolt.de", ""],
    ]
    report = import_suppliers(store, _csv(tmp_path / "s.csv", rows), SYSTEM)
    assert report.applied and not report.refused
    acme = store.suppliers.by_code("ACME")
    assert acme is not None and set(acme.sender_domains) >= {"acme.com", "acme.cn"}
    assert store.suppliers.by_domain("acme.cn")[0].code == "ACME"
    assert store.suppliers.for_sender("jane@acme.com")[0].code == "ACME"


def test_a_domain_that_is_not_one_refuses_the_import_with_the_row_and_value(
    store: Store, tmp_path: Path
) -> None:
    rows = [
        ["Supplier Code", "Name", "Email", "Domain"],
        ["ACME", "Acme Metals", "sales@acme.com", "Acme Inc"],
    ]
    report = import_suppliers(store, _csv(tmp_path / "s.csv", rows), SYSTEM)
    assert not report.applied and store.suppliers.by_code("ACME") is None
    (refused,) = report.refused
    assert (refused.line, refused.reason) == (2, "bad domain 'Acme Inc' (write it like acme.com)")


@pytest.mark.parametrize(
    "header",
    [
        ["code", "name", "email"],
        ["Vendor No.", "Vendor Name", "E-Mail"],
        ["SUPPLIER NUMBER", "Company", "Email Address"],
    ],
)
def test_common_header_spellings_are_understood_in_any_case(
    store: Store, tmp_path: Path, header: list[str]
) -> None:
    path = _csv(tmp_path / "s.csv", [header, ["10023", "Acme", "a@acme.com"]], delimiter=";")
    report = import_suppliers(store, path, SYSTEM)
    assert report.count("added") == 1 and store.suppliers.by_code("10023") is not None


def test_an_excel_export_in_windows_1252_with_a_semicolon_delimiter_is_read(
    store: Store, tmp_path: Path
) -> None:
    rows = [["Code", "Name", "Email"], ["MU1", "Müller Präzision", "info@mueller.de"]]
    import_suppliers(store, _csv(tmp_path / "s.csv", rows, delimiter=";", encoding="cp1252"), SYSTEM)
    supplier = store.suppliers.by_code("MU1")
    assert supplier is not None and supplier.name == "Müller Präzision"


def test_an_xlsx_with_a_title_row_and_numeric_codes_is_read_with_true_row_numbers(
    store: Store, tmp_path: Path
) -> None:
    rows: list[list[object]] = [HEADER, [10023, "Acme", "a@acme.com", "CN", "", ""]]
    report = import_suppliers(store, _xlsx(tmp_path / "s.xlsx", rows, title="Supplier master"), SYSTEM)
    assert [(r.line, r.code) for r in report.rows] == [(4, "10023")]


def test_reimporting_reports_unchanged_and_updated_rows_and_keeps_contact_names(
    store: Store, tmp_path: Path
) -> None:
    import_suppliers(store, _csv(tmp_path / "a.csv", GOOD), SYSTEM)
    changed = [HEADER, GOOD[1], ["BOLT", "Bolt Fasteners GmbH", "qa@bolt.de", "DE", "", ""]]
    report = import_suppliers(store, _csv(tmp_path / "b.csv", changed), SYSTEM)
    assert [r.outcome for r in report.rows] == ["unchanged", "updated"]
    bolt = store.suppliers.by_code("BOLT")
    assert bolt is not None and (bolt.name, bolt.emails, bolt.owner) == (
        "Bolt Fasteners GmbH",
        ("qa@bolt.de",),
        "U0OTHER",
    )
    assert store.suppliers.by_email("ops@bolt.de") == ()


def test_duplicate_codes_and_bad_emails_refuse_the_whole_file_and_name_each_row(
    store_with_acme: Store, tmp_path: Path
) -> None:
    store = store_with_acme
    rows = [
        HEADER,
        ["NEW1", "New One", "ok@new1.com", "", "", ""],
        ["dup", "First", "a@dup.com", "", "", ""],
        ["DUP", "Second", "b@dup.com", "", "", ""],
        ["BAD", "Bad Mail", "bob@@bad.com; fine@bad.com", "", "", ""],
        ["NOMAIL", "No Mail", "", "", "", ""],
        ["LANG", "Lang", "x@lang.com", "", "Klingon", ""],
    ]
    report = import_suppliers(store, _csv(tmp_path / "s.csv", rows), SYSTEM)
    assert not report.applied
    assert [(r.line, r.outcome, r.reason) for r in report.rows] == [
        (2, VALID, ""),
        (3, REFUSED, "duplicate code: also on row 4"),
        (4, REFUSED, "duplicate code: also on row 3"),
        (5, REFUSED, "bad email 'bob@@bad.com'"),
        (6, REFUSED, "no contact email"),
        (7, REFUSED, "unknown language 'Klingon' (use a code such as en, zh, ja, de)"),
    ]
    assert store.suppliers.by_code("NEW1") is None and store.suppliers.count() == 1


@pytest.fixture
def store_with_acme(store: Store) -> Store:
    store.suppliers.upsert_many([_acme()], SYSTEM, "earlier.csv")
    return store


def _acme() -> SupplierDraft:
    return SupplierDraft("ACME", "Acme", (Contact("a@acme.com"),))


def test_a_missing_required_column_refuses_the_import_with_the_columns_it_found(
    store: Store, tmp_path: Path
) -> None:
    path = _csv(tmp_path / "s.csv", [["Vendor No", "Name", "Phone"], ["1", "A", "+49"]])
    with pytest.raises(ImportRefused, match=r"required column\(s\) missing: emails .*'Phone'"):
        import_suppliers(store, path, SYSTEM)


def test_a_dry_run_reports_the_changes_and_writes_nothing(store: Store, tmp_path: Path) -> None:
    report = import_suppliers(store, _csv(tmp_path / "s.csv", GOOD), SYSTEM, dry_run=True)
    assert [r.outcome for r in report.rows] == ["added", "added"] and not report.applied
    assert store.suppliers.count() == 0 and store.audit.entries() == ()


def _big_rows(n: int) -> list[list[object]]:
    return [HEADER] + [
        [f"V{i:05d}", f"Supplier {i} Co", f"q{i}@s{i}.example; r{i}@s{i}.example", "JP", "ja", f"U{i % 40}"]
        for i in range(n)
    ]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_10000_row_list_imports_in_seconds_and_every_supplier_is_findable(
    tmp_path: Path, kind: str
) -> None:
    rows = _big_rows(10_000)
    path = _csv(tmp_path / "big.csv", rows) if kind == "csv" else _xlsx(tmp_path / "big.xlsx", rows)  # type: ignore[arg-type]
    started = time.perf_counter()
    with open_store(tmp_path / "data") as store:
        report = import_suppliers(store, path, SYSTEM)
    elapsed = time.perf_counter() - started
    assert report.count("added") == 10_000 and elapsed < 10, elapsed
    with open_store(tmp_path / "data", read_only=True) as store:
        assert store.suppliers.count() == 10_000
        assert store.suppliers.by_email("r9999@s9999.example")[0].code == "V09999"


def test_the_cli_imports_with_a_per_row_report_and_a_dry_run_leaves_no_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _csv(tmp_path / "s.csv", GOOD)
    monkeypatch.setenv("SURVEYBOT_DATA_DIR", str(tmp_path / "env-data"))
    assert cli_main(["suppliers", "import", str(path), "--dry-run"]) == 0
    assert "2 added" in capsys.readouterr().out and not (tmp_path / "env-data" / "suppliers.json").exists()
    assert cli_main(["suppliers", "import", str(path)]) == 0
    assert "row      2  ACME" in capsys.readouterr().out
    assert cli_main(["suppliers", "list", "acme"]) == 0
    assert "Acme Metals" in capsys.readouterr().out
    bad = _csv(tmp_path / "bad.csv", [HEADER, ["X", "X", "nope", "", "", ""]])
    assert cli_main(["suppliers", "import", str(bad), "--data-dir", str(tmp_path / "other")]) == 1
    assert "bad email 'nope'" in capsys.readouterr().out
