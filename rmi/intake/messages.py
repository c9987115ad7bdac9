"""English one-line reasons for intake codes, each telling the supplier what to send instead.

The code is the contract (other languages are rendered from it and its parameters); this English
line is what Slack shows and the fallback for mail. The file name is used only here, to word the
message, never to decide what the file is.
"""

from __future__ import annotations

from pathlib import PurePath

from rmi.intake.vocabulary import IntakeCode, Params

_SAVE_AS_XLSX = "please open it in Excel, choose File > Save As > Excel Workbook (.xlsx) and send that file"
_SEND_XLSX = "please attach the completed RMI template as an Excel workbook (.xlsx)"
_ATTACH_DIRECTLY = "please attach the .xlsx file directly"

_TEMPLATES: dict[IntakeCode, str] = {
    IntakeCode.EMPTY: "{file} is empty; {send}.",
    IntakeCode.TOO_LARGE: "{file} is {size_mb} MB, above the {limit_mb} MB limit (a completed RMI "
    "template is usually under 5 MB); {send}, without embedded pictures or extra sheets.",
    IntakeCode.ENCRYPTED: "{file} is password-protected, so it cannot be checked; please remove the "
    "password, save it as .xlsx and send it again.",
    IntakeCode.XLS_LEGACY: "{file} is in the old Excel 97-2003 format (.xls); {save}.",
    IntakeCode.XLSB: "{file} is an Excel binary workbook (.xlsb); {save}.",
    IntakeCode.ODS: "{file} is an OpenDocument spreadsheet (.ods); please save it as Excel Workbook "
    "(.xlsx) and send that file.",
    IntakeCode.XLSM_MACRO: "{file} is macro-enabled (.xlsm): we read its data and never run its macros, "
    "but please return the RMI template as .xlsx next time.",
    IntakeCode.ARCHIVE_7Z: "{file} is a 7-Zip archive, which we do not open; {attach}.",
    IntakeCode.ARCHIVE_RAR: "{file} is a RAR archive, which we do not open; {attach}.",
    IntakeCode.ARCHIVE_OTHER: "{file} is a compressed {format} file, which we do not open; {attach}.",
    IntakeCode.ZIP_MULTIPLE: "{file} holds {count} workbooks ({names}); please send each completed "
    "template as its own .xlsx attachment.",
    IntakeCode.ZIP_NO_WORKBOOK: "{file} holds no Excel workbook; {send}.",
    IntakeCode.ZIP_NESTED: "{file} is an archive inside another archive; {attach}.",
    IntakeCode.ZIP_EXTRA_FILES: "We checked {inner} from {file} and ignored the {count} other file(s) "
    "in it ({names}).",
    IntakeCode.PDF: "{file} is a PDF{claimed}, which cannot be checked; {send}, not a PDF or a print-out.",
    IntakeCode.IMAGE: "{file} is a picture ({format}){claimed}, which cannot be checked; {send}, not a "
    "screenshot or a scan.",
    IntakeCode.WINMAIL: "{file} arrived as winmail.dat, Outlook's rich-text wrapping that hides the real "
    "attachment; please resend in HTML or plain-text format, or send the .xlsx inside a .zip.",
    IntakeCode.OFFICE_OTHER: "{file} is a {document}{claimed}, not an Excel workbook; {send}.",
    IntakeCode.TEXT: "{file} is {text_kind}{claimed}, not the RMI Excel template; {send}.",
    IntakeCode.UNKNOWN: "{file} is not an Excel workbook we recognise{claimed}; {send}.",
    IntakeCode.CORRUPT_ZIP: "{file} is damaged or incomplete (it may have been cut off on the way); {save}.",
    IntakeCode.CORRUPT_XLSX: "{file} is not a valid Excel workbook (its contents are damaged); {save}.",
    IntakeCode.CORRUPT_OFFICE: "{file} is a damaged Office file; {save}.",
    IntakeCode.ZIP_BOMB: "{file} unpacks to far more data than any RMI template, so it was not opened; "
    "please send the template saved from Excel as .xlsx.",
    IntakeCode.XML_UNSAFE: "{file} contains XML declarations that Excel never writes, so it was not "
    "opened for safety; {save}.",
    IntakeCode.UNREADABLE: "We could not process {file} because of a problem on our side; our team has "
    "been told and will follow up, there is nothing you need to do now.",
}

_WORKBOOK_NAMES = frozenset({".xlsx", ".xlsm", ".xltx", ".xltm", ".xls", ".xlsb", ".zip"})

_TEXT_KINDS = {
    "html": "a web page (HTML) saved with a spreadsheet name",
    "xml": "an XML file (for example the old Excel 2003 XML format)",
    "text": "a plain-text file (for example CSV)",
}


def describe(code: IntakeCode, params: Params, filename: str | None) -> str:
    """Render the English line for ``code``; unknown placeholders never raise."""
    values: dict[str, object] = {
        "file": f'"{filename}"' if filename else "the attached file",
        "save": _SAVE_AS_XLSX,
        "send": _SEND_XLSX,
        "attach": _ATTACH_DIRECTLY,
        "claimed": _claimed_suffix(filename),
        "text_kind": _TEXT_KINDS.get(str(params.get("format", "text")), _TEXT_KINDS["text"]),
        "format": "",
        "count": "",
        "names": "",
        "inner": "",
        "document": "document",
        "size_mb": "",
        "limit_mb": "",
    }
    values.update(params)
    line = _TEMPLATES[code].format_map(values)
    return line[0].upper() + line[1:]


def _claimed_suffix(filename: str | None) -> str:
    """Point out a misleading name, e.g. a PDF renamed to ``.xlsx``."""
    suffix = PurePath(filename).suffix.lower() if filename else ""
    return f" although its name ends in {suffix}" if suffix in _WORKBOOK_NAMES else ""
