"""The rubric as data: what each dimension means, what it looks like, what to practise.

Taken from shared/RUBRIC.md, which grounds each behaviour in the seeds and the
practice guides (SAMHSA's Core Competencies for Peer Workers, iNAPS, NIDA's
"Words Matter", Stanley–Brown, WRAP). The debrief and, later, the instructor's
reports read it from here so the words a trainee sees are the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from alongside.i18n import _
from alongside.scoring.bands import COMPETENT, DEVELOPING, NOT_YET, PROFICIENT


@dataclass(frozen=True, slots=True)
class Dimension:
    id: str
    name: str
    description: str
    protects: str
    helps: tuple[str, ...]
    harms: tuple[str, ...]
    practise: dict[str, str]


LANGUAGE = Dimension(
    id="language",
    name="Person-first language",
    description="Person-first, non-clinical, non-stigmatizing language that believes the person.",
    protects="The person's identity beyond a diagnosis, being believed, and the peer "
    "relationship's difference from a clinical one.",
    helps=(
        "names the person, not the condition (\"a person living with schizophrenia\")",
        "reflects back the person's own words for their experience",
        "validating, believing language (\"that sounds exhausting\")",
        "recovery language (\"returned to use\", \"in recovery\", \"died by suicide\")",
        "offers, not orders (\"would it help to…\", \"one option is…\")",
    ),
    harms=(
        "the person as a diagnosis (\"a schizophrenic\", \"an addict\")",
        "clinical jargon a peer has no role in (\"decompensating\", \"noncompliant\")",
        "blaming or pathologizing motives (\"manipulative\", \"attention-seeking\")",
        "moralizing words (\"clean/dirty\", \"abuse\", \"committed suicide\")",
        "directive phrasing (\"you should\", \"you need to\")",
    ),
    practise={
        NOT_YET: "Before you answer, name the person rather than the condition, and swap "
        "labels for the person's own words.",
        DEVELOPING: "Listen for clinical words slipping in; reflect the person's own words "
        "back instead, and turn \"you should\" into an offer.",
        COMPETENT: "Keep it up, and notice moralizing words (clean, dirty, abuse) in "
        "quick replies, where they hide.",
        PROFICIENT: "Model this language for others: in group sessions, name why a "
        "person-first phrase matters.",
    },
)

DECISION = Dimension(
    id="decision",
    name="Supported decision-making",
    description="Helping the person explore their own goals, options and past strategies, "
    "and respecting the choice they make.",
    protects="Autonomy and self-determination: goals the person owns rather than "
    "compliance with authority.",
    helps=(
        "open questions about the person's goals, values and past strategies",
        "lays out options and lets the person weigh them",
        "shares lived experience as one possibility (\"what helped me was…\")",
        "respects a choice the peer would not make, while staying honest about risk",
        "co-creates plans in the person's words (WRAP, safety plan)",
    ),
    harms=(
        "telling the person what to do, or deciding for them",
        "one \"right\" answer presented as the only one",
        "lived experience as a prescription (\"do what I did\")",
        "pressure, guilt, or siding with the team against the person's stated wishes",
        "filling in a plan for the person",
    ),
    practise={
        NOT_YET: "Practise one open question before any suggestion: \"What has helped "
        "before?\" or \"What matters most to you here?\"",
        DEVELOPING: "When you share your own story, end it with \"that's what worked for "
        "me — what fits for you?\" so it stays an option.",
        COMPETENT: "Practise staying with a choice you would not make, while naming the "
        "risk honestly.",
        PROFICIENT: "Practise co-writing plans entirely in the person's words, and "
        "notice when you start to fill gaps for them.",
    },
)

ROLE = Dimension(
    id="role",
    name="Role clarity",
    description="Staying a peer: clear about what a peer does and does not do, with "
    "transparent boundaries, honest confidentiality, and safety handled collaboratively.",
    protects="The peer role's distinct value, safety, and trust.",
    helps=(
        "states what a peer does and does not do, warmly and early",
        "declines medical or medication advice and connects to the clinical team or nurse line",
        "decides boundaries by whether they support recovery, fit the role and stay "
        "transparent and safe",
        "explains confidentiality and its limits before they matter",
        "collaborative safety planning; escalation only for imminent risk, least "
        "restrictive, with the person",
    ),
    harms=(
        "advising on doses, diagnoses or treatment choices",
        "dual relationships, secrecy, or rigid refusals that shame (\"rules say I can't\")",
        "promising absolute secrecy",
        "ignoring disclosed risk, or a clinical risk assessment at the first mention",
        "drifting into clinical documentation or case management",
    ),
    practise={
        NOT_YET: "Rehearse a warm one-line description of what you do and don't do as a "
        "peer, and the name of who to connect someone to for medical questions.",
        DEVELOPING: "Practise saying confidentiality's limits at the start, before they "
        "matter, in your own words.",
        COMPETENT: "Practise the boundary questions aloud — does it support recovery, fit "
        "the role, stay transparent and safe?",
        PROFICIENT: "Bring a boundary dilemma to peer supervision and practise explaining "
        "your reasoning.",
    },
)

DIMENSIONS: dict[str, Dimension] = {d.id: d for d in (LANGUAGE, DECISION, ROLE)}

def mark_in_words(mark: int) -> str:
    """A raw -2..+2 score as the trainee reads it, with the number ("helps a lot (+2)")."""
    words = {2: _("helps a lot"), 1: _("helps"), 0: _("neither helps nor harms"),
             -1: _("harms"), -2: _("harms a lot")}[mark]
    return f"{words} ({mark:+d})"


def practise_next(dimension: str, band: str) -> str:
    return DIMENSIONS[dimension].practise[band]

