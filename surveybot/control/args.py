"""Checks for an operation's JSON arguments: they may come from any local client, so each is typed here.

A wrong type or a missing value is a ``UserFacingError`` naming the argument; nothing is coerced.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from surveybot.errors import UserFacingError


def text_arg(args: Mapping[str, Any], name: str, *, required: bool = False) -> str:
    value = args.get(name)
    if value is None or value == "":
        if required:
            raise UserFacingError(f"{name} is required")
        return ""
    if not isinstance(value, str):
        raise UserFacingError(f"{name} must be text")
    return value


def flag_arg(args: Mapping[str, Any], name: str) -> bool:
    value = args.get(name, False)
    if not isinstance(value, bool):
        raise UserFacingError(f"{name} must be true or false")
    return value


def count_arg(args: Mapping[str, Any], name: str) -> int | None:
    value = args.get(name)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise UserFacingError(f"{name} must be a whole number of at least 1")
    return value


def date_arg(args: Mapping[str, Any], name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text_arg(args, name, required=True))
    except ValueError:
        raise UserFacingError(f"{name} must be a date like 2026-12-31") from None
