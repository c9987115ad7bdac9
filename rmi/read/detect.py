"""Which RMI template a workbook is: family, version, layout and the language the supplier chose.

Only language-independent content is used, because every label of a template is a formula that
follows the language picked in Declaration!D3:

1. family: the literal English title in Revision!B3; failing that, the metals of the template's own
   Smelter Look-up sheet (3TG → CMRT, cobalt+mica → EMRT 1.x, …) and the sheet set;
2. version: "Revision 6.5" / "Version 1.1" in Declaration!J3, then the Smelter List and Mine List
   revision cells, then the last entry of the Revision sheet. Letter-suffixed pre-releases ("2.1a")
   are reported as such and read with their base layout, so the rules can reject them;
3. CRT 2.21 says "Revision 2.2" everywhere. The only difference from 2.2 is that 2.21 carries the
   Smelter List auto-fill formulas (columns F..J) from row 5, where 2.2 starts them at row 212. The
   detector reports "2.21" when row 5 holds those formulas and says so in ``version_source``; the two
   layouts read identically, so a wrong guess cannot change a finding, only the reported version.

Sheet names and zip part numbers are never trusted on their own: any workbook can have a sheet
called "Smelter List".

A revision we have no layout for is told apart by its age. Older than every layout of its family
(CMRT 1.x–5.x, EMRT 1.0, AMRT 1.0/1.1): ``retired_version``, with family and revision, which old
files still show in the Declaration header ("Conflict Minerals Reporting Template", "Revision
5.12"). Newer (CMRT 6.6, EMRT 2.11, AMRT 1.31 and their ".1" copies): read with the nearest older
layout once its anchor cells match (``rmi.read.anchors``), else ``layout_mismatch`` for a person to look at.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass

from rmi.blanks import revision_order
from rmi.layouts import Layout, all_layouts
from rmi.model import Family, NotATemplate, TemplateIdentity
from rmi.read.anchors import check_anchors, labels_of
from rmi.read.sheet_xml import column_letters
from rmi.read.workbook import Workbook, WorkbookError

_VERSION = re.compile(r"(?:revision|version)\s*(\d+(?:\.\d+)+|\d+)([a-z]?)\b", re.IGNORECASE)
_REVISION_ENTRY = re.compile(r"^\s*(\d+(?:\.\d+)*)([a-z]?)\s*$", re.IGNORECASE)
_TITLE_WORDS = (
    ("conflict minerals", Family.CMRT),
    ("extended mineral", Family.EMRT),
    ("cobalt reporting", Family.CRT),
    ("additional minerals", Family.AMRT),
)
_LOOKUP_METALS = {
    frozenset({"tantalum", "tin", "gold", "tungsten"}): Family.CMRT,
    frozenset({"cobalt", "mica"}): Family.EMRT,
    frozenset({"cobalt"}): Family.CRT,
}
# Words of the multilingual Declaration!D3 labels ("中文 Chinese", "italiano", …) → ISO 639-1.
_LANGUAGE_WORDS = {
    "english": "en",
    "中文": "zh",
    "chinese": "zh",
    "日本語": "ja",
    "japanese": "ja",
    "한국어": "ko",
    "korean": "ko",
    "français": "fr",
    "francais": "fr",
    "french": "fr",
    "português": "pt",
    "portugues": "pt",
    "portuguese": "pt",
    "deutsch": "de",
    "german": "de",
    "español": "es",
    "espanol": "es",
    "spanish": "es",
    "italiano": "it",
    "italian": "it",
    "türkçe": "tr",
    "turkce": "tr",
    "turkish": "tr",
}
_CRT_AUTOFILL_CELLS = ("F5", "G5", "H5", "I5", "J5")
_REVISION_COLUMN = 2  # B
# Literal "Revision X / date" texts; the Smelter List one sits in O3 in AMRT 1.2, Q3 elsewhere.
_VERSION_CELLS = (("Declaration", "J3"), ("Smelter List", "Q3"), ("Smelter List", "O3"), ("Mine List", "M3"))
# Older revisions put title and "Revision N.NN" elsewhere in the Declaration's header area.
_HEADER_ROWS = range(1, 7)
_HEADER_COLUMNS = range(1, 13)
_LANGUAGE_CELL = "D3"
Reopen = Callable[[], Workbook]


@dataclass(frozen=True, slots=True)
class Detection:
    """A recognised template: who it is and the layout to read it with."""

    identity: TemplateIdentity
    layout: Layout


def language_code(label: str | None) -> str:
    """ISO code of a Declaration!D3 label; blank or unknown labels read as English."""
    for word in (label or "").casefold().split():
        code = _LANGUAGE_WORDS.get(word)
        if code:
            return code
    return "en"


def detect(workbook: Workbook, reopen: Reopen | None = None) -> Detection | NotATemplate:
    """Recognise the template in ``workbook`` (a typed refusal, never an exception, for other files).

    ``reopen`` opens the same bytes again with the hidden label sheet, for the anchor check of a
    revision newer than our layouts; without it such a file is held (``layout_mismatch``).
    """
    try:
        return _detect(workbook, reopen)
    except WorkbookError as error:
        return NotATemplate(error.reason_key, error.detail)


def _detect(workbook: Workbook, reopen: Reopen | None) -> Detection | NotATemplate:
    if not workbook.has_sheet("Declaration"):
        return NotATemplate("not_rmi_template", "no Declaration sheet")
    family = _family(workbook)
    if family is None:
        return NotATemplate("not_rmi_template", "no RMI template title or smelter look-up")
    found = _version(workbook)
    if found is None:
        return NotATemplate("version_not_found", family.value)
    version, source = found
    layout = _layout_for(family, version)
    if layout is None:
        return _without_layout(workbook, _identity(workbook, family, version, source), reopen)
    missing = _missing_sheet(workbook, layout)
    if missing:
        return NotATemplate("missing_sheet", f"{layout.key}: {missing}")
    if layout.key == "CRT/2.2" and _has_crt_221_autofill(workbook, layout):
        layout = all_layouts()["CRT/2.21"]
        version, source = "2.21", f"{source} + Smelter List auto-fill formulas from row 5"
    label = _text(workbook, layout.language_cell.sheet, layout.language_cell.address) or None
    identity = TemplateIdentity(
        family=family,
        version=version,
        language_label=label,
        language=language_code(label),
        version_source=source,
        layout_key=layout.key,
    )
    return Detection(identity, layout)


def _identity(workbook: Workbook, family: Family, version: str, source: str) -> TemplateIdentity:
    label = _text(workbook, "Declaration", _LANGUAGE_CELL) or None
    return TemplateIdentity(family, version, label, language_code(label), source)


def _without_layout(
    workbook: Workbook, identity: TemplateIdentity, reopen: Reopen | None
) -> Detection | NotATemplate:
    """A revision we have no layout for: retired, or read with the nearest older layout."""
    detail = f"{identity.family.value} {identity.version}"
    number = revision_order(identity.version.rstrip("abcdefghijklmnopqrstuvwxyz"))
    family_layouts = [item for item in all_layouts().values() if item.family is identity.family]
    older = [item for item in family_layouts if revision_order(item.version) < number]
    if not older:
        retired = family_layouts and number < min(revision_order(item.version) for item in family_layouts)
        return NotATemplate("retired_version" if retired else "unsupported_version", detail, identity)
    nearest = max(older, key=lambda item: revision_order(item.version))
    check = check_anchors(nearest, labels_of(reopen))
    if check.layout is None:
        return NotATemplate("layout_mismatch", f"{detail} vs {nearest.key}: {check.mismatch}", identity)
    missing = _missing_sheet(workbook, check.layout)
    if missing:
        return NotATemplate("layout_mismatch", f"{detail} vs {nearest.key}: no sheet {missing}", identity)
    read_as = dataclasses.replace(identity, layout_key=nearest.key, read_as=nearest.version)
    return Detection(read_as, check.layout)


def _text(workbook: Workbook, sheet: str, address: str) -> str:
    if not workbook.has_sheet(sheet):
        return ""
    return workbook.cell(sheet, address).text


def _family(workbook: Workbook) -> Family | None:
    title = _text(workbook, "Revision", "B3").casefold()
    for words, family in _TITLE_WORDS:
        if words in title:
            return family
    if workbook.has_sheet("Minerals Scope"):
        return Family.AMRT
    if workbook.has_sheet("Mine List"):
        return Family.EMRT
    return _family_from_lookup(workbook) or _family_from_header(workbook)


def _header_texts(workbook: Workbook) -> list[tuple[str, str]]:
    """(text, address) of every non-blank cell in the Declaration's header area, row by row."""
    sheet = workbook.sheet("Declaration")
    found = []
    for row in _HEADER_ROWS:
        for column in _HEADER_COLUMNS:
            value = sheet.value_at(row, column)
            if isinstance(value, str) and value.strip():
                found.append((value, f"{column_letters(column)}{row}"))
    return found


def _family_from_header(workbook: Workbook) -> Family | None:
    for text, _ in _header_texts(workbook):
        for words, family in _TITLE_WORDS:
            if words in text.casefold():
                return family
    return None


def _family_from_lookup(workbook: Workbook) -> Family | None:
    if not workbook.has_sheet("Smelter Look-up"):
        return None
    sheet = workbook.sheet("Smelter Look-up")
    metals = {
        str(value).strip().casefold()
        for row in range(5, sheet.row_count + 1)
        if (value := sheet.value_at(row, 1)) is not None
    }
    return _LOOKUP_METALS.get(frozenset(metals))


def _version(workbook: Workbook) -> tuple[str, str] | None:
    for sheet, address in _VERSION_CELLS:
        match = _VERSION.search(_text(workbook, sheet, address))
        if match:
            return match.group(1) + match.group(2).lower(), f"{sheet}!{address}"
    return _version_from_header(workbook) or _version_from_revision_sheet(workbook)


def _version_from_header(workbook: Workbook) -> tuple[str, str] | None:
    for text, address in _header_texts(workbook):
        match = _VERSION.search(text)
        if match:
            return match.group(1) + match.group(2).lower(), f"Declaration!{address}"
    return None


def _version_from_revision_sheet(workbook: Workbook) -> tuple[str, str] | None:
    """The last entry of the Revision sheet's column B (numbers like 6.01, texts like "2.0")."""
    if not workbook.has_sheet("Revision"):
        return None
    sheet = workbook.sheet("Revision")
    found: tuple[str, str] | None = None
    for row in range(13, sheet.row_count + 1):
        match = _REVISION_ENTRY.match(_version_text(sheet.value_at(row, _REVISION_COLUMN)))
        if match:
            found = match.group(1) + match.group(2).lower(), f"Revision!B{row}"
    return found


def _version_text(value: object) -> str:
    """A Revision-sheet entry as version text: 6.01 → "6.01", 2.0 → "2.0", "2.03a" unchanged."""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int | float):
        return f"{value:.1f}" if float(value).is_integer() else f"{value:g}"
    return str(value)


def _layout_for(family: Family, version: str) -> Layout | None:
    layouts = all_layouts()
    base = version.rstrip("abcdefghijklmnopqrstuvwxyz")
    return layouts.get(f"{family.value}/{version}") or layouts.get(f"{family.value}/{base}")


def _missing_sheet(workbook: Workbook, layout: Layout) -> str | None:
    required = [layout.smelter_list.sheet, layout.product_list.sheet]
    required += [spec.sheet for spec in (layout.mine_list, layout.smelter_lookup) if spec is not None]
    return next((name for name in required if not workbook.has_sheet(name)), None)


def _has_crt_221_autofill(workbook: Workbook, layout: Layout) -> bool:
    return any(workbook.has_formula(layout.smelter_list.sheet, cell) for cell in _CRT_AUTOFILL_CELLS)
