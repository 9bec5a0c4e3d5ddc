"""The app's store in a process of its own, for the durability tests.

`python -m tests.store.app_process serve` imports the store once, then for
each JSON command read on stdin forks a *player*: a fresh process that opens
the database with `open_store`, continues the trainee's attempt in progress
(`newest_in_progress` + `resume`) or starts one, and takes the given actions
through a `Recorder`. It prints one line per event, each in a single write:

    player PID            the player is running (the parent may kill PID)
    attempt UUID NODE     recording UUID, now at NODE
    committed SEQ KIND NODE CHOICE   step SEQ is on disk
    done                  every action was taken; the player then waits

after which the server prints `reaped PID CODE` (CODE -9: killed by SIGKILL).
Forking keeps a hundred kills within seconds: a fresh interpreter would pay
the imports again each time, while every player is still a real process
that the parent ends with a real SIGKILL, in the middle of whatever it is
doing. The server never opens the database itself, so no connection is
shared across a fork.

`python -m tests.store.app_process race DB FILE TRAINEE ATTEMPTS CHOICES` is
one trainee at a shared classroom PC: it prints `ready`, waits for a line on
stdin (the start signal, so two of them write at once), then plays FILE
ATTEMPTS times through the real command line (`play --db --trainee
--choose`). Its exit status is the worst of those runs.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import sys
from pathlib import Path

from alongside.cli import main as cli_main
from alongside.engine.load import load_file
from alongside.engine.session import PlaySession
from alongside.scoring import language
from alongside.store.attempts import Recorder, newest_in_progress, resume, start_attempt
from alongside.store.db import open_store

BACK = "<back>"
_FORK = multiprocessing.get_context("fork")


def serve() -> int:
    for line in sys.stdin:
        sys.stderr.flush()
        player = _FORK.Process(target=_player, args=(json.loads(line),))
        player.start()
        player.join()
        _say("reaped", player.pid, player.exitcode)
    return 0


def _say(*words: object) -> None:
    """One line in one write(2), so a kill never leaves half a line behind."""
    os.write(sys.stdout.fileno(), (" ".join(map(str, words)) + "\n").encode())


def _player(command: dict) -> None:
    """Play in the forked process; it never returns but by being killed or failing
    (multiprocessing then prints the traceback and ends the process with status 1)."""
    _say("player", os.getpid())
    store = open_store(command["db"])
    path = Path(command["file"])
    scenario = load_file(path).scenario
    found = newest_in_progress(store, command["trainee"], scenario.id)

    def report(step) -> None:
        _say("committed", step.seq, step.kind, step.node, step.choice)

    if found is None:
        found = start_attempt(store, scenario, path.read_text(encoding="utf-8"),
                              command["trainee"])
        session = PlaySession(scenario, checker=language.flags)
        session.listeners.append(Recorder(store, found, session, on_commit=report))
        session.start()
    else:
        session = resume(store, found).session
        session.listeners.append(Recorder(store, found, session, on_commit=report))
    _say("attempt", found, session.state)
    for action in command["actions"]:
        if action == BACK:
            session.back()
        else:
            session.choose(action)
    _say("done")
    while True:
        signal.pause()


def race(db: str, file: str, trainee: str, attempts: int, choices: str) -> int:
    _say("ready")
    sys.stdin.readline()
    worst = 0
    for _ in range(attempts):
        worst = max(worst, cli_main(["play", file, "--db", db, "--trainee", trainee,
                                     "--choose", choices]))
    return worst


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        sys.exit(serve())
    db, file, trainee, attempts, choices = sys.argv[2:]
    sys.exit(race(db, file, trainee, int(attempts), choices))
