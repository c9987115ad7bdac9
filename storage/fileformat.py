"""The on-disk shape of a collection and of the audit log, shared by the file and memory backends.

A collection file is a TinyDB database file (it opens with ``tinydb.TinyDB(path)`` for inspection)::

    {"_meta": {"1": {"schema_version": 2, "collection": "suppliers"}},
     "suppliers": {"1": {...}, "2": {...}}}

An append-only log (``audit.jsonl``, ``outbox-sent.jsonl``) is JSON lines: a header line naming
the log and its schema version, then one entry per line. Parsing is strict: anything
that is not exactly this shape raises ``StorageCorrupt`` naming the file, so a damaged file stops
the start instead of being read as "empty".
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from storage.errors import StorageCorrupt

META_TABLE = "_meta"
LOG_SCHEMA_VERSION = 1


@dataclass(frozen=True, slots=True)
class LoadedTable:
    """One collection file as read: its schema version and documents by id."""

    version: object  # validated by migrations.migrate
    docs: dict[int, dict[str, Any]]


def render_collection(name: str, version: int, texts: Mapping[int, str]) -> bytes:
    """Join cached document texts into a whole file; no re-serialisation of unchanged documents."""
    meta = json.dumps({"1": {"schema_version": version, "collection": name}})
    body = ",".join(f'"{doc_id}":{text}' for doc_id, text in texts.items())
    return f'{{"{META_TABLE}":{meta},"{name}":{{{body}}}}}'.encode()


def parse_collection(name: str, raw: bytes, where: str) -> LoadedTable:
    if not raw.strip():
        raise StorageCorrupt(where, "the file is empty")
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise StorageCorrupt(where, f"not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise StorageCorrupt(where, "the top level is not a JSON object")
    meta = data.get(META_TABLE, {}).get("1") if isinstance(data.get(META_TABLE), dict) else None
    if not isinstance(meta, dict) or "schema_version" not in meta:
        raise StorageCorrupt(where, "no schema version (_meta table) found")
    if meta.get("collection", name) != name:
        raise StorageCorrupt(where, f"it holds collection {meta.get('collection')!r}, not {name!r}")
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise StorageCorrupt(where, f"table {name!r} is not a JSON object")
    docs: dict[int, dict[str, Any]] = {}
    for key, doc in table.items():
        if not key.isdigit() or not isinstance(doc, dict):
            raise StorageCorrupt(where, f"document {key!r} is not an object with a numeric id")
        docs[int(key)] = doc
    return LoadedTable(version=meta["schema_version"], docs=docs)


def log_header_line(name: str) -> str:
    return json.dumps({"kind": f"surveybot-{name}", "schema_version": LOG_SCHEMA_VERSION}) + "\n"


def parse_log_lines(name: str, lines: list[bytes], where: str) -> list[dict[str, Any]]:
    """Parse complete log lines (header first); a torn tail must already be split off."""
    if not lines:
        raise StorageCorrupt(where, "the log has no header line")
    entries: list[dict[str, Any]] = []
    for number, line in enumerate(lines, start=1):
        try:
            value = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise StorageCorrupt(where, f"line {number} is not JSON: {exc}") from exc
        if not isinstance(value, dict):
            raise StorageCorrupt(where, f"line {number} is not a JSON object")
        entries.append(value)
    header = entries.pop(0)
    if header.get("kind") != f"surveybot-{name}":
        raise StorageCorrupt(where, f"the first line is not a surveybot {name} log header")
    if header.get("schema_version") != LOG_SCHEMA_VERSION:
        raise StorageCorrupt(where, f"unknown log schema version {header.get('schema_version')!r}")
    return entries


def split_torn_tail(raw: bytes) -> tuple[list[bytes], bytes]:
    """Complete lines, and the unterminated bytes after the last newline (a crash mid-append)."""
    head, sep, tail = raw.rpartition(b"\n")
    complete = head.split(b"\n") if sep else []
    return [line for line in complete if line.strip()], (tail if sep else raw)
