"""The malformed-scenario corpus and hostile inputs: every rule fires, nothing crashes.

Each file in `corpus/` is the minimal scenario with one deliberate fault; its
first line, `# expect: <rule-id> <line>:<col>`, names a problem the loader must
report there. Inputs that cannot live in the corpus as static text (binary
bytes, huge or deeply nested files, two files sharing an id, a missing file)
are generated in tmp_path by the `HOSTILE` cases below, which declare the rule
ids they produce so that the coverage test can count them.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from alongside.engine import rules
from alongside.engine.library import load_library
from alongside.engine.load import load_file
from alongside.engine.problems import Problem
from alongside.engine.rules import RULES
from alongside.engine.yamltree import MAX_BYTES, MAX_DEPTH
from tests.conftest import ROOT

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
MINIMAL = (HERE / "minimal.yaml.txt").read_text(encoding="utf-8")

EXPECT = re.compile(r"# expect: (?P<rule>[a-z0-9-]+) (?P<line>\d+):(?P<col>\d+)")
COMPILER_STYLE = re.compile(r"^.+:\d+:\d+: (error|warning): .+ \[[a-z0-9-]+\]$")
SUMMARY = re.compile(r"^\d+ files? checked: \d+ errors?, \d+ warnings?$")
WARNING_RULES = frozenset(rule for rule, meaning in RULES.items() if meaning.startswith("warning"))
# Rules that `alongside.scoring.analysis` checks on a loaded scenario: outside this corpus.
ANALYSIS_RULES = frozenset(getattr(rules, "ANALYSIS_RULES", ()))
# Rules only a curriculum can break: tested in test_curriculum.py.
CURRICULUM_RULES = frozenset(getattr(rules, "CURRICULUM_RULES", ()))
# Rules of saved paths beside a scenario: tested in tests/scoring/test_replay.py.
SAVED_PATH_RULES = frozenset(getattr(rules, "SAVED_PATH_RULES", ()))
MARKER = "hacked.txt"  # the file the `os.system` payloads would create

# Corpus files that once exposed a loader bug (now fixed), kept as regressions:
#   out-of-range-5        a 5000-digit integer crashed int() (Python's max-str-digits limit)
#   missing-portrait-3    a 300-character portrait name made Path.is_file() raise ENAMETOOLONG
#   unknown-key-9         a key holding a line break made the problem print over two lines
#   unknown-variable-3    'rust' after 'trust' was located with str.find, inside 'trust'
#   condition-syntax-12   offsets in a quoted condition were counted from the quote
#   condition-syntax-13   a block-scalar condition was located on the 'if:' line
#   not-a-mapping-2       a scalar document was reported at 1:1, not where it starts


def expectation(path: Path) -> tuple[str, int, int]:
    """The rule and 1-based line:col named on the first line of a corpus file."""
    with path.open(encoding="utf-8") as handle:
        first = handle.readline().rstrip("\n")
    match = EXPECT.fullmatch(first)
    assert match, f"{path.name}: line 1 should be '# expect: <rule-id> <line>:<col>'"
    return match["rule"], int(match["line"]), int(match["col"])


def rule_of_name(path: Path) -> str:
    """`dangling-next-2.yaml` -> `dangling-next`."""
    stem = path.stem
    base, _, number = stem.rpartition("-")
    return base if number.isdigit() else stem


CORPUS_FILES = sorted(CORPUS.glob("*.yaml"))
CORPUS_PARAMS = [pytest.param(path, id=path.name) for path in CORPUS_FILES]


def scenario(stem: str, *edits: tuple[str, str]) -> str:
    """The minimal scenario with id `stem` and each (old, new) edit applied once."""
    text = MINIMAL.replace("id: sample", f"id: {stem}")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def validate(*paths: Path | str, env: dict[str, str] | None = None, timeout: float = 20):
    return subprocess.run(
        [sys.executable, "main.py", "validate", *map(str, paths)],
        cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=env,
    )


def assert_clean_cli_run(run: subprocess.CompletedProcess, code: int) -> list[str]:
    """Exit `code`, no traceback, the summary printed last; returns stdout's lines."""
    assert run.returncode == code, run.stdout[-2000:] + run.stderr[-2000:]
    assert "Traceback" not in run.stdout
    assert "Traceback" not in run.stderr
    lines = run.stdout.splitlines()
    assert lines, run.stderr
    assert SUMMARY.match(lines[-1]), lines[-1]
    return lines


# --- the static corpus -------------------------------------------------------------------------


def test_corpus_is_large_enough_and_well_named():
    assert len(CORPUS_FILES) >= 45
    for path in CORPUS_FILES:
        rule, line, col = expectation(path)
        assert rule in RULES, path.name
        assert rule_of_name(path) == rule, f"{path.name} is named after another rule than {rule}"
        assert line >= 1 and col >= 1, path.name
        text = path.read_text(encoding="utf-8")
        if rule not in ("id-mismatch", "bad-id", "empty-file", "not-a-mapping"):
            assert f"\nid: {path.stem}\n" in text, f"{path.name} should say id: {path.stem}"


@pytest.mark.parametrize("path", CORPUS_PARAMS)
def test_corpus_file_reports_expected_problem(path: Path, tmp_path: Path):
    rule, line, col = expectation(path)
    portraits = tmp_path / "portraits"  # an empty assets folder: every face is missing
    portraits.mkdir()
    result = load_file(path, portraits=portraits)
    problems = result.problems
    found = [(p.rule, p.line, p.col) for p in problems]
    assert (rule, line, col) in found, "\n".join(map(str, problems))
    errors = [p for p in problems if p.is_error]
    if rule in WARNING_RULES:
        assert not errors, "\n".join(map(str, errors))
        assert result.scenario is not None
    else:
        assert any((p.rule, p.line, p.col) == (rule, line, col) for p in errors)
        assert result.scenario is None
    for problem in problems:
        assert problem.line >= 1 and problem.col >= 1, problem
        assert problem.severity in ("error", "warning")
        assert problem.rule in RULES, problem
        assert COMPILER_STYLE.fullmatch(str(problem)), repr(str(problem))


CLI_CORPUS = [
    "yaml-syntax.yaml",
    "yaml-tag.yaml",
    "yaml-alias.yaml",
    "bad-key.yaml",
    "not-a-mapping.yaml",
    "unknown-key-3.yaml",
    "condition-syntax-4.yaml",
    "dangling-next.yaml",
    "endless-loop.yaml",
    "too-deep.yaml",
]


@pytest.mark.parametrize("name", CLI_CORPUS)
def test_cli_reports_corpus_file(name: str):
    path = CORPUS / name
    rule, line, col = expectation(path)
    lines = assert_clean_cli_run(validate(path), 1)
    assert any(
        text.startswith(f"{path}:{line}:{col}: error: ") and text.endswith(f"[{rule}]")
        for text in lines
    ), "\n".join(lines)
    for text in lines[:-1]:
        assert COMPILER_STYLE.fullmatch(text), text


def test_cli_warnings_alone_exit_zero():
    lines = assert_clean_cli_run(validate(CORPUS / "missing-portrait.yaml"), 0)
    assert any(text.endswith("[missing-portrait]") for text in lines)


def test_cli_nonexistent_path_is_a_usage_error(tmp_path: Path):
    run = validate(tmp_path / "no-such-scenario.yaml")
    assert run.returncode == 2
    assert "Traceback" not in run.stdout + run.stderr
    assert "no-such-scenario.yaml" in run.stderr


# --- hostile inputs generated in tmp_path --------------------------------------------------------


@dataclass(frozen=True)
class Hostile:
    """An input built in a folder; one of `rules` must be reported as an error."""

    name: str
    rules: tuple[str, ...]
    write: Callable[[Path], Path]
    at: tuple[int, int] | None = None  # where the error must be, when that is certain
    library: bool = False  # check the returned folder with load_library
    cli: bool = True  # also run it through `main.py validate`


def _text(name: str, text: str) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        path = folder / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    return write


def _bytes(name: str, make: Callable[[], bytes]) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        path = folder / f"{name}.yaml"
        path.write_bytes(make())
        return path

    return write


def _garbage() -> bytes:
    noise = random.Random(20240601).randbytes(64 * 1024)
    return b"format: 1\n\x00\x01\xff\xfe\xc3(" + noise


def _alias_bomb() -> str:
    lines = ["a0: &a0 [" + ", ".join(["lol"] * 9) + "]"]
    for level in range(1, 10):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def _python_apply(folder: Path) -> Path:
    path = folder / "python-apply.yaml"
    path.write_text(
        f'!!python/object/apply:os.system ["echo hacked > {folder / MARKER}"]\n',
        encoding="utf-8",
    )
    return path


def _python_name(folder: Path) -> Path:
    path = folder / "python-name.yaml"
    payload = f'!!python/object/apply:os.system ["echo hacked > {folder / MARKER}"]'
    text = scenario(
        "python-name",
        ("title: A short check-in", "title: !!python/name:os.system"),
        ("        next: good", f"        next: {payload}"),
    )
    path.write_text(text, encoding="utf-8")
    return path


def _missing(folder: Path) -> Path:
    return folder / "never-written.yaml"


def _same_id_twice(folder: Path) -> Path:
    library = folder / "library"
    library.mkdir()
    for suffix in (".yaml", ".yml"):  # same stem, so the same (correct) id in both
        (library / f"same{suffix}").write_text(scenario("same"), encoding="utf-8")
    return library


HOSTILE = [
    Hostile("unclosed-bracket", ("yaml-syntax",), _text("unclosed-bracket", scenario(
        "unclosed-bracket", ("competencies: [role-clarity]", "competencies: [role-clarity")))),
    Hostile("bad-indentation", ("yaml-syntax",), _text("bad-indentation", scenario(
        "bad-indentation", ("    mood: worried", "      mood: worried")))),
    Hostile("tab-indentation", ("yaml-syntax",), _text("tab-indentation", scenario(
        "tab-indentation", ("    speaker: sam", "\tspeaker: sam"))), at=(16, 1)),
    Hostile("binary-garbage", ("not-utf8", "yaml-syntax"), _bytes("binary-garbage", _garbage)),
    Hostile("latin-1", ("not-utf8",), _bytes("latin-1", lambda: scenario(
        "latin-1", ("title: A short check-in", "title: Café au lait")).encode("latin-1")),
        at=(3, 11)),
    Hostile("control-character", ("yaml-syntax",), _text("control-character", scenario(
        "control-character", ("title: A short", "title: A \x00short")))),
    Hostile("empty", ("empty-file",), _bytes("empty", lambda: b""), at=(1, 1)),
    Hostile("whitespace-only", ("empty-file",), _text("whitespace-only", "  \n\t\n\n"),
            at=(1, 1)),
    Hostile("top-level-list", ("not-a-mapping",), _text("top-level-list", "- format: 1\n- id: x\n"),
            at=(1, 1)),
    Hostile("bare-scalar", ("not-a-mapping",), _text("bare-scalar", "just some words\n")),
    Hostile("flow-nesting-100k", ("too-deep", "yaml-syntax"),
            _text("flow-nesting-100k", "[" * 100_000 + "]" * 100_000 + "\n")),
    Hostile("flow-nesting-100k-unclosed", ("too-deep", "yaml-syntax"),
            _text("flow-nesting-100k-unclosed", "{a: [" * 50_000 + "\n")),
    Hostile("block-nesting-100k", ("too-deep", "yaml-syntax"),
            _text("block-nesting-100k", "- " * 100_000 + "x\n")),
    Hostile("just-too-deep", ("too-deep",),
            _text("just-too-deep", "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n"),
            at=(1, MAX_DEPTH + 1)),
    Hostile("alias-bomb", ("yaml-anchor", "yaml-alias"), _text("alias-bomb", _alias_bomb())),
    Hostile("python-apply", ("yaml-tag",), _python_apply, at=(1, 1)),
    Hostile("python-name", ("yaml-tag",), _python_name),
    Hostile("too-large", ("file-too-large",),
            _bytes("too-large", lambda: b"#" * (MAX_BYTES + 1)), at=(1, 1)),
    Hostile("unreadable", ("unreadable",), _missing, at=(1, 1), cli=False),
    Hostile("duplicate-id", ("duplicate-id",), _same_id_twice, at=(2, 5), library=True),
    Hostile("condition-10k-parens", ("condition-syntax",), _text("condition-10k-parens", scenario(
        "condition-10k-parens",
        ("if: trust >= 3", "if: " + "(" * 10_000 + "trust >= 3" + ")" * 10_000)))),
    Hostile("condition-1mb", ("condition-syntax",), _text("condition-1mb", scenario(
        "condition-1mb", ("if: trust >= 3", "if: " + " and ".join(["trust >= 3"] * 70_000))))),
]
HOSTILE_IDS = [case.name for case in HOSTILE]


def check(case: Hostile, target: Path) -> list[Problem]:
    if case.library:
        entries = load_library([target], portraits=None)
        return [p for entry in entries for p in entry.result.problems]
    return load_file(target, portraits=None).problems


@pytest.mark.parametrize("case", HOSTILE, ids=HOSTILE_IDS)
def test_hostile_input_is_refused_with_a_location(case: Hostile, tmp_path: Path):
    target = case.write(tmp_path)
    problems = check(case, target)
    errors = [p for p in problems if p.is_error]
    assert {p.rule for p in errors} & set(case.rules), "\n".join(map(str, problems))
    for problem in problems:
        assert problem.line >= 1 and problem.col >= 1, problem
        assert problem.rule in RULES, problem
    if case.at is not None:
        assert any((p.line, p.col) == case.at for p in errors if p.rule in case.rules), errors
    assert not (tmp_path / MARKER).exists()


@pytest.mark.parametrize("case", HOSTILE, ids=HOSTILE_IDS)
def test_hostile_input_loads_in_under_a_second(case: Hostile, tmp_path: Path):
    target = case.write(tmp_path)
    # This process's own processor time: other work on a shared machine does not count.
    start = time.process_time()
    check(case, target)
    elapsed = time.process_time() - start
    assert elapsed < 1.0, f"{case.name} took {elapsed:.2f}s of processor time"


@pytest.mark.parametrize("case", HOSTILE, ids=HOSTILE_IDS)
def test_hostile_problems_print_compiler_style(case: Hostile, tmp_path: Path):
    for problem in check(case, case.write(tmp_path)):
        assert COMPILER_STYLE.fullmatch(str(problem)), repr(str(problem)[:300])


CLI_HOSTILE = [pytest.param(case, id=case.name) for case in HOSTILE if case.cli]


@pytest.mark.parametrize("case", CLI_HOSTILE)
def test_cli_refuses_hostile_input(case: Hostile, tmp_path: Path):
    target = case.write(tmp_path)
    lines = assert_clean_cli_run(validate(target), 1)
    assert any(text.endswith(f"[{rule}]") for text in lines for rule in case.rules), lines[-5:]
    assert not (tmp_path / MARKER).exists()


def test_every_rule_has_a_malformed_example():
    """Every loader rule; the analysis rules (checked after loading) are tested with it."""
    corpus = {expectation(p)[0] for p in CORPUS_FILES}
    generated = {case.rules[0] for case in HOSTILE if len(case.rules) == 1}
    missing = sorted(set(RULES) - ANALYSIS_RULES - CURRICULUM_RULES - SAVED_PATH_RULES - corpus
                     - generated)
    assert not missing, f"rules with no malformed example: {missing}"
    assert {"unreadable", "file-too-large", "not-utf8", "duplicate-id", "too-deep"} <= generated


# --- regressions for loader bugs found while building the corpus --------------------------------


def test_control_character_location(tmp_path: Path):
    """A NUL in valid UTF-8 was reported at 1:1 with libyaml's two-line ReaderError text."""
    path = tmp_path / "control.yaml"
    path.write_text(scenario("control", ("title: A short", "title: A \x00short")), encoding="utf-8")
    problems = [p for p in load_file(path, portraits=None).problems if p.rule == "yaml-syntax"]
    assert problems
    assert (problems[0].line, problems[0].col) == (3, 10)
    assert COMPILER_STYLE.fullmatch(str(problems[0]))


def test_endless_loop_report_does_not_depend_on_hash_seed(tmp_path: Path):
    """Which node of a two-node loop was reported depended on set order (PYTHONHASHSEED)."""
    path = tmp_path / "two-node-loop.yaml"
    path.write_text(scenario("two-node-loop", (
        "      - next: poor",
        "      - next: again\n  again:\n    speaker: sam\n    text: Let me think again.\n"
        "    next: after",
    )), encoding="utf-8")
    outputs = set()
    for seed in ("0", "2"):
        run = validate(path, env={**os.environ, "PYTHONHASHSEED": seed})
        lines = assert_clean_cli_run(run, 1)
        outputs.add(tuple(text for text in lines if text.endswith("[endless-loop]")))
    assert len(outputs) == 1, outputs


def test_many_condition_errors_are_located_in_linear_time(tmp_path: Path):
    path = tmp_path / "many-conditions.yaml"
    entries = "      - if: trust = 1\n        next: good\n" * 24_000
    path.write_text(scenario(
        "many-conditions", ("      - if: trust >= 3\n        next: good\n", entries),
    ), encoding="utf-8")
    # A generous ceiling, not a timing: locating these quadratically takes many minutes,
    # linearly a few seconds, and a shared machine may be slow by several times.
    lines = assert_clean_cli_run(validate(path, timeout=90), 1)
    assert sum(text.endswith("[condition-syntax]") for text in lines) == 24_000


def test_named_pipe_is_refused_without_waiting(tmp_path: Path):
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    result = load_file(pipe)
    assert [(p.rule, p.message) for p in result.problems] == [("unreadable", "not a regular file")]


def test_unclosed_quote_names_where_it_opened(tmp_path: Path):
    path = tmp_path / "quote.yaml"
    path.write_text('format: 1\nid: quote\ntitle: "never closed\nsummary: s\n', encoding="utf-8")
    [problem] = load_file(path).problems
    assert problem.rule == "yaml-syntax"
    assert "(while scanning a quoted scalar at line 3, column 8)" in problem.message
