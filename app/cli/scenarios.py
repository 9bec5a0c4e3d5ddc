"""`validate` and `check-language`: the author's and the writer's checks."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from alongside.cli.common import FOUND, OK, USAGE, plain
from alongside.engine.curriculum import curricula_for, is_curriculum_file, load_curriculum
from alongside.engine.library import load_library
from alongside.engine.problems import Problem, count
from alongside.i18n import ngettext
from alongside.paths import DIALOGUES
from alongside.scoring import cues, language
from alongside.scoring.analysis import review
from alongside.scoring.replay import check_saved_paths


def add_commands(commands: argparse._SubParsersAction) -> None:
    validate = commands.add_parser(
        "validate", help="check scenario files or folders",
        description="Check scenario files (default: the bundled library), and the "
        "curricula in a checked folder's curricula/ subfolder. "
        "Exit 0 when clean (warnings allowed), 1 when errors are found. Several "
        "scenarios are also checked together for cues to the best answer.")
    validate.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    validate.add_argument("--cues", action="store_true",
                          help="first print, per scenario and for all of them, the figures "
                          "behind the cue checks")
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
    scenarios = [entry.result.scenario for entry in entries]
    shapes = [cues.shape_of(s) for s in scenarios if s is not None]
    if args.cues:
        _print_figures(shapes)
    found = iter(shapes)
    for entry, scenario in zip(entries, scenarios, strict=True):
        problems = list(entry.result.problems)
        if scenario is not None:
            problems += review(scenario, shape=next(found))
            problems += check_saved_paths(scenario)
            problems.sort(key=lambda p: (p.line, p.col))
        e, w = _report(problems)
        errors, warnings = errors + e, warnings + w
    e, w = _report(cues.review_library(shapes, _folder(entry.path for entry in entries)))
    errors, warnings = errors + e, warnings + w
    for path, known in curricula:
        e, w = _report(load_curriculum(path, known).problems)
        errors, warnings = errors + e, warnings + w
    files = len(entries) + len(curricula)
    print(ngettext("{n} file checked", "{n} files checked", files).format(n=files) + ": "
          + ngettext("{n} error", "{n} errors", errors).format(n=errors) + ", "
          + ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings))
    return FOUND if errors else OK


def _folder(paths: Iterable[Path]) -> str:
    """Where library-wide problems are located: the folder the scenarios share."""
    parents = [str(p.parent) for p in paths]
    return os.path.commonpath(parents) if parents else "."


def _print_figures(shapes: Sequence[cues.Shape]) -> None:
    """The four cue figures per scenario, then for all of them together: the share of
    best answers (and of the others) ending with '?', of best answers among the two
    longest and of critical choices in first place (with chance in brackets), and the
    words whose use differs most between best answers and the others."""
    rows = [(Path(s.path).stem, cues.figures(s.decisions)) for s in shapes]
    if len(shapes) > 1:
        every = [d for s in shapes for d in s.decisions]
        rows.append((f"all {len(shapes)}", cues.figures(every, cues.MIN_TERM_CHOICES_LIBRARY)))
    width = max([len(name) for name, _ in rows] + [8])
    print(f"{'scenario':<{width}}  decisions  '?' best/others  best in 2 longest  "
          "critical first  words: in best/others")
    for name, f in rows:
        words = ", ".join(f"{w} {_pct(t.target_hits, t.targets)}/{_pct(t.other_hits, t.others)}"
                          for w, t in f.words)
        question = (f"{_pct(f.question.target_hits, f.question.targets)}/"
                    f"{_pct(f.question.other_hits, f.question.others)}")
        print(f"{name:<{width}}  {f.decisions:>9}  {question:>15}  {_vs_chance(f.top_two):>17}  "
              f"{_vs_chance(f.critical_first):>14}  {words}")
    print()


def _vs_chance(t: cues.Tally) -> str:
    return f"{_pct(t.target_hits, t.targets)} ({_pct(t.expected, t.targets)})"


def _pct(part: float, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"


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
