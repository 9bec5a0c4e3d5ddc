"""An imported attempt's results, worked out again from its steps, never taken on trust.

A bundle states each attempt's scores, bands, pass and critical choices, and
anyone can edit those and recompute the checksum. So the importer plays every
attempt's steps again on the scenario version it carries, under the rules of
its mode, and keeps what the engine finds; an attempt whose stated results
differ, whose steps name a node or choice the scenario does not offer at that
point, or whose times cannot have happened, refuses the whole file and is
named. What this cannot catch: an attempt really played, but with someone's
help, or a practice attempt with no going back relabelled as an assessment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from alongside.engine.model import DECISION, ENDING, Scenario
from alongside.engine.policy import policy_for
from alongside.engine.session import PlaySession
from alongside.engine.vocabulary import DIMENSIONS
from alongside.scoring.attempt import AttemptScore, score_attempt
from alongside.store.bundle.records import AttemptRecord, BundleError

CLOCK_SKEW = timedelta(minutes=10)  # how far ahead a trainee's laptop clock may run


@dataclass(frozen=True, slots=True)
class Derived:
    """What an attempt's steps give: the outcome, the ending reached, and the status."""

    outcome: AttemptScore
    ending: str | None
    status: str


def _take(session: PlaySession, attempt: AttemptRecord, where: str) -> None:
    for step in attempt.steps:
        at = f"{where} step {step.seq}"
        if step.kind == "back":
            if session.decisions[-1:] != [(step.node, step.choice)]:
                raise BundleError(f"{at} takes back '{step.choice}' at '{step.node}', which "
                                  "was not the last decision")
            session.back()
        elif step.node != session.state:
            raise BundleError(f"{at} is at node '{step.node}', but the scenario is at "
                              f"'{session.state}' then")
        elif step.kind == "reply" and (session.node.kind != DECISION
                                       or session.node.free_text is None):
            raise BundleError(f"{at} is a reply at '{step.node}', which invites none")
        elif step.kind == "choice":
            session.choose(step.choice or "")


def derive(attempt: AttemptRecord, scenario: Scenario, where: str) -> Derived:
    """Play the attempt's steps again; BundleError names the first step that cannot be."""
    session = PlaySession(scenario, policy=policy_for(attempt.mode)).start()
    try:
        _take(session, attempt, where)
    except ValueError as exc:  # not offered, nothing to take back, not allowed in this mode
        raise BundleError(f"{where}: {exc}") from None
    finally:
        session.close()
    ended = scenario.nodes[session.state].kind == ENDING
    ending = session.state if ended else None
    status = "finished" if ended else ("abandoned" if attempt.status == "abandoned"
                                       else "in-progress")
    return Derived(score_attempt(scenario, session.decisions, ended), ending, status)


def differences(attempt: AttemptRecord, derived: Derived) -> list[str]:
    """Where the stated results differ from the derived ones, in words."""
    found = []
    if attempt.status != derived.status:
        found.append(f"status '{attempt.status}' stated, '{derived.status}' found")
    if attempt.ending != derived.ending:
        found.append(f"ending {attempt.ending!r} stated, {derived.ending!r} found")
    outcome = derived.outcome
    for d in DIMENSIONS:
        stated, found_score = attempt.scores[d], outcome.scores[d]
        if (stated is None) != (found_score is None) or (
                stated is not None and found_score is not None
                and round(stated, 3) != found_score):
            found.append(f"{d} score {stated} stated, {found_score} found")
        if attempt.bands[d] != outcome.bands[d]:
            found.append(f"{d} band {attempt.bands[d]!r} stated, {outcome.bands[d]!r} found")
    if attempt.passed != outcome.passed:
        found.append(f"passed {attempt.passed} stated, {outcome.passed} found")
    if attempt.critical_count != len(outcome.critical):
        found.append(f"{attempt.critical_count} critical choices stated, "
                     f"{len(outcome.critical)} found")
    return found


def implausible_time(attempt: AttemptRecord, now: datetime) -> str | None:
    """Why the attempt's times cannot have happened, or None."""
    latest = now + CLOCK_SKEW
    if attempt.started_at > latest:
        return "it starts in the future"
    if attempt.finished_at is not None:
        if attempt.finished_at < attempt.started_at:
            return "it finishes before it starts"
        if attempt.finished_at > latest:
            return "it finishes in the future"
    before = attempt.started_at
    for step in attempt.steps:
        if step.at < before:
            return f"step {step.seq} happens before the step or start before it"
        if step.at > latest or (attempt.finished_at is not None
                                and step.at > attempt.finished_at + CLOCK_SKEW):
            return f"step {step.seq} happens after the attempt finished or in the future"
        before = step.at
    return None
