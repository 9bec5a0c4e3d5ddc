"""Turn a scenario file into a `Scenario`, reporting every problem with its place.

One pass over the positioned tree checks keys, types and vocabularies while it
builds the frozen model; `alongside.engine.check` then looks at the graph as a whole.
A file with errors yields no scenario, only problems; warnings do not block.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from alongside.engine import check, vocabulary
from alongside.engine.conditions import KEYWORDS, Condition, ConditionError, parse_condition
from alongside.engine.memory import gc_paused
from alongside.engine.model import (
    BRANCH,
    DECISION,
    ENDING,
    SPEECH,
    BranchRule,
    Character,
    Choice,
    FreeText,
    Node,
    Scenario,
    Variable,
)
from alongside.engine.problems import ERROR, WARNING, Problem
from alongside.engine.reader import ID, Reader, hint
from alongside.engine.yamltree import CONSUMED, MAX_BYTES, YMap, YSeq, normalise, parse, read_file
from alongside.paths import PORTRAITS

_NODE_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*\Z")
_VAR = re.compile(r"[a-z_][a-z0-9_]*\Z")

_TOP_KEYS = (
    "format", "id", "title", "summary", "setting", "competencies", "difficulty",
    "minutes", "characters", "variables", "start", "nodes",
)
_TOP_REQUIRED = (
    "format", "id", "title", "summary", "setting", "competencies", "difficulty",
    "minutes", "start", "nodes",
)
_KIND_KEYS = {
    SPEECH: frozenset(("speaker", "mood", "text", "next", "discussion", "quoted_terms")),
    DECISION: frozenset(("speaker", "mood", "text", "choices", "discussion", "free_text",
                         "quoted_terms")),
    BRANCH: frozenset(("branch",)),
    ENDING: frozenset(("ending", "text", "debrief", "speaker", "mood", "discussion",
                       "quoted_terms")),
}
_KIND_MARKERS = (("choices", DECISION), ("branch", BRANCH), ("ending", ENDING), ("next", SPEECH))
_CHOICE_KEYS = frozenset(("id", "text", "feedback", "next", "scores", "effects", "critical",
                          "quoted_terms"))
_CHOICE_REQUIRED = ("id", "text", "feedback", "next")
_CHARACTER_KEYS = frozenset(("name", "pronouns", "portrait"))
_VARIABLE_KEYS = frozenset(("start", "min", "max", "label", "shown"))


@dataclass(frozen=True, slots=True)
class LoadResult:
    """The scenario (None if any error was found), every problem found, and the text
    as it was read (`yamltree.normalise`d): what its content hash is taken over.

    `draft` is the model as far as it could be built despite errors (nodes that could
    not be read left out), for the author's map to draw them on; never played."""

    scenario: Scenario | None
    problems: list[Problem]
    text: str = ""
    draft: Scenario | None = None

    @property
    def ok(self) -> bool:
        return self.scenario is not None


def load_file(
    path: str | Path, *, portraits: Path | None = PORTRAITS, max_bytes: int = MAX_BYTES
) -> LoadResult:
    """Read, parse and check the scenario at `path`."""
    name = str(path)
    text, problems = read_file(name, max_bytes)
    if text is None:
        return LoadResult(None, problems)
    return load_text(text, name, stem=Path(name).stem, portraits=portraits)


def load_text(
    text: str, path: str = "<text>", *, stem: str | None = None, portraits: Path | None = None
) -> LoadResult:
    """Parse and check scenario `text`; `stem` (the file name) must equal its id."""
    text = normalise(text)
    with gc_paused():
        result = _load_text(text, path, stem, portraits)
    return LoadResult(result.scenario, result.problems, text, result.draft)


def _load_text(text: str, path: str, stem: str | None, portraits: Path | None) -> LoadResult:
    problems: list[Problem] = []
    builder = _Builder(path, problems, text)
    parsed = parse(text, path, on_node=builder.stream_node)
    problems += parsed.problems
    if parsed.root is None:
        return LoadResult(None, problems or [Problem(path, 1, 1, "empty-file", "no content")])
    builder.root_at = parsed.root_at
    scenario = builder.scenario(parsed.root, stem, hashlib.sha256(text.encode()).hexdigest())
    if scenario is not None:
        check.graph(scenario, builder.refs, problems)
        if portraits is not None:
            builder.check_portraits(scenario, portraits)
    problems.sort(key=lambda p: (p.line, p.col))
    if any(p.severity == ERROR for p in problems):
        return LoadResult(None, problems, draft=scenario)
    return LoadResult(scenario, problems, draft=scenario)


class _Builder(Reader):
    """Builds the model from the tree while recording problems and references."""

    def __init__(self, path: str, problems: list[Problem], text: str) -> None:
        super().__init__(path, problems)
        self.text = text
        self._line_starts: list[int] | None = None
        self.root_at = (1, 1)
        self.refs: list[check.Ref] = []
        self.variables: dict[str, Variable] = {}
        self.characters: dict[str, Character] = {}
        self.faces: dict[tuple[str, str], tuple[int, int]] = {}
        self.streaming: bool | None = None
        self.streamed: dict[str, Node | None] = {}

    def scenario(self, root: object, stem: str | None, digest: str) -> Scenario | None:
        if type(root) is not YMap:
            at = (root.line, root.col) if isinstance(root, YSeq) else self.root_at
            self.error(at, "not-a-mapping", "a scenario file must be a mapping of keys")
            return None
        where = "the scenario"
        self.keys(root, _TOP_KEYS, _TOP_REQUIRED, where)
        self.format_version(root)
        sid = self.an_id(root, "id", where, stem)
        title = self.value(root, "title", str, where, "")
        if len(title) > vocabulary.TITLE_MAX:
            self.too_long(root.value_pos("title"), "the title", vocabulary.TITLE_MAX)
        summary = self.value(root, "summary", str, where, "")
        setting = self.value(root, "setting", str, where, "")
        if setting and setting not in vocabulary.SETTINGS:
            self.vocab_error(root.value_pos("setting"), "unknown-setting", "setting", setting,
                             vocabulary.SETTINGS)
        competencies = self.competencies(root)
        difficulty = self.number(root, "difficulty", where, 1, 3, 1)
        minutes = self.number(root, "minutes", where, 1, 240, 10)
        if not self.streaming:
            self.characters = self.read_characters(root)
            self.variables = self.read_variables(root)
        start = self.value(root, "start", str, where, "")
        nodes = self.read_nodes(root)
        if start and nodes is not None:
            self.refs.append(check.Ref(start, root.value_pos("start"), "start"))
        if nodes is None:
            return None
        return Scenario(
            id=sid, title=title, summary=summary, setting=setting,
            competencies=competencies, difficulty=difficulty, minutes=minutes,
            start=start, nodes=nodes, characters=self.characters,
            variables=self.variables, path=self.path, content_hash=digest,
        )

    def number(self, mapping: YMap, key: str, where: str, low: int, high: int, default: int) -> int:
        value = self.value(mapping, key, int, where, None)
        if value is None:
            return default
        if not low <= value <= high:
            self.error(mapping.value_pos(key), "out-of-range",
                       f"'{key}' in {where} must be between {low} and {high}, not {value}")
            return default
        return value

    def competencies(self, root: YMap) -> tuple[str, ...]:
        items = self.value(root, "competencies", YSeq, "the scenario", None)
        if items is None:
            return ()
        if not items:
            self.error(root.value_pos("competencies"), "empty-list", "list at least one competency")
        found = []
        for item, at in zip(items, items.positions(), strict=True):
            if type(item) is not str:
                self.error(at, "wrong-type", "each competency should be text")
            elif item not in vocabulary.COMPETENCIES:
                self.vocab_error(at, "unknown-competency", "competency", item,
                                 vocabulary.COMPETENCIES)
            else:
                found.append(item)
        return tuple(found)

    def read_characters(self, root: YMap) -> dict[str, Character]:
        table = self.value(root, "characters", YMap, "the scenario", None)
        characters: dict[str, Character] = {}
        for cid, entry in (table or {}).items():
            where = f"character '{cid}'"
            if not ID.match(cid):
                self.error(table.key_pos(cid), "bad-id",
                           f"character id '{cid}' may use only lower-case letters, digits, hyphens")
            if type(entry) is not YMap:
                self.error(table.value_pos(cid), "wrong-type", f"{where} should be a mapping")
                continue
            self.keys(entry, _CHARACTER_KEYS, ("name",), where)
            portrait = self.value(entry, "portrait", str, where, cid)
            if portrait != cid and not ID.match(portrait):
                self.error(entry.value_pos("portrait"), "bad-id",
                           f"portrait '{portrait}' may use only lower-case letters, digits, "
                           "hyphens")
            characters[cid] = Character(
                id=cid,
                name=self.value(entry, "name", str, where, cid),
                pronouns=self.value(entry, "pronouns", str, where, ""),
                portrait=portrait,
            )
        return characters

    def read_variables(self, root: YMap) -> dict[str, Variable]:
        table = self.value(root, "variables", YMap, "the scenario", None)
        variables: dict[str, Variable] = {}
        for name, entry in (table or {}).items():
            where = f"variable '{name}'"
            if not _VAR.match(name) or name in KEYWORDS:
                self.error(table.key_pos(name), "bad-name",
                           f"variable name '{name}' must be a lower-case word (letters, digits, _)")
            if type(entry) is not YMap:
                self.error(table.value_pos(name), "wrong-type", f"{where} should be a mapping")
                continue
            self.keys(entry, _VARIABLE_KEYS, ("start",), where)
            low = self.value(entry, "min", int, where, 0)
            high = self.value(entry, "max", int, where, 10)
            start = self.value(entry, "start", int, where, low)
            if low > high:
                self.error((entry.line, entry.col), "out-of-range",
                           f"{where} has min {low} above max {high}")
            elif not low <= start <= high:
                at = entry.value_pos("start") if "start" in entry else (entry.line, entry.col)
                self.error(at, "out-of-range", f"{where} starts at {start}, outside {low}..{high}")
            variables[name] = Variable(
                name=name, start=start, min=low, max=high,
                label=self.value(entry, "label", str, where, name),
                shown=self.value(entry, "shown", bool, where, False),
            )
        return variables

    def read_nodes(self, root: YMap) -> dict[str, Node] | None:
        table = self.value(root, "nodes", YMap, "the scenario", None)
        if table is None:
            return None
        if not table:
            self.error(root.value_pos("nodes"), "empty-list", "the scenario has no nodes")
            return None
        nodes: dict[str, Node] = {}
        for nid, entry in table.items():
            node = self.streamed.get(nid) if entry is CONSUMED else self.table_entry(table, nid,
                                                                                     entry)
            if node is not None:
                nodes[nid] = node
        return nodes

    def stream_node(self, root: YMap, table: YMap, nid: str, entry: YMap) -> bool:
        """Build a node while the file is still being read (see `yamltree.parse`).

        Nodes need the characters and variables, so this happens only when the
        file declares both before `nodes`, as the format's example does;
        otherwise nodes are built once the whole file is read.
        """
        if self.streaming is None:
            self.streaming = "characters" in root and "variables" in root
            if self.streaming:
                self.characters = self.read_characters(root)
                self.variables = self.read_variables(root)
        if self.streaming:
            self.streamed[nid] = self.table_entry(table, nid, entry)
        return bool(self.streaming)

    def table_entry(self, table: YMap, nid: str, entry: object) -> Node | None:
        if len(nid) > vocabulary.NODE_ID_MAX:
            self.too_long(table.key_pos(nid), f"node id '{nid[:40]}…'", vocabulary.NODE_ID_MAX)
        elif not _NODE_ID.match(nid):
            self.error(table.key_pos(nid), "bad-id",
                       f"node id '{nid}' may use letters, digits, '-' and '_' only")
        if type(entry) is not YMap:
            self.error(table.value_pos(nid), "wrong-type", f"node '{nid}' should be a mapping")
            return None
        return self.node(nid, entry)

    def node(self, nid: str, entry: YMap) -> Node | None:
        where = f"node '{nid}'"
        at = (entry.line, entry.col)
        kinds = [kind for marker, kind in _KIND_MARKERS if marker in entry]
        if len(kinds) != 1:
            if kinds:
                message = f"{where} mixes {' and '.join(kinds)}; a node is exactly one kind"
            else:
                message = f"{where} needs one of 'next', 'choices', 'branch' or 'ending'"
            self.error(at, "node-kind", message)
            return None
        kind = kinds[0]
        allowed = _KIND_KEYS[kind]
        for key in entry:
            if key not in allowed:
                near = hint(key, allowed, list_all=False)
                self.error(entry.key_pos(key), "unknown-key",
                           f"key '{key}' does not belong in {kind} {where}"
                           + (f" ({near})" if near else ""))
        speaker = self.value(entry, "speaker", str, where)
        mood = self.value(entry, "mood", str, where)
        if speaker is not None:
            if speaker not in self.characters:
                self.vocab_error(entry.value_pos("speaker"), "unknown-speaker", "speaker", speaker,
                                 list(self.characters))
            else:
                face = mood if mood in vocabulary.MOODS else "neutral"
                self.faces.setdefault((speaker, face), entry.value_pos("speaker"))
        if mood is not None and mood not in vocabulary.MOODS:
            self.error(entry.value_pos("mood"), "unknown-mood",
                       f"mood '{mood}' has no portrait expression, so the neutral one stands "
                       f"in; {hint(mood, vocabulary.MOODS)}", WARNING)
        text = self.value(entry, "text", str, where, "")
        if kind in (SPEECH, ENDING) and "text" not in entry:
            self.error(at, "missing-key", f"{where} needs 'text'")
        common = dict(id=nid, kind=kind, text=text, speaker=speaker, mood=mood, line=at[0],
                      discussion=self.value(entry, "discussion", str, where, ""),
                      quoted_terms=self.terms(entry, where))
        if kind == SPEECH:
            target = self.value(entry, "next", str, where)
            if target is not None:
                self.refs.append(check.Ref(target, entry.value_pos("next"), where))
            return Node(next=target, **common)
        if kind == ENDING:
            ending = self.value(entry, "ending", str, where, "mixed")
            if ending not in vocabulary.ENDINGS:
                self.vocab_error(entry.value_pos("ending"), "unknown-ending", "ending", ending,
                                 vocabulary.ENDINGS)
            debrief = self.value(entry, "debrief", str, where, "")
            return Node(ending=ending, debrief=debrief, **common)
        if kind == BRANCH:
            return Node(branch=self.branch(entry, where), **common)
        return Node(choices=self.choices(entry, where), free_text=self.free_text(entry, where),
                    **common)

    def free_text(self, entry: YMap, where: str) -> FreeText | None:
        spec = self.value(entry, "free_text", YMap, where)
        if spec is None:
            return None
        self.keys(spec, ("prompt",), ("prompt",), f"free_text of {where}")
        return FreeText(self.value(spec, "prompt", str, f"free_text of {where}", ""))

    def choices(self, entry: YMap, where: str) -> tuple[Choice, ...]:
        items = self.value(entry, "choices", YSeq, where)
        if items is None:
            return ()
        if len(items) < vocabulary.MIN_CHOICES:
            self.error(entry.value_pos("choices"), "too-few-choices",
                       f"{where} offers {len(items)} choice(s); a decision needs at least "
                       f"{vocabulary.MIN_CHOICES}")
        elif len(items) > vocabulary.MAX_CHOICES:
            self.error(items.positions()[vocabulary.MAX_CHOICES], "too-many-choices",
                       f"{where} offers {len(items)} choices; a decision offers at most "
                       f"{vocabulary.MAX_CHOICES} (keys 1-4, options A-D on the projector)")
        choices: list[Choice] = []
        seen: dict[str, int] = {}
        for item, at in zip(items, items.positions(), strict=True):
            if type(item) is not YMap:
                self.error(at, "wrong-type", f"each choice of {where} should be a mapping")
                continue
            choice = self.choice(item, where)
            if choice.id in seen:
                self.error(item.value_pos("id"), "duplicate-choice-id",
                           f"choice id '{choice.id}' is used twice in {where} "
                           f"(first at line {seen[choice.id]})")
            elif choice.id:
                seen[choice.id] = item.line
            choices.append(choice)
        self.scoring_consistency(choices, where)
        return tuple(choices)

    def choice(self, item: YMap, node_where: str) -> Choice:
        cid = self.value(item, "id", str, node_where, "")
        where = f"choice '{cid}' of {node_where}" if cid else f"a choice of {node_where}"
        self.keys(item, _CHOICE_KEYS, _CHOICE_REQUIRED, where)
        if len(cid) > vocabulary.CHOICE_ID_MAX:
            self.too_long(item.value_pos("id"), f"choice id '{cid[:40]}…'",
                          vocabulary.CHOICE_ID_MAX)
        elif cid and not ID.match(cid):
            self.error(item.value_pos("id"), "bad-id",
                       f"choice id '{cid}' may use only lower-case letters, digits, hyphens")
        target = self.value(item, "next", str, where)
        if target is not None:
            self.refs.append(check.Ref(target, item.value_pos("next"), where))
        critical = self.value(item, "critical", str, where)
        return Choice(
            id=cid, text=self.value(item, "text", str, where, ""), next=target or "",
            feedback=self.value(item, "feedback", str, where, ""),
            scores=self.scores(item, where), effects=self.effects(item, where),
            critical=critical, quoted_terms=self.terms(item, where), line=item.line,
        )

    def terms(self, item: YMap, where: str) -> tuple[str, ...]:
        """Words a line uses on purpose (a scene about answering them), as written."""
        items = self.value(item, "quoted_terms", YSeq, where)
        if items is None:
            return ()
        terms = []
        for term, at in zip(items, items.positions(), strict=True):
            if type(term) is not str or not term.strip():
                self.error(at, "wrong-type", f"each quoted term of {where} should be text")
            else:
                terms.append(term.strip().lower())
        return tuple(terms)

    def scores(self, item: YMap, where: str) -> dict[str, int]:
        table = self.value(item, "scores", YMap, where)
        scores: dict[str, int] = {}
        for dim, value in (table or {}).items():
            at = table.value_pos(dim)
            if dim not in vocabulary.DIMENSIONS:
                self.vocab_error(table.key_pos(dim), "unknown-dimension", "dimension", dim,
                                 vocabulary.DIMENSIONS)
            elif type(value) is not int:
                self.error(at, "wrong-type", f"score '{dim}' of {where} should be a whole number")
            elif not vocabulary.SCORE_MIN <= value <= vocabulary.SCORE_MAX:
                self.error(at, "score-out-of-range",
                           f"score '{dim}' of {where} is {value}; scores run from -2 to +2")
            else:
                scores[dim] = value
        return scores

    def effects(self, item: YMap, where: str) -> dict[str, int]:
        table = self.value(item, "effects", YMap, where)
        effects: dict[str, int] = {}
        for name, value in (table or {}).items():
            if name not in self.variables:
                self.vocab_error(table.key_pos(name), "unknown-variable", "variable", name,
                                 list(self.variables))
            elif type(value) is not int:
                self.error(table.value_pos(name), "wrong-type",
                           f"effect on '{name}' of {where} should be a whole number")
            else:
                effects[name] = value
        return effects

    def scoring_consistency(self, choices: list[Choice], where: str) -> None:
        for dim in vocabulary.DIMENSIONS:
            scored = [c for c in choices if dim in c.scores]
            if scored and len(scored) < len(choices):
                for choice in choices:
                    if dim not in choice.scores:
                        self.error((choice.line, 1), "inconsistent-scoring",
                                   f"choice '{choice.id}' of {where} has no '{dim}' score while "
                                   "other choices of the node have one")

    def branch(self, entry: YMap, where: str) -> tuple[BranchRule, ...]:
        items = self.value(entry, "branch", YSeq, where)
        if items is None:
            return ()
        rules: list[BranchRule] = []
        default_seen = False
        for item, at in zip(items, items.positions(), strict=True):
            if type(item) is not YMap:
                self.error(at, "wrong-type", f"each branch entry of {where} should be a mapping")
                continue
            self.keys(item, ("if", "next"), ("next",), f"a branch entry of {where}")
            if default_seen:
                self.error(at, "branch-after-default",
                           f"this entry of {where} follows the unconditional one and is never used")
            condition = None
            if "if" in item:
                condition = self.condition(item, where)
            else:
                default_seen = True
            target = self.value(item, "next", str, where)
            if target is not None:
                self.refs.append(check.Ref(target, item.value_pos("next"), where))
                rules.append(BranchRule(target, condition, at[0]))
        if items and (type(items[-1]) is not YMap or "if" in items[-1]):
            self.error(entry.value_pos("branch"), "branch-no-default",
                       f"the last entry of {where}'s branch needs no 'if', so some path is "
                       "always taken")
        return tuple(rules)

    def condition(self, item: YMap, where: str) -> Condition | None:
        source = item["if"]
        line, col = item.value_pos("if")
        if type(source) is not str:
            self.error((line, col), "condition-syntax",
                       f"the condition in {where} should be text such as 'trust >= 3'")
            return None
        try:
            condition = parse_condition(source)
        except ConditionError as exc:
            shown = source if len(source) <= 60 else source[:57] + "..."
            self.error(self.locate((line, col), source, exc.offset), "condition-syntax",
                       f"condition '{shown}' in {where}: {exc}")
            return None
        for name, offset in condition.uses:
            if name not in self.variables:
                self.vocab_error(self.locate((line, col), source, offset), "unknown-variable",
                                 "variable", name, list(self.variables))
        return condition

    def locate(self, at: tuple[int, int], source: str, offset: int) -> tuple[int, int]:
        """Where character `offset` of a scalar's value sits in the file.

        The scalar starts at `at`, perhaps with a quote or a block indicator
        and line breaks before or inside its text; walk the file text from
        there, letting any run of spaces in the value match any run of white
        space in the file. Only problems pay for this.
        """
        index = self.line_starts()[at[0] - 1] + at[1] - 1
        text = self.text
        if text[index:index + 1] in ("'", '"'):
            index += 1
        elif text[index:index + 1] in ("|", ">"):
            index = text.find("\n", index) + 1 or len(text)
        for char in source[:offset]:
            if char.isspace():
                continue
            while index < len(text) and text[index] != char:
                index += 1
            index += 1
        if offset < len(source):
            while index < len(text) and text[index].isspace() and text[index] != source[offset]:
                index += 1
        line = bisect.bisect_right(self.line_starts(), index)
        return line, index - self.line_starts()[line - 1] + 1

    def line_starts(self) -> list[int]:
        """Offsets where each line of the file starts, computed once when first needed."""
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        return self._line_starts

    def check_portraits(self, scenario: Scenario, portraits: Path) -> None:
        """Warn (not fail) where a portrait is missing: a neutral avatar stands in."""
        for (speaker, mood), at in self.faces.items():
            portrait = scenario.characters[speaker].portrait
            try:
                present = (portraits / portrait / f"{mood}.svg").is_file()
            except (OSError, ValueError):  # a name the file system cannot hold
                present = False
            if not present:
                self.error(at, "missing-portrait",
                           f"no portrait '{portrait}/{mood}.svg' in assets; a neutral avatar "
                           "stands in", WARNING)
