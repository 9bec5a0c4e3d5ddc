"""The person-first language checker, and the lexicon it reads (`lexicon.yaml`).

Every phrase of every entry is compiled into one case-insensitive regular
expression, so checking a reply is a single scan however large the lexicon.
Plurals and possessives of a phrase's last word ("addicts", "addict's",
"junkies") are matched automatically. Words that stigmatise only in one sense
are kept honest by context filters on the words around the match: "clean"
flags after "stayed" or before "urine", never in "a clean kitchen". Rules
every entry shares (a word mentioned rather than used, a proper noun, an
animal or a thing as the referent, a "you should" that directs nobody) live
in `context.py`, over word classes the lexicon names once (`classes:`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from alongside.scoring.context import Context

LEXICON = Path(__file__).with_name("lexicon.yaml")
CATEGORIES = {
    "substance-use": "substance use",
    "diagnosis-as-identity": "diagnosis as identity",
    "pathologizing": "pathologizing and blaming",
    "suicide": "suicide and self-harm",
    "clinical-jargon": "clinical jargon",
    "slurs": "slurs",
    "directive": "directive phrasing",
    "justice": "justice involvement",
    "housing": "housing status",
}
REFERENTS = ("any", "person", "subject")
SEVERITIES = ("stigmatizing", "caution")
_WINDOW = 3
_MEMO = 50_000
_WORD = re.compile(r"[\w'’]+")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


class LexiconError(ValueError):
    """The lexicon file is malformed; the message names the entry and the field."""


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Entry:
    """One stigmatizing or cautionary term, its alternatives and its grounding."""

    id: str
    category: str
    severity: str
    phrases: tuple[str, ...]
    suggestions: tuple[str, ...]
    why: str
    source: Source
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    not_before: tuple[str, ...] = ()
    not_after: tuple[str, ...] = ()
    prev: tuple[str, ...] = ()
    next: tuple[str, ...] = ()
    referent: str = "any"

    def fits(self, preceding: str, following: str) -> bool:
        """Whether the words around a match satisfy this entry's context filters.

        `preceding` and `following` are the few words before and after the
        match, lower-cased and space-joined, padded with one space each side.
        """
        if self.before and not any(f" {w} " in preceding for w in self.before):
            return False
        if self.after and not any(f" {w} " in following for w in self.after):
            return False
        if self.prev and not any(preceding.endswith(f" {w} ") for w in self.prev):
            return False
        if self.next and not any(following.startswith(f" {w} ") for w in self.next):
            return False
        if any(preceding.endswith(f" {w} ") for w in self.not_before):
            return False
        return not any(following.startswith(f" {w} ") for w in self.not_after)


@dataclass(frozen=True, slots=True)
class Finding:
    """A term found at text[start:end]."""

    text: str
    start: int
    end: int
    entry: Entry

    def flag(self) -> Flag:
        e = self.entry
        return Flag(self.text, self.start, self.end, e.category, e.severity, e.suggestions, e.why,
                    e.id, e.source.url)


@dataclass(frozen=True, slots=True)
class Flag:
    """A finding as it is kept with a reply and shown in its debrief: the words found
    at text[start:end], with the advice as it stood when the reply was checked."""

    text: str
    start: int
    end: int
    category: str
    severity: str
    suggestions: tuple[str, ...]
    why: str
    entry: str
    source: str


_SEPARATOR = re.compile(r"[\s-]+")


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A phrase as a regex: words joined by spaces or hyphens, last word inflected."""
    *head, last = _SEPARATOR.split(phrase)
    stem = re.escape(last)
    if last.endswith("y") and len(last) > 2 and last[-2] not in "aeiou":
        forms = f"(?:{stem}|{re.escape(last[:-1])}ies)"
    else:
        forms = f"{stem}(?:e?s)?"
    body = r"[\s-]+".join([*map(re.escape, head), forms + r"(?:['’]s?)?"])
    return re.compile(body + r"(?![\w-])", re.IGNORECASE)


def _keys(word: str) -> set[str]:
    """The token and the bare forms it may inflect, to find phrases that start with it."""
    word = word.lower().replace("’", "'")
    bare = word[:-2] if word.endswith("'s") else word.rstrip("'")
    keys = {word, bare}
    if bare.endswith("ies"):
        keys.add(bare[:-3] + "y")
    if bare.endswith("es"):
        keys.add(bare[:-2])
    if bare.endswith("s"):
        keys.add(bare[:-1])
    return keys


_Candidate = tuple[int, re.Pattern[str], tuple["Entry", ...], str]


class Lexicon:
    """Entries indexed by the first word of each phrase; `check()` returns findings in order.

    Each word of the text is looked up in the index, and only the phrases
    that start with it are tried there, so checking costs a few dictionary
    look-ups per word however large the lexicon grows.
    """

    def __init__(self, entries: Sequence[Entry], sources: dict[str, Source],
                 context: Context | None = None) -> None:
        self.entries = tuple(entries)
        self.sources = sources
        self.context = context or Context({})
        by_phrase: dict[str, list[Entry]] = {}
        for entry in self.entries:
            for phrase in entry.phrases:
                by_phrase.setdefault(phrase, []).append(entry)
        self._index: dict[str, list[_Candidate]] = {}
        for phrase, owners in by_phrase.items():
            first, *rest = _SEPARATOR.split(phrase)
            second = rest[0] if rest else ""
            if len(rest) == 1 and second.endswith("y"):
                second = second[:-1]
            self._index.setdefault(first, []).append(
                (len(phrase), _phrase_pattern(phrase), tuple(owners), second.replace("'", "")))
        for candidates in self._index.values():
            candidates.sort(key=lambda c: -c[0])
        self._by_token: dict[str, tuple[_Candidate, ...]] = {}

    def _candidates(self, token: str) -> tuple[_Candidate, ...]:
        """The phrases that may start at a word, longest first, remembered per word."""
        found = self._by_token.get(token)
        if found is None:
            merged = [c for key in _keys(token) for c in self._index.get(key, ())]
            merged.sort(key=lambda c: -c[0])
            found = tuple(merged)
            if len(self._by_token) < _MEMO:
                self._by_token[token] = found
        return found

    def check(self, text: str) -> list[Finding]:
        findings: list[Finding] = []
        resume = 0
        for token in _WORD.finditer(text):
            start = token.start()
            if start < resume or (start and text[start - 1] == "-"):
                continue
            candidates = self._candidates(token.group())
            if not candidates:
                continue
            after = _WORD.search(text, token.end())
            second = after.group().lower().replace("’", "").replace("'", "") if after else ""
            for _, pattern, owners, word in candidates:
                if word and not second.startswith(word):
                    continue
                match = pattern.match(text, start)
                if match is None:
                    continue
                end = match.end()
                preceding = " " + " ".join(_WORD.findall(text[max(0, start - 80):start])[-_WINDOW:])
                following = " ".join(_WORD.findall(text[end:end + 80])[:_WINDOW]) + " "
                preceding = preceding.lower().replace("’", "'") + " "
                following = " " + following.lower().replace("’", "'")
                entry = next((e for e in owners if e.fits(preceding, following)), None)
                if entry is not None and not self.context.excludes(
                        text, start, end, entry.category, entry.referent):
                    findings.append(Finding(match.group(), start, end, entry))
                    resume = end
                    break
        return findings


def load_lexicon(path: Path = LEXICON) -> Lexicon:
    """Read and check the lexicon file; any malformed entry raises LexiconError."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    if not isinstance(data, dict) or data.get("version") != 1:
        raise LexiconError(f"{path}: expected a mapping with 'version: 1'")
    sources = {}
    for sid, spec in (data.get("sources") or {}).items():
        if not isinstance(spec, dict) or not spec.get("title") or not spec.get("url"):
            raise LexiconError(f"{path}: source '{sid}' needs a title and a url")
        sources[sid] = Source(sid, spec["title"], spec["url"])
    classes = _classes(path, data.get("classes") or {})
    entries: list[Entry] = []
    seen: set[str] = set()
    for index, spec in enumerate(data.get("entries") or []):
        entries.append(_entry(path, index, spec, sources, classes, seen))
    if not entries:
        raise LexiconError(f"{path}: the lexicon has no entries")
    return Lexicon(entries, sources, Context(classes))


def _classes(path: Path, raw: object) -> dict[str, frozenset[str]]:
    """Named word classes, shared by the context rules and by entries (as "@name")."""
    if not isinstance(raw, dict):
        raise LexiconError(f"{path}: 'classes' should map names to lists of words")
    classes = {}
    for name, words in raw.items():
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise LexiconError(f"{path}: class '{name}' should be a list of words")
        classes[name] = frozenset(" ".join(w.lower().replace("’", "'").split()) for w in words)
    return classes


def _entry(path: Path, index: int, spec: object, sources: dict[str, Source],
           classes: dict[str, frozenset[str]], seen: set[str]) -> Entry:
    where = f"{path}: entry {index + 1}"
    if not isinstance(spec, dict):
        raise LexiconError(f"{where} should be a mapping")
    eid = spec.get("id")
    if not isinstance(eid, str) or not _ID.match(eid) or eid in seen:
        raise LexiconError(f"{where}: id {eid!r} is missing, malformed or used twice")
    seen.add(eid)
    where = f"{path}: entry '{eid}'"

    def texts(key: str, required: bool = False) -> tuple[str, ...]:
        value = spec.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise LexiconError(f"{where}: '{key}' should be a list of text")
        if required and not value:
            raise LexiconError(f"{where}: '{key}' needs at least one item")
        return tuple(" ".join(v.split()) for v in value)

    def words(key: str, required: bool = False) -> tuple[str, ...]:
        out: list[str] = []
        for v in texts(key, required):
            if v.startswith("@"):
                if v[1:] not in classes:
                    raise LexiconError(f"{where}: '{key}' names an unknown class {v!r}")
                out += sorted(classes[v[1:]])
            else:
                out.append(v.lower().replace("’", "'"))
        return tuple(out)

    if spec.get("category") not in CATEGORIES:
        raise LexiconError(f"{where}: unknown category {spec.get('category')!r}")
    if spec.get("severity") not in SEVERITIES:
        raise LexiconError(f"{where}: severity should be stigmatizing or caution")
    if spec.get("source") not in sources:
        raise LexiconError(f"{where}: unknown source {spec.get('source')!r}")
    if not isinstance(spec.get("why"), str) or not spec["why"].strip():
        raise LexiconError(f"{where}: 'why' is required")
    unknown = set(spec) - {"id", "category", "severity", "phrases", "suggestions", "why",
                           "source", "before", "after", "not_before", "not_after", "prev",
                           "next", "referent"}
    if unknown:
        raise LexiconError(f"{where}: unknown keys {sorted(unknown)}")
    referent = spec.get("referent", "any")
    if referent not in REFERENTS:
        raise LexiconError(f"{where}: referent should be one of {', '.join(REFERENTS)}")
    return Entry(
        id=eid, category=spec["category"], severity=spec["severity"],
        phrases=words("phrases", required=True),
        suggestions=texts("suggestions", required=True),
        why=spec["why"].strip(), source=sources[spec["source"]],
        before=words("before"), after=words("after"),
        not_before=words("not_before"), not_after=words("not_after"),
        prev=words("prev"), next=words("next"), referent=referent,
    )


@cache
def default_lexicon() -> Lexicon:
    """The shipped lexicon, read once per process."""
    return load_lexicon()


def check(text: str) -> list[Finding]:
    """Findings of the shipped lexicon in `text`, in order of position."""
    return default_lexicon().check(text)


def flags(text: str) -> tuple[Flag, ...]:
    """`check` as kept with a reply: the checker a play session is given."""
    return tuple(f.flag() for f in check(text))


def describe(text: str, findings: Sequence[Flag]) -> str:
    """Findings for a terminal: each line of text, carets under each finding, then advice."""
    if not findings:
        return "No stigmatizing or directive language found."
    out: list[str] = []
    offset = 0
    for line in text.splitlines(keepends=True):
        end = offset + len(line)
        here = [f for f in findings if offset <= f.start < end]
        if here:
            out.append(line.rstrip("\n"))
            marks = [" "] * len(line.rstrip("\n"))
            for finding in here:
                for i in range(finding.start - offset, min(finding.end, end) - offset):
                    if i < len(marks):
                        marks[i] = "^"
            out.append("".join(marks).rstrip())
            for finding in here:
                out.append(f"  '{finding.text}' ({CATEGORIES[finding.category]}, "
                           f"{finding.severity}): {finding.why}")
                out.append(f"    try: {'; '.join(finding.suggestions)}")
        offset = end
    count = len(findings)
    out.append(f"{count} finding{'s' * (count != 1)}")
    return "\n".join(out)
