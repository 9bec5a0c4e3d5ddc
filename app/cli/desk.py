"""`cohort`, `report` and `certify`: the instructor's desk from the command line.

Reading (cohorts, reports) needs no passphrase: whoever can open the database
file can read it. Recording a decision does; it is read from standard input
when that is not a terminal, so a script can pipe it in without it showing
in the process list.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from alongside.cli.common import FOUND, OK, USAGE, db_option, plain
from alongside.engine.names import printable
from alongside.store.certification import WaiverRecord, record_decision
from alongside.store.cohorts import (
    DEFAULT_CURRICULUM,
    add_trainees,
    cohorts,
    create_cohort,
    known_scenarios,
    read_curriculum,
)
from alongside.store.db import Store, open_store
from alongside.store.errors import Refused
from alongside.store.files import write_atomically
from alongside.store.grid import cohort_grid
from alongside.store.models import RATINGS, WAIVER_REASONS
from alongside.store.reports import attempts_csv, grid_csv


def add_commands(commands: argparse._SubParsersAction) -> None:
    _cohort_commands(commands)
    _report_command(commands)
    _certify_command(commands)


def _cohort_commands(commands: argparse._SubParsersAction) -> None:
    cohort = commands.add_parser(
        "cohort", help="create, fill and list the desk's cohorts",
        description="Cohorts of this desk: a class of trainees and the curriculum they are "
        "certified against.")
    actions = cohort.add_subparsers(dest="action", metavar="ACTION", required=True)
    create = actions.add_parser(
        "create", help="create a cohort with a curriculum",
        description="Create the cohort NAME, given a curriculum: the id of one in "
        "dialogues/curricula/ (default: core) or a file in the same format.")
    create.add_argument("name", metavar="NAME")
    create.add_argument("--curriculum", default=DEFAULT_CURRICULUM, metavar="ID|FILE")
    create.add_argument("--instructor", default="", metavar="NAME")
    db_option(create)
    create.set_defaults(run=run_cohort_create)
    add = actions.add_parser(
        "add", help="add trainees of the desk to a cohort",
        description="Add trainees (by name, or by the start of their id when two share a "
        "name) whose results were imported here to the cohort NAME; all or none.")
    add.add_argument("name", metavar="NAME")
    add.add_argument("trainees", nargs="+", metavar="TRAINEE")
    db_option(add)
    add.set_defaults(run=run_cohort_add)
    listing = actions.add_parser("list", help="list the cohorts",
                                 description="List the cohorts with curriculum and trainees.")
    listing.add_argument("--json", action="store_true", help="print one JSON object")
    db_option(listing)
    listing.set_defaults(run=run_cohort_list)


def _report_command(commands: argparse._SubParsersAction) -> None:
    report = commands.add_parser(
        "report", help="write a cohort's grid or a trainee's attempts (CSV) or report (PDF)",
        description="Write the cohort grid (one row per trainee and curriculum scenario) or "
        "one trainee's attempts to FILE as CSV (UTF-8, one header row; cells that a "
        "spreadsheet would run as a formula are neutralised with a leading quote), or a "
        "trainee's certification report as PDF: readiness against the cohort's curriculum "
        "(--cohort, or the trainee's only cohort), every qualifying attempt, the decisions, "
        "and their results bundle attached. The PDF is made with Qt, by the desktop app's "
        "code in a process of its own.")
    report.add_argument("--cohort", metavar="NAME",
                        help="the cohort whose grid to write (CSV), or to judge a trainee's "
                        "PDF report against")
    report.add_argument("--trainee", metavar="NAME")
    report.add_argument("--format", choices=("csv", "pdf"), default="csv")
    report.add_argument("--out", required=True, type=Path, metavar="FILE")
    db_option(report)
    report.set_defaults(run=run_report)


def _certify_command(commands: argparse._SubParsersAction) -> None:
    certify = commands.add_parser(
        "certify", help="record a certification decision about a trainee",
        description="Record a decision about TRAINEE against the cohort's curriculum: a "
        f"global rating ({', '.join(RATINGS)}), a comment (required at borderline-pass or "
        "below), and whether you certify. Decisions are never changed: revoking is a new "
        "decision. The instructor's passphrase is read from standard input when it is not "
        "a terminal.")
    certify.add_argument("--trainee", required=True, metavar="NAME")
    certify.add_argument("--cohort", required=True, metavar="NAME")
    certify.add_argument("--rating", required=True, choices=RATINGS)
    certify.add_argument("--certify", required=True, action=argparse.BooleanOptionalAction,
                         help="certify (--certify) or not (--no-certify)")
    certify.add_argument("--comment", default="", metavar="TEXT")
    certify.add_argument("--waive", nargs=3, action="append", default=[],
                         metavar=("SCENARIO", "REASON", "COMMENT"),
                         help="set aside a scenario not passed, with a reason "
                         f"({', '.join(WAIVER_REASONS)}) and a comment; repeatable")
    certify.add_argument("--instructor", metavar="NAME",
                         help="who decides (default: the desk's one instructor)")
    db_option(certify)
    certify.set_defaults(run=run_certify)


def with_store(command: str, args: argparse.Namespace, work: Callable[[Store], int]) -> int:
    """Run `work` on the opened store; a refusal becomes one line on standard error."""
    try:
        store = open_store(args.db)
    except Refused as exc:
        print(printable(f"alongside {command}: {exc}"), file=sys.stderr)
        return FOUND
    try:
        return work(store)
    except Refused as exc:
        print(printable(f"alongside {command}: {exc}"), file=sys.stderr)
        return FOUND
    finally:
        store.close()


def run_cohort_create(args: argparse.Namespace) -> int:
    def work(store: Store) -> int:
        curriculum, text = read_curriculum(args.curriculum, known_scenarios(store))
        made = create_cohort(store, args.name, curriculum, text, args.instructor)
        print(printable(f"cohort '{made.name}' created with the curriculum {made.curriculum} "
                        f"({len(made.scenarios)} scenarios)"))
        return OK
    return with_store("cohort create", args, work)


def run_cohort_add(args: argparse.Namespace) -> int:
    def work(store: Store) -> int:
        added, present = add_trainees(store, args.name, args.trainees)
        for name in added:
            print(printable(f"added {name}"))
        for name in present:
            print(printable(f"{name} was already in the cohort"))
        return OK
    return with_store("cohort add", args, work)


def run_cohort_list(args: argparse.Namespace) -> int:
    def work(store: Store) -> int:
        found = cohorts(store)
        if args.json:
            print(json.dumps({"cohorts": plain(found)}, indent=2, ensure_ascii=False))
        elif not found:
            print("No cohorts yet.")
        for c in found if not args.json else ():
            print(printable(f"{c.name}  curriculum {c.curriculum} ({len(c.scenarios)} "
                            f"scenarios)  {len(c.trainees)} trainees"
                            + "".join(f"\n  {t}" for t in c.trainees)))
        return OK
    return with_store("cohort list", args, work)


def _report_usage(args: argparse.Namespace) -> str | None:
    if args.format == "pdf":
        return None if args.trainee else "a PDF report is about one trainee: --trainee NAME " \
            "[--cohort NAME]"
    if bool(args.cohort) == bool(args.trainee):
        return "give --cohort NAME (the cohort grid) or --trainee NAME (their attempts), " \
            "one of them"
    return None


def run_report(args: argparse.Namespace) -> int:
    usage = _report_usage(args)
    if usage:
        print(f"alongside report: {usage}", file=sys.stderr)
        return USAGE
    if args.format == "pdf":
        return pdf_report(args)

    def work(store: Store) -> int:
        damaged: tuple[str, ...] = ()
        if args.cohort:
            text = grid_csv(cohort_grid(store, args.cohort))
        else:
            text, damaged = attempts_csv(store, args.trainee)
        write_atomically(args.out, text.encode("utf-8"))
        for line in damaged:
            print(printable(f"alongside report: left out: {line}"), file=sys.stderr)
        print(printable(f"{args.out}: {text.count(chr(13) + chr(10)) - 1} rows written"))
        return OK
    return with_store("report", args, work)


def pdf_report(args: argparse.Namespace) -> int:
    """Write the PDF in a child process: this layer may not import Qt, the desktop app's
    report writer does (as `bench` starts the GUI's benchmarks)."""
    command = [sys.executable, "-m", "alongside.ui.desk.report_pdf", "--trainee", args.trainee,
               "--out", str(args.out)]
    command += ["--cohort", args.cohort] if args.cohort else []
    command += ["--db", args.db] if args.db else []
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    try:
        child = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        print(f"alongside report: the PDF writer did not run ({exc})", file=sys.stderr)
        return FOUND
    sys.stdout.write(child.stdout)
    if child.returncode in (OK, FOUND):
        sys.stderr.write(child.stderr)
        return child.returncode
    last = (child.stderr.strip().splitlines() or ["no message"])[-1]
    print(printable(f"alongside report: the PDF writer failed (exit {child.returncode}): "
                    f"{last}"), file=sys.stderr)
    return FOUND


def _passphrase(instructor: str | None) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(f"Passphrase{' of ' + instructor if instructor else ''}: ")
    return sys.stdin.readline().rstrip("\r\n")


def run_certify(args: argparse.Namespace) -> int:
    waivers = [WaiverRecord(*given) for given in args.waive]

    def work(store: Store) -> int:
        made = record_decision(store, trainee=args.trainee, cohort=args.cohort,
                               rating=args.rating, certify=args.certify, comment=args.comment,
                               passphrase=_passphrase(args.instructor),
                               instructor=args.instructor, waivers=waivers)
        verdict = "certified" if made.certified else "not certified"
        print(printable(f"recorded: {made.trainee} [{made.trainee_uuid[:8]}] {verdict} against "
                        f"{made.curriculum} ({made.cohort}), rating {made.rating}, by "
                        f"{made.instructor} at {made.decided_at:%Y-%m-%d %H:%M} UTC"
                        + "".join(f"; waived {w.scenario} ({w.reason})" for w in made.waivers)
                        + f"; decision {made.uuid}"))
        return OK
    return with_store("certify", args, work)
