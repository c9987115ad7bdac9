"""``surveybot check FILE...``: judge returned templates from the command line.

One block per file (verdict line, then its findings) or, with ``--json``, one JSON array with one
object per file; a folder stands for the workbooks in it. The findings are told in the language of
the person at the terminal (``--lang``, else the locale), not the template's: that one is the
supplier's. Exit 0 when every file is accepted, 1 when any is rejected, 2 on a usage error
(including a file that does not exist). Many files are checked in parallel on every core; one file
is checked in-process, and this module imports nothing heavy until a check runs, so a one-file
check stays a fraction of a second.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from surveybot.commands.argtypes import day, positive_int

if TYPE_CHECKING:
    from rmi.model import Family
    from rmi.policy import Policy


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check returned RMI templates (CMRT, EMRT, CRT, AMRT) and print the verdicts",
        description="Runs the same intake, reading and rules as the mailbox on each FILE and prints "
        "a verdict per file. Exit status: 0 all accepted, 1 any rejected, 2 usage error.",
    )
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="returned template(s), usually .xlsx, or a folder of them"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON array (one object per file)")
    parser.add_argument(
        "--lang",
        metavar="CODE",
        help="language of the messages (en, zh, zh-Hant, ja, ko, fr, pt, de, es, it, tr); default: the "
        "locale's ($LC_ALL, $LC_MESSAGES, $LANG) when surveybot has it, else English",
    )
    parser.add_argument(
        "--min-version",
        metavar="FAMILY=VER",
        action="append",
        default=[],
        type=_minimum_version,
        help="reject revisions older than VER for FAMILY, e.g. CMRT=6.4 (repeatable)",
    )
    parser.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        type=day,
        help="judge effective dates as of this day (default: today), e.g. to re-check an old batch",
    )
    _add_campaign_options(parser.add_argument_group("campaign policy (as [campaign] in the config)"))
    parser.set_defaults(handler=run_check)


# The built-in defaults of [campaign] in the config (surveybot.settings.CampaignSettings; a test
# keeps them equal), repeated so that ``surveybot check`` starts without loading the settings code.
DEFAULT_MAX_AGE_DAYS = 365
DEFAULT_STALE_EFFECTIVE_DATE = "warning"
DEFAULT_SMELTERS_FOR_METAL_ANSWERED_NO = "warning"
SEVERITIES = ("warning", "error")


def _add_campaign_options(group: Any) -> None:
    group.add_argument(
        "--max-effective-date-age-days",
        metavar="DAYS",
        type=positive_int,
        default=DEFAULT_MAX_AGE_DAYS,
        help="an effective date older than this is stale (default: %(default)s)",
    )
    group.add_argument(
        "--stale-effective-date",
        choices=SEVERITIES,
        default=DEFAULT_STALE_EFFECTIVE_DATE,
        help="severity of a stale effective date (default: %(default)s)",
    )
    group.add_argument(
        "--declarations-dated-from",
        metavar="YYYY-MM-DD",
        type=day,
        help="reject effective dates before this day (default: no such limit)",
    )
    group.add_argument(
        "--smelters-for-metal-answered-no",
        choices=SEVERITIES,
        default=DEFAULT_SMELTERS_FOR_METAL_ANSWERED_NO,
        help='severity of smelters listed for a metal answered "No"; RMI\'s Checker accepts them '
        "(default: %(default)s)",
    )


def _minimum_version(text: str) -> tuple[Family, str]:
    from rmi.policy import parse_minimum

    try:
        return parse_minimum(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def run_check(args: argparse.Namespace) -> int:
    paths, problems = files_to_check(args.files)
    if problems:
        for problem in problems:
            print(f"surveybot check: {problem}", file=sys.stderr)
        return 2
    lang, unavailable = staff_language(args.lang, os.environ)
    if unavailable:
        print(f"surveybot check: {unavailable}", file=sys.stderr)
    results = check_paths(paths, _policy(args), lang)
    if args.json:
        json.dump(results, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write("\n\n".join(text_block(result) for result in results) + "\n")
    return 0 if all(result["verdict"] == "accept" for result in results) else 1


LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")  # POSIX precedence: the first one set wins


def staff_language(requested: str | None, env: Mapping[str, str]) -> tuple[str, str | None]:
    """The language to tell the person at the terminal in, and a note when ``--lang`` cannot be honoured.

    The reader is staff, not the supplier who picked the template's language, so the choice is theirs:
    ``--lang``, else the locale, else English. A locale surveybot cannot speak falls back silently (it
    was not asked for); an unknown ``--lang`` is said once, on stderr.
    """
    from rmi.messages import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES

    if requested:
        found = _supported(requested, SUPPORTED_LANGUAGES)
        if found:
            return found, None
        available = ", ".join(sorted(SUPPORTED_LANGUAGES))
        return (
            DEFAULT_LANGUAGE,
            f"language {requested!r} is not available ({available}); messages are in English",
        )
    locale = next((env[name] for name in LOCALE_VARIABLES if env.get(name)), "")
    return _supported(locale.split(".")[0].split("@")[0], SUPPORTED_LANGUAGES) or DEFAULT_LANGUAGE, None


def _supported(tag: str, languages: Sequence[str]) -> str | None:
    """``tag`` (``ja``, ``zh_CN``, ``zh-Hant``) as one of ``languages``: the whole tag, else its language."""
    wanted = tag.strip().replace("_", "-").casefold()
    by_fold = {language.casefold(): language for language in languages}
    return by_fold.get(wanted) or by_fold.get(wanted.split("-")[0])


WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")


def files_to_check(names: Sequence[str]) -> tuple[list[Path], list[str]]:
    """The files named, a folder standing for the workbooks directly in it; and what is wrong with them."""
    paths: list[Path] = []
    problems: list[str] = []
    for name in names:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if _is_workbook(p))
            if not found:
                problems.append(f"{name}: a folder with no workbooks in it (.xlsx, .xlsm, .xls)")
            paths.extend(found)
        elif not path.exists():
            problems.append(f"{name}: no such file")
        elif not path.is_file():
            problems.append(f"{name}: not a file")
        elif not os.access(path, os.R_OK):
            problems.append(f"{name}: not readable by this user")
        else:
            paths.append(path)
    return paths, problems


def _is_workbook(path: Path) -> bool:
    """A workbook in a folder, not the owner file (``~$name.xlsx``) Excel keeps beside an open one."""
    return path.suffix.lower() in WORKBOOK_SUFFIXES and not path.name.startswith("~$") and path.is_file()


def _policy(args: argparse.Namespace) -> Policy:
    from rmi.findings import Severity
    from rmi.policy import Policy, months_of_days

    policy = Policy(
        today=args.today or dt.date.today(),
        max_date_age_months=months_of_days(args.max_effective_date_age_days),
        stale_date_severity=Severity(args.stale_effective_date),
        declarations_dated_from=args.declarations_dated_from,
        smelters_for_metal_answered_no=Severity(args.smelters_for_metal_answered_no),
    )
    family: Family
    for family, version in args.min_version:
        policy = policy.with_minimum(family, version)
    return policy


def check_paths(paths: Sequence[Path], policy: Policy, lang: str | None) -> list[dict[str, Any]]:
    """The JSON-shaped result of every path, in input order (parallel when there are several)."""
    jobs = [(str(path), policy, lang) for path in paths]
    if len(jobs) == 1:
        return [check_one(jobs[0])]
    from concurrent.futures import ProcessPoolExecutor

    workers = min(len(jobs), os.cpu_count() or 1)
    chunk = max(1, len(jobs) // (workers * 4))
    progress = _Progress(len(jobs)) if sys.stderr.isatty() else None
    results: list[dict[str, Any]] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for result in pool.map(check_one, jobs, chunksize=chunk):
            results.append(result)
            if progress:
                progress.step()
    if progress:
        progress.done()
    return results


def check_one(job: tuple[str, Policy, str | None]) -> dict[str, Any]:
    """Check one file (runs in a worker process for multi-file checks)."""
    from rmi.check import check_bytes

    path, policy, lang = job
    result = check_bytes(Path(path).read_bytes(), Path(path).name, policy)
    shaped = result.to_dict(lang)
    shaped["file"] = path
    return shaped


def text_block(result: dict[str, Any]) -> str:
    """A terminal-readable block: the verdict line, then one indented line per finding."""
    findings = result["findings"]
    errors = sum(1 for item in findings if item["severity"] == "error")
    warnings = len(findings) - errors
    what = " ".join(filter(None, [result["template"], result["version"]])) or "not a template"
    if result["language"]:
        what += f" ({result['language']})"
    verdict = "ACCEPTED" if result["verdict"] == "accept" else "REJECTED"
    counts = f"{errors} error(s), {warnings} warning(s)" if findings else "no findings"
    lines = [f"{result['file']}: {what}: {verdict}, {counts}"]
    for item in findings:
        where = "!".join(filter(None, [item["sheet"], item["cell"]])) or "-"
        lines.append(f"  {item['severity']:<7} {where:<20} {item['code']}")
        lines.append(f"          {item['message']}")
    return "\n".join(lines)


class _Progress:
    """A single self-overwriting progress line on stderr (only when stderr is a terminal)."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.count = 0

    def step(self) -> None:
        self.count += 1
        sys.stderr.write(f"\rchecked {self.count}/{self.total}")
        sys.stderr.flush()

    def done(self) -> None:
        sys.stderr.write("\n")
