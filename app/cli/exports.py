"""`export-xapi` and `export-feedback`: what the desk hands on, to a record store or back
to the trainee."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from alongside.cli.common import FOUND, OK, db_option
from alongside.cli.desk import with_store
from alongside.engine.names import printable
from alongside.i18n import ngettext
from alongside.store.bundle.feedback import collect_feedback, write_feedback
from alongside.store.db import Store
from alongside.store.files import write_atomically
from alongside.store.xapi import export_statements


def add_commands(commands: argparse._SubParsersAction) -> None:
    xapi = commands.add_parser(
        "export-xapi", help="write attempts as xAPI statements",
        description="Write the attempts of a trainee, or of every trainee in a cohort, to FILE "
        "as a JSON array of xAPI statements, following cmi5's rules: 'answered' per decision, "
        "'completed' per finished attempt, and one of 'passed' or 'failed' per finished "
        "assessment; each statement's context.registration is its attempt's uuid. Attempts "
        "on scenario versions nobody here accepted are left out and named.")
    which = xapi.add_mutually_exclusive_group(required=True)
    which.add_argument("--trainee", metavar="NAME")
    which.add_argument("--cohort", metavar="NAME")
    xapi.add_argument("--out", required=True, type=Path, metavar="FILE")
    db_option(xapi)
    xapi.set_defaults(run=run_export_xapi)

    feedback = commands.add_parser(
        "export-feedback", help="write a trainee's comments and decisions to a feedback bundle",
        description="Write every instructor's comment on the trainee's attempts and every "
        "certification decision about them to FILE, a checksummed feedback bundle. On the "
        "trainee's computer, import-results FILE stores each comment against its attempt.")
    feedback.add_argument("--trainee", required=True, metavar="NAME")
    feedback.add_argument("--out", required=True, type=Path, metavar="FILE")
    db_option(feedback)
    feedback.set_defaults(run=run_export_feedback)


def run_export_xapi(args: argparse.Namespace) -> int:
    def work(store: Store) -> int:
        found = export_statements(store, trainee=args.trainee, cohort=args.cohort)
        data = json.dumps(found.statements, indent=2, ensure_ascii=False) + "\n"
        write_atomically(args.out, data.encode("utf-8"))
        print(printable(f"{args.out}: {len(found.statements)} statements of "
                        f"{found.attempts} attempts written"))
        for why in (*found.unverified, *found.damaged):
            print(printable(f"alongside export-xapi: left out: {why}"), file=sys.stderr)
        return FOUND if found.damaged else OK
    return with_store("export-xapi", args, work)


def run_export_feedback(args: argparse.Namespace) -> int:
    def work(store: Store) -> int:
        document = collect_feedback(store, args.trainee)
        write_feedback(document, args.out)
        comments, decided = len(document["comments"]), len(document["decisions"])
        print(printable(
            f"{args.out}: "
            + ngettext("{n} comment", "{n} comments", comments).format(n=comments) + " and "
            + ngettext("{n} decision", "{n} decisions", decided).format(n=decided)
            + f" for {document['trainee']['name']} written"))
        return OK
    return with_store("export-feedback", args, work)
