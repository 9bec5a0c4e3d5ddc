"""The headless command line (DESIGN.md's contract): validate, play, bench.

Every command prints what a person needs and returns an exit code; bad input
becomes a located message, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import ExitStack, closing
from pathlib import Path

from alongside import __version__
from alongside.engine.curriculum import curricula_for, is_curriculum_file, load_curriculum
from alongside.engine.events import AttemptEnded, ChoiceScored, Event, ReplyChecked, StepShown
from alongside.engine.library import load_library
from alongside.engine.load import load_file
from alongside.engine.problems import count
from alongside.engine.session import ChoiceNotOffered, NoFreeText, PlaySession
from alongside.engine.vocabulary import DIMENSIONS
from alongside.paths import DIALOGUES
from alongside.scoring import language
from alongside.scoring.analysis import review
from alongside.scoring.attempt import score_attempt
from alongside.scoring.debrief import build_debrief
from alongside.store.attempts import (
    AttemptError,
    Recorder,
    history,
    newest_in_progress,
    resume,
    start_attempt,
)
from alongside.store.bundle import BundleError, collect, import_bundle, read_bundle, write_bundle
from alongside.store.db import StoreError, open_store
from alongside.store.models import MODES

OK, FOUND, USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="alongside",
        description="Alongside: practise hard conversations as a peer specialist. "
        "With no command, the desktop app starts.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = commands.add_parser(
        "validate", help="check scenario files or folders",
        description="Check scenario files (default: the dialogues folder), and the "
        "curricula in a checked folder's curricula/ subfolder. "
        "Exit 0 when clean (warnings allowed), 1 when errors are found.")
    validate.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    validate.set_defaults(run=run_validate)

    play = commands.add_parser(
        "play", help="play a scenario headlessly",
        description="Play FILE taking the listed choice ids in order; speech and branch nodes "
        "are followed by themselves. Exit 1 if the scenario is invalid or a choice is not "
        "offered at that point.")
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
    play.add_argument("--mode", choices=MODES[:2], default="practice",
                      help="practice (default) or assessment")
    play.add_argument("--resume", metavar="SCENARIO_ID",
                      help="continue this trainee's newest in-progress attempt of the scenario")
    _db_option(play)
    play.set_defaults(run=run_play)

    past = commands.add_parser(
        "history", help="list recorded attempts",
        description="List attempts, newest first, with scores, bands and status.")
    past.add_argument("--trainee", metavar="NAME", help="only this trainee's attempts")
    past.add_argument("--json", action="store_true", help="print one JSON object")
    _db_option(past)
    past.set_defaults(run=run_history)

    language = commands.add_parser(
        "check-language", help="find stigmatizing or directive language in text",
        description="Check TEXT (or --file F, or standard input) against the person-first "
        "language lexicon. Exit 0 when nothing is found, 1 when something is.")
    language.add_argument("text", nargs="?", metavar="TEXT")
    language.add_argument("--file", type=Path, metavar="F", help="read the text from a file")
    language.add_argument("--json", action="store_true", help="print one JSON object")
    language.set_defaults(run=run_check_language)

    bench = commands.add_parser(
        "bench", help="run the performance benchmarks",
        description="Run benchmarks and print one 'name: value' line each.")
    bench.add_argument("names", nargs="*", metavar="NAME")
    bench.set_defaults(run=run_bench)
    _results_commands(commands)
    return parser


def _results_commands(commands) -> None:
    export = commands.add_parser(
        "export-results", help="write a trainee's results to a bundle file",
        description="Write one trainee's finished and abandoned attempts, every step of them "
        "and the scenario texts they were played on to FILE, a checksummed JSON results bundle "
        "for import-results on another machine. Attempts in progress are left out until they "
        "are finished.")
    export.add_argument("--trainee", required=True, metavar="NAME")
    export.add_argument("--out", required=True, type=Path, metavar="FILE")
    _db_option(export)
    export.set_defaults(run=run_export_results)

    bring = commands.add_parser(
        "import-results", help="add results bundles to the database",
        description="Check each bundle FILE whole, then import its attempts in one "
        "transaction. Attempts already present are skipped; a file holding an attempt that is "
        "stored with different content imports nothing. Exit 0 when every file was accepted, "
        "1 when any was refused.")
    bring.add_argument("files", nargs="+", type=Path, metavar="FILE")
    _db_option(bring)
    bring.set_defaults(run=run_import_results)


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="URL|PATH",
                        help="the progress database: a file path or a SQLAlchemy URL "
                        "(default: a file in your user data folder)")


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return USAGE
    return args.run(args)


def run_validate(args: argparse.Namespace) -> int:
    paths = args.paths or [DIALOGUES]
    try:
        entries = load_library(p for p in paths if not is_curriculum_file(p))
    except FileNotFoundError as exc:
        print(f"alongside validate: no such file or folder: {exc}", file=sys.stderr)
        return USAGE
    curricula = curricula_for(paths)
    if not entries and not curricula:
        print(f"alongside validate: no scenario files in {', '.join(map(str, paths))}",
              file=sys.stderr)
        return USAGE
    errors = warnings = 0
    for entry in entries:
        problems = list(entry.result.problems)
        if entry.result.scenario is not None:
            problems += review(entry.result.scenario)
            problems.sort(key=lambda p: (p.line, p.col))
        for problem in problems:
            print(problem)
        e, w = count(problems)
        errors += e
        warnings += w
    for path, known in curricula:
        problems = load_curriculum(path, known).problems
        for problem in problems:
            print(problem)
        e, w = count(problems)
        errors += e
        warnings += w
    files = len(entries) + len(curricula)
    print(f"{files} file{'s' * (files != 1)} checked: "
          f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
    return FOUND if errors else OK


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
    if args.file is None and not args.resume:
        print("alongside play: give a scenario FILE (or --resume SCENARIO_ID)", file=sys.stderr)
        return USAGE
    with ExitStack() as stores:
        return _play(args, says, stores)


def _play(args: argparse.Namespace, says: dict[str, str], stores: ExitStack) -> int:
    """Play the wanted choices; `stores` closes any database opened on the way."""
    lines: list[str] = []
    try:
        prepared = _prepare_play(args, lines, stores)
    except (StoreError, AttemptError) as exc:
        print(f"alongside play: {exc}", file=sys.stderr)
        return FOUND
    if isinstance(prepared, int):
        return prepared
    session, recorder = prepared
    scenario = session.scenario
    for node in says:
        if node not in scenario.nodes:
            print(f"alongside play: --say names unknown node '{node}'", file=sys.stderr)
            return FOUND
    wanted = [c.strip() for group in args.choose for c in group.split(",") if c.strip()]
    failure = None
    for step, choice_id in enumerate([*wanted, None], start=1):
        if session.state in says and not any(r.node == session.state for r in session.replies):
            try:
                session.say(says[session.state])
            except NoFreeText as exc:
                failure = f"alongside play: step {step}: {exc}"
                break
        if choice_id is None:
            break
        try:
            session.choose(choice_id)
        except ChoiceNotOffered as exc:
            failure = f"alongside play: step {step}: {exc}"
            break
    outcome = score_attempt(scenario, session.decisions, session.ended)
    debrief = build_debrief(scenario, session.decisions, session.ended, session.ending,
                            session.replies)
    if args.json:
        payload = _play_json(session, outcome, debrief)
        if recorder is not None:
            payload["attempt"] = recorder.uuid
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        print("\n".join(lines))
        print(_summary(session, outcome))
    session.close()
    for node in says.keys() - {r.node for r in session.replies}:
        if failure is None:
            print(f"alongside play: note: node '{node}' was not reached; its --say was not used",
                  file=sys.stderr)
    if failure:
        print(failure, file=sys.stderr)
        return FOUND
    return OK


def _prepare_play(args: argparse.Namespace, lines: list[str], stores: ExitStack):
    """The session to play (new, recorded, or resumed) and its recorder, or an exit code."""
    if args.resume:
        store = stores.enter_context(closing(open_store(args.db)))
        found = newest_in_progress(store, args.trainee, args.resume)
        if found is None:
            print(f"alongside play: {args.trainee} has no attempt of '{args.resume}' in progress",
                  file=sys.stderr)
            return FOUND
        resumed = resume(store, found, DIALOGUES / f"{args.resume}.yaml")
        if resumed.notice:
            print(f"alongside play: note: {resumed.notice}", file=sys.stderr)
        session = resumed.session
        if not args.json:
            session.listeners.append(_printer(session.scenario, lines))
            lines.append(f"(resuming attempt {found} at node '{session.state}')")
        recorder = Recorder(store, found, session, on_commit=_committed(args))
        session.listeners.insert(0, recorder)
        return session, recorder
    result = load_file(args.file)
    if result.scenario is None:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        print(f"alongside play: {args.file} is not a valid scenario", file=sys.stderr)
        return FOUND
    scenario = result.scenario
    session = PlaySession(scenario, checker=language.check)
    if not args.json:
        session.listeners.append(_printer(scenario, lines))
    recorder = None
    if args.trainee:
        store = stores.enter_context(closing(open_store(args.db)))
        text = args.file.read_text(encoding="utf-8")
        attempt = start_attempt(store, scenario, text, args.trainee, args.mode)
        recorder = Recorder(store, attempt, session, on_commit=_committed(args))
        session.listeners.insert(0, recorder)
        print(f"recording attempt {attempt} for {args.trainee}", flush=True,
              file=sys.stderr if args.json else sys.stdout)
    session.start()
    return session, recorder


def _committed(args: argparse.Namespace):
    stream = sys.stderr if args.json else sys.stdout

    def report(step) -> None:
        what = {"choice": f"choice '{step.choice}'", "reply": "reply in your own words",
                "back": f"went back from '{step.choice}'"}[step.kind]
        print(f"committed step {step.seq}: {what} at node '{step.node}'", file=stream, flush=True)

    return report


def run_history(args: argparse.Namespace) -> int:
    try:
        store = open_store(args.db)
    except StoreError as exc:
        print(f"alongside history: {exc}", file=sys.stderr)
        return FOUND
    with closing(store):
        rows = history(store, args.trainee)
    if args.json:
        print(json.dumps({"attempts": rows}, indent=2))
        return OK
    if not rows:
        print("No attempts recorded yet.")
        return OK
    for row in rows:
        scores = ", ".join(
            f"{d} {row['scores'][d]:.3f} ({row['bands'][d]})" if row["scores"][d] is not None
            else f"{d} -" for d in DIMENSIONS)
        verdict = ("passed" if row["passed"] else "not passed") if row["status"] == "finished" \
            else row["status"]
        print(f"{row['started'][:16].replace('T', ' ')}  {row['trainee']}  {row['scenario']}  "
              f"{row['mode']}  {verdict}  {scores}")
    return OK


def _printer(scenario, lines: list[str]):
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
            if event.findings:
                lines.extend("  " + line for line in
                             language.describe(event.text, event.findings).splitlines())
        elif isinstance(event, AttemptEnded):
            lines.append(f"-- ending '{event.node}' ({event.ending}) --")
            if event.debrief:
                lines.append(event.debrief)
    return show


def _summary(session: PlaySession, outcome) -> str:
    parts = []
    for dim in DIMENSIONS:
        score = outcome.scores[dim]
        parts.append(f"{dim} {score:.3f} ({outcome.bands[dim]})" if score is not None
                     else f"{dim} not assessed")
    state = "ended" if session.ended else f"not ended (waiting at '{session.state}')"
    verdict = "passed" if outcome.passed else "not passed"
    return f"\n{state}; {'; '.join(parts)}; {verdict}"


def _play_json(session: PlaySession, outcome, debrief) -> dict:
    replies = {r.node: r for r in session.replies}
    steps = [_step_json(node, choice, replies.pop(node, None))
             for node, choice in session.decisions]
    steps += [_step_json(node, None, reply) for node, reply in replies.items()]
    return {
        "scenario": session.scenario.id,
        "path": session.path,
        "choices": [choice for _, choice in session.decisions],
        "ended": session.ended,
        "ending": session.ending,
        "variables": dict(session.variables),
        "scores": dict(outcome.scores),
        "bands": dict(outcome.bands),
        "critical": [{"node": c.node, "choice": c.choice, "reason": c.reason}
                     for c in outcome.critical],
        "passed": outcome.passed,
        "steps": steps,
        "debrief": debrief.as_json(),
    }


def _step_json(node: str, choice: str | None, reply) -> dict:
    return {
        "node": node,
        "choice": choice,
        "reply": reply.text if reply else None,
        "findings": [f.as_json() for f in reply.findings] if reply else [],
    }


def run_check_language(args: argparse.Namespace) -> int:
    if args.text is not None and args.file is not None:
        print("alongside check-language: give TEXT or --file, not both", file=sys.stderr)
        return USAGE
    if args.file is not None:
        try:
            text = args.file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            print(f"alongside check-language: cannot read {args.file}: {exc}", file=sys.stderr)
            return USAGE
    elif args.text is not None:
        text = args.text
    else:
        text = sys.stdin.read()
    findings = language.check(text)
    if args.json:
        print(json.dumps({"findings": [f.as_json() for f in findings]}, indent=2,
                         ensure_ascii=False))
    else:
        print(language.describe(text, findings))
    return FOUND if findings else OK


def run_bench(args: argparse.Namespace) -> int:
    from alongside import bench

    try:
        results = bench.run(args.names)
    except KeyError as exc:
        print(f"alongside bench: unknown benchmark {exc}; known: {', '.join(bench.NAMES)}",
              file=sys.stderr)
        return USAGE
    for name, value in results:
        print(f"{name}: {value:.3f}", flush=True)
    return OK


def run_export_results(args: argparse.Namespace) -> int:
    try:
        store = open_store(args.db)
    except StoreError as exc:
        print(f"alongside export-results: {exc}", file=sys.stderr)
        return FOUND
    try:
        collected = collect(store, args.trainee)
        write_bundle(collected.bundle, args.out)
    except BundleError as exc:
        print(f"alongside export-results: {exc}", file=sys.stderr)
        return FOUND
    finally:
        store.close()
    done = len(collected.bundle.attempts)
    left = (f" ({collected.unfinished} in progress left out until finished)"
            if collected.unfinished else "")
    print(f"{args.out}: {done} attempt{'s' * (done != 1)} of {collected.bundle.trainee} "
          f"exported{left}")
    return OK


def run_import_results(args: argparse.Namespace) -> int:
    for path in args.files:
        if not path.is_file():
            print(f"alongside import-results: not a file: {path}", file=sys.stderr)
            return USAGE
    try:
        store = open_store(args.db)
    except StoreError as exc:
        print(f"alongside import-results: {exc}", file=sys.stderr)
        return FOUND
    status = OK
    for path in args.files:
        try:
            result = import_bundle(store, read_bundle(path))
        except BundleError as exc:
            print(f"{path}: refused: {exc}", flush=True)
            status = FOUND
            continue
        print(f"{path}: {result.summary()}", flush=True)
        if result.conflicts:
            status = FOUND
    store.close()
    return status
