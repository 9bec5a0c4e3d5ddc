"""Curricula: which scenarios certification readiness asks for, and by what rule.

A curriculum is a small YAML file in `dialogues/curricula/` (format 1, file
stem = id) read with the same positioned, alias-free parser as scenarios, so
its problems carry a line and column too. Whether a listed id names a real
scenario depends on the library, so the caller passes the ids it knows.

`scenarios` lists the required scenarios (so a file written before optional
ones existed still means what it meant); `optional` lists scenarios the class
is offered, shown beside the required ones, that readiness does not ask for.
The rule names the mode a required scenario must be passed in.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from alongside.engine.policy import ASSESSMENT, PRACTICE
from alongside.engine.problems import ERROR, Problem
from alongside.engine.reader import ID, Reader, hint
from alongside.engine.yamltree import YMap, YSeq, parse, read_file
from alongside.paths import SUFFIXES, scenario_files

FOLDER = "curricula"
MAX_BYTES = 256 * 1024

READINESS_RULES: dict[str, str] = {
    "each-passed-in-assessment":
        "every required scenario has at least one passed attempt in assessment mode",
    "each-passed-in-practice":
        "every required scenario has at least one passed attempt in practice mode",
}

# The mode in which each rule asks the required scenarios to be passed.
RULE_MODES: dict[str, str] = {"each-passed-in-assessment": ASSESSMENT.id,
                              "each-passed-in-practice": PRACTICE.id}

_KEYS = ("format", "id", "title", "summary", "rule", "scenarios", "optional")
_REQUIRED = ("format", "id", "title", "rule", "scenarios")


@dataclass(frozen=True, slots=True)
class Curriculum:
    """`required` and `optional` in the order the file lists them; `scenarios` is both,
    required first: what a cohort's grid shows."""

    id: str
    title: str
    rule: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    summary: str = ""
    path: str = ""

    @property
    def scenarios(self) -> tuple[str, ...]:
        return self.required + self.optional

    @property
    def mode(self) -> str:
        """The mode a required scenario must be passed in to count for readiness."""
        return RULE_MODES[self.rule]

    def is_required(self, scenario: str) -> bool:
        return scenario in self.required

    def outstanding(self, passed: Collection[str]) -> tuple[str, ...]:
        """The required scenarios not yet in `passed` (ids passed as the rule requires)."""
        return tuple(sid for sid in self.required if sid not in passed)


@dataclass(frozen=True, slots=True)
class CurriculumResult:
    """The curriculum (None if any error was found) and every problem found."""

    curriculum: Curriculum | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return self.curriculum is not None


def load_curriculum(path: str | Path, known: Collection[str] | None) -> CurriculumResult:
    """Read and check the curriculum at `path`; `known` is the library's scenario ids.

    With `known` None, listed ids are checked for form only.
    """
    name = str(path)
    text, problems = read_file(name, MAX_BYTES)
    if text is None:
        return CurriculumResult(None, problems)
    return load_curriculum_text(text, name, stem=Path(name).stem, known=known)


def load_curriculum_text(text: str, path: str = "<text>", *, stem: str | None = None,
                         known: Collection[str] | None = None) -> CurriculumResult:
    parsed = parse(text, path)
    problems = list(parsed.problems)
    if parsed.root is None:
        return CurriculumResult(None, problems or [Problem(path, 1, 1, "empty-file", "no content")])
    curriculum = _Reader(path, problems).read(parsed.root, parsed.root_at, stem, known)
    problems.sort(key=lambda p: (p.line, p.col))
    if any(p.severity == ERROR for p in problems):
        return CurriculumResult(None, problems)
    return CurriculumResult(curriculum, problems)


def is_curriculum_file(path: Path) -> bool:
    """A file directly inside a `curricula` folder (as opposed to a scenario file)."""
    return path.parent.name == FOLDER and path.suffix in SUFFIXES and path.is_file()


def curricula_for(paths: Iterable[Path]) -> list[tuple[Path, frozenset[str]]]:
    """The curricula `validate` checks for `paths`, each with its library's scenario ids.

    A folder brings the curricula in its `curricula/` subfolder; a file inside
    a `curricula` folder is a curriculum of the folder above.
    """
    found: list[tuple[Path, frozenset[str]]] = []
    for path in paths:
        if path.is_dir():
            folder = path / FOLDER
            if folder.is_dir():
                known = _ids(path)
                found += [(p, known) for p in sorted(folder.iterdir())
                          if p.suffix in SUFFIXES and p.is_file()]
        elif is_curriculum_file(path):
            found.append((path, _ids(path.parent.parent)))
    return found


def _ids(folder: Path) -> frozenset[str]:
    return frozenset(p.stem for p in scenario_files([folder]))


class _Reader(Reader):
    WHERE = "the curriculum"

    def read(self, root: object, root_at: tuple[int, int], stem: str | None,
             known: Collection[str] | None) -> Curriculum | None:
        if type(root) is not YMap:
            at = (root.line, root.col) if isinstance(root, YSeq) else root_at
            self.error(at, "not-a-mapping", "a curriculum file must be a mapping of keys")
            return None
        self.keys(root, _KEYS, _REQUIRED, self.WHERE)
        self.format_version(root)
        cid = self.an_id(root, "id", self.WHERE, stem)
        rule = self.value(root, "rule", str, self.WHERE, "")
        if rule and rule not in READINESS_RULES:
            self.vocab_error(root.value_pos("rule"), "unknown-readiness-rule", "readiness rule",
                             rule, READINESS_RULES)
        listed: dict[str, tuple[int, str]] = {}
        required = self.scenarios(root, "scenarios", known, listed)
        return Curriculum(id=cid, title=self.value(root, "title", str, self.WHERE, ""),
                          rule=rule, required=required,
                          optional=self.scenarios(root, "optional", known, listed),
                          summary=self.value(root, "summary", str, self.WHERE, ""),
                          path=self.path)

    def scenarios(self, root: YMap, key: str, known: Collection[str] | None,
                  listed: dict[str, tuple[int, str]]) -> tuple[str, ...]:
        """The ids under `key` (`scenarios`: required; `optional`), each checked; `listed`
        holds the ids met so far, with their line and list, across both lists."""
        items = self.value(root, key, YSeq, self.WHERE)
        if items is None:
            return ()
        if not items:
            self.error(root.value_pos(key), "empty-list",
                       "list at least one scenario" if key == "scenarios" else
                       "'optional' lists no scenario; leave it out where none are optional")
        found: list[str] = []
        for item, at in zip(items, items.positions(), strict=True):
            if type(item) is not str:
                self.error(at, "wrong-type", "each scenario should be a scenario id")
            elif item in listed:
                line, where = listed[item]
                both = "; a scenario is either required or optional" if where != key else ""
                self.error(at, "duplicate-scenario",
                           f"scenario '{item}' is listed twice (first at line {line}){both}")
            elif not ID.match(item):
                self.error(at, "bad-id", f"'{item}' is not a scenario id")
            elif known is not None and item not in known:
                near = hint(item, sorted(known), list_all=False)
                self.error(at, "unknown-scenario",
                           f"no scenario '{item}' in the library" + (f"; {near}" if near else ""))
                listed[item] = (at[0], key)
            else:
                listed[item] = (at[0], key)
                found.append(item)
        return tuple(found)
