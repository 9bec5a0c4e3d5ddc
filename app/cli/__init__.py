"""The headless command line (DESIGN.md's contract).

Every command prints what a person needs and returns an exit code; bad input
becomes a located message, never a traceback. Each module adds its commands
to the one parser built here.
"""

from __future__ import annotations

import argparse
import os
import sys

from alongside import __version__
from alongside.cli import desk, exports, instructor, new, play, results, scenarios
from alongside.cli.common import FOUND, OK, USAGE


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="alongside",
        description="Alongside: practise hard conversations as a peer specialist. "
        "With no command, the desktop app starts: alongside [--db URL|PATH] "
        "[--library FOLDER].",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    scenarios.add_commands(commands)
    new.add_command(commands)
    play.add_command(commands)
    results.add_commands(commands)
    desk.add_commands(commands)
    instructor.add_commands(commands)
    exports.add_commands(commands)
    bench = commands.add_parser(
        "bench", help="run the performance benchmarks",
        description="Run benchmarks and print one 'name: value' line each.")
    bench.add_argument("names", nargs="*", metavar="NAME")
    bench.set_defaults(run=run_bench)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return USAGE
    try:
        status: int = args.run(args)
        sys.stdout.flush()  # inside the guard: a closed pipe shows here, not at exit
    except BrokenPipeError:
        # The reader went away (`alongside play --json | head`): say nothing more, and
        # keep Python from complaining as it flushes standard output at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return FOUND
    except Exception as exc:  # a fault in Alongside: logged in full, told in one line
        from alongside import logs

        logs.unexpected(f"running '{args.command}'", exc)
        where = logs.where()
        print(f"alongside {args.command}: something went wrong ({type(exc).__name__}: "
              f"{exc}). " + (f"Details: {where}" if where else ""), file=sys.stderr)
        return FOUND
    return status


def run_bench(args: argparse.Namespace) -> int:
    from alongside import bench

    try:
        measured = bench.run(args.names)
    except KeyError as exc:
        print(f"alongside bench: unknown benchmark {exc}; known: {', '.join(bench.NAMES)}",
              file=sys.stderr)
        return USAGE
    for name, value in measured:
        print(f"{name}: {value:.3f}", flush=True)
    return OK
