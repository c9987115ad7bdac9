"""Put the supplier's company name into a blank template before it is attached to an invitation.

Why by editing the sheet XML: loading and saving a template with openpyxl drops parts it does not
understand (the Checker's conditional formats, data validations that refer to other sheets, custom
XML, drawings), and Excel then offers to "repair" the file. Here exactly two parts change: the
Declaration sheet gets the name as an inline string in its company-name cell (the cell keeps its
style), and ``workbook.xml`` asks the spreadsheet application to recalculate on open, so the
Checker's cached results (computed for an empty name) are not shown stale. Every other member is
copied compressed, byte for byte (``rmi.zip_copy``).
"""

from __future__ import annotations

import functools
import io
import posixpath
import re
import zipfile
from xml.sax.saxutils import escape

from defusedxml.ElementTree import fromstring

from rmi.layouts import all_layouts
from rmi.zip_copy import replace_members

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CALC_PR = re.compile(rb"<calcPr\b([^>]*?)(/?)>")
# Characters XML 1.0 cannot carry at all: a supplier name from a spreadsheet import may hold them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_NAME = 255  # what the Declaration's own validation allows for a company name


class PrefillError(ValueError):
    """The workbook does not have the company-name cell where its family's layouts put it."""


def company_name_cell(family: str) -> tuple[str, str]:
    """(sheet, address) of the company name in ``family``'s templates; the same in every revision."""
    cells = {
        (layout.company_fields["company_name"].cell.sheet, layout.company_fields["company_name"].cell.address)
        for layout in all_layouts().values()
        if layout.family == family.upper() and "company_name" in layout.company_fields
    }
    if len(cells) != 1:
        raise PrefillError(f"no single company-name cell is known for {family!r}")
    return next(iter(cells))


def with_company_name(workbook: bytes, family: str, name: str) -> bytes:
    """``workbook`` with ``name`` in its company-name cell; raises ``PrefillError`` when it cannot."""
    sheet, address = company_name_cell(family)
    clean = _NOT_XML.sub("", name).strip()[:MAX_NAME]
    if not clean:
        return workbook
    part, sheet_xml, book_xml = _parts(workbook, sheet)
    edited = set_inline_text(sheet_xml, address, clean)
    return replace_members(workbook, {part: edited, "xl/workbook.xml": recalculate_on_open(book_xml)})


@functools.lru_cache(maxsize=4)
def _parts(workbook: bytes, sheet: str) -> tuple[str, bytes, bytes]:
    """(part name of ``sheet``, its XML, ``workbook.xml``): read once per blank, not once per supplier."""
    try:
        with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
            part = _sheet_part(archive, sheet)
            return part, archive.read(part), archive.read("xl/workbook.xml")
    except (zipfile.BadZipFile, KeyError, SyntaxError) as exc:
        raise PrefillError(f"not a workbook package: {exc}") from exc


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str:
    book = fromstring(archive.read("xl/workbook.xml"))
    relations = fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in relations.iter(f"{_PKG_REL}Relationship")}
    for entry in book.iter(f"{_MAIN}sheet"):
        if entry.get("name") == sheet:
            target = targets.get(entry.get(f"{_REL}id"), "")
            return target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
    raise PrefillError(f"the workbook has no {sheet!r} sheet")


def set_inline_text(sheet_xml: bytes, address: str, text: str) -> bytes:
    """The sheet with ``address`` holding ``text``; the cell must be empty (no value, no formula)."""
    cell = re.compile(rb'<c r="' + address.encode() + rb'"(?P<attrs>[^>]*?)(?:/>|>(?P<body>.*?)</c>)', re.S)
    found = cell.search(sheet_xml)
    if found is None:
        raise PrefillError(f"cell {address} is not in the sheet (the layout does not match)")
    if (found["body"] or b"").strip():
        raise PrefillError(f"cell {address} is not empty")
    attrs = re.sub(rb'\s+t="[^"]*"', b"", found["attrs"])
    value = escape(text).encode("utf-8")
    inline = b' t="inlineStr"><is><t xml:space="preserve">' + value + b"</t></is></c>"
    new = b'<c r="' + address.encode() + b'"' + attrs + inline
    return sheet_xml[: found.start()] + new + sheet_xml[found.end() :]


def recalculate_on_open(book_xml: bytes) -> bytes:
    """``workbook.xml`` with ``fullCalcOnLoad="1"`` on its calculation properties, when it has them."""
    found = _CALC_PR.search(book_xml)
    if found is None:  # adding one in the schema's element order is not worth the risk of a repair
        return book_xml
    attrs = re.sub(rb'\s+fullCalcOnLoad="[^"]*"', b"", found[1])
    calc = b"<calcPr" + attrs + b' fullCalcOnLoad="1"' + found[2] + b">"
    return book_xml[: found.start()] + calc + book_xml[found.end() :]
