"""Options every stateful command shares: which config file, which data folder."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from surveybot.settings import Settings

DATA_DIR_ENV = "SURVEYBOT_DATA_DIR"


def add_common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-c", "--config", help="TOML config file (default: $SURVEYBOT_CONFIG or ./config.toml)"
    )
    parser.add_argument(
        "--data-dir", type=Path, help=f"data folder (default: ${DATA_DIR_ENV}, else storage.data_dir)"
    )


def load(args: argparse.Namespace) -> Settings:
    # Imported here: a command given --data-dir (or $SURVEYBOT_DATA_DIR) never reads the config.
    from surveybot.settings import config_path_from, load_settings

    return load_settings(config_path_from(getattr(args, "config", None)))


def data_dir(args: argparse.Namespace, settings: Settings | None = None) -> Path:
    """``--data-dir``, else ``$SURVEYBOT_DATA_DIR``, else the config's ``storage.data_dir``."""
    explicit = getattr(args, "data_dir", None)
    if explicit:
        return Path(explicit)
    if os.environ.get(DATA_DIR_ENV):
        return Path(os.environ[DATA_DIR_ENV])
    return (settings or load(args)).data_dir
