"""`validate` and `check-language`: the author's and the writer's checks."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from alongside.cli.common import FOUND, OK, USAGE, plain
from alongside.engine.curriculum import curricula_for, is_curriculum_file, load_curriculum
from alongside.engine.library import load_library
from alongside.engine.problems import Problem, count
from alongside.i18n import ngettext
from alongside.paths import DIALOGUES
from alongside.scoring import language
from alongside.scoring.analysis import review


def add_commands(commands: argparse._SubParsersAction) -> None:
    validate = commands.add_parser(
        "validate", help="check scenario files or folders",
        description="Check scenario files (default: the bundled library), and the "
        "curricula in a checked folder's curricula/ subfolder. "
        "Exit 0 when clean (warnings allowed), 1 when errors are found.")
    validate.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    validate.set_defaults(run=run_validate)

    check = commands.add_parser(
        "check-language", help="find stigmatizing or directive language in text",
        description="Check TEXT (or --file F, or standard input) against the person-first "
        "language lexicon. Exit 0 when nothing is found, 1 when something is.")
    check.add_argument("text", nargs="?", metavar="TEXT")
    check.add_argument("--file", type=Path, metavar="F", help="read the text from a file")
    check.add_argument("--json", action="store_true", help="print one JSON object")
    check.set_defaults(run=run_check_language)


def _report(problems: list[Problem]) -> tuple[int, int]:
    for problem in problems:
        print(problem)
    return count(problems)


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
        e, w = _report(problems)
        errors, warnings = errors + e, warnings + w
    for path, known in curricula:
        e, w = _report(load_curriculum(path, known).problems)
        errors, warnings = errors + e, warnings + w
    files = len(entries) + len(curricula)
    print(ngettext("{n} file checked", "{n} files checked", files).format(n=files) + ": "
          + ngettext("{n} error", "{n} errors", errors).format(n=errors) + ", "
          + ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings))
    return FOUND if errors else OK


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
    findings = language.flags(text)
    if args.json:
        print(json.dumps({"findings": plain(findings)}, indent=2, ensure_ascii=False))
    else:
        print(language.describe(text, findings))
    return FOUND if findings else OK
