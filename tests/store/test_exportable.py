"""Whatever validates can be played, kept, exported and imported: one set of limits, one text.

A scenario saved with Windows line endings or a byte-order mark, and one at
every length the validator allows, are played through the store as the app
and the command line play them, exported, and imported on another desk.
"""

from __future__ import annotations

import shutil

import pytest

from alongside.engine.load import load_file
from alongside.engine.session import PlaySession
from alongside.engine.vocabulary import CHOICE_ID_MAX, NODE_ID_MAX, SCENARIO_ID_MAX, TITLE_MAX
from alongside.scoring import language
from alongside.store.attempts import Recorder, begin
from alongside.store.bundle import collect, import_bundle, read_bundle, write_bundle
from alongside.store.db import open_store
from tests.engine.scenarios import TWO_DECISIONS


def _at_the_limits() -> tuple[str, str]:
    """TWO_DECISIONS with the longest id, title, node id and choice id allowed."""
    scenario_id = ("long-" * 40)[:SCENARIO_ID_MAX - 1] + "x"
    node = "n" * NODE_ID_MAX
    choice = "c" * CHOICE_ID_MAX
    text = (TWO_DECISIONS.replace("id: two", f"id: {scenario_id}")
            .replace("title: Two decisions", "title: " + ("A long title " * 30)[:TITLE_MAX].strip())
            .replace("  strong:\n", f"  {node}:\n").replace("next: strong", f"next: {node}")
            .replace("id: x\n", f"id: {choice}\n"))
    return scenario_id, text


SHAPES = {
    "Windows line endings": lambda: ("two", TWO_DECISIONS.replace("\n", "\r\n")),
    "a byte-order mark": lambda: ("two", "\ufeff" + TWO_DECISIONS),
    "both": lambda: ("two", "\ufeff" + TWO_DECISIONS.replace("\n", "\r\n")),
    "every limit reached": _at_the_limits,
}


@pytest.mark.parametrize("shape", SHAPES)
def test_a_valid_scenario_of_any_shape_exports_and_imports(shape, store, tmp_path, template_db):
    scenario_id, text = SHAPES[shape]()
    path = tmp_path / f"{scenario_id}.yaml"
    path.write_bytes(text.encode("utf-8"))
    assert load_file(path).ok, load_file(path).problems
    begun = begin(store, path, "Ana Ruiz", "assessment")
    session = PlaySession(begun.scenario, checker=language.flags, policy=begun.policy)
    session.listeners.append(Recorder(store, begun.uuid, session))
    session.start()
    while not session.ended:
        session.choose(session.offered()[0].id)
    collected = collect(store, "Ana Ruiz")
    assert collected.left_out == () and len(collected.bundle.attempts) == 1
    out = tmp_path / "ana.json"
    write_bundle(collected.bundle, out)
    desk_path = tmp_path / "desk.db"
    shutil.copyfile(template_db, desk_path)
    desk = open_store(desk_path)
    try:
        assert import_bundle(desk, read_bundle(out)).added == 1
    finally:
        desk.close()
