"""When a lexicon phrase is in a sentence but the sentence does not use it of a person.

The lexicon's own filters (`before`, `after`, `prev`, `next`) keep one entry
to its stigmatising sense. The rules here are the ones every entry shares,
decided from the words around a match and the word classes the lexicon
defines (`classes:` in `lexicon.yaml`), never from a list of sentences:

- *mention*: the sentence talks about the word instead of using it: the word
  in quotation marks beside a word like "called", "word" or "say" ("people
  called her "crazy""), or named as a word ("the word addict", "terms like
  junkie or crackhead"), or inside a quotation the sentence gives to
  someone else ("his notes read "refused evening medication""). A quoted
  line the speaker writes themselves ("I'll put it as "social withdrawal"")
  is still a use, so quotation marks alone are not enough.
- *proper noun*: a capitalised word mid-sentence, or at the start of a
  sentence with a capitalised neighbour, names something ("the Crazy Horse
  Memorial", "Clean Slate Program", "we watched Psycho"). All-capitals words
  are not names ("OCD", shouting).
- *referent*: entries marked `referent: person` describe people, so a nearer
  animal, thing or body part ends the match ("the puppy whines for
  attention", "the roof suffers from leaks"); `referent: subject` is the
  chart register ("presented as", "denies", "reports"), which is a finding
  only when its subject is a person or absent (a chart fragment: "Denies
  elevated mood.").
- *directive*: "you should" directs nobody when it reports or reflects
  someone else's view ("your PO said you have to", "it sounds like you feel
  you have to"), sits where the person decides ("it's up to you whether you
  should"), looks back ("you should have seen her face", "you shouldn't
  have to fight this hard") or predicts ("you should be all set").
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_TOKEN = re.compile(r"[\w'’]+")
_SENTENCE_END = re.compile(r"[.!?;\n]")
_CLAUSE_END = re.compile(r"[.!?;:,\n—–()\"“]|\s-\s|\b(?:but|though|although|however|yet)\b",
                         re.IGNORECASE)
_QUOTES = ("\"", "“", "”")
_OPEN_QUOTE = re.compile(r"[\"“‘'](?:(?:a|an|the)\s+)?\Z", re.IGNORECASE)
_CLOSE_QUOTE = re.compile(r"[.,!?;:]?[\"”’']")
_SKIP = frozenset("""a an the is was are were be been being has have had so very really just
    also always still now again then today often sometimes initially who that which and
    did does do not never kind of sort quite pretty totally completely may might can could
    would will must to currently recently appears appeared seems seemed""".split())
_NOT_A_NAME = _SKIP | frozenset(
    "it this that there here what which these those everything nothing".split())
_NEGATORS = frozenset(("not", "never", "n't", "nobody", "nobody's", "no"))
_PRONOUN_I = frozenset(("I", "I'm", "I've", "I'd", "I'll"))
_OPINION_HOLDERS = frozenset(("i", "we", "i'd", "we'd", "i'm"))


def _tokens(text: str) -> list[str]:
    return [t.lower().replace("’", "'") for t in _TOKEN.findall(text)]


def _base(token: str) -> str:
    """A token without its possessive or plural ending, to look it up in a word class."""
    if token.endswith("'s"):
        token = token[:-2]
    return token.rstrip("'")


def _clause_before(text: str, start: int) -> str:
    piece = text[max(0, start - 120):start]
    ends = list(_CLAUSE_END.finditer(piece))
    return piece[ends[-1].end():] if ends else piece


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    low = max(0, start - 160)
    cut = list(_SENTENCE_END.finditer(text, low, start))
    left = cut[-1].end() if cut else low
    stop = _SENTENCE_END.search(text, end, end + 160)
    return left, stop.start() if stop else min(len(text), end + 160)


def _sentence_around(text: str, start: int, end: int) -> str:
    left, right = _sentence_bounds(text, start, end)
    return text[left:right]


_CONTRAST = re.compile(r"\b(?:but|though|although|however)\b", re.IGNORECASE)


def _segment_around(text: str, start: int, end: int) -> str:
    """The sentence around a match, cut at contrastive words ("it's your call, but...")."""
    left, right = _sentence_bounds(text, start, end)
    for cut in _CONTRAST.finditer(text, left, right):
        if cut.end() <= start:
            left = cut.end()
        elif cut.start() >= end:
            right = cut.start()
            break
    return text[left:right]


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?:;\"“‘'(—–\n" or before.endswith(" -")


class Context:
    """The shared rules, over the lexicon's word classes."""

    def __init__(self, classes: Mapping[str, frozenset[str]]) -> None:
        empty: frozenset[str] = frozenset()
        self.person = classes.get("person", empty)
        self.non_person = classes.get("non-person", empty)
        self.mention_cues = classes.get("mention-cues", empty)
        self.mention_nouns = classes.get("mention-nouns", empty)
        self.report_verbs = classes.get("report-verbs", empty)
        self.autonomy = tuple(classes.get("autonomy", empty))
        self.looking_back = classes.get("looking-back", empty)
        self.predictions = classes.get("predictions", empty)

    def excludes(self, text: str, start: int, end: int, category: str, referent: str) -> bool:
        """Whether the match at text[start:end] is not a finding, whatever the entry says."""
        if self._mention(text, start, end) or self._proper_noun(text, start, end):
            return True
        if referent == "person" and self._thing_nearby(text, start):
            return True
        if referent == "subject" and not self._person_subject(text, start):
            return True
        return category == "directive" and self._not_directing(text, start, end)

    def _mention(self, text: str, start: int, end: int) -> bool:
        quoted = (_OPEN_QUOTE.search(text[max(0, start - 6):start]) is not None
                  and _CLOSE_QUOTE.match(text, end) is not None)
        if quoted:
            around = _tokens(_sentence_around(text, start, end))
            return any(_base(t) in self.mention_cues for t in around)
        if self._attributed_quote(text, start, end):
            return True
        before = _tokens(_clause_before(text, start))[-6:]
        for i in range(len(before) - 1, -1, -1):
            if before[i] in self.mention_nouns and (i == 0 or before[i - 1] not in ("other", "my")):
                between = before[i + 1:]
                if not between:
                    return True
                return between[0] in ("like", "as", "such") and len(between) <= 4
        return False

    def _attributed_quote(self, text: str, start: int, end: int) -> bool:
        """Inside quotation marks opened just after another's reporting verb ("notes read")."""
        left, right = _sentence_bounds(text, start, end)
        opening = max(text.rfind(q, left, start) for q in _QUOTES)
        if opening < 0 or not any(text.find(q, end, right + 2) >= 0 for q in _QUOTES):
            return False
        if sum(text.count(q, left, opening) for q in _QUOTES) % 2:
            return False
        words = _tokens(text[left:opening])[-3:]
        if not words or words[-1] not in self.report_verbs:
            return False
        return len(words) < 2 or words[-2] not in _OPINION_HOLDERS

    @staticmethod
    def _proper_noun(text: str, start: int, end: int) -> bool:
        word = text[start:end]
        first = word.split()[0].replace("’", "'")
        if not word[0].isupper() or (len(first) > 1 and first.isupper()) or first in _PRONOUN_I:
            return False
        if not _sentence_initial(text, start):
            return True
        following = _TOKEN.match(text[end:].lstrip())
        neighbour = following.group() if following else ""
        return (neighbour[:1].isupper() and neighbour not in ("I", "I'm", "I’m")
                and not neighbour.isupper())

    def _nearest_referent(self, text: str, start: int) -> str | None:
        """'person', 'thing' or None: the nearest word before the match that names one."""
        for token in reversed(_tokens(_clause_before(text, start))[-5:]):
            base = _base(token)
            if base in self.non_person:
                return "thing"
            if base in self.person:
                return "person"
        return None

    def _thing_nearby(self, text: str, start: int) -> bool:
        return self._nearest_referent(text, start) == "thing"

    def _person_subject(self, text: str, start: int) -> bool:
        clause = _clause_before(text, start)
        words = [t for t in _tokens(clause) if t not in _SKIP]
        if not words:
            return True
        last = _base(words[-1])
        if last in self.person:
            return True
        names = [w for w in _TOKEN.findall(clause) if w.lower() not in _NOT_A_NAME]
        return bool(names) and names[-1][:1].isupper()

    def _not_directing(self, text: str, start: int, end: int) -> bool:
        segment = _segment_around(text, start, end).lower().replace("’", "'")
        if any(marker in segment for marker in self.autonomy):
            return True
        before = _tokens(_clause_before(text, start))
        while before and before[-1] in ("that", "like", "really", "just", "honestly"):
            before.pop()
        if before and before[-1] in self.report_verbs:
            holder = [t for t in before[:-1] if t not in ("really", "do", "honestly", "just")]
            negated = bool(holder) and (holder[-1] in _NEGATORS or holder[-1].endswith("n't")
                                        or holder[-1] == "nobody's")
            if negated or not holder or holder[-1] not in _OPINION_HOLDERS:
                return True
        after = _tokens(text[end:end + 40])[:2]
        if not after:
            return False
        if after[0] in ("have", "'ve") and len(after) > 1 and (
                after[1] in self.looking_back or after[1] == "to"):
            return True
        return after[0] == "be" and len(after) > 1 and after[1] in self.predictions
