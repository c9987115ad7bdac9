"""The layout file is decoded one entry at a time (a check needs one of seventeen layouts): every
entry must read exactly as decoding the whole file would, however the file happens to be laid out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rmi import layouts
from rmi.model import Family

LAYOUTS_JSON = Path(layouts.__file__).with_name("data") / "layouts.json"


def test_each_entry_decoded_alone_equals_the_whole_file_decoded() -> None:
    whole = json.loads(LAYOUTS_JSON.read_text(encoding="utf-8"))
    lazy = layouts._RawLayouts.of(LAYOUTS_JSON.read_text(encoding="utf-8"))
    assert isinstance(lazy, layouts._RawLayouts)  # the shipped file takes the fast path
    assert list(lazy) == list(whole)
    for key, value in whole.items():
        assert lazy[key] == value, key


def test_a_file_laid_out_another_way_is_decoded_whole_and_reads_the_same() -> None:
    text = LAYOUTS_JSON.read_text(encoding="utf-8")
    compact = json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))
    assert layouts._RawLayouts.of(compact) == json.loads(text)


@pytest.mark.parametrize("family", list(Family))
def test_versions_named_by_the_keys_are_the_versions_the_layouts_hold(family: Family) -> None:
    found = layouts.versions(family)
    assert found
    assert found == tuple(item.version for item in layouts.all_layouts().values() if item.family is family)


def test_the_meta_entry_is_no_layout() -> None:
    assert "_meta" not in layouts.all_layouts()
    with pytest.raises(KeyError):
        layouts.layout("_meta")
    assert layouts.trim_last_columns()["Smelter List"] == "Q"
