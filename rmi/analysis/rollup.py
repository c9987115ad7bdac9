"""The campaign's smelters: every smelter named in accepted files, once, with who names it.

Identified smelters are deduplicated by CID: the template's own Look-up resolves aliases and
typed CIDs to one CID, so "Malaysia Smelting Corp" and "MSC" picked by two suppliers fold into one
entry that keeps every name it was given. Rows without a CID ("Smelter not listed", a typed name the
Look-up does not know) cannot be deduplicated safely, so they are kept apart, grouped only when
metal and name are the same. Only each supplier's latest accepted declaration counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rmi.analysis.declaration import Declaration, ListedSmelter


@dataclass(frozen=True, slots=True)
class RolledSmelter:
    cid: str  # "" for unidentified ones
    metal: str
    name: str
    country: str
    names: tuple[str, ...]  # every name suppliers gave it, standard name first
    supplier_ids: tuple[int, ...]

    @property
    def supplier_count(self) -> int:
        return len(self.supplier_ids)


@dataclass(frozen=True, slots=True)
class Rollup:
    identified: tuple[RolledSmelter, ...]
    unidentified: tuple[RolledSmelter, ...]

    @property
    def cids(self) -> tuple[str, ...]:
        return tuple(s.cid for s in self.identified)


def latest_per_supplier(declarations: Iterable[Declaration]) -> tuple[Declaration, ...]:
    latest: dict[int, Declaration] = {}
    for d in declarations:
        current = latest.get(d.supplier_id)
        if current is None or (d.received_at, d.submission_id) > (current.received_at, current.submission_id):
            latest[d.supplier_id] = d
    return tuple(latest[key] for key in sorted(latest))


def roll_up(declarations: Iterable[Declaration]) -> Rollup:
    groups: dict[tuple[str, str, str], list[tuple[int, ListedSmelter]]] = {}
    for d in latest_per_supplier(declarations):
        for s in d.smelters:
            groups.setdefault(_key(s), []).append((d.supplier_id, s))
    rolled = [_rolled(key, rows) for key, rows in groups.items()]
    identified = sorted((r for r in rolled if r.cid), key=lambda r: (r.metal, r.cid))
    unidentified = sorted((r for r in rolled if not r.cid), key=lambda r: (r.metal, r.name.casefold()))
    return Rollup(tuple(identified), tuple(unidentified))


def _key(s: ListedSmelter) -> tuple[str, str, str]:
    if s.cid:
        return ("cid", s.cid, "")
    return ("name", s.metal.casefold(), " ".join(s.typed_name.casefold().split()))


def _rolled(key: tuple[str, str, str], rows: list[tuple[int, ListedSmelter]]) -> RolledSmelter:
    first = rows[0][1]
    names = [first.name]
    for _, s in rows:
        for name in (s.name, s.typed_name):
            if name and name not in names:
                names.append(name)
    return RolledSmelter(
        cid=first.cid,
        metal=first.metal,
        name=first.name or first.typed_name,
        country=next((s.country for _, s in rows if s.country), ""),
        names=tuple(names),
        supplier_ids=tuple(sorted({supplier for supplier, _ in rows})),
    )
