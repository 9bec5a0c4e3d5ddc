"""`new`: a scenario file from the template, for an author to edit."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from alongside.cli.common import FOUND, OK, USAGE
from alongside.engine.template import id_problem, new_scenario_text, scenario_id_for
from alongside.paths import SUFFIXES


def add_command(commands: argparse._SubParsersAction) -> None:
    new = commands.add_parser(
        "new", help="write a new scenario file from the template",
        description="Write a new scenario to FILE (its name is the scenario's id), or to "
        "a file named from the title in FOLDER, from a template that validates cleanly. "
        "An existing file is never overwritten. Exit 0 written, 1 refused, 2 usage.")
    new.add_argument("file", type=Path, metavar="FILE|FOLDER")
    new.add_argument("--title", required=True, metavar="T", help="the scenario's title")
    new.set_defaults(run=run_new)


def _target(given: Path, title: str) -> Path:
    if given.is_dir():
        return given / f"{scenario_id_for(title)}.yaml"
    return given if given.suffix in SUFFIXES else given.with_name(given.name + ".yaml")


def run_new(args: argparse.Namespace) -> int:
    target = _target(args.file, args.title)
    problem = id_problem(target.stem)
    if problem:
        suggestion = scenario_id_for(target.stem) or scenario_id_for(args.title)
        hint = f" (for example {target.with_name(suggestion + '.yaml')})" if suggestion else ""
        print(f"alongside new: {target}: the file name is the scenario's id. {problem}{hint}",
              file=sys.stderr)
        return USAGE
    try:
        text = new_scenario_text(target.stem, args.title)
    except ValueError as exc:
        print(f"alongside new: {exc}", file=sys.stderr)
        return USAGE
    try:
        with target.open("x", encoding="utf-8") as file:
            file.write(text)
    except FileExistsError:
        print(f"alongside new: {target} already exists; it was left as it is", file=sys.stderr)
        return FOUND
    except OSError as exc:
        print(f"alongside new: cannot write {target}: {exc.strerror or exc}", file=sys.stderr)
        return FOUND
    print(f"wrote {target}; check it with: alongside validate {target}")
    return OK
