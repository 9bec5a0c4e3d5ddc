"""`play`: a scenario played headlessly, recorded for a trainee when asked, or resumed."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack, closing
from dataclasses import dataclass
from pathlib import Path

from alongside.cli import trials
from alongside.cli.common import FOUND, OK, USAGE, db_option, plain
from alongside.engine.events import AttemptEnded, ChoiceScored, Event, ReplyChecked, StepShown
from alongside.engine.load import load_file
from alongside.engine.model import Scenario
from alongside.engine.names import printable
from alongside.engine.policy import SOLO_MODES, policy_for
from alongside.engine.session import PlaySession
from alongside.engine.vocabulary import DIMENSIONS
from alongside.paths import DIALOGUES
from alongside.scoring import language
from alongside.scoring.attempt import AttemptScore, score_attempt
from alongside.scoring.bands import band_label
from alongside.scoring.debrief import build_debrief
from alongside.store.attempts import (
    AttemptError,
    Recorder,
    newest_in_progress,
    resume,
    start_attempt,
)
from alongside.store.db import StoreError, open_store
from alongside.store.models import Step

BACK = "@back"  # in --choose: take back the last decision (ids cannot start with '@')


def add_command(commands: argparse._SubParsersAction) -> None:
    play = commands.add_parser(
        "play", help="play a scenario headlessly",
        description="Play FILE taking the listed choice ids in order; speech and branch nodes "
        f"are followed by themselves. '{BACK}' in the list takes back the last decision "
        "where the mode allows it. Exit 1 if the scenario is invalid, a choice is not "
        "offered at that point, or going back is refused.")
    play.add_argument("file", type=Path, metavar="FILE", nargs="?",
                      help="the scenario file (not needed with --resume)")
    play.add_argument("--choose", action="append", default=[], metavar="ID[,ID...]",
                      help="choice ids to take, in order (may be repeated)")
    play.add_argument("--say", action="append", default=[], metavar="NODE=TEXT",
                      help="at NODE (a decision inviting a free-text reply), reply TEXT in "
                      "your own words before choosing (may be repeated)")
    play.add_argument("--json", action="store_true", help="print one JSON object")
    play.add_argument("--trainee", metavar="NAME",
                      help="record the attempt for this trainee (created if new)")
    play.add_argument("--mode", choices=SOLO_MODES, default="practice",
                      help="practice (default) or assessment, which keeps every choice")
    play.add_argument("--resume", metavar="SCENARIO_ID",
                      help="continue this trainee's newest in-progress attempt of the scenario")
    play.add_argument("--library", type=Path, default=DIALOGUES, metavar="FOLDER",
                      help="where --resume looks for the scenario's current file, to say if "
                      "it changed (default: the bundled library)")
    trials.add_options(play)
    db_option(play)
    play.set_defaults(run=run_play)


@dataclass
class Prepared:
    session: PlaySession
    recorder: Recorder | None


def run_play(args: argparse.Namespace) -> int:
    says = {}
    for item in args.say:
        node, sep, text = item.partition("=")
        if not sep or not node.strip():
            print(f"alongside play: --say needs NODE=TEXT, got '{item}'", file=sys.stderr)
            return USAGE
        says[node.strip()] = text
    if args.resume and not args.trainee:
        print("alongside play: --resume needs --trainee", file=sys.stderr)
        return USAGE
    problem = trials.usage_problem(args)
    if problem:
        print(f"alongside play: {problem}", file=sys.stderr)
        return USAGE
    if args.file is None and not args.resume:
        print("alongside play: give a scenario FILE (or --resume SCENARIO_ID)", file=sys.stderr)
        return USAGE
    with ExitStack() as stores:
        lines: list[str] = []
        try:
            prepared = _prepare(args, lines, stores)
        except (StoreError, AttemptError) as exc:
            print(f"alongside play: {exc}", file=sys.stderr)
            return FOUND
        if isinstance(prepared, int):
            return prepared
        return _play(args, says, prepared, lines)


def _play(args: argparse.Namespace, says: dict[str, str], prepared: Prepared,
          lines: list[str]) -> int:
    session = prepared.session
    scenario = session.scenario
    unknown = [node for node in says if node not in scenario.nodes]
    if unknown:
        print(f"alongside play: --say names unknown node '{unknown[0]}'", file=sys.stderr)
        return FOUND
    wanted = [c.strip() for group in args.choose for c in group.split(",") if c.strip()]
    failure = _take(session, wanted, says) or _saved(prepared.recorder)
    outcome = score_attempt(scenario, session.decisions, session.ended)
    if args.save_path and not failure:
        try:
            saved = trials.save(args, session, outcome)
            print(saved, file=sys.stderr) if args.json else lines.append(saved)
        except (ValueError, OSError) as exc:
            failure = f"the path was not saved: {exc}"
    if args.json:
        payload = _play_json(session, outcome)
        if prepared.recorder is not None:
            payload["attempt"] = prepared.recorder.uuid
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        print(printable("\n".join(lines)))
        print(_summary(session, outcome))
    session.close()
    if failure:
        print(f"alongside play: {failure}", file=sys.stderr)
        return FOUND
    for node in says.keys() - {r.node for r in session.replies}:
        print(f"alongside play: note: node '{node}' was not reached; its --say was not used",
              file=sys.stderr)
    return OK


def _take(session: PlaySession, wanted: list[str], says: dict[str, str]) -> str | None:
    """Take the wanted steps in order; the first refusal, naming its step, or None."""
    for step, choice_id in enumerate([*wanted, None], start=1):
        try:
            if session.state in says and not any(r.node == session.state
                                                 for r in session.replies):
                session.say(says[session.state])
            if choice_id == BACK:
                session.back()
            elif choice_id is not None:
                session.choose(choice_id)
        except ValueError as exc:  # not offered, nothing to take back, refused, no reply here
            return f"step {step}: {exc}"
    return None


def _saved(recorder: Recorder | None, tries: int = 3, pause_s: float = 1.0) -> str | None:
    """Try again to write steps the progress file refused; why some could not be, or None."""
    for _ in range(tries):
        if recorder is None or recorder.retry():
            return None
        time.sleep(pause_s)
    assert recorder is not None
    return (f"{recorder.unsaved} step(s) could not be saved: {recorder.trouble}. They are not "
            "kept once this command ends; play them again when the file can be written")


def _prepare(args: argparse.Namespace, lines: list[str], stores: ExitStack) -> Prepared | int:
    """The session to play (new, recorded, or resumed) and its recorder, or an exit code."""
    if args.resume:
        return _resumed(args, lines, stores)
    result = load_file(args.file)
    if result.scenario is None:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        print(f"alongside play: {args.file} is not a valid scenario", file=sys.stderr)
        return FOUND
    scenario = result.scenario
    try:
        session = trials.session_for(args, scenario, policy_for(args.mode))
    except ValueError as exc:  # an unknown node or variable, a value out of range
        print(f"alongside play: {exc}", file=sys.stderr)
        return FOUND
    if not args.json:
        session.listeners.append(_printer(scenario, lines))
    recorder = None
    if args.trainee:
        store = stores.enter_context(closing(open_store(args.db)))
        attempt = start_attempt(store, scenario, result.text, args.trainee, args.mode)
        recorder = Recorder(store, attempt, session, on_commit=_committed(args))
        session.listeners.insert(0, recorder)
        print(f"recording attempt {attempt} for {args.trainee}", flush=True,
              file=sys.stderr if args.json else sys.stdout)
    session.start()
    return Prepared(session, recorder)


def _resumed(args: argparse.Namespace, lines: list[str], stores: ExitStack) -> Prepared | int:
    store = stores.enter_context(closing(open_store(args.db)))
    found = newest_in_progress(store, args.trainee, args.resume)
    if found is None:
        print(f"alongside play: {args.trainee} has no attempt of '{args.resume}' in progress",
              file=sys.stderr)
        return FOUND
    resumed = resume(store, found, args.library / f"{args.resume}.yaml")
    if resumed.notice:
        print(f"alongside play: note: {resumed.notice}", file=sys.stderr)
    session = resumed.session
    if not args.json:
        session.listeners.append(_printer(session.scenario, lines))
        lines.append(f"(resuming attempt {found} at node '{session.state}')")
    recorder = Recorder(store, found, session, on_commit=_committed(args))
    session.listeners.insert(0, recorder)
    return Prepared(session, recorder)


def _committed(args: argparse.Namespace) -> Callable[[Step], None]:
    stream = sys.stderr if args.json else sys.stdout

    def report(step: Step) -> None:
        what = {"choice": f"choice '{step.choice}'", "reply": "reply in your own words",
                "back": f"went back from '{step.choice}'"}[step.kind]
        print(f"committed step {step.seq}: {what} at node '{step.node}'", file=stream, flush=True)

    return report


def _printer(scenario: Scenario, lines: list[str]) -> Callable[[Event], None]:
    def show(event: Event) -> None:
        if isinstance(event, StepShown) and event.kind != "branch":
            who = scenario.characters[event.speaker].name if event.speaker else None
            if event.text:
                lines.append(f"{who}: {event.text}" if who else f"({event.text})")
            for number, (cid, text) in enumerate(event.choices, start=1):
                lines.append(f"  {number}. [{cid}] {text}")
        elif isinstance(event, ChoiceScored):
            marks = ", ".join(f"{d} {event.scores[d]:+d}" for d in DIMENSIONS if d in event.scores)
            lines.append(f"> you chose [{event.choice}]  ({marks})")
            lines.append(f"  {event.feedback}")
            if event.critical:
                lines.append(f"  CRITICAL: {event.critical}")
        elif isinstance(event, ReplyChecked):
            lines.append(f"> in your own words: {event.text}")
            found = [f for f in event.findings if isinstance(f, language.Flag)]
            if found:
                lines.extend("  " + line for line in
                             language.describe(event.text, found).splitlines())
        elif isinstance(event, AttemptEnded):
            lines.append(f"-- ending '{event.node}' ({event.ending}) --")
            if event.debrief:
                lines.append(event.debrief)
    return show


def _summary(session: PlaySession, outcome: AttemptScore) -> str:
    parts = []
    for dim in DIMENSIONS:
        score, band = outcome.scores[dim], outcome.bands[dim]
        parts.append(f"{dim} {score:.3f} ({band_label(band)})"
                     if score is not None and band is not None else f"{dim} not assessed")
    state = "ended" if session.ended else f"not ended (waiting at '{session.state}')"
    verdict = "passed" if outcome.passed else "not passed"
    return f"\n{state}; {'; '.join(parts)}; {verdict}"


def _play_json(session: PlaySession, outcome: AttemptScore) -> dict:
    scenario = session.scenario
    debrief = build_debrief(scenario, session.decisions, session.ended, session.ending,
                            session.replies)
    replies = {r.node: r for r in session.replies}
    steps = [_step_json(node, choice, replies.pop(node, None))
             for node, choice in session.decisions]
    steps += [_step_json(node, None, reply) for node, reply in replies.items()]
    return {
        "scenario": scenario.id,
        "mode": session.policy.id,
        "path": session.path,
        "choices": [choice for _, choice in session.decisions],
        "ended": session.ended,
        "ending": session.ending,
        "variables": dict(session.variables),
        "scores": dict(outcome.scores),
        "bands": dict(outcome.bands),
        "critical": plain(outcome.critical),
        "passed": outcome.passed,
        "steps": steps,
        "debrief": plain(debrief),
    }


def _step_json(node: str, choice: str | None, reply) -> dict:
    return {
        "node": node,
        "choice": choice,
        "reply": reply.text if reply else None,
        "findings": plain(reply.findings) if reply else [],
    }
