"""The README keeps up with the code: every command and subcommand is documented and has help."""

from __future__ import annotations

import argparse
from pathlib import Path

from surveybot.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _command_paths() -> list[tuple[str, argparse.ArgumentParser]]:
    paths = []
    for name, sub in _subparsers(build_parser()).items():
        nested = _subparsers(sub)
        if nested:
            paths.extend((f"{name} {child}", parser) for child, parser in nested.items())
        else:
            paths.append((name, sub))
    return paths


def test_every_command_appears_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [path for path, _ in _command_paths() if f"surveybot {path}" not in readme]
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_command_has_a_description_in_its_help() -> None:
    undocumented = [
        path for path, parser in _command_paths() if not (parser.description or parser.format_help())
    ]
    assert not undocumented
    for path, parser in _command_paths():
        assert "usage:" in parser.format_help()
        assert len(parser.format_help().splitlines()) >= 3, path


def test_readme_test_command_is_what_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/test" in readme and "exec scripts/test" in ci
    assert "scripts/demo" in readme and (ROOT / "scripts" / "demo").is_file()
