"""Validation rules over a read template: each module is one rule or one tight group of rules.

The Checker-parity rules (``company_info``, ``mineral_selection``, ``mineral_questions``,
``company_questions``, ``smelter_coverage``) reproduce the template's own Checker sheet through
``checker_gaps``; the others go beyond it. ``rmi.judge`` holds the ordered registry.
"""
