"""A new scenario's first text: every required key, one decision, two endings.

An author starts from something that plays and validates cleanly, then edits
it; the comments say what each part is for and point to FORMAT.md. The text is
checked with the loader before it is handed out, so a title that the format
cannot hold (too long, a control character) is refused here, in words, rather
than written to a file that would not load.
"""

from __future__ import annotations

import json
import re
import unicodedata

from alongside.engine.load import load_text
from alongside.engine.reader import ID
from alongside.engine.vocabulary import SCENARIO_ID_MAX

_NOT_ID = re.compile(r"[^a-z0-9]+")
_YAML_BREAKS = {ord(c): f"\\u{ord(c):04x}" for c in "\x85\u2028\u2029"}

TEMPLATE = """\
# A new scenario. The guide to every key is dialogues/FORMAT.md; check your work with
#   alongside validate {id}.yaml
format: 1
id: {id}  # must stay equal to the file name
title: {title}
summary: One sentence the library shows about this conversation.
setting: community
competencies: [role-clarity]
difficulty: 1
minutes: 5
characters:
  jordan: {{name: Jordan, pronouns: they/them, portrait: jordan}}
variables:
  trust: {{start: 2, min: 0, max: 5, label: Trust, shown: true}}
start: opening
nodes:
  opening:
    speaker: jordan
    mood: worried
    text: What the person says first, in their own words.
    choices:
      - id: explore
        text: That sounds hard. What would help you most right now?
        scores: {{language: 2, decision: 2, role: 2}}
        feedback: An open question keeps the decision with the person.
        effects: {{trust: 1}}
        next: check
      - id: decide-for-them
        text: Here is what you should do.
        scores: {{language: 0, decision: -2, role: -1}}
        feedback: Deciding for someone takes the choice away from them.
        effects: {{trust: -1}}
        next: check
  check:
    branch:
      - if: trust >= 3
        next: together
      - next: apart
  together:
    ending: strong
    text: Jordan chooses a next step, with you beside them.
    debrief: You kept the choice with Jordan and stayed in the peer role.
  apart:
    ending: mixed
    text: Jordan goes along with your plan, but it is not theirs.
    debrief: A plan made for someone is easier to drop than one they chose.
"""


def scenario_id_for(title: str) -> str:
    """An id for `title`: its letters and digits in lower case, words joined by single
    hyphens, accents dropped ("Café, à deux!" → "cafe-a-deux"); "" if none is left."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = _NOT_ID.sub("-", plain.lower()).strip("-")
    return words[:SCENARIO_ID_MAX].rstrip("-")


def id_problem(scenario_id: str, taken: set[str] | frozenset[str] = frozenset()) -> str | None:
    """Why `scenario_id` cannot name a new scenario, in words; None if it can."""
    if not scenario_id:
        return "Give the scenario an id: lower-case letters and digits, joined by hyphens."
    if len(scenario_id) > SCENARIO_ID_MAX:
        return f"The id is longer than {SCENARIO_ID_MAX} characters."
    if not ID.match(scenario_id):
        return ("The id may use only lower-case letters, digits and single hyphens "
                "between them.")
    if scenario_id in taken:
        return f"The id '{scenario_id}' is already used by a scenario in the library."
    return None


def new_scenario_text(scenario_id: str, title: str) -> str:
    """The text of a new scenario file `<scenario_id>.yaml` titled `title`.

    Raises ValueError, with a sentence saying what is wrong, for an id or title the
    format does not accept.
    """
    title = title.strip()
    problem = id_problem(scenario_id) or (None if title else "Give the scenario a title.")
    if problem:
        raise ValueError(problem)
    # JSON's quoting is YAML's, but for the line breaks YAML knows and JSON does not.
    quoted = json.dumps(title, ensure_ascii=False).translate(_YAML_BREAKS)
    text = TEMPLATE.format(id=scenario_id, title=quoted)
    errors = [p for p in load_text(text, f"{scenario_id}.yaml", stem=scenario_id).problems
              if p.is_error]
    if errors:
        raise ValueError(f"The title cannot be used: {errors[0].message}.")
    return text
