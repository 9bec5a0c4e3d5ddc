"""Test-wise cues: whether the best answer, or a critical one, can be told by its shape.

A trainee who learns that the best answer is the one ending with a question
mark, the one without "honestly", one of the two longest, or never the first,
passes by shape rather than by practice. Each check here asks whether one
shape feature of a choice tells the best (or the critical) choices apart from
the others, in one scenario and across the library:

| rule | feature of a choice | target |
|---|---|---|
| `cue-punctuation` | its final mark: `?`, `!`, `…` (or `...`), `.`, none | best |
| `cue-signal-word` | a word or phrase of one to three words it contains | best |
| `cue-length-rank` | among the two longest of its node; the shortest | best |
| `cue-best-position` | its position, 1 to 4 | best |
| `cue-critical-position` | its position, 1 to 4 | critical |

The same checks over every scenario given to `validate` together have the
ids `cue-library-punctuation`, `cue-library-signal-word` and so on.

**The test.** If a feature says nothing, the target choices of a decision are
as likely to be any of its choices as any other: with `n` choices, `k` of
them with the feature and `b` targets (several when `best_choices` ties), the
number of targets with the feature is hypergeometric. Summing over the
decisions gives the count a guesser would expect by chance, allowing for
nodes of three and four choices and for ties; the observed count is compared
with that sum's exact distribution (a normal approximation, with continuity
correction, once more than `EXACT_UP_TO` decisions take part, where it is
accurate and the exact convolution would no longer be linear). The test is
two-sided: a best answer that never ends with a full stop, or never sits
first, is as much a cue as one that always does. Decisions that cannot tell
(every choice, or none, has the feature; every choice, or none, is a target)
leave the distribution alone.

**Thresholds, and why.**

- `ALPHA = 0.01` for each family of tests (the marks; the two length ranks;
  the positions; the words or phrases tested), divided among the family's
  tests (Bonferroni), two-sided. Checked by simulation on the library as it
  was when these checks were written (20 scenarios, 177 decisions): with its
  texts kept and the best and critical choices of every decision placed at
  random, 6 libraries in 100 showed any per-scenario cue warning and 1 in 100
  a library one, while the real cues stood out by orders of magnitude (the
  best answer ending with `?` in 7 of 9 decisions against 1 of 26 other
  choices: p below 0.0001; across the library, "honestly" in 2 of 187 best
  answers against 76 of 499 others). At 0.05 about a third of such honest
  libraries would warn somewhere, and authors would chase noise.
- `MIN_DECISIONS = 5` decisions that can tell (for the critical position:
  decisions with a critical choice), per scenario: below that no check runs.
  The exact test could not reach the threshold with fewer decisions of four
  choices anyway (four out of four is p = 0.008 before the division), so the
  floor mostly says plainly that nobody learns a cue from three questions.
- A word or phrase is tested only where it occurs in at least
  `MIN_TERM_CHOICES = 4` choices of a scenario (`MIN_TERM_CHOICES_LIBRARY = 8`
  across the library) of decisions that can tell: rarer terms cannot reach
  significance after the division by the number of terms, and testing them
  would only make that division harsher for the rest. Terms are found in the
  text, not taken from a list: lower-cased words (apostrophes kept, digits
  dropped) and their two- and three-word runs. Of overlapping terms flagged
  together ("honest", "to be honest") only the strongest is reported, the
  longer phrase where the evidence is equal.
- No separate effect-size margin: with the few hundred decisions a library
  has, a difference significant at these levels is one a trainee can use.

Per-scenario warnings are located at the first decision where the cue gives a
clue (for a word: the first choice where it does), and name up to `SHOWN`
such decisions; library warnings are located at the folder
checked. `figures` gives the four numbers the issue reports, for
`validate --cues`.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from alongside.engine.model import DECISION, Node, Scenario
from alongside.engine.problems import WARNING, Problem
from alongside.scoring.attempt import best_choices

ALPHA = 0.01
MIN_DECISIONS = 5
MIN_TERM_CHOICES = 4
MIN_TERM_CHOICES_LIBRARY = 8
EXACT_UP_TO = 50
SHOWN = 4
LONGEST_RANKS = 2

NO_MARK = "none"
MARKS = ("?", "!", "…", ".", NO_MARK)
_CLOSERS = "\"'”’»)]*_ \t\n"
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")
_TERM_WORDS = 3


@dataclass(frozen=True, slots=True)
class Decision:
    """What the cue checks need of one decision node, choice by choice."""

    scenario: str
    node: str
    line: int
    lines: tuple[int, ...]
    best: tuple[bool, ...]
    critical: tuple[bool, ...]
    marks: tuple[str, ...]
    longer: tuple[int, ...]   # how many choices of the node are strictly longer
    shorter: tuple[int, ...]
    terms: tuple[frozenset[str], ...]

    @property
    def size(self) -> int:
        return len(self.best)


@dataclass(frozen=True, slots=True)
class Shape:
    """A scenario's decisions as the cue checks see them."""

    path: str
    decisions: tuple[Decision, ...]


@dataclass(frozen=True, slots=True)
class Tally:
    """One feature against one target (best or critical) over some decisions."""

    decisions: int       # decisions that have both targets and other choices
    targets: int         # target choices in them
    others: int
    target_hits: int     # target choices with the feature
    other_hits: int
    expected: float      # target hits a feature that says nothing would give, on average
    p: float             # two-sided
    # Decisions where the feature gives a clue: only targets have it (when targets have
    # it more often than chance) or only other choices do (when less often).
    telling: tuple[Decision, ...]

    @property
    def over(self) -> bool:
        return self.target_hits > self.expected

    def rates(self, target: str = "best answers") -> str:
        return (f"{_pct(self.target_hits, self.targets)} of {target}, "
                f"{self.target_hits}/{self.targets}, against "
                f"{_pct(self.other_hits, self.others)} of the others, "
                f"{self.other_hits}/{self.others}; {_pct(self.expected, self.targets)} by chance")


Feature = Callable[[Decision, int], bool]
Target = Callable[[Decision], tuple[bool, ...]]


def final_mark(text: str) -> str:
    """The sentence mark a text ends with, past closing quotes and brackets."""
    stripped = text.rstrip(_CLOSERS)
    if stripped.endswith(("...", "…")):
        return "…"
    if stripped and stripped[-1] in "?!.":
        return stripped[-1]
    return NO_MARK


def terms_of(text: str) -> frozenset[str]:
    """The words of a text and their runs of two and three, lower-cased."""
    words = _WORD.findall(text.lower().replace("’", "'"))
    return frozenset(" ".join(words[i:i + n]) for n in range(1, _TERM_WORDS + 1)
                     for i in range(len(words) - n + 1))


def decision_of(node: Node, scenario: str = "") -> Decision | None:
    best = set(best_choices(node)) if node.kind == DECISION else set()
    if not best:
        return None
    lengths = [len(c.text) for c in node.choices]
    return Decision(
        scenario, node.id, node.line, tuple(c.line for c in node.choices),
        tuple(c.id in best for c in node.choices),
        tuple(bool(c.critical) for c in node.choices),
        tuple(final_mark(c.text) for c in node.choices),
        tuple(sum(o > n for o in lengths) for n in lengths),
        tuple(sum(o < n for o in lengths) for n in lengths),
        tuple(terms_of(c.text) for c in node.choices))


def shape_of(scenario: Scenario) -> Shape:
    found = (decision_of(node, scenario.id) for node in scenario.nodes.values())
    return Shape(scenario.path, tuple(d for d in found if d is not None))


def _best(d: Decision) -> tuple[bool, ...]:
    return d.best


def _critical(d: Decision) -> tuple[bool, ...]:
    return d.critical


def tally(decisions: Iterable[Decision], feature: Feature, target: Target = _best) -> Tally:
    """Count, and test against chance, how often the targets have `feature`."""
    strata: list[tuple[int, int, int]] = []
    decided = targets = others = target_hits = other_hits = 0
    expected = variance = 0.0
    forced = 0  # hits in decisions where every choice, or none, has the feature
    pointing: tuple[list[Decision], list[Decision]] = ([], [])  # by avoiding it, by taking it
    for d in decisions:
        aims = target(d)
        n, b = len(aims), aims.count(True)
        if not 0 < b < n:
            continue
        has = [feature(d, i) for i in range(n)]
        k = has.count(True)
        x = sum(1 for h, a in zip(has, aims, strict=True) if h and a)
        decided, targets, others = decided + 1, targets + b, others + n - b
        target_hits, other_hits = target_hits + x, other_hits + k - x
        expected += b * k / n
        if 0 < k < n:
            strata.append((n, b, k))
            variance += b * k * (n - k) * (n - b) / (n * n * (n - 1))
        else:
            forced += x
        if 0 < x == k:
            pointing[1].append(d)
        elif x == 0 < k:
            pointing[0].append(d)
    if len(strata) <= EXACT_UP_TO:
        p = _exact_p(strata, target_hits - forced)
    else:
        p = _normal_p(target_hits, expected, variance)
    telling = tuple(pointing[target_hits > expected])
    return Tally(decided, targets, others, target_hits, other_hits, expected, p, telling)


def _within(t: Tally, whole: Tally) -> Tally:
    """`t`, counted over a few decisions, with the totals of all of them (`whole`)."""
    return replace(t, decisions=whole.decisions, targets=whole.targets, others=whole.others)


def _exact_p(strata: Sequence[tuple[int, int, int]], observed: int) -> float:
    dist, low = [1.0], 0
    for n, b, k in strata:
        lo, hi = max(0, b + k - n), min(b, k)
        whole = math.comb(n, b)
        pmf = [math.comb(k, j) * math.comb(n - k, b - j) / whole for j in range(lo, hi + 1)]
        merged = [0.0] * (len(dist) + len(pmf) - 1)
        for i, p in enumerate(dist):
            for j, q in enumerate(pmf):
                merged[i + j] += p * q
        dist, low = merged, low + lo
    at = observed - low
    if not 0 <= at < len(dist):
        return 1.0
    return min(1.0, 2 * min(sum(dist[:at + 1]), sum(dist[at:])))


def _normal_p(observed: int, mean: float, variance: float) -> float:
    if variance <= 0:
        return 1.0
    z = max(abs(observed - mean) - 0.5, 0.0) / math.sqrt(variance)
    return min(1.0, math.erfc(z / math.sqrt(2)))


def _pct(part: float, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "-"


def _mark(mark: str) -> Feature:
    return lambda d, i: d.marks[i] == mark


def _at(position: int) -> Feature:
    return lambda d, i: i == position


def _term(term: str) -> Feature:
    return lambda d, i: term in d.terms[i]


def _top_two(d: Decision, i: int) -> bool:
    return d.longer[i] < LONGEST_RANKS


def _shortest(d: Decision, i: int) -> bool:
    return d.shorter[i] == 0


def _mark_name(mark: str) -> str:
    return "no mark" if mark == NO_MARK else f"'{mark}'"


@dataclass(frozen=True, slots=True)
class Finding:
    """A flagged feature: what it is, its tally, and where it points first."""

    what: str
    tally: Tally
    line: int


def _family(decisions: Sequence[Decision], features: Sequence[tuple[str, Feature]],
            target: Target = _best) -> list[Finding]:
    tallies = [(what, tally(decisions, f, target)) for what, f in features]
    tested = [(what, t) for what, t in tallies if t.decisions and t.target_hits + t.other_hits]
    level = ALPHA / max(len(tested), 1)
    return [Finding(what, t, t.telling[0].line if t.telling else 1)
            for what, t in tested if t.p < level]


def _enough(decisions: Sequence[Decision], target: Target, least: int) -> bool:
    return sum(1 for d in decisions if 0 < target(d).count(True) < d.size) >= least


def punctuation(decisions: Sequence[Decision]) -> list[Finding]:
    if not _enough(decisions, _best, MIN_DECISIONS):
        return []
    present = {m for d in decisions for m in d.marks}
    return _family(decisions, [(_mark_name(m), _mark(m)) for m in MARKS if m in present])


def length_rank(decisions: Sequence[Decision]) -> list[Finding]:
    if not _enough(decisions, _best, MIN_DECISIONS):
        return []
    return _family(decisions, [("among the two longest", _top_two), ("the shortest", _shortest)])


def positions(decisions: Sequence[Decision], target: Target = _best,
              least: int = MIN_DECISIONS) -> list[Finding]:
    if not _enough(decisions, target, least):
        return []
    most = max((d.size for d in decisions), default=0)
    return _family(decisions, [(f"choice {i + 1}", _at(i)) for i in range(most)], target)


def _index(decisions: Sequence[Decision]) -> dict[str, tuple[list[Decision], int]]:
    """For each term, the decisions that can tell whose choices use it, and how many
    of their choices do."""
    index: dict[str, tuple[list[Decision], int]] = {}
    for d in decisions:
        if 0 < d.best.count(True) < d.size:
            uses: dict[str, int] = defaultdict(int)
            for terms in d.terms:
                for term in terms:
                    uses[term] += 1
            for term, n in uses.items():
                where, seen = index.get(term, ([], 0))
                where.append(d)
                index[term] = where, seen + n
    return index


def _term_tallies(decisions: Sequence[Decision], least: int) -> list[tuple[str, Tally]]:
    """Each term used by at least `least` choices, tallied over the decisions using it
    only (the others cannot tell), so the work grows with the text, not terms × nodes."""
    whole = tally(decisions, lambda d, i: False)
    return [(term, _within(tally(where, _term(term)), whole))
            for term, (where, uses) in sorted(_index(decisions).items()) if uses >= least]


def signal_words(decisions: Sequence[Decision],
                 least: int = MIN_TERM_CHOICES) -> list[Finding]:
    """Words and phrases found far more (or less) in best answers than in the others."""
    if not _enough(decisions, _best, MIN_DECISIONS):
        return []
    tallies = _term_tallies(decisions, least)
    level = ALPHA / max(len(tallies), 1)
    flagged = sorted(((term, t) for term, t in tallies if t.p < level), key=_strongest)
    kept: list[Finding] = []
    for term, t in flagged:
        if not any(_overlap(term, k.what) for k in kept):
            kept.append(_at_choice(Finding(term, t, 1)))
    return kept


def _strongest(pair: tuple[str, Tally]) -> tuple[float, int, str]:
    """Strongest evidence first; of equal evidence, the longer phrase (it says more)."""
    return pair[1].p, -pair[0].count(" "), pair[0]


def _overlap(a: str, b: str) -> bool:
    return f" {a} " in f" {b} " or f" {b} " in f" {a} "


def _at_choice(finding: Finding) -> Finding:
    """Locate a term's finding at the first choice where the term points the way."""
    over = finding.tally.over
    for d in finding.tally.telling:
        for i, terms in enumerate(d.terms):
            if (finding.what in terms) and d.best[i] == over:
                return Finding(finding.what, finding.tally, d.lines[i] or d.line)
    return Finding(finding.what, finding.tally, finding.tally.telling[0].line
                   if finding.tally.telling else 1)


@dataclass(frozen=True, slots=True)
class _Check:
    name: str                                     # the rule id after `cue-`
    find: Callable[[Sequence[Decision], int], list[Finding]]
    lead: str                                     # the clauses' common subject
    each: str                                     # one finding: {what} {how}
    than: str
    why: str                                      # what trainees can do with it
    target: str = "best answers"
    apart: bool = False                           # one warning per finding (words)


CHECKS = (
    _Check("punctuation", lambda ds, _: punctuation(ds), "the best answer ends ",
           "with {what} {how}", " than the others", "guess by punctuation"),
    _Check("signal-word", signal_words, "", "'{what}' is in best answers {how}",
           " than in the others", "guess by wording", apart=True),
    _Check("length-rank", lambda ds, _: length_rank(ds), "the best answer is ",
           "{what} {how}", " than by chance", "guess by length"),
    _Check("best-position", lambda ds, _: positions(ds), "the best answer is ",
           "{what} {how}", " than by chance", "guess by position"),
    _Check("critical-position", lambda ds, _: positions(ds, _critical),
           "the critical choice is ", "{what} {how}", " than by chance",
           "avoid it by position", target="critical choices"),
)


def review_shape(shape: Shape, skip: Iterable[str] = ()) -> list[Problem]:
    """The cue warnings of one scenario; `skip` names rules already answered."""
    return _review(shape.path, shape.decisions, "cue", "", MIN_TERM_CHOICES, set(skip))


def review_library(shapes: Sequence[Shape], where: str) -> list[Problem]:
    """The same checks over every scenario at once, located at `where` (the folder)."""
    if len(shapes) < 2:
        return []
    decisions = [d for s in shapes for d in s.decisions]
    scope = f"across {len(shapes)} scenarios ({len(decisions)} decisions), "
    return _review(where, decisions, "cue-library", scope, MIN_TERM_CHOICES_LIBRARY, set(),
                   library=True)


def _review(path: str, decisions: Sequence[Decision], prefix: str, scope: str,
            least_term: int, skip: set[str], library: bool = False) -> list[Problem]:
    problems: list[Problem] = []
    for check in CHECKS:
        rule = f"{prefix}-{check.name}"
        findings = [] if rule in skip else check.find(decisions, least_term)
        for group in ([[f] for f in findings] if check.apart else [findings] if findings else []):
            clauses = " and ".join(
                check.each.format(what=f.what, how=_how(f)) + check.than
                + f" ({f.tally.rates(check.target)})" for f in group)
            telling = [d for f in group for d in f.tally.telling]
            line = 1 if library else group[0].line
            problems.append(Problem(path, line, 1, rule,
                                    f"{scope}{check.lead}{clauses}: trainees can {check.why}"
                                    f"{_clues(telling, library)}", WARNING))
    return problems


def _how(f: Finding) -> str:
    return "far more often" if f.tally.over else "far less often"


def _clues(telling: Sequence[Decision], library: bool) -> str:
    names = list(dict.fromkeys(f"{d.scenario}/{d.node}" if library else d.node
                               for d in telling))
    if not names:
        return ""
    more = ", …" if len(names) > SHOWN else ""
    return f"; it gives a clue in {', '.join(names[:SHOWN])}{more}"


@dataclass(frozen=True, slots=True)
class Figures:
    """The four figures of issue 14, for one scenario or a library."""

    decisions: int
    question: Tally
    top_two: Tally
    critical_first: Tally
    words: tuple[tuple[str, Tally], ...]


def figures(decisions: Sequence[Decision], least_term: int = MIN_TERM_CHOICES,
            top: int = 3) -> Figures:
    """Best '?' rate against the others', best among the two longest, critical first,
    and the words whose use differs most between best answers and the others."""
    ranked = sorted(_term_tallies(decisions, least_term), key=_strongest)
    words: list[tuple[str, Tally]] = []
    for term, t in ranked:
        if len(words) == top:
            break
        if not any(_overlap(term, w) for w, _ in words):
            words.append((term, t))
    return Figures(len(decisions), tally(decisions, _mark("?")), tally(decisions, _top_two),
                   tally(decisions, _at(0), _critical), tuple(words))
