"""The library's cards and their cache: reused only while every file is unchanged."""

from __future__ import annotations

import os

from alongside.engine.catalogue import cached_cards, save_cards
from alongside.engine.library import card_of, load_library
from alongside.scoring.attempt import length
from tests.engine.scenarios import TWO_DECISIONS


def test_cards_come_back_from_the_cache_until_a_file_changes(tmp_path):
    folder = tmp_path / "dialogues"
    folder.mkdir()
    (folder / "two.yaml").write_text(TWO_DECISIONS)
    (folder / "broken.yaml").write_text("format: 1\nid: [oops\n")
    cache = tmp_path / "cache" / "library.json"
    cards = [card_of(entry, length) for entry in load_library([folder], portraits=None)]
    assert [c.available for c in cards] == [False, True]
    assert cards[0].problem_line == 3 and "broken.yaml:3" in cards[0].problem
    assert cached_cards(cache, [folder]) is None
    save_cards(cache, [folder], cards)
    assert cached_cards(cache, [folder]) == cards
    two = folder / "two.yaml"
    stat = two.stat()
    os.utime(two, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert cached_cards(cache, [folder]) is None
    save_cards(cache, [folder], cards)
    (folder / "new.yaml").write_text(TWO_DECISIONS)
    assert cached_cards(cache, [folder]) is None


def test_a_damaged_cache_is_ignored(tmp_path):
    folder = tmp_path / "dialogues"
    folder.mkdir()
    cache = tmp_path / "library.json"
    for text in ("{not json", '{"version": 1, "files": [], "cards": [{"nope": 1}]}', "[]"):
        cache.write_text(text)
        assert cached_cards(cache, [folder]) is None
