"""Documents: what a debrief says, laid out once for every renderer.

A `Document` is a title and a sequence of blocks (headings, paragraphs,
label-value fields, tables, lists and asides). The debrief page
renders it as rich text, the instructor's PDF and the command line will
render the same blocks, so the words and their order are decided here, not
in each screen. Words pass through the translation seam.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from alongside.engine.policy import Policy
from alongside.i18n import _
from alongside.scoring.bands import band_label
from alongside.scoring.debrief import Debrief, DecisionReview, OwnWords

PLAIN, QUOTE, NOTE, STRONG = "plain", "quote", "note", "strong"


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Text in one tone: plain, a quote (said in the scenario), a note (smaller,
    secondary) or strong (a conclusion the reader must not miss)."""

    text: str
    tone: str = PLAIN


@dataclass(frozen=True, slots=True)
class Fields:
    """Label and value pairs, read in order ("You chose: ...", "Why it matters: ...")."""

    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Items:
    texts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Aside:
    """Something to think about, behind its `label`: a screen shows it folded until
    asked (a trainee reading alone reflects on it), a printed page shows it open."""

    label: str
    text: str


Block = Heading | Paragraph | Fields | Table | Items | Aside


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Remark:
    """An instructor's comment as the trainee reads it: who wrote it, when (in words),
    and what they said."""

    author: str
    when: str
    text: str


@dataclass(frozen=True, slots=True)
class Remarks:
    """The instructors' comments on one attempt: on the whole of it, beside decision
    number n (from 0, in the debrief's order), and on choices later taken back."""

    attempt: tuple[Remark, ...] = ()
    decisions: Mapping[int, tuple[Remark, ...]] = field(default_factory=dict)
    taken_back: tuple[Remark, ...] = ()


def _remarks(remarks: tuple[Remark, ...]) -> list[Block]:
    return [Fields(((_("Instructor's comment ({author}, {when})").format(
        author=r.author, when=r.when), r.text),)) for r in remarks]


def _on_attempt(remarks: Remarks) -> list[Block]:
    if not remarks.attempt and not remarks.taken_back:
        return []
    blocks: list[Block] = [Heading(_("Your instructor's comments")), *_remarks(remarks.attempt)]
    if remarks.taken_back:
        blocks += [Paragraph(_("On a step you took back or left unfinished:"), NOTE),
                   *_remarks(remarks.taken_back)]
    return blocks


def ending_heading(kind: str | None) -> str:
    return {"strong": _("A strong ending"), "mixed": _("A mixed ending"),
            "harmful": _("A harmful ending")}.get(kind or "", _("The ending"))


def result_line(debrief: Debrief, policy: Policy) -> str:
    """"Passed (assessment)" and the like: the verdict in a few words, with what it counts for."""
    verdict = _("Passed") if debrief.passed else _("Not yet passed")
    if policy.counts_towards_certification:
        return _("{verdict} ({mode})").format(verdict=verdict, mode=policy.id)
    return _("{verdict} ({mode} — does not count towards certification)").format(
        verdict=verdict, mode=policy.id)


def _scores(debrief: Debrief) -> Table:
    rows = []
    for d in debrief.dimensions:
        score = _("not assessed") if d.score is None else f"{d.score:.2f}"
        band = band_label(d.band) if d.band else "—"
        rows.append((f"{d.name}\n{d.description}", score, band, d.practise_next or ""))
    return Table((_("Skill"), _("Score"), _("Band"), _("What to practise next")), tuple(rows))


def _decision(number: int, review: DecisionReview) -> list[Block]:
    blocks: list[Block] = [Heading(_("Decision {number}").format(number=number), 3)]
    if review.prompt:
        blocks.append(Paragraph(review.prompt, QUOTE))
    marks = ", ".join(f"{m.name}: {m.words}" for m in review.marks)
    blocks.append(Fields(((_("You chose"), f"“{review.chosen.text}”"),
                          (_("Why it matters"), review.chosen.feedback))))
    if marks:
        blocks.append(Paragraph(marks, NOTE))
    if review.critical:
        blocks.append(Fields(((_("Critical error"), review.critical),)))
    if review.was_best:
        blocks.append(Paragraph(_("This was the best available response."), STRONG))
    for best in () if review.was_best else review.best:
        blocks.append(Fields(((_("The best available response"), f"“{best.text}”"),
                              (_("Why"), best.feedback))))
    if review.discussion:  # written for a class's discussion; alone, a question to reflect on
        blocks.append(Aside(_("A question to think about"), review.discussion))
    return blocks


def _own_words(replies: tuple[OwnWords, ...]) -> list[Block]:
    blocks: list[Block] = [Heading(_("In your own words"))]
    for reply in replies:
        blocks.append(Paragraph(f"“{reply.text}”", QUOTE))
        if not reply.flags:
            blocks.append(Paragraph(_("No language concerns found.")))
        for flag in reply.flags:
            blocks.append(Fields(((f"“{flag.text}”", _("try: {words}. {why}").format(
                words=", ".join(flag.suggestions), why=flag.why)),)))
    return blocks


def debrief_document(debrief: Debrief, title: str, policy: Policy,
                     remarks: Remarks | None = None) -> Document:
    """The debrief of one attempt of the scenario called `title`, played under `policy`,
    with the instructors' `remarks` at the top and beside their decisions."""
    remarks = remarks or Remarks()
    blocks: list[Block] = _on_attempt(remarks)
    if debrief.ended:
        blocks += [Heading(ending_heading(debrief.ending_kind)),
                   Paragraph(debrief.ending_text, QUOTE)]
        if debrief.debrief_text:
            blocks.append(Paragraph(debrief.debrief_text))
    else:
        blocks.append(Heading(_("This attempt did not reach an ending")))
    blocks += [Heading(result_line(debrief, policy)), Paragraph(debrief.verdict),
               Heading(_("Your scores")), _scores(debrief)]
    if debrief.critical:
        blocks += [Heading(_("Critical errors")),
                   Items(tuple(_("Critical error: {reason}").format(reason=c.reason)
                               for c in debrief.critical))]
    blocks.append(Heading(_("Your path, decision by decision")))
    for number, review in enumerate(debrief.decisions, start=1):
        blocks += _decision(number, review) + _remarks(remarks.decisions.get(number - 1, ()))
    if debrief.own_words:
        blocks += _own_words(debrief.own_words)
    return Document(_("Debrief: {title}").format(title=title), tuple(blocks))
