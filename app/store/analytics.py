"""Decision analytics: how trainees' attempts went through each decision of a scenario.

Moodle's quiz statistics tell a teacher which questions work; this tells a
scenario author which decisions do. Per scenario version (nodes are only
comparable within one exact text, so each version is reported apart) and per
decision node, in the scenario's order:

- reached: attempts that took a decision there or stopped there;
- each choice's share of the attempts that answered there (count and %);
- stopped: attempts left unfinished waiting at that decision;
- facility: the mean quality of the choices taken there, where a choice's
  quality is the mean, over the skills the node assesses, of
  `(its score - the node's lowest) / (highest - lowest)` — DESIGN.md's per-decision
  quality, 0 (the worst answer offered) to 1 (the best);
- discrimination: the Pearson correlation, over the attempts that answered
  there, between the quality of that answer and the attempt's mean quality over
  its *other* decisions (the corrected item-total correlation: the decision is
  left out of the total it is compared with, so it cannot correlate with itself).

Below `MIN_REACHED` attempts the figures say more about the few people than
about the decision, so they are left out (`hidden`). A decision whose
discrimination is under `CHECK_BELOW` is one where answering it well says
little or the opposite about answering the rest well: `check` asks the author
to look at it.

By default each trainee's first assessment attempt of the scenario counts
(their unrehearsed answer, as Moodle counts first attempts); `first_only=False`
counts every attempt a trainee made in practice or assessment. Group attempts
are a class's votes, not a trainee's answers, and never count. Only the
decisions that stand count: a practice decision taken back does not.

The reading is three queries (the attempts, with a window function picking
each trainee's first; their steps; the versions' texts), then arithmetic here.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from alongside.engine.load import load_text
from alongside.engine.model import DECISION, Node, Scenario
from alongside.engine.policy import ASSESSMENT, SOLO_MODES, policy_for
from alongside.engine.session import PlaySession, build_machine
from alongside.engine.vocabulary import DIMENSIONS
from alongside.scoring.attempt import quality
from alongside.store.cohorts import desk_cohort
from alongside.store.db import Store
from alongside.store.models import STATUSES, Attempt, CohortMember, ScenarioVersion, Step
from alongside.store.rows import raw, when

MIN_REACHED = 10  # fewer attempts than this at a decision: its figures are not shown
CHECK_BELOW = 0.1  # discrimination under this: "check this decision"


@dataclass(frozen=True, slots=True)
class ChoiceShare:
    """One choice of a decision: how many answered with it, and their share (0..1)."""

    id: str
    text: str
    count: int
    share: float
    quality: float | None


@dataclass(frozen=True, slots=True)
class NodeStats:
    """One decision node. `choices`, `facility` and `discrimination` are left out
    (empty, None) when fewer than `MIN_REACHED` attempts reached it; `discrimination`
    is also None where it is not defined (fewer than two attempts with other decisions
    to compare, or everyone answered equally well here or elsewhere)."""

    node: str
    prompt: str
    reached: int
    stopped: int
    answered: int
    choices: tuple[ChoiceShare, ...]
    facility: float | None
    discrimination: float | None

    @property
    def hidden(self) -> bool:
        return self.reached < MIN_REACHED

    @property
    def check(self) -> bool:
        """Whether to ask the author to look at this decision."""
        return not self.hidden and self.discrimination is not None and \
            self.discrimination < CHECK_BELOW


@dataclass(frozen=True, slots=True)
class VersionStats:
    """One exact text of the scenario and its decisions; `unreadable` attempts are
    those whose steps this version does not offer (damaged rows), left out."""

    content_hash: str
    first_seen: datetime | None
    verified: bool
    attempts: int
    unreadable: int
    nodes: tuple[NodeStats, ...]


@dataclass(frozen=True, slots=True)
class ScenarioStats:
    """Versions with the most attempts first."""

    scenario: str
    title: str
    first_only: bool
    cohort: str | None
    versions: tuple[VersionStats, ...]


@dataclass(frozen=True, slots=True)
class Analysed:
    """A scenario with attempts to analyse (for choosing one)."""

    scenario: str
    title: str
    attempts: int


@dataclass(frozen=True, slots=True)
class _Walk:
    """What one attempt did: its standing decisions (the first answer per node), the
    quality of each that assesses a skill, and the decision it waits at, if it was
    left unfinished there."""

    taken: dict[str, str]
    marks: dict[str, float]
    stopped: str | None

    def rest(self, node: str) -> float | None:
        """The mean quality of this attempt's decisions other than `node`."""
        others = len(self.marks) - (node in self.marks)
        if others == 0:
            return None
        return (sum(self.marks.values()) - self.marks.get(node, 0.0)) / others


def choice_quality(node: Node, choice_id: str) -> float | None:
    """The mean quality of `choice_id` over the skills `node` assesses (None if none)."""
    assessed = [d for d in DIMENSIONS
                if any(quality(node, c.id, d) is not None for c in node.choices)]
    if not assessed:
        return None
    marks = [quality(node, choice_id, d) for d in assessed]
    return sum(m for m in marks if m is not None) / len(assessed)


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """The correlation of two equally long series; None where it is not defined."""
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return sxy / math.sqrt(sxx * syy)


def _counted(scenario: str, first_only: bool, cohort_id: int | None) -> Select:
    """The attempts that count: id, version, mode, status."""
    a = Attempt
    first = func.row_number().over(partition_by=a.trainee_id,
                                   order_by=(raw(a.started_at), a.id)).label("nth")
    modes = (ASSESSMENT.id,) if first_only else SOLO_MODES
    query = (select(a.id, a.scenario_version_id, raw(a.mode).label("mode"),
                    raw(a.status).label("status"), first)
             .join(ScenarioVersion, ScenarioVersion.id == a.scenario_version_id)
             .where(ScenarioVersion.scenario_id == scenario, a.trainee_id.is_not(None),
                    raw(a.mode).in_(modes)))
    if cohort_id is not None:
        query = query.where(a.trainee_id.in_(
            select(CohortMember.trainee_id).where(CohortMember.cohort_id == cohort_id)))
    counted = query.subquery()
    found = select(counted.c.id, counted.c.scenario_version_id, counted.c.mode,
                   counted.c.status)
    return found.where(counted.c.nth == 1) if first_only else found


@lru_cache(maxsize=32)
def _scenario(text: str, scenario_id: str) -> Scenario | None:
    """A stored version read once per text: the page reads again on every switch."""
    return load_text(text, f"<stored version of {scenario_id}>", stem=scenario_id).scenario


class _Version:
    """One version's scenario, its machine (shared by every replay) and the quality of
    each choice of each decision."""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.machine = build_machine(scenario)
        self.decisions = [n for n in scenario.nodes.values() if n.kind == DECISION]
        self.quality = {n.id: {c.id: choice_quality(n, c.id) for c in n.choices}
                        for n in self.decisions}

    def walk(self, mode: str, status: str, steps: Iterable[tuple[str, str | None]]
             ) -> _Walk | None:
        """The attempt replayed on this version (None if its steps do not fit it)."""
        if mode not in SOLO_MODES or status not in STATUSES:
            return None
        session = PlaySession(self.scenario, machine=self.machine, policy=policy_for(mode))
        session.start()
        try:
            for kind, choice in steps:
                if kind == "back":
                    session.back()
                elif kind == "choice" and choice is not None:
                    session.choose(choice)
                elif kind != "reply":
                    return None
            waiting = status != "finished" and session.node.kind == DECISION
            stopped = session.state if waiting else None
        except ValueError:
            return None
        finally:
            session.close()
        taken: dict[str, str] = {}
        for node, choice in session.decisions:
            taken.setdefault(node, choice)
        marks = {n: q for n, c in taken.items() if (q := self.quality[n][c]) is not None}
        return _Walk(taken, marks, stopped)

    def node(self, node: Node, walks: Sequence[_Walk]) -> NodeStats:
        """The figures of one decision node over the attempts of this version."""
        qualities = self.quality[node.id]
        stopped = sum(1 for w in walks if w.stopped == node.id)
        answers = [w.taken[node.id] for w in walks if node.id in w.taken]
        reached = len(answers) + stopped
        if reached < MIN_REACHED:
            return NodeStats(node.id, node.text, reached, stopped, len(answers), (), None,
                             None)
        counts = Counter(answers)
        shares = tuple(ChoiceShare(c.id, c.text, counts[c.id],
                                   counts[c.id] / len(answers) if answers else 0.0,
                                   qualities[c.id]) for c in node.choices)
        pairs = [(w.marks[node.id], rest) for w in walks
                 if node.id in w.marks and (rest := w.rest(node.id)) is not None]
        marks = [w.marks[node.id] for w in walks if node.id in w.marks]
        return NodeStats(node.id, node.text, reached, stopped, len(answers), shares,
                         sum(marks) / len(marks) if marks else None,
                         pearson([x for x, _ in pairs], [y for _, y in pairs]))


def _versions(db: Session, scenario: str) -> dict[int, tuple[str, str, datetime | None, bool]]:
    """Each stored version of `scenario` by row id: hash, text, first seen, verified."""
    v = ScenarioVersion
    found = {}
    for vid, digest, text, seen, verified in db.execute(
            select(v.id, raw(v.content_hash), raw(v.text), raw(v.first_seen), raw(v.verified))
            .where(v.scenario_id == scenario)):
        try:
            first_seen = None if seen is None else when(seen)
        except ValueError:
            first_seen = None
        found[vid] = (str(digest), text if isinstance(text, str) else "", first_seen,
                      bool(verified))
    return found


def _steps(db: Session, counted: Select) -> dict[int, list[tuple[str, str | None]]]:
    """The steps of every counted attempt, in order, by attempt id (one query)."""
    ids = counted.subquery()
    steps: dict[int, list[tuple[str, str | None]]] = defaultdict(list)
    for attempt_id, kind, choice in db.execute(
            select(Step.attempt_id, raw(Step.kind), raw(Step.choice))
            .where(Step.attempt_id.in_(select(ids.c.id)))
            .order_by(Step.attempt_id, Step.seq)):
        steps[attempt_id].append((str(kind), None if choice is None else str(choice)))
    return steps


def decision_analytics(store: Store, scenario: str, *, first_only: bool = True,
                       cohort: str | None = None) -> ScenarioStats:
    """The decision analytics of `scenario` (see the module's docstring); `cohort`, a
    desk cohort's name, limits them to its trainees (CohortError if there is none)."""
    with store.session() as db:
        cohort_id = None if cohort is None else desk_cohort(db, cohort).id
        counted = _counted(scenario, first_only, cohort_id)
        attempts = db.execute(counted).all()
        steps = _steps(db, counted)
        stored = _versions(db, scenario)
    by_version: dict[int, list] = defaultdict(list)
    for attempt_id, version_id, mode, status in attempts:
        by_version[version_id].append((mode, status, steps.get(attempt_id, [])))
    versions = []
    for version_id, played in by_version.items():
        digest, text, first_seen, verified = stored[version_id]
        loaded = _scenario(text, scenario) if text else None
        version = None if loaded is None else _Version(loaded)
        walks = [w for mode, status, taken in played
                 if version is not None and (w := version.walk(mode, status, taken))]
        nodes = () if version is None else tuple(version.node(n, walks)
                                                 for n in version.decisions)
        versions.append(VersionStats(digest, first_seen, verified, len(played),
                                     len(played) - len(walks), nodes))
    versions.sort(key=lambda v: (-v.attempts, -(v.first_seen.timestamp() if v.first_seen
                                                 else 0.0)))
    return ScenarioStats(scenario, _title(stored, scenario), first_only, cohort,
                         tuple(versions))


def _title(stored: dict[int, tuple[str, str, datetime | None, bool]], scenario: str) -> str:
    """The title of the newest readable version, else the scenario's id."""
    for _digest, text, _seen, _verified in sorted(
            stored.values(), key=lambda v: v[2].timestamp() if v[2] else 0.0, reverse=True):
        loaded = _scenario(text, scenario) if text else None
        if loaded is not None:
            return loaded.title
    return scenario


def analysed_scenarios(store: Store, cohort: str | None = None) -> list[Analysed]:
    """Scenarios with trainees' practice or assessment attempts, by title."""
    a, v = Attempt, ScenarioVersion
    with store.session() as db:
        query = (select(v.scenario_id, func.count(a.id))
                 .join(a, a.scenario_version_id == v.id)
                 .where(a.trainee_id.is_not(None), raw(a.mode).in_(SOLO_MODES))
                 .group_by(v.scenario_id))
        if cohort is not None:
            query = query.where(a.trainee_id.in_(
                select(CohortMember.trainee_id)
                .where(CohortMember.cohort_id == desk_cohort(db, cohort).id)))
        counts = dict(db.execute(query).all())
        titles = dict(db.execute(
            select(v.scenario_id, v.title).where(v.scenario_id.in_(list(counts)))
            .order_by(raw(v.first_seen))).all())
    return sorted((Analysed(s, titles.get(s) or s, n) for s, n in counts.items()),
                  key=lambda found: (found.title.casefold(), found.scenario))
