"""Makes the workbook factory fixture available to the analysis tests."""

from tests.support.fixtures import workbook_factory

__all__ = ["workbook_factory"]
