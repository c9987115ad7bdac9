"""The ``surveybot`` command line: one entry point, one error boundary.

Each subcommand lives in ``surveybot.commands.<name>`` and exposes ``register(subparsers)``; heavy
imports happen inside the command's handler, so ``surveybot check`` starts fast and never loads the
Slack or mail stacks. A command line that names its command registers only that command's parser
(``surveybot check FILE`` does not import the settings code the other commands' parsers need); a
command line without one (``surveybot --help``, a typo) builds them all.

Output piped into a reader that stops early (``surveybot suppliers list | head``) closes the pipe:
that is the reader's choice, not an error, so ``BrokenPipeError`` ends the command quietly with the
shell's SIGPIPE status (141) instead of a traceback, here at the boundary rather than in each command.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from surveybot import __version__
from surveybot.errors import ConfigError, UsageError, UserFacingError

COMMAND_MODULES = (
    "check",
    "demo",
    "run",
    "suppliers",
    "campaign",
    "status",
    "policy",
    "facilities",
    "report",
    "declaration",
    "config_cmd",
    "doctor",
)

log = logging.getLogger("surveybot")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser for every command, or for ``only`` that command (which must be one of ours)."""
    parser = argparse.ArgumentParser(
        prog="surveybot",
        description="Responsible-minerals supplier surveys (CMRT, EMRT, CRT, AMRT) by mail and Slack.",
    )
    parser.add_argument("--version", action="version", version=f"surveybot {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug details to stderr")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in (only,) if only else COMMAND_MODULES:
        try:
            module = importlib.import_module(f"surveybot.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"surveybot.commands.{name}":
                raise
            continue
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser(_named_command(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        code = int(args.handler(args))
        sys.stdout.flush()  # a closed pipe must fail here, inside the boundary, not at interpreter exit
        return code
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except ConfigError as exc:
        print("configuration problems:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  - {problem}", file=sys.stderr)
        return 2
    except UsageError as exc:
        print(f"surveybot: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except UserFacingError as exc:
        print(f"surveybot: {exc}", file=sys.stderr)
        return 1
    except (
        FileNotFoundError,
        FileExistsError,
        IsADirectoryError,
        NotADirectoryError,
        PermissionError,
    ) as exc:
        log.debug("a path on the command line or in the config cannot be used", exc_info=True)
        print(f"surveybot: {_path_problem(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception:
        import uuid  # only a crash needs an incident reference

        incident = uuid.uuid4().hex[:8]
        log.critical("unexpected error (ref %s)", incident, exc_info=True)
        print(f"surveybot: unexpected error (ref {incident}); see the log", file=sys.stderr)
        return 70


def _named_command(argv: Sequence[str]) -> str | None:
    """The module of the command the first word names, if only our own flags come before it; None
    when the full parser has to decide (help, version, a typo)."""
    for word in argv:
        if word in ("-v", "--verbose"):
            continue
        module = _MODULE_OF_COMMAND.get(word, word)
        return module if module in COMMAND_MODULES and word not in _MODULE_OF_COMMAND.values() else None
    return None


_MODULE_OF_COMMAND = {"config": "config_cmd"}  # where a command's module name is not the command


EXIT_BROKEN_PIPE = 128 + 13  # what a shell reports for a command ended by SIGPIPE
EXIT_USAGE = 2  # what argparse returns for a bad command line; a path that cannot be used is one too


def _path_problem(exc: OSError) -> str:
    """One line for a file or folder that cannot be used: which path, and what is wrong with it."""
    where = exc.filename if exc.filename is not None else "a file"
    reason = {
        FileNotFoundError: "does not exist",
        FileExistsError: "is in the way: a file where a folder must be made",
        IsADirectoryError: "is a folder, not a file",
        NotADirectoryError: "needs a folder, but part of the path is a file",
        PermissionError: "is not accessible to this user",
    }.get(type(exc), exc.strerror or "cannot be used")
    return f"{where}: {reason}"


def _silence_stdout() -> None:
    """Point stdout at /dev/null: the interpreter flushes it once more at exit, into the closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
