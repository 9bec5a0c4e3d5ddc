"""A library of several folders: each card knows its folder, an id used twice is a
located error naming both files, and the folder read first keeps the id."""

from __future__ import annotations

import os

import pytest

from alongside.engine.library import card_of, load_library
from alongside.paths import distinct, readable_folders
from alongside.scoring.attempt import length
from tests.engine.scenarios import TWO_DECISIONS


@pytest.fixture
def folders(tmp_path):
    bundled, yours = tmp_path / "bundled", tmp_path / "yours"
    for folder in (bundled, yours):
        folder.mkdir()
        (folder / "two.yaml").write_text(TWO_DECISIONS)
    (yours / "other.yaml").write_text(TWO_DECISIONS.replace("id: two", "id: other"))
    return bundled, yours


def test_each_card_names_the_folder_it_came_from(folders):
    bundled, yours = folders
    cards = [card_of(e, length) for e in load_library([bundled, yours], portraits=None)]
    assert [(c.path, c.folder) for c in cards] == [
        (str(bundled / "two.yaml"), str(bundled)),
        (str(yours / "other.yaml"), str(yours)),
        (str(yours / "two.yaml"), str(yours))]


def test_an_id_used_in_two_folders_is_an_error_at_the_later_ones_id(folders):
    bundled, yours = folders
    for order in ((bundled, yours), (yours, bundled)):
        entries = load_library(order, portraits=None)
        by_path = {e.path: e for e in entries}
        first, later = (f / "two.yaml" for f in order)
        assert by_path[first].result.ok
        [clash] = [p for p in by_path[later].result.problems if p.rule == "duplicate-id"]
        assert str(clash) == (f"{later}:2:5: error: id 'two' is already used by {first}, "
                              "which is read first and keeps it [duplicate-id]")
        assert not by_path[later].result.ok and by_path[yours / "other.yaml"].result.ok


def test_the_folder_read_first_keeps_the_id_whatever_the_file_times(folders):
    """Not the newer file, not the one whose name sorts first: the folder's place."""
    bundled, yours = folders
    os.utime(bundled / "two.yaml", ns=(0, 0))
    cards = [card_of(e, length) for e in load_library([bundled, yours], portraits=None)]
    assert [(c.folder, c.available) for c in cards if c.path.endswith("two.yaml")] == [
        (str(bundled), True), (str(yours), False)]


def test_a_folder_given_twice_is_read_once(folders):
    bundled, _yours = folders
    twice = [bundled, bundled / ".." / bundled.name]
    assert distinct(twice) == [bundled]
    entries = load_library(twice, portraits=None)
    assert [e.result.ok for e in entries] == [True]


def test_folders_that_cannot_be_listed_are_named_with_why(folders, tmp_path):
    bundled, yours = folders
    missing = tmp_path / "gone"
    usable, problems = readable_folders([bundled, missing, yours])
    assert usable == [bundled, yours]
    assert problems == [f"{missing}: the folder is not there"]


def test_a_folder_the_system_refuses_to_list_is_named_with_the_reason(folders, monkeypatch):
    """As a folder without read permission is refused (for root too, who is not refused)."""
    import alongside.paths

    _bundled, yours = folders
    real = os.scandir

    def refuse(path):
        if os.fspath(path) == os.fspath(yours):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(alongside.paths.os, "scandir", refuse)
    usable, problems = readable_folders(folders)
    assert usable == [folders[0]]
    assert problems == [f"{yours}: the folder cannot be read (Permission denied)"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="needs a POSIX user whom permissions bind")
def test_a_folder_without_permission_to_read_is_named(folders):
    _bundled, yours = folders
    yours.chmod(0)
    try:
        usable, problems = readable_folders([yours])
    finally:
        yours.chmod(0o755)
    assert usable == [] and "cannot be read (Permission denied)" in problems[0]


def test_a_missing_path_is_still_an_error_for_the_command_line(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_library([tmp_path / "gone"], portraits=None)
