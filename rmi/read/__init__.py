"""Reading, the second half of opening a file: bytes that passed intake in, a template model out.

The one entry is ``read_workbook(data)`` (``identify_workbook`` names the template of a file that
cannot be read in full, such as a legacy .xls). The route, top to bottom:

* ``template``: open the workbook, detect the template, read each part of the model;
* ``workbook`` / ``package`` / ``sheet_xml``: the sheets surveybot needs, addressed like a spreadsheet;
* ``detect`` / ``anchors``: which family, revision, layout and language the workbook is;
* ``declaration`` / ``minerals`` / ``lists`` / ``lookup``: the cells each part of the model comes from.
"""

from __future__ import annotations

from rmi.read.template import READ_SHEETS, identify_workbook, open_workbook, read_workbook
from rmi.read.workbook import WorkbookError

__all__ = ["READ_SHEETS", "WorkbookError", "identify_workbook", "open_workbook", "read_workbook"]
