"""A committed step survives the app being killed, and two apps can write at once.

These run the real store in separate processes on a SQLite file (WAL,
`synchronous=FULL`, BEGIN IMMEDIATE with a busy timeout, as `open_store`
sets it up); they are SQLite-specific, since SQLite is the file a trainee's
laptop or a shared classroom PC keeps its progress in. The processes are
driven by `tests/store/app_process.py`.
"""

from __future__ import annotations

import json
import os
import random
import select
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlalchemy import select as query

from alongside.engine.events import ChoiceScored, WentBack
from alongside.engine.generate import scenario_yaml
from alongside.engine.load import load_file
from alongside.engine.session import PlaySession, build_machine
from alongside.store.attempts import newest_in_progress, resume
from alongside.store.db import open_store
from alongside.store.history import history
from alongside.store.models import Attempt, Step
from tests.conftest import ROOT
from tests.store.app_process import BACK

pytestmark = pytest.mark.skipif(not hasattr(os, "fork") or not hasattr(signal, "SIGKILL"),
                                reason="needs fork and SIGKILL (POSIX)")

KILLS = 100
SEED = 20261123


class _Walk:
    """A scenario and what playing a list of actions on it must leave behind."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.scenario = load_file(path).scenario
        assert self.scenario is not None, path
        self.machine = build_machine(self.scenario)
        self.trainee = f"Kim {self.scenario.id}"

    def plan(self, rng: random.Random) -> list[str]:
        """A random valid walk to an ending, now and then taking a decision back."""
        session = PlaySession(self.scenario, machine=self.machine).start()
        actions: list[str] = []
        while not session.ended:
            if session.decisions and rng.random() < 0.15:
                session.back()
                actions.append(BACK)
            else:
                choice = rng.choice(session.offered()).id
                session.choose(choice)
                actions.append(choice)
        session.close()
        return actions

    def replay(self, actions: list[str]) -> tuple[list[tuple], list[tuple]]:
        """The step rows the actions record, and where the session stands after each."""
        rows: list[tuple] = []

        def record(event) -> None:
            if isinstance(event, ChoiceScored):
                rows.append((len(rows) + 1, "choice", event.node, event.choice))
            elif isinstance(event, WentBack):
                rows.append((len(rows) + 1, "back", event.node, event.choice))

        session = PlaySession(self.scenario, machine=self.machine, listener=record).start()
        places = [_place(session)]
        for action in actions:
            session.back() if action == BACK else session.choose(action)
            places.append(_place(session))
        session.close()
        return rows, places


def _place(session: PlaySession) -> tuple:
    return session.state, dict(session.variables), list(session.decisions)


class _Server:
    """The fork server of app_process.py, read line by line with a deadline."""

    def __init__(self, errors: Path) -> None:
        self._errors = errors.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.store.app_process", "serve"], cwd=ROOT,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._errors)
        self._pending = b""
        self.player: int | None = None

    def send(self, command: dict) -> None:
        self.process.stdin.write(json.dumps(command).encode() + b"\n")
        self.process.stdin.flush()

    def line(self, timeout: float = 30) -> list[str]:
        deadline = time.monotonic() + timeout
        fd = self.process.stdout.fileno()
        while b"\n" not in self._pending:
            ready, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
            assert ready, "the app process said nothing for 30 s"
            chunk = os.read(fd, 65536)
            assert chunk, "the app process closed its output"
            self._pending += chunk
        line, self._pending = self._pending.split(b"\n", 1)
        return line.decode().split()

    def close(self) -> None:
        if self.player is not None:  # a failed round left its player running
            os.kill(self.player, signal.SIGKILL)
        self.process.stdin.close()
        self.process.wait(timeout=30)
        self.process.stdout.close()
        self._errors.close()


def _stored(store, uuid: str) -> list[tuple]:
    with store.session() as db:
        attempt = db.scalar(query(Attempt).where(Attempt.uuid == uuid))
        return [(s.seq, s.kind, s.node, s.choice) for s in attempt.steps]


def _committed(words: list[str]) -> tuple:
    _, seq, kind, node, choice = words
    return int(seq), kind, node, choice


@pytest.fixture
def crash_scenarios(tmp_path) -> list[_Walk]:
    """The library's dose question and three generated scenarios of different sizes."""
    folder = tmp_path / "scenarios"
    folder.mkdir()
    paths = [ROOT / "dialogues" / "dose-question.yaml"]
    for seed, nodes in ((1, 24), (2, 60), (3, 150)):
        path = folder / f"generated-{seed}.yaml"
        path.write_text(scenario_yaml(nodes, seed=seed, scenario_id=f"generated-{seed}"),
                        encoding="utf-8")
        paths.append(path)
    return [_Walk(path) for path in paths]


@dataclass
class _Progress:
    """Where one scenario's attempt stands between kills."""

    walk: _Walk
    plan: list[str] | None = None
    stored: int = 0
    uuid: str | None = None


def _play_and_kill(server: _Server, database: Path, progress: _Progress,
                   rng: random.Random, where: str) -> list[tuple]:
    """Continue the attempt in a fresh player, SIGKILL it after a random report; the reports."""
    walk, remaining = progress.walk, progress.plan[progress.stored:]
    at = rng.randint(1, len(remaining))
    server.send({"db": str(database), "file": str(walk.path), "trainee": walk.trainee,
                 "actions": remaining})
    word, pid = server.line()
    assert word == "player", where
    server.player = int(pid)
    word, uuid, node = server.line()
    assert word == "attempt" and progress.uuid in (None, uuid), where
    assert node == walk.replay(progress.plan[:progress.stored])[1][-1][0], where
    progress.uuid = uuid
    reported = []
    while len(reported) < at:
        words = server.line()
        assert words[0] == "committed", (where, words)
        reported.append(_committed(words))
    if rng.random() < 0.5:
        time.sleep(rng.random() * 0.005)
    os.kill(server.player, signal.SIGKILL)
    while (words := server.line())[0] != "reaped":
        assert words[0] in ("committed", "done"), (where, words)
        if words[0] == "committed":
            reported.append(_committed(words))
    assert words[1:] == [pid, str(-signal.SIGKILL)], (where, words)
    server.player = None
    return reported


def _check_after_kill(database: Path, progress: _Progress, reported: list[tuple],
                      where: str) -> None:
    """Every reported step is stored, and resuming lands after the last stored one."""
    walk = progress.walk
    rows, places = walk.replay(progress.plan)
    store = open_store(database)
    try:
        stored = _stored(store, progress.uuid)
        lost = [step for step in reported if step not in stored]
        assert not lost, f"{where}: reported but not stored: {lost}"
        assert stored == rows[:len(stored)], where
        assert reported[-1][0] <= len(stored) <= reported[-1][0] + 1, where
        finished = len(stored) == len(progress.plan)
        if not finished:
            assert newest_in_progress(store, walk.trainee, walk.scenario.id) == progress.uuid
        resumed = resume(store, progress.uuid).session
        assert _place(resumed) == places[len(stored)], where
        resumed.close()
        if finished:
            [row] = [r for r in history(store, walk.trainee).attempts if r.attempt == progress.uuid]
            assert (row.status, row.ending) == ("finished", places[-1][0]), where
    finally:
        store.close()
    if finished:
        progress.plan, progress.stored, progress.uuid = None, 0, None
    else:
        progress.stored = len(stored)


def test_no_reported_step_is_lost_when_the_app_is_killed(crash_scenarios, template_db,
                                                         tmp_path):
    """SIGKILL a player right after it reports a committed step, 100 times over.

    Each round the parent asks a fresh player process to continue one
    scenario's attempt along a planned random walk (choices, and now and then
    going back), reads its `committed` reports, and kills it with SIGKILL
    right after the k-th (k random, seeded), at once or after up to 5 ms, so
    the kill lands anywhere in writing the next step(s) or the ending. The
    rule checked after each kill:

    - every step the player reported is in the database (0 lost);
    - the stored steps are exactly a prefix of the planned walk, at most one
      step longer than what was reported (a commit can land just before its
      report is printed, never more: the player reports each commit before
      it starts the next);
    - `newest_in_progress` still finds the attempt, and `resume` lands on the
      node after the last *stored* step with the same variables and
      decisions; when that step ended the scenario, the attempt is finished.

    The next round continues the same attempt from there (through the same
    `newest_in_progress` + `resume` the app uses) until its walk is done,
    then a new attempt begins.
    """
    database = tmp_path / "progress.db"
    shutil.copyfile(template_db, database)
    rng = random.Random(SEED)
    attempts = [_Progress(walk) for walk in crash_scenarios]
    server = _Server(tmp_path / "app-process.err")
    try:
        for kill in range(KILLS):
            progress = attempts[kill % len(attempts)]
            if progress.plan is None:
                progress.plan = progress.walk.plan(rng)
            where = f"kill {kill + 1} ({progress.walk.scenario.id})"
            reported = _play_and_kill(server, database, progress, rng, where)
            _check_after_kill(database, progress, reported, where)
    finally:
        server.close()
    assert server.process.returncode == 0
    assert (tmp_path / "app-process.err").read_text() == ""


def _neutral_walk(scenario) -> list[str]:
    """The choices of a generated scenario that leave trust alone: the longest walk."""
    session = PlaySession(scenario).start()
    walk = []
    while not session.ended:
        [choice] = [c for c in session.offered() if not c.effects.get("trust")]
        session.choose(choice.id)
        walk.append(choice.id)
    session.close()
    return walk


def _race(database: Path, scenario_file: Path, walk: list[str], attempts: int,
          trainees: tuple[str, ...]) -> list[subprocess.CompletedProcess]:
    """Start one app process per trainee, release them together, wait for both."""
    processes = [subprocess.Popen(
        [sys.executable, "-m", "tests.store.app_process", "race", str(database),
         str(scenario_file), trainee, str(attempts), ",".join(walk)],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True) for trainee in trainees]
    for process in processes:
        assert process.stdout.readline() == "ready\n"
    for process in processes:
        process.stdin.write("go\n")
        process.stdin.flush()
    results = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return results


@pytest.mark.parametrize("fresh", [False, True], ids=["shared-database", "new-database"])
def test_two_trainees_record_at_once_on_one_database(fresh, template_db, tmp_path):
    """Two app processes on one classroom PC record a long walk each, concurrently.

    Both are started, wait at a barrier, and are released together; each
    plays the same scenario several times through `play --db --trainee`.
    Every run must succeed with nothing at all on stderr ("database is
    locked" never reaches the trainee: writers queue on the busy timeout),
    and every step of every attempt must be stored, in order. With
    `new-database` both also create and migrate the file at the same moment.
    """
    database = tmp_path / "classroom.db"
    if not fresh:
        shutil.copyfile(template_db, database)
    scenario_file = tmp_path / "long-talk.yaml"
    scenario_file.write_text(scenario_yaml(240, seed=5, scenario_id="long-talk"),
                             encoding="utf-8")
    walk = _neutral_walk(load_file(scenario_file).scenario)
    attempts = 4
    trainees = ("Ana Ruiz", "Ben Okafor")
    results = _race(database, scenario_file, walk, attempts, trainees)
    for result in results:
        assert (result.returncode, result.stderr) == (0, ""), result.stderr
        assert result.stdout.count("committed step ") == attempts * len(walk)
    store = open_store(database)
    try:
        rows = history(store).attempts
        for trainee in trainees:
            mine = [r for r in rows if r.trainee == trainee]
            assert len(mine) == attempts
            assert {(r.status, r.ending) for r in mine} == {("finished", "end-strong")}
            for row in mine:
                expected = [(i + 1, "choice", f"d{i}", c) for i, c in enumerate(walk)]
                assert _stored(store, row.attempt) == expected
        with store.session() as db:
            assert len({a.scenario_version_id for a in db.scalars(query(Attempt))}) == 1
            spans = db.execute(query(func.min(Step.id), func.max(Step.id)).join(Step.attempt)
                               .group_by(Attempt.trainee_id)).all()
        (first, last), (other_first, other_last) = spans
        assert max(first, other_first) < min(last, other_last), "they did not write at once"
    finally:
        store.close()
