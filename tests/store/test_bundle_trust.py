"""Imported results are derived, never trusted: forgeries refused, strangers kept apart.

Each forgery below is made as a careful forger would: the bundle is edited,
then its checksum recomputed, so only the importer's own replay can tell.
"""

from __future__ import annotations

import copy
import hashlib
import json
import shutil
import uuid as uuidlib
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from alongside.cli import main
from alongside.store.bundle import checksum, collect, document, import_bundle, read_bundle
from alongside.store.db import open_store
from alongside.store.history import history
from alongside.store.models import ScenarioVersion, Trainee
from tests.store.test_bundle import EDITED, INVITED, _dump, _play, _seed


def _reseal(sealed: dict) -> dict:
    sealed["checksum"] = checksum(sealed)
    return sealed


def _write(tmp_path, sealed: dict, name: str = "bundle.json"):
    path = tmp_path / name
    path.write_text(json.dumps(sealed, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def sealed(tmp_path, template_db) -> dict:
    """Ana's bundle from her own laptop: two finished attempts (one assessment)."""
    laptop_path = tmp_path / "laptop.db"
    shutil.copyfile(template_db, laptop_path)
    laptop = open_store(laptop_path)
    _seed(laptop)
    made = document(collect(laptop, "Ana Ruiz").bundle)
    laptop.close()
    return made


def _refused(store, tmp_path, forged: dict) -> str:
    before = _dump(store)
    with pytest.raises(Exception) as refused:
        import_bundle(store, read_bundle(_write(tmp_path, _reseal(forged))))
    assert type(refused.value).__name__ == "BundleError"
    assert _dump(store) == before
    return str(refused.value)


def _when(text: str) -> datetime:
    return datetime.fromisoformat(text)


FORGERIES = {
    "a raised score": lambda a: a["scores"].update(role=1.0),
    "a raised band": lambda a: a["bands"].update(role="proficient"),
    "passed set": lambda a: a.update(passed=True),
    "critical choices hidden": lambda a: a.update(critical_count=0),
    "another ending": lambda a: a.update(ending="strong"),
}


@pytest.mark.parametrize("change", FORGERIES)
def test_a_bundle_whose_results_were_edited_is_refused_naming_the_attempt(change, sealed,
                                                                           store, tmp_path):
    forged = copy.deepcopy(sealed)
    target = next(a for a in forged["attempts"] if a["mode"] == "assessment")
    FORGERIES[change](target)
    message = _refused(store, tmp_path, forged)
    assert target["uuid"] in message and "states results its steps do not give" in message


def test_a_step_the_scenario_does_not_offer_is_refused(sealed, store, tmp_path):
    forged = copy.deepcopy(sealed)
    step = next(s for s in forged["attempts"][0]["steps"] if s["kind"] == "choice")
    step["choice"] = "c-that-is-not-there"
    message = _refused(store, tmp_path, forged)
    assert forged["attempts"][0]["uuid"] in message
    assert "'c-that-is-not-there' is not offered" in message


def test_going_back_in_an_assessment_is_refused(sealed, store, tmp_path):
    forged = copy.deepcopy(sealed)
    practice = next(a for a in forged["attempts"] if a["mode"] == "practice"
                    and any(s["kind"] == "back" for s in a["steps"]))
    practice["mode"] = "assessment"
    message = _refused(store, tmp_path, forged)
    assert "going back is not allowed in assessment mode" in message


TIMES = {
    "finished before it started": (lambda a: a.update(
        finished_at=(_when(a["started_at"]) - timedelta(hours=1)).isoformat()),
        "finishes before it starts"),
    "in the future": (lambda a: a.update(
        started_at=(datetime.now(UTC) + timedelta(days=3)).isoformat()),
        "starts in the future"),
    "steps out of order": (lambda a: a["steps"][-1].update(
        at=(_when(a["started_at"]) - timedelta(minutes=5)).isoformat()),
        "happens before the step or start before it"),
}


@pytest.mark.parametrize("case", TIMES)
def test_times_that_cannot_have_happened_are_refused(case, sealed, store, tmp_path):
    forged = copy.deepcopy(sealed)
    change, expected = TIMES[case]
    change(forged["attempts"][0])
    message = _refused(store, tmp_path, forged)
    assert forged["attempts"][0]["uuid"] in message and expected in message


def test_a_version_nobody_here_has_seen_is_imported_unverified(sealed, store, tmp_path):
    result = import_bundle(store, read_bundle(_write(tmp_path, sealed)))
    assert result.added == 2 and result.unverified == 2
    assert {r.verified for r in history(store).attempts} == {False}


def test_a_version_the_desk_knows_is_verified(sealed, store, tmp_path):
    invited = hashlib.sha256(INVITED.encode()).hexdigest()
    result = import_bundle(store, read_bundle(_write(tmp_path, sealed)), known={invited})
    assert result.unverified == 1
    with store.session() as db:
        marks = dict(db.execute(select(ScenarioVersion.content_hash,
                                       ScenarioVersion.verified)).all())
    assert marks[invited] is True
    assert marks[hashlib.sha256(EDITED.encode()).hexdigest()] is False


def test_a_version_played_here_counts_as_known(sealed, store, tmp_path):
    _play(store, INVITED, "Dee Park", ["b", "x"])
    result = import_bundle(store, read_bundle(_write(tmp_path, sealed)))
    assert result.unverified == 1


def test_two_trainees_with_one_name_stay_two(sealed, store, tmp_path, capsys, store_target):
    other = copy.deepcopy(sealed)
    other["trainee"] = {"uuid": str(uuidlib.uuid4()), "name": "Ana Ruiz"}
    for attempt in other["attempts"]:
        attempt["uuid"] = str(uuidlib.uuid4())
    import_bundle(store, read_bundle(_write(tmp_path, sealed, "first.json")))
    import_bundle(store, read_bundle(_write(tmp_path, _reseal(other), "second.json")))
    with store.session() as db:
        people = db.execute(select(Trainee.uuid, Trainee.name, Trainee.local)).all()
    assert sorted(people) == sorted([(sealed["trainee"]["uuid"], "Ana Ruiz", False),
                                     (other["trainee"]["uuid"], "Ana Ruiz", False)])
    assert main(["history", "--db", store_target]) == 0
    shown = capsys.readouterr().out
    for uuid in (sealed["trainee"]["uuid"], other["trainee"]["uuid"]):
        assert f"Ana Ruiz [{uuid[:8]}]" in shown


def test_a_renamed_bundle_does_not_join_a_local_profile(sealed, store, tmp_path):
    _play(store, INVITED, "Ben Okafor", ["b", "x"])
    renamed = copy.deepcopy(sealed)
    renamed["trainee"]["name"] = "Ben Okafor"
    import_bundle(store, read_bundle(_write(tmp_path, _reseal(renamed))))
    assert len(history(store, "Ben Okafor", local_only=True).attempts) == 1
    assert len(history(store, "Ben Okafor").attempts) == 3


@pytest.mark.parametrize("name", ["Sam\x1b]52;c;aGVsbG8=\x07", "Sam\u202eyrneH", "Sam\x00"])
def test_names_that_could_disguise_themselves_on_a_terminal_are_refused(name, sealed, store,
                                                                        tmp_path):
    forged = copy.deepcopy(sealed)
    forged["trainee"]["name"] = name
    assert "control character" in _refused(store, tmp_path, forged) or \
        "NUL" in _refused(store, tmp_path, forged)


def test_an_instructor_accepting_a_version_makes_its_attempts_count(sealed, store, tmp_path):
    from alongside.store.versions import VersionError, accept_version, unverified

    import_bundle(store, read_bundle(_write(tmp_path, sealed)))
    waiting = unverified(store)
    assert sorted(w.attempts for w in waiting) == [1, 1]
    accept_version(store, waiting[0].content_hash[:12], "Dr. Lee")
    assert len(unverified(store)) == 1
    counted = {a.attempt: a.verified for a in history(store).attempts}
    assert sorted(counted.values()) == [False, True]
    with pytest.raises(VersionError, match="already verified"):
        accept_version(store, waiting[0].content_hash, "Dr. Lee")
