"""Safe intake: every hostile or wrong file a supplier might mail gets a clear, typed answer, fast."""

from __future__ import annotations

import io
import logging
import struct
import time
import zipfile
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from msoffcrypto.format.ooxml import OOXMLFile

import rmi.intake.classify
from rmi.intake import FileFormat, IntakeCode, IntakeKind, IntakeLimits, IntakeResult, inspect_file
from tests.rmi.intake_builders import (
    DOCX_TYPE,
    TEMPLATES,
    XLSB_TYPE,
    XLSM_TYPE,
    RawMember,
    biff8_workbook_stream,
    compound_file,
    content_types,
    deflate_raw,
    excel_package,
    raw_zip,
    template_bytes,
    zeros_zip,
    zip_of,
)

GUARD_SECONDS = 2.0


def classify(
    data: bytes, filename: str | None = "CMRT.xlsx", limits: IntakeLimits | None = None
) -> IntakeResult:
    """Run intake with a time guard: any hostile file must be answered well under two seconds."""
    started = time.perf_counter()
    result = inspect_file(data, filename) if limits is None else inspect_file(data, filename, limits)
    elapsed = time.perf_counter() - started
    assert elapsed < GUARD_SECONDS, f"intake took {elapsed:.2f}s"
    return result


def assert_rejected(result: IntakeResult, code: IntakeCode) -> None:
    assert result.kind is IntakeKind.REJECTED
    assert result.reason_code is code, (result.reason_code, result.params)
    assert result.workbook is None
    assert result.reason and "\n" not in result.reason


# --- what passes -------------------------------------------------------------------------------


@pytest.mark.parametrize("template", sorted(path.name for path in TEMPLATES.glob("*.xlsx")))
def test_every_blank_rmi_template_passes_intake_unchanged(template: str) -> None:
    data = template_bytes(template)
    result = classify(data, template)
    assert result.kind is IntakeKind.XLSX
    assert result.detected is FileFormat.XLSX
    assert result.workbook == data
    assert result.warnings == ()


def test_template_renamed_to_pdf_is_still_read_as_a_workbook() -> None:
    result = classify(template_bytes(), "scan.pdf")
    assert result.accepted


def test_macro_enabled_workbook_is_read_with_a_warning_and_never_run() -> None:
    data = excel_package(XLSM_TYPE, {"xl/vbaProject.bin": b"\xcc\x61" + bytes(600)})
    result = classify(data, "CMRT.xlsm")
    assert result.accepted and result.workbook == data
    assert result.detected is FileFormat.XLSM
    assert [note.code for note in result.warnings] == [IntakeCode.XLSM_MACRO]
    assert "never run" in result.warnings[0].reason


def test_zip_holding_one_template_is_unpacked_and_checked() -> None:
    template = template_bytes()
    archive = zip_of({"reply/RMI_CMRT_6.5.xlsx": template, "__MACOSX/._RMI_CMRT_6.5.xlsx": b"\x00\x05"})
    result = classify(archive, "cmrt.zip")
    assert result.accepted and result.workbook == template
    assert result.inner_name == "RMI_CMRT_6.5.xlsx"
    assert result.warnings == ()


def test_zip_with_a_cover_letter_keeps_the_workbook_and_says_what_was_ignored() -> None:
    archive = zip_of({"CMRT.xlsx": excel_package(), "cover letter.txt": b"Dear customer"})
    result = classify(archive, "reply.zip")
    assert result.accepted
    assert [note.code for note in result.warnings] == [IntakeCode.ZIP_EXTRA_FILES]
    assert "cover letter.txt" in result.warnings[0].reason


def test_workbook_inside_a_zip_is_found_by_magic_even_without_extension() -> None:
    result = classify(zip_of({"CMRT": excel_package()}), "reply.zip")
    assert result.accepted and result.inner_name == "CMRT"


# --- what is refused, one test per hostile class -----------------------------------------------


def test_password_protected_xlsx_is_refused_as_encrypted() -> None:
    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(excel_package())).encrypt("s3cret", encrypted)
    result = classify(encrypted.getvalue())
    assert_rejected(result, IntakeCode.ENCRYPTED)
    assert result.detected is FileFormat.ENCRYPTED_OFFICE
    assert "password" in result.reason


def test_legacy_xls_is_refused_with_save_as_xlsx_advice() -> None:
    result = classify(compound_file({"Workbook": biff8_workbook_stream()}), "CMRT.xls")
    assert_rejected(result, IntakeCode.XLS_LEGACY)
    assert ".xlsx" in result.reason


def test_password_protected_legacy_xls_is_refused_as_encrypted() -> None:
    result = classify(compound_file({"Workbook": biff8_workbook_stream(file_pass=True)}), "CMRT.xls")
    assert_rejected(result, IntakeCode.ENCRYPTED)
    assert result.params["container"] == "xls"


def test_word_document_named_xlsx_is_refused_as_other_office_file() -> None:
    result = classify(compound_file({"WordDocument": b"\xec\xa5", "1Table": b"\x00"}), "CMRT.xlsx")
    assert_rejected(result, IntakeCode.OFFICE_OTHER)
    assert "Word document" in result.reason and "name ends in .xlsx" in result.reason


def test_docx_package_is_refused_as_other_office_file() -> None:
    parts = {
        "[Content_Types].xml": content_types("word/document.xml", DOCX_TYPE),
        "word/document.xml": b"<w/>",
    }
    assert_rejected(classify(zip_of(parts), "CMRT.docx"), IntakeCode.OFFICE_OTHER)


def test_binary_xlsb_workbook_is_refused() -> None:
    data = excel_package(XLSB_TYPE)
    assert_rejected(classify(data, "CMRT.xlsb"), IntakeCode.XLSB)


def test_opendocument_spreadsheet_is_refused_with_save_as_advice() -> None:
    ods = zip_of({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"})
    assert_rejected(classify(ods, "CMRT.ods"), IntakeCode.ODS)


def test_zip_with_two_workbooks_is_refused_naming_both() -> None:
    archive = zip_of({"CMRT_a.xlsx": excel_package(), "CMRT_b.xlsx": excel_package()})
    result = classify(archive, "both.zip")
    assert_rejected(result, IntakeCode.ZIP_MULTIPLE)
    assert result.params["count"] == 2
    assert "CMRT_a.xlsx" in result.reason and "CMRT_b.xlsx" in result.reason


def test_zip_without_a_workbook_is_refused() -> None:
    assert_rejected(classify(zip_of({"notes.txt": b"hello"}), "x.zip"), IntakeCode.ZIP_NO_WORKBOOK)


def test_zip_inside_a_zip_is_refused_at_depth_one() -> None:
    inner = zip_of({"CMRT.xlsx": excel_package()})
    assert_rejected(classify(zip_of({"inner.zip.xlsx": inner}), "outer.zip"), IntakeCode.ZIP_NESTED)


def test_password_protected_zip_is_refused_as_encrypted() -> None:
    payload = deflate_raw(b"secret")
    member = RawMember("CMRT.xlsx", payload, 6, zlib.crc32(b"secret"), flags=0x1)
    result = classify(raw_zip([member]), "locked.zip")
    assert_rejected(result, IntakeCode.ENCRYPTED)
    assert result.params["container"] == "zip"


def test_7z_archive_is_refused() -> None:
    seven_zip = b"7z\xbc\xaf\x27\x1c\x00\x04" + bytes(24) + b"\x01\x04\x06"
    assert_rejected(classify(seven_zip, "CMRT.7z"), IntakeCode.ARCHIVE_7Z)


def test_rar_archive_is_refused() -> None:
    rar = b"Rar!\x1a\x07\x01\x00" + bytes(64)
    assert_rejected(classify(rar, "CMRT.rar"), IntakeCode.ARCHIVE_RAR)


def test_gzip_file_is_refused_as_other_archive() -> None:
    import gzip

    assert_rejected(classify(gzip.compress(excel_package()), "CMRT.xlsx.gz"), IntakeCode.ARCHIVE_OTHER)


def test_pdf_renamed_to_xlsx_is_refused_and_the_name_is_called_out() -> None:
    pdf = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n"
    result = classify(pdf, "CMRT.xlsx")
    assert_rejected(result, IntakeCode.PDF)
    assert "although its name ends in .xlsx" in result.reason


def _png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("data", "label"),
    [
        (_png(), "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64), "JPEG"),
        (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "GIF"),
    ],
)
def test_picture_sent_instead_of_the_workbook_is_refused(data: bytes, label: str) -> None:
    result = classify(data, "screenshot.xlsx")
    assert_rejected(result, IntakeCode.IMAGE)
    assert label in result.reason


def test_outlook_winmail_dat_is_refused_with_resend_advice() -> None:
    tnef = b"\x78\x9f\x3e\x22\x01\x00" + bytes(32)
    result = classify(tnef, "winmail.dat")
    assert_rejected(result, IntakeCode.WINMAIL)
    assert "plain-text" in result.reason


@pytest.mark.parametrize(
    ("data", "text_format"),
    [
        (b"Company Name,Declaration Scope\nACME,Company\n", "text"),
        (
            b'<html xmlns:o="urn:schemas-microsoft-com:office:office"><table><tr><td>1</td></tr></table>',
            "html",
        ),
        (b'<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook/>', "xml"),
    ],
)
def test_text_exports_named_like_workbooks_are_refused(data: bytes, text_format: str) -> None:
    result = classify(data, "CMRT.xls")
    assert_rejected(result, IntakeCode.TEXT)
    assert result.params["format"] == text_format


def test_unrecognised_binary_is_refused_as_unknown() -> None:
    assert_rejected(classify(bytes(range(256)) * 4, "CMRT.xlsx"), IntakeCode.UNKNOWN)


def test_empty_file_is_refused_as_empty() -> None:
    assert_rejected(classify(b"", "CMRT.xlsx"), IntakeCode.EMPTY)
    assert_rejected(classify(b"\x00" * 512, "CMRT.xlsx"), IntakeCode.EMPTY)


def test_file_above_the_size_limit_is_refused_before_looking_inside() -> None:
    result = classify(b"PK\x03\x04" + bytes(26 * 1024 * 1024), "CMRT.xlsx")
    assert_rejected(result, IntakeCode.TOO_LARGE)
    assert result.params == {"size_mb": "26.1", "limit_mb": "25"}  # rounded up, in the limit's unit
    assert (
        result.reason == '"CMRT.xlsx" is 26.1 MB, above the 25 MB limit' + result.reason.split("limit", 1)[1]
    )


def test_truncated_workbook_is_refused_as_corrupt_zip() -> None:
    data = template_bytes()
    assert_rejected(classify(data[: len(data) // 2]), IntakeCode.CORRUPT_ZIP)


def test_workbook_with_a_damaged_part_is_refused_by_its_checksum() -> None:
    data = bytearray(excel_package())
    sheet_at = data.index(b"xl/worksheets/sheet1.xml") + len(b"xl/worksheets/sheet1.xml")
    data[sheet_at + 5] ^= 0xFF
    assert_rejected(classify(bytes(data)), IntakeCode.CORRUPT_ZIP)


def test_zip_bomb_above_the_total_size_cap_is_refused_from_the_directory_alone() -> None:
    bomb = zeros_zip("xl/worksheets/sheet1.xml", 70 * 1024 * 1024)
    assert len(bomb) < 200 * 1024
    result = classify(bomb)
    assert_rejected(result, IntakeCode.ZIP_BOMB)
    assert result.params["limit_mb"] == "60"


def test_single_part_with_an_absurd_compression_ratio_is_refused() -> None:
    result = classify(zeros_zip("xl/sharedStrings.xml", 20 * 1024 * 1024))
    assert_rejected(result, IntakeCode.ZIP_BOMB)
    assert int(result.params["ratio"]) > 100


def test_part_that_lies_about_its_size_is_refused_while_inflating() -> None:
    exploding = deflate_raw(bytes(8 * 1024 * 1024))
    parts = {name: deflate_raw(body) for name, body in excel_package_parts().items()}
    members = [
        RawMember(name, body, len(excel_package_parts()[name]), zlib.crc32(excel_package_parts()[name]))
        for name, body in parts.items()
    ]
    members.append(RawMember("xl/media/image1.xml", exploding, 1000, zlib.crc32(bytes(1000))))
    result = classify(raw_zip(members))
    assert_rejected(result, IntakeCode.ZIP_BOMB)
    assert result.params["detail"] == "size lies"


def _package_with(extra: RawMember) -> bytes:
    parts = excel_package_parts()
    members = [
        RawMember(name, deflate_raw(body), len(body), zlib.crc32(body)) for name, body in parts.items()
    ]
    return raw_zip([*members, extra])


def test_part_whose_deflate_stream_is_cut_short_is_refused_as_corrupt() -> None:
    body = b"<x>" + b"y" * 50_000 + b"</x>"
    cut = deflate_raw(body)[:-40]
    result = classify(_package_with(RawMember("xl/cut.xml", cut, len(body), zlib.crc32(body))))
    assert_rejected(result, IntakeCode.CORRUPT_ZIP)
    assert result.params["part"] == "xl/cut.xml"


def test_stored_part_longer_than_it_declares_is_refused_as_lying_about_its_size() -> None:
    body = b"<x>" + b"y" * 5_000 + b"</x>"
    lying = RawMember("xl/stored.xml", body, 100, zlib.crc32(body[:100]), method=zipfile.ZIP_STORED)
    result = classify(_package_with(lying))
    assert_rejected(result, IntakeCode.ZIP_BOMB)
    assert result.params["detail"] == "size lies"


def test_stored_part_shorter_than_it_declares_is_refused_by_its_checksum() -> None:
    body = b"<x>short</x>"
    short = RawMember("xl/stored.xml", body, len(body) + 10, zlib.crc32(body), method=zipfile.ZIP_STORED)
    assert_rejected(classify(_package_with(short)), IntakeCode.CORRUPT_ZIP)


def test_overlapping_members_reusing_one_payload_are_refused() -> None:
    body = b"<x/>" * 1000
    first = RawMember("a.xml", deflate_raw(body), len(body), zlib.crc32(body))
    copies = [
        RawMember(f"copy{i}.xml", first.payload, len(body), zlib.crc32(body), reuse=0) for i in range(3)
    ]
    assert_rejected(classify(raw_zip([first, *copies])), IntakeCode.ZIP_BOMB)


def test_xml_bomb_in_a_workbook_part_is_refused_before_expansion() -> None:
    laughs = (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, 10))
        + b']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&lol9;</worksheet>'
    )
    result = classify(excel_package(parts={"xl/worksheets/sheet1.xml": laughs}))
    assert_rejected(result, IntakeCode.XML_UNSAFE)
    assert result.params["part"] == "xl/worksheets/sheet1.xml"


def test_external_entity_in_shared_strings_is_refused() -> None:
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&xxe;</t></si></sst>'
    )
    assert_rejected(classify(excel_package(parts={"xl/sharedStrings.xml": xxe})), IntakeCode.XML_UNSAFE)


def test_doctype_hidden_in_utf16_content_types_is_still_found() -> None:
    hidden = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE Types [<!ENTITY x "y">]><Types/>'
    data = excel_package(parts={"[Content_Types].xml": b"\xff\xfe" + hidden.encode("utf-16-le")})
    assert_rejected(classify(data), IntakeCode.XML_UNSAFE)


def test_unexpected_failure_becomes_unreadable_and_is_logged_with_traceback(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken_sniff(data: bytes) -> FileFormat:
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(rmi.intake.classify, "sniff", broken_sniff)
    with caplog.at_level(logging.ERROR, logger="rmi.intake"):
        result = classify(excel_package())
    assert_rejected(result, IntakeCode.UNREADABLE)
    assert caplog.records and caplog.records[0].exc_info is not None


# --- nothing hostile escapes -------------------------------------------------------------------


def excel_package_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(excel_package())) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


_SEED = excel_package()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(_SEED) - 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_randomly_damaged_workbooks_always_get_a_typed_answer(flips: list[tuple[int, int]]) -> None:
    data = bytearray(_SEED)
    for position, value in flips:
        data[position] = value
    result = classify(bytes(data))
    assert result.kind in {IntakeKind.XLSX, IntakeKind.REJECTED}
    assert result.reason_code is not IntakeCode.UNREADABLE


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2048))
def test_arbitrary_bytes_always_get_a_typed_answer(data: bytes) -> None:
    result = classify(data, None)
    assert result.reason_code is not IntakeCode.UNREADABLE
    assert result.accepted is (result.kind is IntakeKind.XLSX)
