"""The side file of a map's positions: written beside the scenario, read back, ignored
when damaged or foreign, and kept in the caller's cache when the folder is read-only."""

from __future__ import annotations

import json
import os
import stat
import tempfile
from pathlib import Path

import pytest

from alongside.engine.layout import place, positions_for, side_file
from alongside.engine.layout.sidefile import cached_file, reopened
from tests.engine.layout_graphs import DIAMOND, overlaps


@pytest.fixture
def scenario(tmp_path):
    path = tmp_path / "diamond.yaml"
    path.write_text("format: 1\n", encoding="utf-8")
    return path


def test_positions_are_written_beside_the_scenario_and_read_back(scenario):
    nodes, edges = DIAMOND
    first = positions_for(scenario, nodes, edges)
    file = side_file(scenario)
    assert file.name == "diamond.yaml.map.json"
    data = json.loads(file.read_text(encoding="utf-8"))
    assert list(data["positions"]) == sorted(nodes)
    assert reopened(scenario, nodes, edges, dict.fromkeys(nodes, (180.0, 80.0)), None) == first
    written = file.stat().st_mtime_ns
    assert positions_for(scenario, nodes, edges) == first
    assert file.stat().st_mtime_ns == written  # nothing changed, nothing written
    assert not [p for p in scenario.parent.iterdir() if p.suffix == ".part"]


def test_an_edit_keeps_the_saved_nodes_where_they_were(scenario):
    nodes, edges = DIAMOND
    first = positions_for(scenario, nodes, edges)
    edited = [n for n in nodes if n != "maybe"] + ["later"]
    links = [e for e in edges if "maybe" not in e] + [("end", "later")]
    second = positions_for(scenario, edited, links)
    assert {n: second[n] for n in edited if n != "later"} == {
        n: first[n] for n in edited if n != "later"}
    saved = json.loads(side_file(scenario).read_text(encoding="utf-8"))["positions"]
    assert set(saved) == set(edited)


@pytest.mark.parametrize("damage", [
    b"{\"format\": 1, \"fingerprint\": \"x\", \"positions\": {\"start\": [1, ",
    b"\xff\xfe not json",
    b"[1, 2, 3]",
    b"{\"format\": 99, \"fingerprint\": \"x\", \"positions\": {}}",
    b"{\"format\": 1, \"fingerprint\": \"x\", \"positions\": {\"start\": [\"a\", 2]}}",
    b"{\"format\": 1, \"fingerprint\": \"x\", \"positions\": {\"start\": [NaN, 2]}}",
    b"{\"format\": 1, \"fingerprint\": 3, \"positions\": {\"start\": [1, 2]}}",
])
def test_a_damaged_or_foreign_side_file_is_ignored_and_replaced(scenario, damage):
    nodes, edges = DIAMOND
    side_file(scenario).write_bytes(damage)
    centres = positions_for(scenario, nodes, edges)
    assert centres == place(nodes, edges)
    assert json.loads(side_file(scenario).read_text(encoding="utf-8"))["positions"]


def test_a_folder_in_place_of_the_side_file_is_no_traceback(scenario, tmp_path):
    nodes, edges = DIAMOND
    side_file(scenario).mkdir()
    assert positions_for(scenario, nodes, edges, cache_dir=tmp_path / "cache") == place(
        nodes, edges)
    assert cached_file(scenario, tmp_path / "cache").is_file()


def test_positions_that_would_overlap_at_new_sizes_are_laid_out_again(scenario):
    nodes, edges = DIAMOND
    positions_for(scenario, nodes, edges)
    bigger = dict.fromkeys(nodes, (900.0, 80.0))
    centres = positions_for(scenario, nodes, edges, bigger)
    assert overlaps(centres, bigger) == []


def test_a_folder_the_system_refuses_to_write_keeps_positions_in_the_cache(
        scenario, tmp_path, monkeypatch):
    """As an installed package's folder refuses (for root too, whom permissions do not bind)."""
    from alongside.engine.layout import sidefile

    nodes, edges = DIAMOND
    real = tempfile.mkstemp

    def refuse(*args, dir, **kwargs):  # noqa: A002 - mkstemp's own name
        if Path(dir) == scenario.parent:
            raise PermissionError(13, "Permission denied", str(dir))
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(sidefile.tempfile, "mkstemp", refuse)
    cache = tmp_path / "maps"
    first = positions_for(scenario, nodes, edges, cache_dir=cache)
    assert not side_file(scenario).exists()
    assert json.loads(cached_file(scenario, cache).read_text(encoding="utf-8"))["positions"]
    assert reopened(scenario, nodes, edges, dict.fromkeys(nodes, (180.0, 80.0)), cache) == first
    assert positions_for(scenario, nodes, edges) == first  # nowhere to keep them: still placed
    assert set(scenario.parent.iterdir()) == {scenario, cache}


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="needs a folder the test cannot write")
def test_an_unwritable_folder_keeps_positions_in_the_cache(tmp_path):
    nodes, edges = DIAMOND
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    scenario = shipped / "diamond.yaml"
    scenario.write_text("format: 1\n", encoding="utf-8")
    shipped.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        first = positions_for(scenario, nodes, edges, cache_dir=tmp_path / "cache")
        assert not side_file(scenario).exists()
        assert cached_file(scenario, tmp_path / "cache").is_file()
        assert reopened(scenario, nodes, edges, dict.fromkeys(nodes, (180.0, 80.0)),
                        tmp_path / "cache") == first
        assert positions_for(scenario, nodes, edges) == first  # no cache: still placed
    finally:
        shipped.chmod(stat.S_IRWXU)
