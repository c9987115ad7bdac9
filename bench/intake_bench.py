"""What safe intake and mail parsing cost, against what the same run spends without them.

* ``rmi.intake.inspect_file`` on real templates (every part inflated, CRC-checked and screened),
  against the floor (zipfile reading every part) and against opening the workbook with calamine
  and reading its Declaration sheet (what happens next anyway).
* Hostile files built here (declared-size bomb, ratio bomb, lying-size bomb, XML bomb, encrypted
  workbook): the time to a verdict, against the 2 s budget.
* ``mail.parse.parse_message`` on an Outlook-style reply carrying the template, against the stdlib
  modern parser decoding the same attachment (``policy.default`` + ``get_content``).

Run: ``.venv/bin/python bench/intake_bench.py [--runs 9]``
"""

from __future__ import annotations

import argparse
import base64
import io
import statistics
import sys
import time
import zipfile
import zlib
from collections.abc import Callable
from email import policy
from email.parser import BytesParser
from pathlib import Path

import python_calamine
from msoffcrypto.format.ooxml import OOXMLFile

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mail.parse import parse_message
from rmi.intake import inspect_file

TEMPLATES = Path(__file__).resolve().parents[1] / "rmi" / "data" / "templates"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def median_ms(work: Callable[[], object], runs: int) -> float:
    work()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def read_all_parts(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            archive.read(name)


def calamine_declaration(data: bytes) -> None:
    workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    workbook.get_sheet_by_name("Declaration").to_python()


def hostile_files(template: bytes) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for label, size in (("bomb, 70 MB declared", 70), ("ratio bomb, 20 MB of zeros", 20)):
        buffer = io.BytesIO()
        with (
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
            archive.open("x.xml", "w") as member,
        ):
            for _ in range(size):
                member.write(bytes(1024 * 1024))
        files[label] = buffer.getvalue()
    lie = zlib.compressobj(9, zlib.DEFLATED, -15)
    payload = lie.compress(bytes(8 * 1024 * 1024)) + lie.flush()
    files["lying-size part (8 MB as 1 KB)"] = _one_member_zip("[Content_Types].xml", payload, 1024)
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY a "aaaa">' + b'<!ENTITY b "&a;&a;&a;">' * 50 + b"]><a/>"
    )
    with zipfile.ZipFile(io.BytesIO(template)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/sharedStrings.xml"] = laughs
    files["XML bomb in a real template"] = _zip(parts)
    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(template)).encrypt("secret", encrypted)
    files["password-protected template"] = encrypted.getvalue()
    return files


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _one_member_zip(name: str, payload: bytes, declared: int) -> bytes:
    import struct

    raw_name = name.encode()
    crc = zlib.crc32(bytes(declared))
    local = struct.pack(
        "<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(payload), declared, len(raw_name), 0
    )
    central = struct.pack(
        "<4sHHHHHHIIIHHHHHII",
        b"PK\x01\x02",
        20,
        20,
        0,
        8,
        0,
        0,
        crc,
        len(payload),
        declared,
        len(raw_name),
        0,
        0,
        0,
        0,
        0,
        0,
    )
    body = local + raw_name + payload
    directory = central + raw_name
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 1, 1, len(directory), len(body), 0)
    return body + directory + end


def outlook_mail(template: bytes) -> bytes:
    encoded = base64.encodebytes(template).decode().replace("\n", "\r\n")
    return (
        "From: Anna <anna@supplier.example>\r\nTo: surveys@example.com\r\nSubject: RE: CMRT\r\n"
        "Message-ID: <bench@supplier.example>\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="b"\r\n\r\n'
        "--b\r\nContent-Type: text/plain\r\n\r\nAttached.\r\n"
        f'--b\r\nContent-Type: {XLSX}; name="RMI_CMRT_6.5.xlsx"\r\n'
        'Content-Disposition: attachment; filename="RMI_CMRT_6.5.xlsx"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n"
        f"{encoded}\r\n--b--\r\n"
    ).encode()


def stdlib_modern(raw: bytes) -> None:
    message = BytesParser(policy=policy.default).parsebytes(raw)
    for part in message.iter_attachments():  # type: ignore[attr-defined]
        part.get_content()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    print(f"intake on real templates (median of {runs}, ms)")
    print(
        f"{'template':<22}{'intake':>9}{'floor':>9}{'calamine':>10}{'intake/floor':>14}{'intake/calamine':>17}"
    )
    for name in ("RMI_CMRT_6.5.xlsx", "RMI_EMRT_2.1.xlsx"):
        data = (TEMPLATES / name).read_bytes()
        assert inspect_file(data, name).accepted
        intake = median_ms(lambda d=data, n=name: inspect_file(d, n), runs)
        floor = median_ms(lambda d=data: read_all_parts(d), runs)
        calamine = median_ms(lambda d=data: calamine_declaration(d), runs)
        print(
            f"{name:<22}{intake:>9.1f}{floor:>9.1f}{calamine:>10.1f}"
            f"{intake / floor:>13.2f}x{intake / calamine:>16.2f}x"
        )
    template = (TEMPLATES / "RMI_CMRT_6.5.xlsx").read_bytes()
    print("\nhostile files: time to a verdict (budget 2000 ms)")
    for label, data in hostile_files(template).items():
        result = inspect_file(data, "CMRT.xlsx")
        took = median_ms(lambda d=data: inspect_file(d, "CMRT.xlsx"), runs)
        print(
            f"  {label:<34}{len(data) // 1024:>6} KB {result.reason_code!s:<20}{took:>8.1f} ms "
            f"({took / 2000:.4f} of budget)"
        )
    raw = outlook_mail(template)
    ours = median_ms(lambda: parse_message(raw), runs)
    stdlib = median_ms(lambda: stdlib_modern(raw), runs)
    print(
        f"\nparse_message, 2.1 MB mail with the template: {ours:.1f} ms; "
        f"stdlib policy.default + get_content: {stdlib:.1f} ms; ratio {ours / stdlib:.2f}x"
    )


if __name__ == "__main__":
    main()
