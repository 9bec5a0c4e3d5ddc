"""Small hand-made scenarios whose scores are computed by hand in the tests."""

TWO_DECISIONS = """\
format: 1
id: two
title: Two decisions
summary: Used to check scores by hand.
setting: community
competencies: [role-clarity]
difficulty: 1
minutes: 5
characters:
  ana: {name: Ana, pronouns: she/her}
variables:
  trust: {start: 4, min: 0, max: 5}
  hope: {start: 1, min: 0, max: 3}
start: intro
nodes:
  intro:
    text: Ana sits down across from you.
    next: d1
  d1:
    speaker: ana
    text: I don't know what to do.
    choices:
      - id: a
        text: A
        scores: {language: 2, decision: -2, role: 0}
        feedback: fa
        effects: {trust: 3, hope: -5}
        next: d2
      - id: b
        text: B
        scores: {language: 0, decision: 2, role: 0}
        feedback: fb
        effects: {trust: -1}
        next: d2
      - id: c
        text: C
        scores: {language: -2, decision: 0, role: 0}
        feedback: fc
        next: gate
  d2:
    speaker: ana
    text: And then?
    choices:
      - id: x
        text: X
        scores: {decision: 1, role: 2}
        feedback: fx
        next: gate
      - id: y
        text: Y
        scores: {decision: -1, role: -2}
        critical: Promised absolute secrecy
        feedback: fy
        next: gate
  gate:
    branch:
      - if: trust >= 5
        next: strong
      - if: hope == 0 or trust < 3
        next: harmful
      - next: mixed
  strong:
    ending: strong
    text: S
  mixed:
    ending: mixed
    text: M
  harmful:
    ending: harmful
    text: H
"""
