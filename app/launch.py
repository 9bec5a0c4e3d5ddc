"""Alongside's entry point: the desktop app with no command, else the headless CLI.

The desktop's own options are parsed here with nothing else imported, so the
window is not kept waiting for the store and the CLI's modules.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="alongside",
        usage="alongside [--db URL|PATH] [--library FOLDER] [--presenter [--screen NAME]] "
        "| COMMAND ...",
        description="Starts the Alongside desktop app. Run 'alongside --help' for the "
        "headless commands.", add_help=False)
    parser.add_argument("--db", metavar="URL|PATH",
                        help="the progress database: a file path or a SQLAlchemy URL")
    parser.add_argument("--library", action="append", type=Path, metavar="FOLDER",
                        help="list the scenarios in FOLDER as well as the bundled ones and "
                        "yours (may be repeated)")
    parser.add_argument("--presenter", action="store_true",
                        help="start ready to present a scenario to a class")
    parser.add_argument("--screen", metavar="NAME",
                        help="with --presenter: the screen for the room's view")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    if args and (not args[0].startswith("-") or args[0] in ("-h", "--help", "--version")):
        from alongside.cli import main as cli_main

        return cli_main(args)
    parser = gui_parser()
    options, rest = parser.parse_known_args(args)
    unknown = [arg for arg in rest if arg.startswith("--")]
    if unknown:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    if options.screen and not options.presenter:
        parser.error("--screen goes with --presenter")
    from alongside.ui.app import run

    # Qt's own options (-style, -platform, -reverse...) go on to the application.
    classroom = {"presenter": True, "screen": options.screen} if options.presenter else {}
    return run(db=options.db, library=options.library, qt_arguments=rest, **classroom)
