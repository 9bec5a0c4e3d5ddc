"""One person, one profile: names matched whatever their case, spacing and Unicode
form, in the store, the migration that merges old duplicates, and the command line."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import MetaData, create_engine, func, insert, select, text

from alongside.cli import main
from alongside.engine.names import name_key, tidy
from alongside.store.db import open_store, url_for
from alongside.store.history import history
from alongside.store.models import Trainee
from alongside.store.profiles import add_trainee, trainees
from tests.engine.scenarios import TWO_DECISIONS
from tests.store.test_migrations import WHEN, _migrate

SPELLINGS = ["Sam Rivera", "sam rivera ", "  SAM   RIVERA", "Sam\u00a0Rivera", "Ｓａｍ Rivera"]


@pytest.mark.parametrize("spelling", SPELLINGS[1:])
def test_one_name_typed_another_way_opens_the_same_profile(store, spelling):
    assert add_trainee(store, "Sam Rivera") == "Sam Rivera"
    assert add_trainee(store, spelling) == "Sam Rivera"
    assert trainees(store) == ["Sam Rivera"]


def test_composed_and_decomposed_accents_are_one_name(store):
    composed, decomposed = "Jos\u00e9 Mart\u00ednez", "Jose\u0301 Marti\u0301nez"
    assert add_trainee(store, decomposed) == composed
    assert add_trainee(store, composed.upper()) == composed
    assert trainees(store) == [composed]


def test_different_people_stay_different(store):
    for name in ("Sam Rivera", "Sam Riviera", "Sam R.", "Samantha Rivera"):
        add_trainee(store, name)
    assert len(trainees(store)) == 4


def test_the_key_folds_case_spacing_and_width_only():
    assert {name_key(s) for s in SPELLINGS} == {"sam rivera"}
    assert name_key("Straße") == name_key("STRASSE")
    assert tidy(" Ana \t Ruiz ") == "Ana Ruiz"
    assert name_key("Ana Ruiz") != name_key("Ana Ruíz")


@pytest.fixture
def two(tmp_path):
    path = tmp_path / "two.yaml"
    path.write_text(TWO_DECISIONS)
    return path


def test_the_command_line_finds_a_trainee_however_the_name_is_typed(two, store_target,
                                                                     tmp_path, capsys):
    assert main(["play", str(two), "--db", store_target, "--trainee", "Sam Rivera",
                 "--choose", "b", "--choose", "x"]) == 0
    assert main(["play", str(two), "--db", store_target, "--trainee", "sam rivera",
                 "--choose", "a"]) == 0
    capsys.readouterr()
    assert main(["history", "--db", store_target, "--trainee", "SAM  RIVERA", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["attempts"]
    assert {row["trainee"] for row in rows} == {"Sam Rivera"} and len(rows) == 2
    out = tmp_path / "sam.json"
    assert main(["export-results", "--db", store_target, "--trainee", "sam rivera",
                 "--out", str(out)]) == 0
    assert "1 attempt of Sam Rivera exported" in capsys.readouterr().out
    assert main(["play", "--db", store_target, "--trainee", " sam RIVERA ", "--resume", "two",
                 "--choose", "x"]) == 0


def _fill_0004(target: str) -> None:
    """Two local profiles that are one person, and someone of that name imported."""
    engine = create_engine(url_for(target))
    meta = MetaData()
    meta.reflect(engine)
    t = meta.tables
    with engine.begin() as connection:
        def add(table: str, **values) -> int:
            return connection.execute(insert(t[table]).values(**values)).inserted_primary_key[0]

        people = [add("trainee", uuid=f"7d1b7a56-4c07-4c64-9bb4-2d7b6c1e000{n}", name=name,
                      local=local, created_at=WHEN)
                  for n, (name, local) in enumerate([("Sam Rivera", True),
                                                     ("sam  rivera ", True),
                                                     ("SAM RIVERA", False)])]
        version = add("scenario_version", scenario_id="two", content_hash="ab" * 32,
                      title="Two", text=TWO_DECISIONS, first_seen=WHEN, verified=True)
        cohort = add("cohort", uuid="5f0c9f0e-0000-4000-8000-000000000001", name="Spring",
                     instructor="Dr. Lee", created_at=WHEN)
        connection.execute(insert(t["cohort_member"]), [
            {"cohort_id": cohort, "trainee_id": people[1]}])
        for n, person in enumerate([people[0], people[1], people[1], people[2]]):
            add("attempt", uuid=f"a0000000-0000-4000-8000-00000000000{n}", trainee_id=person,
                scenario_version_id=version, mode="practice", status="abandoned",
                started_at=WHEN, passed=False, critical_count=0)
    engine.dispose()


def test_0005_makes_one_profile_of_names_that_are_one(empty_target):
    _migrate(empty_target, "0004")
    _fill_0004(empty_target)
    store = open_store(empty_target)
    try:
        assert trainees(store) == ["Sam Rivera"]
        mine = history(store, "sam rivera", local_only=True).attempts
        assert len(mine) == 3 and {a.trainee for a in mine} == {"Sam Rivera"}
        with store.session() as db:
            people = db.execute(select(Trainee.name, Trainee.local, Trainee.name_key)
                                .order_by(Trainee.id)).all()
            members = db.execute(text("SELECT trainee_id FROM cohort_member")).scalars().all()
            keeper = db.scalar(select(Trainee.id).where(Trainee.local))
        assert people == [("Sam Rivera", True, "sam rivera"), ("SAM RIVERA", False, "sam rivera")]
        assert members == [keeper]
        assert len(history(store, "Sam Rivera").attempts) == 4  # the imported one too
        assert add_trainee(store, "SAM RIVERA") == "Sam Rivera"
        with store.session() as db:
            assert db.scalar(select(func.count()).select_from(Trainee)) == 2
    finally:
        store.close()


def test_the_desk_lists_its_trainees_and_never_a_profile(store):
    from alongside.store.trainees import desk_trainees
    from tests.store.desk_rows import trainee

    with store.session() as db:
        trainee(db, "sam rivera")
        imported = trainee(db, "Ana Ruiz")
        db.commit()
        uuid = imported.uuid
    add_trainee(store, "Ana Ruiz")
    with store.session() as db:
        assert [name for name, _ in desk_trainees(db)] == ["Ana Ruiz", "sam rivera"]
        assert ("Ana Ruiz", uuid) in desk_trainees(db)
