"""Safe intake, the first half of opening a file: is this attachment a workbook we may read at all?

The one entry is ``inspect_file(data, filename)``; everything a caller needs to act on its answer
(reason codes, result kinds, limits) is re-exported here. The route of a file through the package,
top to bottom:

* ``classify``: the door; sniffs magic numbers and dispatches, never raises;
* ``sniff``: which format the first bytes say (never the name);
* ``zip_entries`` / ``package`` / ``xml_prolog``: a zip's central directory, the Office or
  OpenDocument package inside it, every part inflated within limits and screened for DTDs;
* ``archive``: a zip that carries a workbook rather than being one;
* ``ole``: OLE2 files (encrypted .xlsx with the default key, legacy .xls);
* ``vocabulary`` / ``messages``: the codes and the English line saying what to send instead.
"""

from __future__ import annotations

from rmi.intake.classify import DEFAULT_LIMITS, inspect_file
from rmi.intake.sniff import FileFormat
from rmi.intake.vocabulary import IntakeCode, IntakeKind, IntakeLimits, IntakeNote, IntakeResult

__all__ = [
    "DEFAULT_LIMITS",
    "FileFormat",
    "IntakeCode",
    "IntakeKind",
    "IntakeLimits",
    "IntakeNote",
    "IntakeResult",
    "inspect_file",
]
