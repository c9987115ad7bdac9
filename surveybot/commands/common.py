"""Options every stateful command shares: which config file, which data folder."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from surveybot.errors import UsageError

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
    path, named_by = data_dir_source(args, settings)
    return _folder(path, named_by)


def data_dir_source(args: argparse.Namespace, settings: Settings | None = None) -> tuple[Path, str]:
    """The data folder as configured, unchecked (``doctor`` reports on it), and what named it."""
    explicit = getattr(args, "data_dir", None)
    if explicit:
        return Path(explicit), "--data-dir"
    if os.environ.get(DATA_DIR_ENV):
        return Path(os.environ[DATA_DIR_ENV]), f"${DATA_DIR_ENV}"
    return (settings or load(args)).data_dir, "storage.data_dir in the config"


def _folder(path: Path, named_by: str) -> Path:
    """``path`` when it is a folder or can become one; a file there is a usage error, not a crash later."""
    if path.exists() and not path.is_dir():
        raise UsageError(f"{named_by} names {path}, which is a file: it must be the data folder")
    return path
