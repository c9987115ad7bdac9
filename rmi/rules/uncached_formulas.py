"""Formula cells without results: the file was written by a program, not saved by Excel.

Such a file shows empty smelter names and countries to anyone who does not recalculate it, and
the Checker's own counts in it are meaningless. The rules still judge it (using values derived
from the template's look-up sheet), so this is a warning with the one fix: open, save, resend.
"""

from __future__ import annotations

from collections.abc import Iterator

from rmi.findings import Finding, Severity
from rmi.model import TemplateModel
from rmi.policy import Policy


class UncachedFormulasRule:
    code = "FORMULAS-UNCACHED"

    def check(self, model: TemplateModel, policy: Policy) -> Iterator[Finding]:
        count = model.uncached_formula_cells
        if count > 0:
            yield Finding(
                code=self.code,
                severity=Severity.WARNING,
                message_key="formulas.uncached",
                params={"count": count},
                sheet="Smelter List",
            )


RULE = UncachedFormulasRule()
