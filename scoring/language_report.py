"""Precision and recall of the language checker, per category, on a labelled corpus.

A corpus is a YAML list of items: `text`, `category` (what the sentence was
written to test), `flags` (the words a reviewer marks: text, or a mapping
{text, category} for a flag of another category) and `trap: true` for a
sentence that holds a lexicon word in a sense that must not be flagged.

A finding is a true positive when it overlaps a labelled flag of the same
category: where a phrase begins and ends ("the homeless" or "homeless
kids") matters less than that the checker found the words and named them
rightly. Run as `python -m alongside.scoring.language_report CORPUS...`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from alongside.scoring import language

Checker = Callable[[str], Sequence[language.Finding]]


@dataclass
class Tally:
    """Counts for one category; `misses` and `false_alarms` name the sentences."""

    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_pos + self.false_pos
        return self.true_pos / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_pos + self.false_neg
        return self.true_pos / wanted if wanted else 1.0


def load(path: Path) -> list[dict]:
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    for item in items:
        if "text" not in item or "category" not in item or "flags" not in item:
            raise ValueError(f"{path}: item needs text, category and flags: {item}")
    return items


def _spans(item: dict) -> list[tuple[int, int, str]]:
    spans, cursor, text = [], 0, item["text"]
    for flag in item["flags"]:
        words, category = ((flag["text"], flag["category"]) if isinstance(flag, dict)
                           else (flag, item["category"]))
        start = text.index(words, cursor)
        spans.append((start, start + len(words), category))
        cursor = start + len(words)
    return spans


def evaluate(items: Iterable[dict], checker: Checker = language.check) -> dict[str, Tally]:
    """Per-category tallies; a category with no findings and no flags is absent."""
    tallies: dict[str, Tally] = {}
    for item in items:
        wanted = _spans(item)
        found = [(f.start, f.end, f.entry.category) for f in checker(item["text"])]
        matched: set[int] = set()
        for start, end, category in found:
            hit = next((i for i, (s, e, c) in enumerate(wanted)
                        if c == category and s < end and start < e and i not in matched), None)
            tally = tallies.setdefault(category, Tally())
            if hit is None:
                tally.false_pos += 1
                tally.false_alarms.append(f"{item['text'][start:end]!r} in {item['text']!r}")
            else:
                matched.add(hit)
                tally.true_pos += 1
        for i, (start, end, category) in enumerate(wanted):
            if i not in matched:
                tally = tallies.setdefault(category, Tally())
                tally.false_neg += 1
                tally.misses.append(f"{item['text'][start:end]!r} in {item['text']!r}")
    return tallies


def table(tallies: dict[str, Tally]) -> str:
    rows = [f"{'category':<24} {'precision':>9} {'recall':>7} {'tp':>4} {'fp':>4} {'fn':>4}"]
    for category in sorted(tallies):
        t = tallies[category]
        rows.append(f"{category:<24} {t.precision:>9.3f} {t.recall:>7.3f} "
                    f"{t.true_pos:>4} {t.false_pos:>4} {t.false_neg:>4}")
    return "\n".join(rows)


def shape(items: Sequence[dict]) -> str:
    traps = sum(1 for i in items if i.get("trap"))
    flagged = sum(1 for i in items if i["flags"])
    share = traps / len(items)
    return f"{len(items)} sentences: {flagged} with flags, {traps} context traps ({share:.0%})"


def main(argv: Sequence[str] | None = None) -> int:
    paths = [Path(p) for p in (sys.argv[1:] if argv is None else argv)]
    for path in paths:
        items = load(path)
        tallies = evaluate(items)
        print(f"{path.name}: {shape(items)}\n{table(tallies)}")
        for category, t in sorted(tallies.items()):
            for line in t.misses:
                print(f"  miss  [{category}] {line}")
            for line in t.false_alarms:
                print(f"  false [{category}] {line}")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
