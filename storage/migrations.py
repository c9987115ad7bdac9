"""Schema versions and the table of migration functions that bring old files up to date.

Every collection file records the schema version it was written with. At open, a file older than
``SCHEMA_VERSION`` is migrated step by step (``MIGRATIONS[collection][v]`` turns version ``v`` into
``v + 1``; a collection with no entry for a step is unchanged by it), a copy of the old file is kept
beside it (``<name>.json.v<old>.bak``) and the migrated version is written back atomically.

History:
  1 → 2  suppliers: the first import prototype kept a flat ``emails`` list and free-text ``buyer``;
         version 2 has contacts (email, name, role), allowed sender domains, ``owner`` and tags.
         assignments: states were spelled with hyphens (``opted-out``); now ``opted_out``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from storage.errors import SchemaTooNew, StorageCorrupt

SCHEMA_VERSION = 2

Docs = dict[int, dict[str, Any]]
Migration = Callable[[Docs], Docs]


def _suppliers_1_to_2(docs: Docs) -> Docs:
    migrated: Docs = {}
    for doc_id, old in docs.items():
        emails = [str(e) for e in old.get("emails", [])]
        migrated[doc_id] = {
            "code": old["code"],
            "name": old["name"],
            "contacts": [[email, "", ""] for email in emails],
            "sender_domains": sorted({e.rpartition("@")[2].lower() for e in emails if "@" in e}),
            "language": old.get("language") or "en",
            "country": old.get("country", ""),
            "owner": old.get("buyer", ""),
            "tags": [],
        }
    return migrated


def _assignments_1_to_2(docs: Docs) -> Docs:
    def fix(state: str) -> str:
        return state.replace("-", "_")

    migrated: Docs = {}
    for doc_id, old in docs.items():
        doc = dict(old)
        doc["state"] = fix(old["state"])
        doc["history"] = [[fix(s), at, actor, note] for s, at, actor, note in old["history"]]
        migrated[doc_id] = doc
    return migrated


MIGRATIONS: dict[str, dict[int, Migration]] = {
    "suppliers": {1: _suppliers_1_to_2},
    "assignments": {1: _assignments_1_to_2},
}


def migrate(collection: str, version: object, docs: Docs, path: Path | str) -> Docs:
    """Return ``docs`` at ``SCHEMA_VERSION``; refuse versions that are unknown or from the future."""
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise StorageCorrupt(path, f"schema version {version!r} is not a positive integer")
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(path, version, SCHEMA_VERSION)
    steps = MIGRATIONS.get(collection, {})
    for step in range(version, SCHEMA_VERSION):
        migration = steps.get(step)
        if migration is not None:
            try:
                docs = migration(docs)
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                raise StorageCorrupt(path, f"cannot migrate from version {step}: {exc!r}") from exc
    return docs
