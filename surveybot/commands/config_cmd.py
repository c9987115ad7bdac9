"""``surveybot config check``: validate a configuration file and report every problem at once."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("config", help="check the configuration file")
    actions = parser.add_subparsers(dest="config_action", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check",
        help="validate the config file and the secrets it names; exit 0 when usable",
        description="Loads the config (--config, $SURVEYBOT_CONFIG or ./config.toml), checks every key "
        "and that each secret a configured feature needs is present, and lists every problem.",
    )
    check.add_argument("-c", "--config", help="path of the TOML config file")
    check.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace) -> int:
    from surveybot.doctor_slack import workspace_warnings
    from surveybot.settings import config_path_from, load_settings

    path = config_path_from(args.config)
    settings = load_settings(path)
    where = str(path) if path else "built-in defaults (no config file)"
    print(f"configuration OK: {where}")
    print(f"  data folder: {settings.data_dir}")
    print(f"  mailbox:     {settings.mailbox.host or 'off'}")
    print(f"  smtp:        {settings.smtp.host or 'off (replies stay queued)'}")
    print(f"  slack:       {settings.slack.mode if settings.slack.enabled else 'off'}")
    for warning in workspace_warnings(settings.slack):
        print(f"warning: {warning}")
    return 0
