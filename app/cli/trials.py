"""`play --from NODE --set VAR=VALUE --save-path NAME`: an author's trial on the command line.

A trial begins at any node with the variables of the best way there
(`alongside.scoring.route`), changed by `--set`; it is never recorded for a
trainee. `--save-path` keeps the play-through in the scenario's side file, for
`validate` to replay.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from alongside.engine.begin import parse_setting
from alongside.engine.model import Scenario
from alongside.engine.policy import Policy
from alongside.engine.saved_paths import SavedPath, add_path, side_file
from alongside.engine.session import PlaySession
from alongside.scoring import language
from alongside.scoring.attempt import AttemptScore
from alongside.scoring.replay import trial


def add_options(play: argparse.ArgumentParser) -> None:
    play.add_argument("--from", dest="start", metavar="NODE",
                      help="begin at NODE, the variables as the best way there leaves them "
                      "(a trial: never recorded)")
    play.add_argument("--set", dest="settings", action="append", default=[],
                      metavar="VAR=VALUE", help="then give variable VAR this whole number "
                      "(may be repeated)")
    play.add_argument("--save-path", metavar="NAME",
                      help="once the play-through ends, save it as a path named NAME beside "
                      "the scenario (FILE.paths.yaml), for validate to replay")


def usage_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with how the trial options were combined, or None."""
    trying = args.start is not None or args.settings or args.save_path
    if trying and (args.trainee or args.resume):
        return "--from, --set and --save-path make a trial, never recorded: leave out " \
               "--trainee and --resume"
    bad = next((s for s in args.settings if "=" not in s or not s.partition("=")[0].strip()),
               None)
    return f"--set needs VAR=VALUE, got '{bad}'" if bad is not None else None


def session_for(args: argparse.Namespace, scenario: Scenario, policy: Policy) -> PlaySession:
    """The session to play; ValueError naming a node or variable that cannot be used."""
    values = dict(parse_setting(scenario, text) for text in args.settings)
    return trial(scenario, args.start, values, policy=policy, checker=language.flags)


def save(args: argparse.Namespace, session: PlaySession, outcome: AttemptScore) -> str:
    """Save the play-through as `--save-path`; what was done, in words (ValueError or
    OSError when it cannot be)."""
    if not session.ended:
        raise ValueError(f"the play-through waits at '{session.state}': only one that "
                         "reaches an ending can be saved as a path")
    side = side_file(Path(args.file))
    values = dict(parse_setting(session.scenario, text) for text in args.settings)
    add_path(side, SavedPath(args.save_path, tuple(c for _, c in session.decisions),
                             session.ending or "", outcome.passed, args.start, values))
    return f"saved path '{args.save_path}' in {side}"
