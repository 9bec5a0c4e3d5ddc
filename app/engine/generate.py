"""Generate large valid scenarios for benchmarks and property tests.

The text lengths follow the library's real scenarios (a line of speech is a
sentence or three, feedback a few sentences) so that parsing time is realistic.
"""

from __future__ import annotations

import random

_WORDS = (
    "I you we it that this what when maybe could would feel felt tonight week nurse "
    "plan option help helped before after talk listen worried hard tired hope trust "
    "voices sleep call friend family choice time again together person support "
    "decide remember okay really think sounds like about with for the a and"
).split()


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _quoted(text: str) -> str:
    return '"' + text + '"'


def _header(scenario_id: str) -> list[str]:
    return [
        "format: 1",
        f"id: {scenario_id}",
        "title: Generated scenario",
        "summary: A long generated conversation used to measure the loader.",
        "setting: community",
        "competencies: [role-clarity, supported-decision-making]",
        "difficulty: 2",
        "minutes: 30",
        "characters:",
        "  sam: {name: Sam, pronouns: she/her, portrait: sam}",
        "variables:",
        "  trust: {start: 2, min: 0, max: 5, label: Trust, shown: true}",
        "start: s0",
        "nodes:",
    ]


def _block(rng: random.Random, b: int, following: str) -> list[str]:
    """Speech s<b>, decision d<b> with three choices, and branch b<b> on to `following`."""
    out = [
        f"  s{b}:",
        "    speaker: sam",
        "    mood: worried",
        f"    text: {_quoted(_sentence(rng, rng.randint(12, 40)))}",
        f"    next: d{b}",
        f"  d{b}:",
        "    speaker: sam",
        f"    text: {_quoted(_sentence(rng, rng.randint(8, 30)))}",
        "    choices:",
    ]
    marks = [-2, 0, 2]
    rng.shuffle(marks)
    for c, mark in enumerate(marks):
        out += [
            f"      - id: c{c}",
            f"        text: {_quoted(_sentence(rng, rng.randint(8, 30)))}",
            f"        scores: {{language: {mark // 2}, decision: {mark}, role: {-mark // 2}}}",
            f"        feedback: {_quoted(_sentence(rng, rng.randint(20, 50)))}",
            f"        effects: {{trust: {mark // 2}}}",
            f"        next: b{b}",
        ]
    exits = (
        "      - if: trust >= 5\n        next: end-mixed\n"
        "      - if: trust <= 0\n        next: end-harmful"
        if b % 5 == 0
        else f"      - if: trust >= 4 and not (trust == 5)\n        next: {following}"
    )
    return [*out, f"  b{b}:", "    branch:", exits, f"      - next: {following}"]


def scenario_yaml(nodes: int, seed: int = 0, scenario_id: str = "generated") -> str:
    """A valid format-1 scenario of about `nodes` nodes with 3 choices per decision.

    Nodes form a chain of blocks (speech, decision, branch), each decision's
    three choices all leading on to the next block, so every node is reachable
    and every node reaches one of the three endings at the end.
    """
    rng = random.Random(seed)
    out = _header(scenario_id)
    blocks = max(1, (nodes - 3) // 3)
    for b in range(blocks):
        out += _block(rng, b, f"s{b + 1}" if b + 1 < blocks else "end-strong")
    for kind in ("strong", "mixed", "harmful"):
        out += [
            f"  end-{kind}:",
            f"    ending: {kind}",
            f"    text: {_quoted(_sentence(rng, 20))}",
            f"    debrief: {_quoted(_sentence(rng, 40))}",
        ]
    return "\n".join(out) + "\n"


def chain_yaml(decisions: int, scenario_id: str = "chain") -> str:
    """A valid scenario that is one long chain of two-choice decisions, then an ending.

    The shape that once made `validate` quadratic; short lines keep 10,000
    decisions under the 2 MiB file limit.
    """
    out = _header(scenario_id)[:8] + ["start: d0", "nodes:"]
    for d in range(decisions):
        following = f"d{d + 1}" if d + 1 < decisions else "end"
        out += [
            f"  d{d}:",
            f"    text: Decision {d}.",
            "    choices:",
            f"      - {{id: a, text: Yes., feedback: Good., next: {following}, "
            "scores: {role: 2}}",
            f"      - {{id: b, text: No., feedback: Less so., next: {following}, "
            "scores: {role: 0}}",
        ]
    out += ["  end:", "    ending: strong", "    text: The end."]
    return "\n".join(out) + "\n"


def _speech(node: str, text: str, following: str, speaker: bool = True) -> list[str]:
    said = ["    speaker: sam", "    mood: worried"] if speaker else []
    return [f"  {node}:", *said, f"    text: {_quoted(text)}", f"    next: {following}"]


def _decision(rng: random.Random, b: int, targets: list[str]) -> list[str]:
    """Decision d<b>: the best, a mixed and a poor choice to `targets`, in any order."""
    out = [f"  d{b}:", "    speaker: sam", f"    text: {_quoted(_sentence(rng, 14))}",
           "    choices:"]
    marks = list(zip((2, 0, -2), targets, strict=True))
    rng.shuffle(marks)
    for c, (mark, target) in enumerate(marks):
        out += [
            f"      - id: c{c}",
            f"        text: {_quoted(_sentence(rng, rng.randint(8, 24)))}",
            f"        scores: {{language: {mark // 2}, decision: {mark}, role: {mark // 2}}}",
            f"        feedback: {_quoted(_sentence(rng, rng.randint(15, 35)))}",
            f"        effects: {{trust: {mark // 2}}}",
            f"        next: {target}",
        ]
    return out


def _scene(rng: random.Random, b: int, following: str, ahead: str) -> list[str]:
    """One scene of a branching scenario: a line, a decision whose best answer goes on
    (sometimes by a narrated beat), whose mixed one takes a detour that comes back,
    and whose poor one ends the conversation or leads to being asked again; every
    third scene closes with a branch on trust that may skip a scene or end early."""
    join = f"b{b}" if b % 3 == 2 else following
    best = f"n{b}" if rng.random() < 0.5 else join
    poor = f"e{b}" if rng.random() < 0.5 else f"a{b}"
    out = _speech(f"s{b}", _sentence(rng, rng.randint(12, 40)), f"d{b}")
    out += _decision(rng, b, [best, f"r{b}", poor])
    if best != join:
        out += _speech(f"n{b}", _sentence(rng, 20), join, speaker=False)
    detour = rng.random() < 0.5
    out += _speech(f"r{b}", _sentence(rng, 18), f"q{b}" if detour else join)
    if detour:
        out += _speech(f"q{b}", _sentence(rng, 16), join, speaker=False)
    if poor == f"a{b}":
        out += _speech(f"a{b}", _sentence(rng, 12), f"d{b}")
    else:
        out += [f"  e{b}:", f"    ending: {rng.choice(('mixed', 'harmful'))}",
                f"    text: {_quoted(_sentence(rng, 20))}",
                f"    debrief: {_quoted(_sentence(rng, 40))}"]
    if join != following:
        out += [f"  b{b}:", "    branch:", f"      - if: trust >= 4\n        next: {ahead}",
                f"      - if: trust <= 0\n        next: end-{'harmful' if b % 6 == 2 else 'mixed'}",
                f"      - next: {following}"]
    return out


def branching_yaml(nodes: int, seed: int = 0, scenario_id: str = "branching") -> str:
    """A valid scenario of about `nodes` nodes shaped like the library's, for the map.

    Scenes follow one another (see `_scene`): three choices per decision leading
    apart and meeting again, detours, loops back to a decision, early endings and
    branches that skip ahead, with speech, narration, decisions, branches and
    endings in about the library's proportions. Every node is reachable and
    reaches an ending; the best answers pass.
    """
    rng = random.Random(seed)
    scenes: list[list[str]] = []
    count = 3
    while count < nodes:
        scene = _scene(rng, len(scenes), "{following}", "{ahead}")
        scenes.append(scene)
        count += sum(1 for line in scene if line.startswith("  ") and line[2] != " ")
    out = _header(scenario_id)
    for b, scene in enumerate(scenes):
        following = f"s{b + 1}" if b + 1 < len(scenes) else "end-strong"
        ahead = f"s{b + 2}" if b + 2 < len(scenes) else "end-strong"
        out += [line.replace("{following}", following).replace("{ahead}", ahead)
                for line in scene]
    text = "\n".join(out)
    for kind in ("strong", "mixed", "harmful"):
        if f"next: end-{kind}" in text:
            out += [f"  end-{kind}:", f"    ending: {kind}",
                    f"    text: {_quoted(_sentence(rng, 20))}",
                    f"    debrief: {_quoted(_sentence(rng, 40))}"]
    return "\n".join(out) + "\n"
