"""The scenario model: frozen dataclasses built by the loader.

A loaded scenario never changes, so sessions can share it (and its state
machine) freely; positions are kept so later checks can still point at lines.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from alongside.engine.conditions import Condition

SPEECH, DECISION, BRANCH, ENDING = "speech", "decision", "branch", "ending"


@dataclass(frozen=True, slots=True)
class Character:
    id: str
    name: str
    pronouns: str = ""
    portrait: str = ""


@dataclass(frozen=True, slots=True)
class Variable:
    """Part of the person's inner state; effects are clamped to min..max."""

    name: str
    start: int
    min: int = 0
    max: int = 10
    label: str = ""
    shown: bool = False

    def clamp(self, value: int) -> int:
        return max(self.min, min(self.max, value))


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    text: str
    next: str
    feedback: str
    scores: Mapping[str, int] = field(default_factory=dict)
    effects: Mapping[str, int] = field(default_factory=dict)
    critical: str | None = None
    quoted_terms: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True, slots=True)
class BranchRule:
    """One `if`/`next` entry; `condition` is None for the final default."""

    next: str
    condition: Condition | None = None
    line: int = 0


@dataclass(frozen=True, slots=True)
class FreeText:
    """An invitation to answer in one's own words before the scripted choices."""

    prompt: str


@dataclass(frozen=True, slots=True)
class Node:
    """A step of the conversation; `kind` is speech, decision, branch or ending."""

    id: str
    kind: str
    text: str = ""
    speaker: str | None = None
    mood: str | None = None
    next: str | None = None
    choices: tuple[Choice, ...] = ()
    branch: tuple[BranchRule, ...] = ()
    ending: str | None = None
    debrief: str = ""
    discussion: str = ""
    free_text: FreeText | None = None
    quoted_terms: tuple[str, ...] = ()
    line: int = 0

    def choice(self, choice_id: str) -> Choice | None:
        for choice in self.choices:
            if choice.id == choice_id:
                return choice
        return None

    def successors(self) -> tuple[str, ...]:
        if self.kind == DECISION:
            return tuple(c.next for c in self.choices)
        if self.kind == BRANCH:
            return tuple(rule.next for rule in self.branch)
        return (self.next,) if self.next else ()


@dataclass(frozen=True, slots=True)
class Scenario:
    id: str
    title: str
    summary: str
    setting: str
    competencies: tuple[str, ...]
    difficulty: int
    minutes: int
    start: str
    nodes: Mapping[str, Node]
    characters: Mapping[str, Character] = field(default_factory=dict)
    variables: Mapping[str, Variable] = field(default_factory=dict)
    path: str = ""
    content_hash: str = ""

    def decision_count(self) -> int:
        return sum(1 for node in self.nodes.values() if node.kind == DECISION)
