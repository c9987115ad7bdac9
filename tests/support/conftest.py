"""Makes the workbook factory fixture available to the factory's own tests."""

from tests.support.fixtures import workbook_factory

__all__ = ["workbook_factory"]
