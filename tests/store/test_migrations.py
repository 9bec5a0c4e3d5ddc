"""Opening a database written by an older, a newer or a broken Alongside.

Upgrading keeps every row and takes a backup first; a database from a newer
version, a damaged one and a cut-short one are refused with a message that
names the file (and the newest backup), and are left byte-for-byte as they
were. (A whole file of garbage through the command line is in
test_store_cli.py.)
"""

from __future__ import annotations

import os
import random
import shutil
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, create_engine, insert, select, text

from alongside.engine.events import ChoiceScored, WentBack
from alongside.engine.load import load_file, load_text
from alongside.engine.session import PlaySession
from alongside.scoring import language
from alongside.scoring.attempt import score_attempt
from alongside.store.attempts import Recorder, resume, start_attempt
from alongside.store.db import MIGRATIONS, StoreError, backup, backups_of, open_store, url_for
from alongside.store.history import history
from tests.conftest import ROOT

DOSE = ROOT / "dialogues" / "dose-question.yaml"
HEAD = ScriptDirectory(str(MIGRATIONS)).get_current_head()
WHEN = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def _migrate(target: str, revision: str, how=command.upgrade) -> None:
    """Run the store's migrations up (or down) to `revision`, as an older app did."""
    engine = create_engine(url_for(target))
    with engine.begin() as connection:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = connection
        how(config, revision)
    engine.dispose()


def _revision(target: str) -> str | None:
    engine = create_engine(url_for(target))
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    engine.dispose()
    return current


def _tables(target: str) -> dict[str, tuple[str, ...]]:
    """Each table and its columns, as the database has them now."""
    engine = create_engine(url_for(target))
    meta = MetaData()
    meta.reflect(engine)
    engine.dispose()
    return {name: tuple(t.columns.keys()) for name, t in meta.tables.items()
            if name != "alembic_version"}


def _rows(target: str, tables: dict[str, tuple[str, ...]]) -> dict[str, list[tuple]]:
    """Every row of `tables` (only the columns listed), in primary key order."""
    engine = create_engine(url_for(target))
    meta = MetaData()
    meta.reflect(engine)
    found = {}
    with engine.connect() as connection:
        for name, columns in tables.items():
            table = meta.tables[name]
            query = select(*(table.c[c] for c in columns)).order_by(*table.primary_key.columns)
            found[name] = [tuple(row) for row in connection.execute(query)]
    engine.dispose()
    return found


def _walk(scenario, picks) -> tuple[list[tuple], PlaySession]:
    """Play `picks` (an index into the offered choices, or None to go back); the steps."""
    steps: list[tuple] = []

    def record(event) -> None:
        if isinstance(event, ChoiceScored | WentBack):
            kind = "choice" if isinstance(event, ChoiceScored) else "back"
            steps.append((kind, event.node, event.choice))

    session = PlaySession(scenario, listener=record).start()
    for pick in picks:
        session.back() if pick is None else session.choose(session.offered()[pick].id)
    return steps, session


# Until 0003 bands were stored as their English labels; only one differs from its id.
LABELS_0001 = {"not-yet": "not yet"}


def _band_ids(rows: dict[str, list[tuple]], tables: dict[str, tuple[str, ...]]) -> dict:
    """`rows` as 0003 leaves them: every band label an id."""
    bands = [i for i, c in enumerate(tables["attempt"]) if c.startswith("band_")]
    ids = {label: band for band, label in LABELS_0001.items()}
    attempts = [tuple(ids.get(v, v) if i in bands else v for i, v in enumerate(row))
                for row in rows["attempt"]]
    return {**rows, "attempt": attempts}


def _fill_0001(target: str, scenario_text: str) -> dict:
    """Rows of every kind, written with SQLAlchemy Core against the 0001 schema."""
    scenario = load_text(scenario_text, str(DOSE), stem="dose-question").scenario
    engine = create_engine(url_for(target))
    meta = MetaData()
    meta.reflect(engine)
    t = meta.tables
    with engine.begin() as connection:
        def add(table: str, **values) -> int:
            return connection.execute(insert(t[table]).values(**values)).inserted_primary_key[0]

        people = _people_0001(connection, t, add)
        version = add("scenario_version", scenario_id=scenario.id,
                      content_hash=scenario.content_hash, title=scenario.title,
                      text=scenario_text, first_seen=WHEN)
        finished, outcome, first = _finished_0001(connection, t, add, scenario, version, people)
        open_session = _unfinished_0001(connection, t, add, scenario, version, people, first)
    engine.dispose()
    return {"in_progress": "a0000000-0000-4000-8000-000000000002",
            "place": (open_session.state, open_session.variables, open_session.decisions),
            "finished": (finished.state, outcome)}


def _people_0001(connection, t, add) -> dict[str, int]:
    ana = add("trainee", uuid="7d1b7a56-4c07-4c64-9bb4-2d7b6c1e0001", name="Ana Ruiz",
              created_at=WHEN)
    ben = add("trainee", uuid="7d1b7a56-4c07-4c64-9bb4-2d7b6c1e0002", name="Ben Okafor",
              created_at=WHEN)
    cohort = add("cohort", uuid="5f0c9f0e-0000-4000-8000-000000000001",
                 name="Spring cohort", instructor="Dr. Lee", created_at=WHEN)
    connection.execute(insert(t["cohort_member"]), [
        {"cohort_id": cohort, "trainee_id": ana}, {"cohort_id": cohort, "trainee_id": ben}])
    add("instructor", name="Dr. Lee", salt="a3" * 16, passphrase_hash="scrypt$" + "f0" * 32,
        created_at=WHEN)
    return {"ana": ana, "ben": ben, "cohort": cohort}


def _finished_0001(connection, t, add, scenario, version: int, people: dict):
    """Ana's finished assessment, with a reply in her own words and an instructor's note."""
    finished = PlaySession(scenario).start()
    while not finished.ended:
        finished.choose(finished.offered()[0].id)
    steps = [("choice", node, choice) for node, choice in finished.decisions]
    outcome = score_attempt(scenario, finished.decisions, True)
    done = add("attempt", uuid="a0000000-0000-4000-8000-000000000001", trainee_id=people["ana"],
               cohort_id=people["cohort"], scenario_version_id=version, mode="assessment",
               status="finished", started_at=WHEN, finished_at=WHEN, ending=finished.state,
               **{f"score_{d}": outcome.scores[d] for d in outcome.scores},
               **{f"band_{d}": LABELS_0001.get(b, b) for d, b in outcome.bands.items()},
               passed=outcome.passed, critical_count=len(outcome.critical))
    said = "He is an addict, but he is trying."
    findings = [{**asdict(f), "suggestions": list(f.suggestions)} for f in language.flags(said)]
    rows = [{"kind": "reply", "node": steps[0][1], "choice": None, "text": said,
             "findings": findings}]
    rows += [{"kind": k, "node": n, "choice": c, "text": None, "findings": None}
             for k, n, c in steps]
    connection.execute(insert(t["step"]), [
        {"attempt_id": done, "seq": i + 1, "votes": None, "at": WHEN, **row}
        for i, row in enumerate(rows)])
    add("instructor_note", attempt_id=done, author="Dr. Lee",
        text="Strong repair after the first miss; talk about the reply wording.",
        created_at=WHEN)
    return finished, outcome, steps[0][1:]


def _unfinished_0001(connection, t, add, scenario, version: int, people: dict, first):
    """Ben's practice in progress (with a step taken back) and a class's group attempt."""
    open_steps, open_session = _walk(scenario, [1, None, 2, 0])
    going = add("attempt", uuid="a0000000-0000-4000-8000-000000000002", trainee_id=people["ben"],
                scenario_version_id=version, mode="practice", status="in-progress",
                started_at=WHEN, passed=False, critical_count=0)
    connection.execute(insert(t["step"]), [
        {"attempt_id": going, "seq": i + 1, "kind": k, "node": n, "choice": c, "at": WHEN}
        for i, (k, n, c) in enumerate(open_steps)])
    node, choice = first
    group = add("attempt", uuid="a0000000-0000-4000-8000-000000000003",
                group_name="Thursday class", cohort_id=people["cohort"],
                scenario_version_id=version, mode="group", status="in-progress",
                started_at=WHEN, passed=False, critical_count=0)
    add("step", attempt_id=group, seq=1, kind="choice", node=node, choice=choice,
        votes={choice: 5, "abstain": 1}, at=WHEN)
    return open_session


def test_upgrading_from_0001_keeps_every_row_and_backs_up_first(empty_target):
    _migrate(empty_target, "0001")
    assert _revision(empty_target) == "0001"
    expected = _fill_0001(empty_target, DOSE.read_text(encoding="utf-8"))
    tables = _tables(empty_target)
    before = _rows(empty_target, tables)
    assert all(before[name] for name in tables), "every 0001 table holds rows"

    store = open_store(empty_target)
    try:
        assert _revision(empty_target) == HEAD
        assert _rows(empty_target, tables) == _band_ids(before, tables)
        resumed = resume(store, expected["in_progress"]).session
        assert (resumed.state, resumed.variables, resumed.decisions) == expected["place"]
        [done] = history(store, "Ana Ruiz").attempts
        ending, outcome = expected["finished"]
        assert (done.status, done.ending, done.scores) == ("finished", ending,
                                                                     outcome.scores)
    finally:
        store.close()

    if store.path is not None:
        [saved] = backups_of(store.path)
        assert saved.parent == store.path.parent
        assert _revision(str(saved)) == "0001"
        assert _rows(str(saved), tables) == before


def test_0003_turns_every_band_label_into_its_id(empty_target):
    _migrate(empty_target, "0001")
    _fill_0001(empty_target, DOSE.read_text(encoding="utf-8"))
    engine = create_engine(url_for(empty_target))
    with engine.begin() as connection:
        connection.execute(text("UPDATE attempt SET band_language = 'not yet', "
                                "band_decision = 'developing', band_role = 'proficient'"))
    engine.dispose()
    _migrate(empty_target, "0003")
    engine = create_engine(url_for(empty_target))
    with engine.connect() as connection:
        bands = set(connection.execute(text(
            "SELECT band_language, band_decision, band_role FROM attempt "
            "WHERE band_language IS NOT NULL")))
    engine.dispose()
    assert bands == {("not-yet", "developing", "proficient")}


def test_only_the_newest_five_backups_are_kept(template_db, tmp_path):
    database = tmp_path / "progress.db"
    shutil.copyfile(template_db, database)
    made = []
    for _ in range(7):
        _migrate(str(database), "0001", command.downgrade)
        open_store(database).close()
        made.append(backups_of(database)[-1])
    assert len(set(made)) == 7
    assert backups_of(database) == made[-5:]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["progress.db"] + [p.name for p in made[-5:]])
    for kept in made[-5:]:
        assert _revision(str(kept)) == "0001"


def test_a_database_from_a_newer_version_is_refused_unchanged(store_target, tmp_path):
    engine = create_engine(url_for(store_target))
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    path = Path(store_target) if "://" not in store_target else None
    if path is not None:
        data, listing = path.read_bytes(), sorted(os.listdir(path.parent))
    with pytest.raises(StoreError, match="written by a newer version of Alongside") as refused:
        open_store(store_target)
    assert "has not been changed" in str(refused.value)
    assert _revision(store_target) == "9999_future"
    if path is not None:
        assert str(path) in str(refused.value)
        assert path.read_bytes() == data
        assert sorted(os.listdir(path.parent)) == listing


def _cut_in_half(data: bytes) -> bytes:
    return data[:len(data) // 2]


def _cut_to_nothing(data: bytes) -> bytes:
    return b""


def _scribbled(data: bytes) -> bytes:
    """A page's worth of random bytes somewhere in the middle half of the file."""
    rng = random.Random(len(data))
    start = len(data) // 4 + rng.randrange(len(data) // 2)
    return data[:start] + rng.randbytes(4096) + data[start + 4096:]


def _garbled_schema(data: bytes) -> bytes:
    """Bytes that are not UTF-8 inside a table's CREATE statement (SQLite quotes them)."""
    at = data.index(b"CREATE TABLE")
    return data[:at] + b"CREATE \xb0\xb1\xb2\xb3\xb4" + data[at + 12:]


# '#', '?' and '%25' in a folder name once made the store check or open another file
FOLDERS = ["plain", "class #3 at 100%25" + ("?" if os.name != "nt" else "")]


@pytest.mark.parametrize("folder", FOLDERS, ids=["plain-folder", "url-characters"])
@pytest.mark.parametrize("damage", [_scribbled, _garbled_schema, _cut_in_half, _cut_to_nothing],
                         ids=["random-bytes", "garbled-schema", "cut-in-half", "cut-to-nothing"])
def test_a_damaged_database_is_refused_naming_the_newest_backup(damage, folder, template_db,
                                                                tmp_path):
    database = tmp_path / folder / "progress.db"
    database.parent.mkdir()
    shutil.copyfile(template_db, database)
    store = open_store(database)
    scenario = load_file(DOSE).scenario
    for trainee in range(12):
        attempt = start_attempt(store, scenario, DOSE.read_text(encoding="utf-8"), f"T{trainee}")
        session = PlaySession(scenario)
        session.listeners.append(Recorder(store, attempt, session))
        session.start()
        while not session.ended:
            session.choose(session.offered()[trainee % len(session.offered())].id)
    store.close()
    backup(database)
    newest = backup(database)
    damaged = damage(database.read_bytes())
    database.write_bytes(damaged)
    kept = backups_of(database)

    with pytest.raises(StoreError) as refused:
        open_store(database)
    message = str(refused.value)
    assert str(database) in message and f"The newest backup is {newest}." in message
    assert "has not been changed" in message
    assert database.read_bytes() == damaged
    assert backups_of(database) == kept
    wal = database.with_name("progress.db-wal")  # the check may open an (empty) log
    assert not wal.exists() or wal.stat().st_size == 0
    assert sorted(os.listdir(tmp_path)) == [folder]


def test_0006_gives_notes_uuids_and_keeps_cohorts_from_0005(empty_target):
    _migrate(empty_target, "0005")
    engine = create_engine(url_for(empty_target))
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO cohort (uuid, name, instructor, created_at) VALUES "
            "('5f0c9f0e-0000-4000-8000-000000000001', 'Spring cohort', 'Dr. Lee', :at)"),
            {"at": WHEN})
        connection.execute(text(
            "INSERT INTO trainee (uuid, name, name_key, local, created_at) VALUES "
            "('7d1b7a56-4c07-4c64-9bb4-2d7b6c1e0001', 'Ana Ruiz', 'ana ruiz', true, :at)"),
            {"at": WHEN})
        connection.execute(text(
            "INSERT INTO scenario_version (scenario_id, content_hash, title, text, first_seen, "
            "verified) VALUES ('two', :hash, 'Two', 'x', :at, true)"),
            {"hash": "0" * 64, "at": WHEN})
        connection.execute(text(
            "INSERT INTO attempt (uuid, trainee_id, scenario_version_id, mode, status, "
            "started_at, passed, critical_count) VALUES "
            "('a0000000-0000-4000-8000-000000000001', 1, 1, 'practice', 'finished', :at, "
            "false, 0)"), {"at": WHEN})
        for note in ("First note.", "Second note."):
            connection.execute(text(
                "INSERT INTO instructor_note (attempt_id, author, text, created_at) VALUES "
                "(1, 'Dr. Lee', :note, :at)"), {"note": note, "at": WHEN})
    engine.dispose()
    open_store(empty_target).close()
    assert _revision(empty_target) == HEAD
    engine = create_engine(url_for(empty_target))
    with engine.connect() as connection:
        notes = connection.execute(text("SELECT uuid, step_seq FROM instructor_note")).all()
        cohort = connection.execute(text("SELECT name, name_key, curriculum_id FROM cohort")
                                    ).one()
    engine.dispose()
    assert len({u for u, _ in notes}) == 2 and all(len(u) == 36 for u, _ in notes)
    assert [s for _, s in notes] == [None, None]
    assert tuple(cohort) == ("Spring cohort", None, None), "a bundle's cohort is not the desk's"
