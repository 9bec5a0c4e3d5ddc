"""Results bundles: export, import, and refusing what should not get in (SQLite and PostgreSQL).

A bundle is checked whole before the database is touched, so every refusal
below also compares a full dump of the database before and after.
"""

from __future__ import annotations

import copy
import json
import shutil
import uuid as uuidlib
from datetime import UTC

import pytest
from sqlalchemy import select

from alongside.cli import main
from alongside.engine.load import load_text
from alongside.engine.session import PlaySession
from alongside.scoring import language
from alongside.store import bundle as bundles
from alongside.store import files
from alongside.store.attempts import Recorder, start_attempt
from alongside.store.bundle import (
    MAX_BYTES,
    checksum,
    collect,
    document,
    import_bundle,
    read_bundle,
)
from alongside.store.db import open_store
from alongside.store.models import Attempt, Base, Cohort, ScenarioVersion, Step, Trainee
from tests.engine.scenarios import TWO_DECISIONS
from tests.store.conftest import _drop_pg_database, _fresh_pg_database

INVITED = TWO_DECISIONS.replace(
    "    text: I don't know what to do.\n",
    "    text: I don't know what to do.\n    free_text: {prompt: What would you say?}\n")
EDITED = INVITED.replace("title: Two decisions", "title: Two decisions, edited")


def _play(store, text, trainee, moves, mode="practice"):
    """Play `moves` (choice ids, 'back', or ('say', text)) as a recorded attempt."""
    scenario = load_text(text, "two.yaml", stem="two").scenario
    attempt = start_attempt(store, scenario, text, trainee, mode)
    session = PlaySession(scenario, checker=language.flags)
    session.listeners.append(Recorder(store, attempt, session))
    session.start()
    for move in moves:
        if move == "back":
            session.back()
        elif isinstance(move, tuple):
            session.say(move[1])
        else:
            session.choose(move)
    return attempt


def _seed(store):
    """Ana: two finished attempts (a cohort, votes, a reply, a back step), one unfinished."""
    first = _play(store, INVITED, "Ana Ruiz", [("say", "He is an addict."), "b", "back", "a", "x"])
    second = _play(store, EDITED, "Ana Ruiz", ["b", "y"], mode="assessment")
    _play(store, INVITED, "Ana Ruiz", ["a"])
    _play(store, INVITED, "Ben Okafor", ["b", "x"])
    with store.session() as db:
        cohort = Cohort(uuid=str(uuidlib.uuid4()), name="Spring class", instructor="Dee Park")
        db.add(cohort)
        db.flush()
        db.scalar(select(Attempt).where(Attempt.uuid == first)).cohort_id = cohort.id
        step = db.scalar(select(Step).join(Step.attempt).where(Attempt.uuid == second,
                                                               Step.seq == 1))
        step.votes = {"a": 1, "b": 4, "c": 0}
        db.commit()
    return first, second


def _dump(store) -> dict:
    """Every row of every table, for 'the database is unchanged'."""
    with store.engine.connect() as connection:
        return {table.name: sorted(repr(tuple(row)) for row in connection.execute(select(table)))
                for table in Base.metadata.sorted_tables}


def _columns(model, *skip):
    return [c.key for c in model.__table__.columns if c.key not in ("id", *skip)]


def _plain(value):
    if hasattr(value, "tzinfo"):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value


def _snapshot(store, trainee="Ana Ruiz") -> list[dict]:
    """The trainee's finished attempts, every column that is not a row id, with their steps."""
    with store.session() as db:
        cohorts = {c.id: (c.uuid, c.name, c.instructor) for c in db.scalars(select(Cohort))}
        attempts = db.scalars(select(Attempt).join(Attempt.trainee)
                              .where(Trainee.name == trainee, Attempt.status != "in-progress")
                              .order_by(Attempt.uuid)).all()
        return [{
            **{c: _plain(getattr(a, c))
               for c in _columns(Attempt, "trainee_id", "scenario_version_id", "cohort_id")},
            "trainee": (a.trainee.uuid, a.trainee.name),
            "cohort": cohorts.get(a.cohort_id),
            "version": {c: getattr(a.version, c) for c in _columns(
                ScenarioVersion, "first_seen", "verified", "accepted_by", "accepted_at")},
            "steps": [{c: _plain(getattr(s, c)) for c in _columns(Step, "attempt_id")}
                      for s in a.steps],
        } for a in attempts]


@pytest.fixture
def second_target(store_target, tmp_path, template_db):
    """Another empty database on the same kind of server: the instructor's."""
    if "://" not in store_target:
        path = tmp_path / "instructor.db"
        shutil.copyfile(template_db, path)
        yield str(path)
        return
    url = _fresh_pg_database()
    open_store(url).close()
    yield url
    _drop_pg_database(url)


@pytest.fixture
def second(second_target):
    opened = open_store(second_target)
    yield opened
    opened.close()


@pytest.fixture
def laptop_bundle(tmp_path, template_db) -> dict:
    """A bundle exported from a trainee's own SQLite file."""
    path = tmp_path / "laptop.db"
    shutil.copyfile(template_db, path)
    laptop = open_store(path)
    _seed(laptop)
    sealed = document(collect(laptop, "Ana Ruiz").bundle)
    laptop.close()
    return sealed


def _write(tmp_path, sealed: dict, name="results.json"):
    path = tmp_path / name
    path.write_text(json.dumps(sealed, indent=2, ensure_ascii=False))
    return path


def _reseal(sealed: dict) -> dict:
    sealed["checksum"] = checksum(sealed)
    return sealed


# --- export and import ---------------------------------------------------------------------

def test_round_trip_reproduces_every_attempt_and_step(store, second, tmp_path):
    _seed(store)
    collected = collect(store, "  Ana   Ruiz ")
    assert collected.unfinished == 1 and len(collected.bundle.attempts) == 2
    path = tmp_path / "ana.json"
    bundles.write_bundle(collected.bundle, path)
    result = import_bundle(second, read_bundle(path))
    assert (result.added, result.present, result.conflicts) == (2, 0, ())
    copied = _snapshot(second)
    assert copied == _snapshot(store)
    assert [len(a["steps"]) for a in copied] in ([5, 2], [2, 5])
    with second.session() as db:
        assert db.execute(select(Trainee.name, Trainee.local)).all() == [("Ana Ruiz", False)]
        assert len(db.scalars(select(Cohort)).all()) == 1


def test_versions_are_matched_by_content_hash(store, second, tmp_path):
    _seed(store)
    _play(second, INVITED, "Cam Lee", ["b", "x"])
    bundles.write_bundle(collect(store, "Ana Ruiz").bundle, tmp_path / "ana.json")
    import_bundle(second, read_bundle(tmp_path / "ana.json"))
    with second.session() as db:
        hashes = db.scalars(select(ScenarioVersion.content_hash)).all()
        assert sorted(db.scalars(select(Trainee.name))) == ["Ana Ruiz", "Cam Lee"]
    assert len(hashes) == len(set(hashes)) == 2
    assert _snapshot(second) == _snapshot(store)


def test_reimport_adds_nothing_and_says_so(store, second, tmp_path):
    _seed(store)
    path = tmp_path / "ana.json"
    bundles.write_bundle(collect(store, "Ana Ruiz").bundle, path)
    import_bundle(second, read_bundle(path))
    before = _dump(second)
    again = import_bundle(second, read_bundle(path))
    assert (again.added, again.present) == (0, 2)
    assert again.summary() == "0 attempts of Ana Ruiz imported, 2 already present"
    assert _dump(second) == before


def test_a_conflict_is_reported_and_nothing_is_overwritten(store, second, tmp_path):
    first, _ = _seed(store)
    bundles.write_bundle(collect(store, "Ana Ruiz").bundle, tmp_path / "monday.json")
    import_bundle(second, read_bundle(tmp_path / "monday.json"))
    with second.session() as db:  # the desk's copy no longer says what the laptop says
        db.scalar(select(Attempt).where(Attempt.uuid == first)).group_name = "Thursday class"
        db.commit()
    _play(store, INVITED, "Ana Ruiz", ["a", "x"])  # new, but in the same file as the conflict
    bundles.write_bundle(collect(store, "Ana Ruiz").bundle, tmp_path / "friday.json")
    before = _dump(second)
    result = import_bundle(second, read_bundle(tmp_path / "friday.json"))
    assert result.conflicts == (first,) and result.added == 0
    assert result.summary() == (f"refused: 1 attempt ({first}) already stored with different "
                                "content; nothing imported from this file")
    assert _dump(second) == before


def test_an_attempt_stored_for_another_trainee_is_a_conflict(store, tmp_path):
    _seed(store)
    sealed = document(collect(store, "Ana Ruiz").bundle)
    sealed["trainee"] = {"uuid": str(uuidlib.uuid4()), "name": "Ana Ruiz"}
    before = _dump(store)
    result = import_bundle(store, read_bundle(_write(tmp_path, _reseal(sealed))))
    assert len(result.conflicts) == 2 and _dump(store) == before


# --- refusals ------------------------------------------------------------------------------

def _edit(change):
    """A bundle changed by `change(document)`, then resealed as a careful forger would."""
    def make(sealed):
        change(sealed)
        return json.dumps(_reseal(sealed))
    return make


def _deep_votes(sealed):
    votes = {}
    for _ in range(50):
        votes = {"v": votes}
    sealed["attempts"][1]["steps"][0]["votes"] = votes


def _set(path, value):
    def change(sealed):
        *parents, last = path
        target = sealed
        for key in parents:
            target = target[key]
        target[last] = value
    return change


def _drop(path):
    def change(sealed):
        *parents, last = path
        target = sealed
        for key in parents:
            target = target[key]
        del target[last]
    return change


def _tampered(sealed):
    sealed["attempts"][0]["ending"] = "mixed"
    return json.dumps(sealed)


def _repeated(sealed):
    return json.dumps(sealed).replace('"name": "Ana Ruiz"',
                                      '"name": "Ana Ruiz", "name": "Ben Okafor"')


def _not_a_number(sealed):
    sealed["attempts"][0]["scores"]["language"] = float("nan")
    return json.dumps(sealed)


DEEP = "[" * 100_000 + "]" * 100_000
REFUSED = {
    "truncated": (lambda s: json.dumps(s)[: len(json.dumps(s)) // 2], "may be cut short"),
    "tampered": (_tampered, "checksum does not match (the file was changed after export)"),
    "oversized": (lambda s: " " * (MAX_BYTES + 1), "larger than 20 MiB"),
    "newer version": (_edit(_set(["version"], 3)), "bundle format version 3 is not known"),
    "not a bundle": (lambda s: "[]", "not an Alongside results bundle"),
    "not UTF-8": (lambda s: b"\xff\xfe{}", "not UTF-8 text"),
    "deep nesting": (lambda s: DEEP, "nested too deeply"),
    "deep nesting inside": (lambda s: '{"format": "alongside-results", "version": 1, "x": '
                            + DEEP + "}", "nested too deeply"),
    "deep votes": (_edit(_deep_votes), "votes.v.v.v.v.v.v.v is nested more than 6 levels"),
    "huge name": (_edit(_set(["trainee", "name"], "A" * 1_000_000)),
                  "trainee.name is longer than 200 characters"),
    "huge reply": (_edit(_set(["attempts", 0, "steps", 0, "text"], "x" * 200_000)),
                   "attempts[0].steps[0].text is longer than 100,000 characters"),
    "unknown field": (_edit(_set(["attempts", 0, "extra"], 1)),
                      "attempts[0] has an unknown field 'extra'"),
    "unknown top field": (_edit(_set(["signature"], "x")),
                          "the bundle has an unknown field 'signature'"),
    "missing field": (_edit(_drop(["attempts", 0, "passed"])),
                      "attempts[0] lacks the field 'passed'"),
    "missing checksum": (lambda s: json.dumps({k: v for k, v in s.items() if k != "checksum"}),
                         "the bundle has no checksum"),
    "text for a flag": (_edit(_set(["attempts", 0, "passed"], "yes")),
                        "attempts[0].passed must be true or false, not text"),
    "text for a number": (_edit(_set(["attempts", 0, "steps", 0, "seq"], "1")),
                          "attempts[0].steps[0].seq must be a whole number, not text"),
    "unknown mode": (_edit(_set(["attempts", 0, "mode"], "solo")),
                     "attempts[0].mode must be one of: practice, assessment, group"),
    "score out of range": (_edit(_set(["attempts", 0, "scores", "role"], 1.5)),
                           "attempts[0].scores.role must be between 0 and 1"),
    "not a number": (_not_a_number, "NaN is not a number a bundle may hold"),
    "no time zone": (_edit(_set(["attempts", 0, "started_at"], "2025-03-01T10:00:00")),
                     "attempts[0].started_at is not a time with a UTC offset"),
    "time out of range": (_edit(_set(["created"], "0001-01-01T00:00:00+05:00")),
                          "created is not a time with a UTC offset"),
    "upper-case uuid": (_edit(lambda s: _set(["attempts", 0, "uuid"],
                                             s["attempts"][0]["uuid"].upper())(s)),
                        "attempts[0].uuid is not a lower-case uuid"),
    "lone surrogate": (_edit(_set(["attempts", 0, "steps", 0, "text"], "\ud800")),
                       "attempts[0].steps[0].text is not valid Unicode text"),
    "repeated field": (_repeated, "a field appears twice in one object"),
    "changed scenario text": (_edit(lambda s: s["scenario_versions"][0].update(
        text=s["scenario_versions"][0]["text"] + "# edited\n")),
        "scenario_versions[0].text does not match its content_hash"),
    "missing scenario version": (_edit(lambda s: s["scenario_versions"].pop()),
                                 "which the bundle does not carry"),
    "steps out of order": (_edit(_set(["attempts", 0, "steps", 1, "seq"], 5)),
                           "attempts[0].steps[1] is numbered 5"),
    "same attempt twice": (_edit(lambda s: s["attempts"].append(copy.deepcopy(s["attempts"][0]))),
                           "the bundle carries one attempt twice"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_a_bad_bundle_is_refused_and_the_database_is_unchanged(case, laptop_bundle, store,
                                                               store_target, tmp_path, capsys):
    make, expected = REFUSED[case]
    content = make(copy.deepcopy(laptop_bundle))
    path = tmp_path / "bad.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    _play(store, INVITED, "Ben Okafor", ["b", "x"])
    before = _dump(store)
    assert main(["import-results", "--db", store_target, str(path)]) == 1
    line = capsys.readouterr().out.strip()
    assert line.startswith(f"{path}: refused: ") and expected in line, line
    assert _dump(store) == before


UNKNOWN_TO_DESK = (" (2 on a scenario version this desk did not know: marked unverified until an "
                   "instructor accepts it)")


def test_the_untouched_bundle_imports(laptop_bundle, store_target, tmp_path, capsys):
    path = _write(tmp_path, laptop_bundle)
    assert main(["import-results", "--db", store_target, str(path)]) == 0
    assert capsys.readouterr().out == (f"{path}: 2 attempts of Ana Ruiz imported, "
                                       f"0 already present{UNKNOWN_TO_DESK}\n")


# --- the command line ----------------------------------------------------------------------

def test_export_then_import_prints_one_line_per_file(store, store_target, second_target,
                                                     tmp_path, capsys):
    _seed(store)
    out = tmp_path / "ana.json"
    assert main(["export-results", "--db", store_target, "--trainee", "Ana Ruiz",
                 "--out", str(out)]) == 0
    assert capsys.readouterr().out == (f"{out}: 2 attempts of Ana Ruiz exported (1 in progress "
                                       "left out until finished)\n")
    assert json.loads(out.read_text())["format"] == "alongside-results"
    assert main(["import-results", "--db", second_target, str(out)]) == 0
    assert capsys.readouterr().out == (f"{out}: 2 attempts of Ana Ruiz imported, 0 already "
                                       f"present{UNKNOWN_TO_DESK}\n")
    assert main(["import-results", "--db", second_target, str(out)]) == 0
    assert capsys.readouterr().out == f"{out}: 0 attempts of Ana Ruiz imported, 2 already present\n"


def test_one_refused_file_does_not_stop_the_others(laptop_bundle, store_target, tmp_path,
                                                   capsys):
    good = _write(tmp_path, laptop_bundle, "good.json")
    bad = tmp_path / "bad.json"
    bad.write_text(_tampered(copy.deepcopy(laptop_bundle)))
    assert main(["import-results", "--db", store_target, str(bad), str(good)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{bad}: refused: checksum does not match (the file was changed after export)",
        f"{good}: 2 attempts of Ana Ruiz imported, 0 already present{UNKNOWN_TO_DESK}",
    ]


def test_a_conflicting_file_exits_1(store, store_target, tmp_path, capsys):
    first, _ = _seed(store)
    path = _write(tmp_path, document(collect(store, "Ana Ruiz").bundle))
    with store.session() as db:
        db.scalar(select(Attempt).where(Attempt.uuid == first)).group_name = "Thursday class"
        db.commit()
    assert main(["import-results", "--db", store_target, str(path)]) == 1
    assert capsys.readouterr().out == (f"{path}: refused: 1 attempt ({first}) already stored "
                                       "with different content; nothing imported from this file\n")


def test_usage_errors_exit_2(store_target, tmp_path, capsys):
    assert main(["import-results", "--db", store_target, str(tmp_path / "missing.json")]) == 2
    assert "not a file" in capsys.readouterr().err
    for argv in (["import-results"], ["export-results", "--trainee", "Ana"]):
        with pytest.raises(SystemExit) as exited:
            main(argv)
        assert exited.value.code == 2


def test_export_names_an_unknown_trainee(store_target, tmp_path, capsys):
    out = tmp_path / "nobody.json"
    assert main(["export-results", "--db", store_target, "--trainee", "Nobody",
                 "--out", str(out)]) == 1
    assert "no profile named 'Nobody' on this computer" in capsys.readouterr().err
    assert not out.exists()


def test_export_to_an_unwritable_place_says_so(store, store_target, tmp_path, capsys):
    _seed(store)
    for out, reason in ((tmp_path / "missing" / "ana.json", "No such file or directory"),
                        (tmp_path, "it is a folder")):
        assert main(["export-results", "--db", store_target, "--trainee", "Ana Ruiz",
                     "--out", str(out)]) == 1
        assert f"cannot write {out}: {reason}" in capsys.readouterr().err


def test_a_failed_export_leaves_the_old_file_whole(store, tmp_path, monkeypatch):
    _seed(store)
    (tmp_path / "out").mkdir()
    out = tmp_path / "out" / "ana.json"
    out.write_text("last week's bundle")

    def fail(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", fail)
    with pytest.raises(bundles.BundleError, match="No space left on device"):
        bundles.write_bundle(collect(store, "Ana Ruiz").bundle, out)
    assert out.read_text() == "last week's bundle"
    assert [p.name for p in out.parent.iterdir()] == ["ana.json"]


def test_export_refuses_results_that_would_not_import(store, store_target, tmp_path, capsys):
    first, _ = _seed(store)
    with store.session() as db:
        step = db.scalar(select(Step).join(Step.attempt).where(Attempt.uuid == first,
                                                               Step.kind == "reply"))
        step.text = "x" * 100_001
        db.commit()
    out = tmp_path / "ana.json"
    assert main(["export-results", "--db", store_target, "--trainee", "Ana Ruiz",
                 "--out", str(out)]) == 1
    assert "would not import" in capsys.readouterr().err
    assert not out.exists()


# --- format versions -----------------------------------------------------------------------

def test_a_new_bundle_is_version_2_and_holds_band_ids(laptop_bundle):
    assert laptop_bundle["version"] == 2
    bands = {b for a in laptop_bundle["attempts"] for b in a["bands"].values() if b}
    assert bands and bands <= {"not-yet", "developing", "competent", "proficient"}


def test_a_version_1_bundle_with_band_labels_still_imports(laptop_bundle, store, tmp_path):
    old = json.loads(json.dumps(laptop_bundle))
    old["version"] = 1
    old["trainee"] = old["trainee"]["name"]
    labelled = []
    for attempt in old["attempts"]:
        attempt["bands"] = {d: "not yet" if b == "not-yet" else b
                            for d, b in attempt["bands"].items()}
        labelled += [attempt["uuid"]] * ("not yet" in attempt["bands"].values())
    assert labelled, "the seed has an attempt with a band 'not yet'"
    result = import_bundle(store, read_bundle(_write(tmp_path, _reseal(old))))
    assert result.added == len(old["attempts"])
    with store.session() as db:
        stored = set(db.scalars(select(Attempt.band_role).where(Attempt.uuid == labelled[0])))
    assert stored == {"not-yet"}
