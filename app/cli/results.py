"""`history`, `export-results` and `import-results`: a trainee's attempts, in and out."""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import closing
from pathlib import Path

from alongside.cli.common import FOUND, OK, USAGE, db_option, plain
from alongside.engine.library import content_hashes
from alongside.engine.names import printable
from alongside.engine.vocabulary import DIMENSIONS
from alongside.i18n import ngettext
from alongside.paths import DIALOGUES
from alongside.scoring.bands import band_label
from alongside.store.bundle import BundleError, collect, write_bundle
from alongside.store.bundle.incoming import import_file
from alongside.store.db import StoreError, open_store
from alongside.store.history import AttemptSummary, history


def add_commands(commands: argparse._SubParsersAction) -> None:
    past = commands.add_parser(
        "history", help="list recorded attempts",
        description="List attempts, newest first, with scores, bands and status.")
    past.add_argument("--trainee", metavar="NAME", help="only this trainee's attempts")
    past.add_argument("--json", action="store_true", help="print one JSON object")
    db_option(past)
    past.set_defaults(run=run_history)

    export = commands.add_parser(
        "export-results", help="write a trainee's results to a bundle file",
        description="Write one trainee's finished and abandoned attempts, every step of them "
        "and the scenario texts they were played on to FILE, a checksummed JSON results bundle "
        "for import-results on another machine. Attempts in progress are left out until they "
        "are finished.")
    export.add_argument("--trainee", required=True, metavar="NAME")
    export.add_argument("--out", required=True, type=Path, metavar="FILE")
    db_option(export)
    export.set_defaults(run=run_export_results)

    bring = commands.add_parser(
        "import-results", help="add results bundles to the database",
        description="Check each bundle FILE whole, then import its attempts in one "
        "transaction (or, for a feedback bundle from an instructor, store its comments "
        "against this computer's attempts). Attempts already present are skipped; a file "
        "holding an attempt that is stored with different content imports nothing. Exit 0 "
        "when every file was accepted, 1 when any was refused.")
    bring.add_argument("files", nargs="+", type=Path, metavar="FILE")
    bring.add_argument("--library", action="append", type=Path, metavar="FOLDER",
                       help="this desk's scenario library (default: the bundled one); "
                       "attempts on a scenario text not in it, nor already stored, are "
                       "imported as unverified")
    db_option(bring)
    bring.set_defaults(run=run_import_results)


def _line(row: AttemptSummary) -> str:
    scores = []
    for d in DIMENSIONS:
        score, band = row.scores[d], row.bands[d]
        scores.append(f"{d} {score:.3f} ({band_label(band)})" if score is not None and band
                      else f"{d} -")
    verdict = ("passed" if row.passed else "not passed") if row.status == "finished" \
        else row.status
    who = f"{row.trainee} [{(row.trainee_uuid or '?')[:8]}]"
    unverified = "" if row.verified else "  (unverified scenario version)"
    return (f"{row.started:%Y-%m-%d %H:%M}  {who}  {row.scenario}  {row.mode}  "
            f"{verdict}  {', '.join(scores)}{unverified}")


def run_history(args: argparse.Namespace) -> int:
    try:
        store = open_store(args.db)
    except StoreError as exc:
        print(f"alongside history: {exc}", file=sys.stderr)
        return FOUND
    with closing(store):
        found = history(store, args.trainee)
    for damaged in found.damaged:
        print(f"alongside history: left out: {printable(damaged)}", file=sys.stderr)
    if args.json:
        print(json.dumps({"attempts": plain(found.attempts), "damaged": list(found.damaged)},
                         indent=2, ensure_ascii=False))
    elif not found.attempts:
        print("No attempts recorded yet.")
    else:
        print("\n".join(printable(_line(row)) for row in found.attempts))
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
    exported = ngettext("{n} attempt", "{n} attempts", done).format(n=done)
    print(printable(f"{args.out}: {exported} of {collected.bundle.trainee.name} "
                    f"exported{left}"))
    for uuid, why in collected.left_out:
        print(printable(f"alongside export-results: attempt {uuid} could not be exported "
                        f"and was left out: {why}"), file=sys.stderr)
    return FOUND if collected.left_out else OK


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
    known = content_hashes(args.library or [DIALOGUES])
    with closing(store):
        for path in args.files:
            try:
                result = import_file(store, path, known)
            except BundleError as exc:
                print(printable(f"{path}: refused: {exc}"), flush=True)
                status = FOUND
                continue
            print(printable(f"{path}: {result.summary()}"), flush=True)
            if result.conflicts:
                status = FOUND
    return status

