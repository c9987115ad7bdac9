"""The company's declaration written into RMI's real blank template (cells set in the sheet XML).

Only input cells are written: company fields, answers, and the Smelter List's metal, Look-up name
(and, for smelters the Look-up does not know, name and country), so the template's own formulas
fill the smelter's standard name, country and CID, exactly as when a person picks from the
dropdowns. Formulas, validations, styles and protection stay as RMI shipped them.
"""

from __future__ import annotations

from rmi.analysis.company_declaration import NOT_LISTED, CompanyDeclaration
from rmi.layouts import Layout
from surveybot.writers.xlsx_cells import Value, set_cells


def declaration_workbook(blank: bytes, spec: Layout, declaration: CompanyDeclaration) -> bytes:
    cells: dict[str, Value] = {spec.language_cell.ref: "English", **declaration.cells}
    smelter_list = spec.smelter_list
    columns = smelter_list.columns
    rows: set[int] = set()
    for offset, line in enumerate(declaration.smelters):
        row = smelter_list.first_row + offset
        if row > smelter_list.last_row:
            raise ValueError(
                f"the template's Smelter List holds {smelter_list.last_row - smelter_list.first_row + 1} rows"
            )
        rows.add(row)
        cells[f"{smelter_list.sheet}!{columns['metal']}{row}"] = line.metal
        cells[f"{smelter_list.sheet}!{columns['smelter_lookup']}{row}"] = line.lookup_name
        if line.lookup_name == NOT_LISTED:
            cells[f"{smelter_list.sheet}!{columns['smelter_name']}{row}"] = line.name
            cells[f"{smelter_list.sheet}!{columns['smelter_country']}{row}"] = line.country
    return set_cells(blank, cells, recalculate_rows={smelter_list.sheet: rows})
