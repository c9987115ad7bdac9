"""Detection: every RMI template is recognised by family, version and the language the supplier chose,
and anything else (another workbook, a damaged file, an unknown version) gets a typed refusal."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.xlsx_patch import Value, patch_workbook, sheet_parts
from rmi.model import Family, NotATemplate, TemplateModel
from rmi.read import open_workbook, read_workbook
from rmi.read.detect import Detection, detect, language_code
from tests.support.jobs import TEMPLATE_KEYS, template_path


def blank(key: str) -> bytes:
    return template_path(key).read_bytes()


def detected(data: bytes) -> Detection:
    result = detect(open_workbook(data))
    assert isinstance(result, Detection), result
    return result


def refused(data: bytes) -> NotATemplate:
    result = read_workbook(data)
    assert isinstance(result, NotATemplate), result
    return result


def patched(key: str, cells: dict[str, Value]) -> bytes:
    return patch_workbook(blank(key), cells)


@pytest.mark.parametrize("key", TEMPLATE_KEYS)
def test_every_shipped_template_is_recognised_with_its_family_version_and_language(key: str) -> None:
    family, version = key.split("/")
    identity = detected(blank(key)).identity
    assert (identity.family, identity.version, identity.layout_key) == (Family(family), version, key)
    # The supplied "blank" files were saved with the Chinese language picked in Declaration!D3; the
    # AMRT 1.21 copy was re-saved by a company with English picked.
    expected = ("English", "en") if key == "AMRT/1.21" else ("中文 Chinese", "zh")
    assert (identity.language_label, identity.language) == expected
    assert not identity.is_prerelease


def test_crt_221_is_told_from_crt_22_by_its_smelter_list_autofill_although_both_say_revision_22() -> None:
    old, new = detected(blank("CRT/2.2")).identity, detected(blank("CRT/2.21")).identity
    assert (old.version, old.version_source) == ("2.2", "Declaration!J3")
    assert new.version == "2.21"
    assert "auto-fill" in new.version_source
    wiped = patched("CRT/2.21", {f"Smelter List!{column}5": None for column in "FGHIJ"})
    assert detected(wiped).identity.version == "2.2"


@pytest.mark.parametrize(
    ("label", "code"),
    [
        ("English", "en"),
        ("中文 Chinese", "zh"),
        ("日本語 Japanese", "ja"),
        ("한국어 Korean", "ko"),
        ("Français", "fr"),
        ("Português", "pt"),
        ("Deutsch", "de"),
        ("Español", "es"),
        ("Italiano", "it"),
        ("italiano", "it"),
        ("Türkçe", "tr"),
        ("", "en"),
        (None, "en"),
        ("Klingon", "en"),
    ],
)
def test_every_language_label_of_the_dropdown_maps_to_its_code(label: str | None, code: str) -> None:
    assert language_code(label) == code


def test_the_language_picked_in_the_declaration_is_reported() -> None:
    identity = detected(patched("CMRT/6.5", {"Declaration!D3": "Deutsch"})).identity
    assert (identity.language_label, identity.language) == ("Deutsch", "de")


def test_a_blank_language_cell_reads_as_english() -> None:
    identity = detected(patched("EMRT/2.1", {"Declaration!D3": None})).identity
    assert (identity.language_label, identity.language) == (None, "en")


def test_a_letter_suffixed_prerelease_is_reported_as_such_and_read_with_its_base_layout() -> None:
    data = patched("EMRT/2.1", {"Declaration!J3": "Revision 2.1a\nSeptember 30, 2025"})
    model = read_workbook(data)
    assert isinstance(model, TemplateModel)
    assert (model.identity.version, model.identity.layout_key) == ("2.1a", "EMRT/2.1")
    assert model.identity.is_prerelease
    assert model.minerals == ("Cobalt", "Copper", "Graphite", "Lithium", "Mica", "Nickel")


def test_a_newer_revision_whose_anchor_cells_match_is_read_with_the_nearest_older_layout() -> None:
    model = read_workbook(patched("CMRT/6.5", {"Declaration!J3": "Revision 6.6\nApril 17, 2026"}))
    assert isinstance(model, TemplateModel)
    identity = model.identity
    assert (identity.version, identity.layout_key, identity.read_as) == ("6.6", "CMRT/6.5", "6.5")


def test_a_newer_revision_whose_declaration_labels_moved_is_held_not_read() -> None:
    """EMRT 1.3's Declaration labelled as 2.11: the nearest layout (2.1) has other questions there."""
    result = refused(patched("EMRT/1.3", {"Declaration!J3": "Revision 2.11\nApril 17, 2026"}))
    assert result.reason_key == "layout_mismatch"
    assert result.detail.startswith("EMRT 2.11 vs EMRT/2.1: Declaration!")
    assert result.identity is not None and result.identity.version == "2.11"


def test_a_revision_older_than_every_layout_is_retired_with_family_and_revision() -> None:
    result = refused(patched("CMRT/6.01", {"Declaration!J3": "Revision 5.12\nMay 1, 2019"}))
    assert result.reason_key == "retired_version"
    assert result.identity is not None
    assert (result.identity.family, result.identity.version) == (Family.CMRT, "5.12")


def test_an_old_declaration_is_recognised_from_its_header_title_and_revision_alone() -> None:
    """Before 6.x the Declaration header carried the English title and "Revision N.NN" itself."""
    cells: dict[str, Value] = {"Revision!B3": None, "Declaration!J3": None, "Smelter List!Q3": None}
    cells |= {"Declaration!B2": "Conflict Minerals Reporting Template", "Declaration!H2": "Revision 4.20"}
    result = refused(patch_workbook(blank("CMRT/6.01"), cells))
    assert result.identity is not None
    assert (result.identity.family, result.identity.version, result.reason_key) == (
        Family.CMRT,
        "4.20",
        "retired_version",
    )


def test_version_comes_from_the_smelter_list_when_the_declaration_cell_is_empty() -> None:
    identity = detected(patched("EMRT/1.2", {"Declaration!J3": None})).identity
    assert (identity.version, identity.version_source) == ("1.2", "Smelter List!Q3")


def test_version_comes_from_the_revision_history_when_every_revision_cell_is_empty() -> None:
    cells: dict[str, Value] = {"Declaration!J3": None, "Smelter List!Q3": None}
    identity = detected(patched("CMRT/6.22", cells)).identity
    assert (identity.version, identity.version_source) == ("6.22", "Revision!B55")
    cells = {"Declaration!J3": None, "Smelter List!Q3": None, "Mine List!M3": None}
    identity = detected(patched("EMRT/2.0", cells)).identity
    assert identity.version == "2.0"  # stored as text "2.0" in the Revision sheet


@pytest.mark.parametrize(
    ("key", "family"), [("CMRT/6.5", Family.CMRT), ("EMRT/1.3", Family.EMRT), ("CRT/2.2", Family.CRT)]
)
def test_family_comes_from_the_smelter_lookup_metals_when_the_title_is_gone(key: str, family: Family) -> None:
    identity = detected(patched(key, {"Revision!B3": None})).identity
    assert (identity.family, identity.layout_key) == (family, key)


def test_a_workbook_with_a_smelter_list_sheet_that_is_no_rmi_template_is_refused() -> None:
    book = openpyxl.Workbook()
    book.active.title = "Declaration"
    sheet = book.create_sheet("Smelter List")
    sheet["A1"], sheet["B5"] = "Smelter List", "Tin"
    buffer = io.BytesIO()
    book.save(buffer)
    assert refused(buffer.getvalue()).reason_key == "not_rmi_template"


def test_a_workbook_without_a_declaration_sheet_is_refused() -> None:
    book = openpyxl.Workbook()
    book.active.title = "Smelter List"
    buffer = io.BytesIO()
    book.save(buffer)
    assert refused(buffer.getvalue()) == NotATemplate("not_rmi_template", "no Declaration sheet")


def with_byte(data: bytes, position: int, value: int) -> bytes:
    changed = bytearray(data)
    changed[position] = value
    return bytes(changed)


@pytest.mark.parametrize(
    "data",
    [
        b"this is not a spreadsheet",
        b"PK\x03\x04" + b"\x00" * 64,
        blank("CMRT/6.5")[:200_000],
        with_byte(blank("CRT/2.2"), -4, 132),  # directory offset past the end: zipfile "negative seek"
    ],
    ids=["text", "broken-zip-header", "truncated-template", "zip-directory-offset-out-of-range"],
)
def test_bytes_that_are_no_workbook_come_back_as_unreadable(data: bytes) -> None:
    assert refused(data).reason_key == "unreadable_workbook"


def test_a_zip_that_is_no_spreadsheet_comes_back_as_unreadable() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    assert refused(buffer.getvalue()).reason_key == "unreadable_workbook"


def test_a_template_whose_sheet_part_is_damaged_comes_back_as_unreadable() -> None:
    source = zipfile.ZipFile(io.BytesIO(blank("CMRT/6.5")))
    declaration = sheet_parts(source)["Declaration"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == declaration:
                content = content[: len(content) // 2]
            target.writestr(info, content)
    assert refused(buffer.getvalue()).reason_key in ("unreadable_workbook", "unreadable_sheet")


def test_a_template_missing_one_of_its_sheets_is_refused_naming_the_sheet() -> None:
    source = zipfile.ZipFile(io.BytesIO(blank("CMRT/6.5")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "xl/workbook.xml":
                content = re.sub(rb'<sheet name="Product List"[^>]*/>', b"", content)
            target.writestr(info, content)
    assert refused(buffer.getvalue()) == NotATemplate("missing_sheet", "CMRT/6.5: Product List")


CORRUPTIBLE = ("Declaration", "Smelter List", "Smelter Look-up", "Revision")


@pytest.fixture(scope="module")
def filled_parts() -> dict[str, bytes]:
    data = patched("CMRT/6.5", {"Smelter List!B5": "Tin", "Smelter List!C5": "Alpha Metals"})
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {info.filename: archive.read(info) for info in archive.infolist()}


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    part=st.sampled_from([*CORRUPTIBLE, "xl/sharedStrings.xml", "xl/workbook.xml", "xl/styles.xml"]),
    position=st.floats(min_value=0, max_value=1),
    damage=st.sampled_from(["cut", "garble", "repeat"]),
)
def test_a_damaged_part_never_crashes_the_reader(
    filled_parts: dict[str, bytes], part: str, position: float, damage: str
) -> None:
    names = sheet_parts(zipfile.ZipFile(io.BytesIO(_zip(filled_parts))))
    target = names.get(part, part)
    content = filled_parts[target]
    at = int(len(content) * position)
    broken = {
        "cut": content[:at],
        "garble": content[:at] + bytes(range(256))[: len(content) - at][:64] + content[at + 64 :],
        "repeat": content[:at] + content[at : at + 300] * 3 + content[at:],
    }[damage]
    result = read_workbook(_zip({**filled_parts, target: broken}))
    assert isinstance(result, TemplateModel | NotATemplate)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    positions=st.lists(st.integers(min_value=1, max_value=4000), min_size=1, max_size=12),
    value=st.integers(min_value=0, max_value=255),
)
def test_a_damaged_zip_directory_never_crashes_the_reader(positions: list[int], value: int) -> None:
    data = bytearray(blank("CRT/2.2"))
    for position in positions:  # the zip's central directory sits in the last few kilobytes
        data[-position] = value
    result = read_workbook(bytes(data))
    assert isinstance(result, TemplateModel | NotATemplate)


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("key", "old"), [("EMRT/1.1", "1.0"), ("CRT/2.2", "1.1"), ("AMRT/1.2", "1.1"), ("AMRT/1.2", "1.0")]
)
def test_every_family_s_revisions_before_our_oldest_layout_are_retired(key: str, old: str) -> None:
    family = key.split("/")[0]
    cells: dict[str, Value] = {"Declaration!J3": f"Revision {old}\nJanuary 1, 2021"}
    result = refused(patched(key, cells))
    assert result.reason_key == "retired_version"
    assert result.identity is not None
    assert (result.identity.family.value, result.identity.version) == (family, old)
